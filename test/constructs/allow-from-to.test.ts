import { Testing } from 'cdk8s';
import { AllowFrom, AllowTo, ErrorCode, LabelExpression, Peer, Port, Selector, Subject } from '../../lib';
import { chartIn, netpolError, policiesOf } from '../support/helpers';

const api = Subject.pods(Selector.labels({ app: 'api' }));

describe('AllowFrom', () => {
  test('can allow ingress from several peers (OR) on several ports', () => {
    const chart = chartIn('prod');
    new AllowFrom(chart, 'Clients', {
      subject: api,
      peers: [Peer.pods(Selector.labels({ app: 'web' })), Peer.podsInNamespace('monitoring', Selector.labels({ app: 'prometheus' }))],
      ports: [Port.tcp(8080), Port.named('metrics')],
    });
    const [policy] = policiesOf(chart);
    expect(policy.metadata.name).toBe('api-ingress-from-ns-monitoring-prometheus-and-web');
    expect(policy.spec).toEqual({
      ingress: [{
        from: [
          // One item with both selectors: prometheus pods AND namespace monitoring.
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } },
          { podSelector: { matchLabels: { app: 'web' } } },
        ],
        ports: [{ port: 8080, protocol: 'TCP' }, { port: 'metrics', protocol: 'TCP' }],
      }],
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('renders a peer pinned to the policy namespace as a bare podSelector', () => {
    const chart = chartIn('prod');
    new AllowFrom(chart, 'Same', { subject: api, peers: [Peer.podsInNamespace('prod', Selector.labels({ app: 'web' }))], ports: [Port.HTTP] });
    expect(policiesOf(chart)[0].spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: { app: 'web' } } }]);
  });

  test('can allow every peer and every port only when said explicitly', () => {
    const chart = chartIn('prod');
    new AllowFrom(chart, 'Open', { subject: api, peers: [Peer.anywhere()], ports: [Port.allPorts()] });
    const [policy] = policiesOf(chart);
    expect(policy.metadata.name).toBe('api-ingress-from-anywhere');
    expect(policy.spec.ingress).toEqual([{}]);
  });

  test('throws RULE_WITHOUT_PEERS and RULE_WITHOUT_PORTS otherwise', () => {
    expect(netpolError(() => new AllowFrom(chartIn(), 'NoPeers', { subject: api, peers: [], ports: [Port.HTTP] })).code).toBe(ErrorCode.RULE_WITHOUT_PEERS);
    expect(netpolError(() => new AllowFrom(chartIn(), 'NoPorts', { subject: api, peers: [Peer.anywhere()], ports: [] })).code).toBe(ErrorCode.RULE_WITHOUT_PORTS);
  });

  test('can select with expressions and pod+namespace selectors', () => {
    const chart = chartIn('prod');
    new AllowFrom(chart, 'Expr', {
      subject: Subject.pods(Selector.of({ matchExpressions: [LabelExpression.isIn('tier', ['api', 'worker'])] })),
      peers: [Peer.podsInNamespaces(Selector.labels({ role: 'client' }), Selector.labels({ env: 'prod' })), Peer.allPodsInCluster()],
      ports: [Port.tcpRange(9000, 9100)],
      name: 'backend-clients',
    });
    const [policy] = policiesOf(chart);
    expect(policy.metadata.name).toBe('backend-clients');
    expect(policy.spec.podSelector).toEqual({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'worker'] }] });
    expect(policy.spec.ingress[0]).toEqual({
      from: [
        { namespaceSelector: {} },
        { namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchLabels: { role: 'client' } } },
      ],
      ports: [{ endPort: 9100, port: 9000, protocol: 'TCP' }],
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('throws NAMESPACE_CONFLICT when the subject lives elsewhere', () => {
    const error = netpolError(() => new AllowFrom(chartIn('prod'), 'X', {
      subject: Subject.pods(Selector.labels({ app: 'api' }), 'payments'), namespaceName: 'prod', peers: [Peer.anywhere()], ports: [Port.HTTP],
    }));
    expect(error.code).toBe(ErrorCode.NAMESPACE_CONFLICT);
  });
});

describe('AllowTo', () => {
  test('can allow egress to the internet except private ranges', () => {
    const chart = chartIn('prod');
    new AllowTo(chart, 'Internet', {
      subject: api,
      peers: [Peer.anyIpv4({ exceptCidrs: ['192.168.0.0/16', '10.0.0.0/8', '172.16.0.0/12'] }), Peer.anyIpv6({ exceptCidrs: ['fc00::/7'] })],
      ports: [Port.HTTPS],
    });
    const [policy] = policiesOf(chart);
    expect(policy.metadata.name).toBe('api-egress-to-internet');
    expect(policy.spec).toEqual({
      egress: [{
        ports: [{ port: 443, protocol: 'TCP' }],
        to: [
          { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } },
          { ipBlock: { cidr: '::/0', except: ['fc00::/7'] } },
        ],
      }],
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Egress'],
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('can allow egress of UDP, SCTP and whole protocols', () => {
    const chart = chartIn('prod');
    new AllowTo(chart, 'Mixed', { subject: api, peers: [Peer.namespaces(Selector.labels({ team: 'data' }))], ports: [Port.allUdp(), Port.sctp(3868), Port.allTcp()] });
    expect(policiesOf(chart)[0].spec.egress[0]).toEqual({
      ports: [{ protocol: 'SCTP', port: 3868 }, { protocol: 'TCP' }, { protocol: 'UDP' }],
      to: [{ namespaceSelector: { matchLabels: { team: 'data' } } }],
    });
  });
});
