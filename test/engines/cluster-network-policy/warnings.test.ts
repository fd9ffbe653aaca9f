import { CNP } from './support';
import { ErrorCode, Peer, Policy, PolicyProps, Port, Rule, Selector } from '../../../lib';

const policy = (props: Partial<PolicyProps>) => new Policy({ name: 'tenants', namespaceSelector: Selector.labels({ tenant: 'true' }), subject: Selector.all(), ...props });
const codesOf = (intent: Policy) => CNP.warnings(intent).map(w => [w.code, w.field]);
const dns = Rule.allow({ peers: [Peer.clusterDns()], ports: [Port.DNS_UDP, Port.DNS_TCP] });

describe('clusterNetworkPolicyWarnings', () => {
  test('cannot warn about tier Admin deny and pass rules without isolation, whose meaning is the intent\'s', () => {
    const intent = policy({
      ingress: [Rule.deny({ peers: [Peer.namespaceNamed('sandbox')], ports: [Port.allPorts()] })],
      egress: [Rule.passToNextTier({ peers: [Peer.allPodsInCluster()], ports: [Port.tcp(8080)] }), Rule.deny({ peers: [Peer.ipBlock('169.254.169.254/32')], ports: [Port.allPorts()] })],
    });
    expect(CNP.warnings(intent)).toEqual([]);
  });

  test('can warn that ingress isolation leaves sources outside the pod network alone', () => {
    // GIVEN ingress isolated in the last tier position, where nothing else is evaluated after it
    const intent = policy({ tier: 'baseline', priority: 1000, isolateIngress: true });
    // THEN
    const [warning] = CNP.warnings(intent);
    expect([warning.code, warning.field]).toEqual([ErrorCode.CLUSTER_NETWORK_POLICY_INGRESS_PODS_ONLY, 'ingress']);
    expect(warning.message).toMatch(/outside the cluster, from nodes and from host-network pods is not matched/);
    expect(warning.fix).toContain('Engine.KUBERNETES DefaultDeny');
  });

  test('can warn that an ingress rule from anywhere matches pods only', () => {
    const intent = policy({ ingress: [Rule.deny({ peers: [Peer.anywhere()], ports: [Port.tcp(22)] })] });
    expect(codesOf(intent)).toEqual([[ErrorCode.CLUSTER_NETWORK_POLICY_INGRESS_PODS_ONLY, 'ingress[0]']]);
  });

  test('cannot warn about egress isolation to anywhere, which networks 0.0.0.0/0 and ::/0 cover whole', () => {
    expect(CNP.warnings(policy({ tier: 'baseline', priority: 1000, isolateEgress: true, egress: [] }))).toEqual([]);
  });

  test('can warn that a tier Admin isolation is final for NetworkPolicies, Baseline and later Admin policies', () => {
    const intent = policy({ isolateEgress: true, egress: [dns] });
    const warnings = CNP.warnings(intent);
    expect(warnings.map(w => [w.code, w.field, w.value])).toEqual([[ErrorCode.CLUSTER_NETWORK_POLICY_ISOLATION_NOT_ADDITIVE, 'egress', 'tier Admin priority 500']]);
    expect(warnings[0].message).toContain('later tier Admin policies, every NetworkPolicy and tier Baseline cannot allow more egress');
    expect(warnings[0].fix).toContain('tier \'baseline\'');
  });

  test('can warn that a tier Baseline isolation before priority 1000 is final for later Baseline policies', () => {
    const warnings = CNP.warnings(policy({ tier: 'baseline', priority: 10, isolateEgress: true }));
    expect(warnings.map(w => w.code)).toEqual([ErrorCode.CLUSTER_NETWORK_POLICY_ISOLATION_NOT_ADDITIVE]);
    expect(warnings[0].message).toContain('tier Baseline policies of a priority above 10');
    expect(warnings[0].fix).toContain('priority 1000');
  });

  test('can warn that tier Baseline rules do not apply to pods a NetworkPolicy selects', () => {
    // GIVEN the shape of a cluster default deny: tier Baseline, last, DNS open
    const intent = policy({ tier: 'baseline', priority: 1000, isolateEgress: true, egress: [dns] });
    // THEN
    const warnings = CNP.warnings(intent);
    expect(warnings.map(w => [w.code, w.field])).toEqual([[ErrorCode.CLUSTER_NETWORK_POLICY_BASELINE_AFTER_NETWORK_POLICIES, 'egress']]);
    expect(warnings[0].message).toContain('a NetworkPolicy that selects a pod for egress decides it alone');
    expect(warnings[0].value).toBe(dns.toString());
  });

  test('can warn that a named port carries no protocol', () => {
    const intent = policy({ ingress: [Rule.deny({ peers: [Peer.allPodsInCluster()], ports: [Port.named('metrics'), Port.tcp(80)] })] });
    expect(CNP.warnings(intent).map(w => [w.code, w.field, w.value])).toEqual([[ErrorCode.CLUSTER_NETWORK_POLICY_NAMED_PORT_ANY_PROTOCOL, 'ingress[0].ports', 'tcp/metrics']]);
  });

  test('can report every warning of one policy, in a stable order', () => {
    const intent = policy({
      isolateIngress: true,
      ingress: [Rule.allow({ peers: [Peer.anywhere()], ports: [Port.named('http')] })],
      isolateEgress: true,
    });
    expect(codesOf(intent)).toEqual([
      [ErrorCode.CLUSTER_NETWORK_POLICY_INGRESS_PODS_ONLY, 'ingress'],
      [ErrorCode.CLUSTER_NETWORK_POLICY_INGRESS_PODS_ONLY, 'ingress[0]'],
      [ErrorCode.CLUSTER_NETWORK_POLICY_ISOLATION_NOT_ADDITIVE, 'ingress'],
      [ErrorCode.CLUSTER_NETWORK_POLICY_NAMED_PORT_ANY_PROTOCOL, 'ingress[0].ports'],
      [ErrorCode.CLUSTER_NETWORK_POLICY_ISOLATION_NOT_ADDITIVE, 'egress'],
    ]);
  });
});
