import { COREDNS, brief, cluster, defaultDeny, deployment, netpol } from './fixtures';
import { LintCode } from '../../../lib/analyzer/lints';
import { npEgressWithoutDns } from '../../../lib/analyzer/lints/kubernetes/egress-without-dns';

const WEB = deployment('prod', 'web', { app: 'web' });
const TO_COREDNS = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } };
const DNS_PORTS = [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }];

function allowDns(rule: any) {
  return netpol('prod', 'allow-dns', { podSelector: {}, policyTypes: ['Egress'], egress: [rule] });
}

const WARNING = [{ code: LintCode.NP_EGRESS_WITHOUT_DNS, severity: 'warning', subject: 'prod/Deployment/web' }];

describe('NP_EGRESS_WITHOUT_DNS', () => {
  test('can find an egress-isolated pod that cannot reach cluster DNS', () => {
    // GIVEN
    const c = cluster({ endpoints: [WEB, COREDNS], policies: [defaultDeny('prod', 'Egress')] });
    // WHEN
    const findings = npEgressWithoutDns.check(c);
    // THEN
    expect(brief(findings)).toEqual(WARNING);
    expect(findings[0].message).toContain('NetworkPolicy prod/default-deny');
    expect(findings[0].message).toContain('53/UDP and 53/TCP');
  });

  test('cannot find anything when DNS to the CoreDNS pods is allowed on UDP and TCP 53', () => {
    const c = cluster({ endpoints: [WEB, COREDNS], policies: [defaultDeny('prod', 'Egress'), allowDns({ to: [TO_COREDNS], ports: DNS_PORTS })] });
    expect(npEgressWithoutDns.check(c)).toEqual([]);
  });

  test('can find DNS allowed on UDP only', () => {
    const c = cluster({ endpoints: [WEB, COREDNS], policies: [allowDns({ to: [TO_COREDNS], ports: [DNS_PORTS[0]] })] });
    const findings = npEgressWithoutDns.check(c);
    expect(brief(findings)).toEqual(WARNING);
    expect(findings[0].message).toContain('53/TCP');
    expect(findings[0].message).not.toContain('53/UDP');
  });

  test('can accept UDP and TCP in separate rules of separate policies', () => {
    const udp = allowDns({ to: [TO_COREDNS], ports: [DNS_PORTS[0]] });
    const tcp = netpol('prod', 'allow-dns-tcp', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [TO_COREDNS], ports: [DNS_PORTS[1]] }] });
    expect(npEgressWithoutDns.check(cluster({ endpoints: [WEB, COREDNS], policies: [udp, tcp] }))).toEqual([]);
  });

  test('can resolve named ports on the DNS pods', () => {
    const c = cluster({
      endpoints: [WEB, COREDNS],
      policies: [allowDns({ to: [TO_COREDNS], ports: [{ protocol: 'UDP', port: 'dns' }, { protocol: 'TCP', port: 'dns-tcp' }] })],
    });
    expect(npEgressWithoutDns.check(c)).toEqual([]);
  });

  test('can find a DNS rule whose peer has no namespaceSelector (it means the policy\'s own namespace)', () => {
    const c = cluster({ endpoints: [WEB, COREDNS], policies: [allowDns({ to: [{ podSelector: TO_COREDNS.podSelector }], ports: DNS_PORTS })] });
    expect(brief(npEgressWithoutDns.check(c))).toEqual(WARNING);
  });

  test('can accept a rule without peers (DNS to everything)', () => {
    const c = cluster({ endpoints: [WEB, COREDNS], policies: [allowDns({ ports: DNS_PORTS })] });
    expect(npEgressWithoutDns.check(c)).toEqual([]);
  });

  test('cannot find anything for a pod isolated for ingress only', () => {
    const c = cluster({ endpoints: [WEB, COREDNS], policies: [defaultDeny('prod', 'Ingress')] });
    expect(npEgressWithoutDns.check(c)).toEqual([]);
  });

  test('can find egress rules that Kubernetes ignores (policyTypes lacks Egress) not counting as DNS', () => {
    const ignored = netpol('prod', 'ignored', { podSelector: {}, policyTypes: ['Ingress'], egress: [{ ports: DNS_PORTS }] });
    const c = cluster({ endpoints: [WEB, COREDNS], policies: [defaultDeny('prod', 'Egress'), ignored] });
    expect(brief(npEgressWithoutDns.check(c))).toEqual(WARNING);
  });

  describe('without cluster DNS pods in the model', () => {
    test('can accept port 53 on both protocols to any namespace peer', () => {
      const c = cluster({ endpoints: [WEB], policies: [allowDns({ to: [{ namespaceSelector: {} }], ports: DNS_PORTS })] });
      expect(npEgressWithoutDns.check(c)).toEqual([]);
    });

    test('can find port 53 opened only to an ipBlock', () => {
      const c = cluster({ endpoints: [WEB], policies: [allowDns({ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: DNS_PORTS })] });
      const findings = npEgressWithoutDns.check(c);
      expect(brief(findings)).toEqual(WARNING);
      expect(findings[0].message).toContain('any pod');
    });
  });
});
