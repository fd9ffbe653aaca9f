import { Testing } from 'cdk8s';
import { AllowDns, ErrorCode, Peer, Selector, Subject } from '../../lib';
import { chartIn, netpolError, policiesOf } from '../support/helpers';

describe('AllowDns', () => {
  test('can allow every pod to reach the cluster DNS on UDP and TCP 53', () => {
    const chart = chartIn('prod');
    new AllowDns(chart, 'Dns');
    const [policy] = policiesOf(chart);
    expect(policy.metadata.name).toBe('allow-dns');
    expect(policy.spec).toEqual({
      egress: [{
        ports: [{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }],
        to: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        }],
      }],
      podSelector: {},
      policyTypes: ['Egress'],
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('can narrow the subject, change the DNS peer and add node-local DNS addresses', () => {
    const chart = chartIn('prod');
    new AllowDns(chart, 'Dns', {
      subject: Subject.pods(Selector.labels({ app: 'api' })),
      dnsPeer: Peer.podsInNamespace('dns', Selector.labels({ app: 'coredns' })),
      nodeLocalDnsAddresses: ['169.254.20.10', 'fd00::a/128'],
    });
    const [policy] = policiesOf(chart);
    expect(policy.metadata.name).toBe('allow-dns-api');
    expect(policy.spec.podSelector).toEqual({ matchLabels: { app: 'api' } });
    expect(policy.spec.egress[0].to).toEqual([
      { ipBlock: { cidr: '169.254.20.10/32' } },
      { ipBlock: { cidr: 'fd00::a/128' } },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dns' } }, podSelector: { matchLabels: { app: 'coredns' } } },
    ]);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('throws naming the node-local address that is malformed', () => {
    const error = netpolError(() => new AllowDns(chartIn(), 'Dns', { nodeLocalDnsAddresses: ['169.254.20.10', '169.254.20'] }));
    expect(error.code).toBe(ErrorCode.CIDR_MALFORMED);
    expect(error.field).toBe('nodeLocalDnsAddresses[1]');
    expect(error.value).toBe('169.254.20');
  });
});
