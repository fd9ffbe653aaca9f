import { Engine, ErrorCode, Peer, Policy, Port, Rule, Selector } from '../../../lib';
import { ciliumProblems, ciliumWarnings, renderCiliumPolicy } from '../../../lib/engines/cilium/render';
import { netpolError } from '../../support/helpers';

const web = Selector.labels({ app: 'web' });

function egress(rules: Rule[], isolateEgress?: boolean): Policy {
  return new Policy({ name: 'web-egress', namespaceName: 'shop', subject: web, egress: rules, isolateEgress });
}

describe('ciliumProblems', () => {
  test('can find nothing wrong with a policy Cilium can express', () => {
    const policy = egress([Rule.allow({ peers: [Peer.fqdn('api.example.com'), Peer.anyIpv4()], ports: [Port.HTTPS], http: [{ method: 'GET' }] })]);
    expect(ciliumProblems(policy)).toEqual([]);
  });

  test('throws CILIUM_DENY_FQDN for a DNS name in a deny rule (Cilium deny rules have no toFQDNs)', () => {
    const policy = egress([Rule.deny({ peers: [Peer.anywhere(), Peer.fqdnPattern('*.example.com')], ports: [Port.allPorts()] })]);
    expect(ciliumProblems(policy)).toEqual([expect.objectContaining({ code: ErrorCode.CILIUM_DENY_FQDN, field: 'egress[0].peers[1]', value: 'fqdnPattern(*.example.com)' })]);
    expect(netpolError(() => renderCiliumPolicy(policy)).code).toBe(ErrorCode.CILIUM_DENY_FQDN);
  });

  test('throws CILIUM_L7_ALL_PORTS for HTTP matches on every TCP port (Cilium refuses L7 rules on port 0)', () => {
    const policy = new Policy({
      name: 'web-ingress',
      namespaceName: 'shop',
      subject: web,
      ingress: [Rule.allow({ peers: [Peer.anywhere()], ports: [Port.allTcp(), Port.HTTP], http: [{ path: '/' }] })],
    });
    expect(policy.problems()).toEqual([]);
    expect(ciliumProblems(policy)).toEqual([expect.objectContaining({ code: ErrorCode.CILIUM_L7_ALL_PORTS, field: 'ingress[0].ports', value: 'tcp/*' })]);
  });

  test('throws CILIUM_PODS_PEER_NEEDS_NAMESPACE only in a cluster-scoped policy', () => {
    const rules = [Rule.allow({ peers: [Peer.namespaceNamed('a'), Peer.pods(web)], ports: [Port.HTTP] })];
    const cluster = new Policy({ name: 'p', namespaceSelector: Selector.all(), subject: web, ingress: rules });
    const namespaced = new Policy({ name: 'p', namespaceName: 'shop', subject: web, ingress: rules });
    expect(ciliumProblems(cluster).map(p => [p.code, p.field])).toEqual([[ErrorCode.CILIUM_PODS_PEER_NEEDS_NAMESPACE, 'ingress[0].peers[1]']]);
    expect(ciliumProblems(namespaced)).toEqual([]);
  });
});

describe('ciliumWarnings', () => {
  // The value is the peer as messages write it: `ipBlock(cidr except ...)`, the exceptions sorted.
  test.each<[string, Peer, string, string[]]>([
    ['a private block', Peer.ipBlock('10.1.0.0/16'), 'ipBlock(10.1.0.0/16)', ['10.0.0.0/8']],
    ['every IPv4 address', Peer.anyIpv4(), 'ipBlock(0.0.0.0/0)', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10']],
    ['every IPv4 address but part of 10/8', Peer.anyIpv4({ exceptCidrs: ['10.0.0.0/9', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'] }),
      'ipBlock(0.0.0.0/0 except 10.0.0.0/9,100.64.0.0/10,172.16.0.0/12,192.168.0.0/16)', ['10.0.0.0/8']],
    ['a block with an exception inside it', Peer.ipBlock('10.0.0.0/8', ['10.1.0.0/16']), 'ipBlock(10.0.0.0/8 except 10.1.0.0/16)', ['10.0.0.0/8']],
    ['every IPv6 address', Peer.anyIpv6(), 'ipBlock(::/0)', ['fc00::/7']],
    ['a ULA block', Peer.ipBlock('fd00:10::/32'), 'ipBlock(fd00:10::/32)', ['fc00::/7']],
    ['shared address space', Peer.ipBlock('100.64.0.0/16'), 'ipBlock(100.64.0.0/16)', ['100.64.0.0/10']],
  ])('warns CILIUM_CIDR_NOT_PODS for %s', (_name, peer, value, ranges) => {
    const warnings = ciliumWarnings(egress([Rule.allow({ peers: [peer], ports: [Port.HTTPS] })]));
    expect(warnings.map(w => [w.code, w.field, w.value])).toEqual([[ErrorCode.CILIUM_CIDR_NOT_PODS, 'egress[0].peers[0]', value]]);
    expect(warnings[0].message).toContain(`reaches into ${ranges.join(', ')},`);
  });

  test.each<[string, Peer]>([
    ['a public block', Peer.ipBlock('203.0.113.0/24')],
    ['every IPv4 address but the private ranges', Peer.anyIpv4({ exceptCidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'] })],
    ['every IPv6 address but ULA', Peer.anyIpv6({ exceptCidrs: ['fc00::/7'] })],
  ])('cannot warn CILIUM_CIDR_NOT_PODS for %s', (_name, peer) => {
    expect(ciliumWarnings(egress([Rule.allow({ peers: [peer], ports: [Port.HTTPS] })]))).toEqual([]);
  });

  test('cannot warn CILIUM_CIDR_NOT_PODS for a block beside anywhere (rendered as the entity all, which matches pods)', () => {
    expect(ciliumWarnings(egress([Rule.allow({ peers: [Peer.anywhere(), Peer.ipBlock('10.0.0.0/8')], ports: [Port.HTTPS] })]))).toEqual([]);
  });

  test('warns CILIUM_CIDR_NOT_PODS for deny rules too', () => {
    const warnings = ciliumWarnings(egress([Rule.deny({ peers: [Peer.ipBlock('10.0.0.0/8')], ports: [Port.allPorts()] })], true));
    expect(warnings.map(w => w.code)).toEqual([ErrorCode.CILIUM_CIDR_NOT_PODS]);
  });

  test('warns CILIUM_FQDN_DNS_RULE_ADDED once for a policy with FQDN peers', () => {
    const warnings = ciliumWarnings(egress([
      Rule.allow({ peers: [Peer.fqdn('a.example.com')], ports: [Port.HTTPS] }),
      Rule.allow({ peers: [Peer.fqdn('b.example.com')], ports: [Port.HTTP] }),
    ]));
    expect(warnings.map(w => [w.code, w.field])).toEqual([[ErrorCode.CILIUM_FQDN_DNS_RULE_ADDED, 'egress']]);
  });

  test('warns CILIUM_SCTP_BETA for SCTP ports', () => {
    const warnings = ciliumWarnings(egress([Rule.allow({ peers: [Peer.namespaceNamed('telco')], ports: [Port.sctp(38412), Port.tcp(80)] })]));
    expect(warnings.map(w => [w.code, w.field, w.value])).toEqual([[ErrorCode.CILIUM_SCTP_BETA, 'egress[0].ports', 'sctp/38412']]);
  });

  test('warns CILIUM_PORT_RANGE_NEEDS_1_16 for port ranges, saying what a deny loses', () => {
    const allow = ciliumWarnings(egress([Rule.allow({ peers: [Peer.namespaceNamed('a')], ports: [Port.tcpRange(8000, 8080), Port.tcp(80)] })]));
    expect(allow.map(w => [w.code, w.value])).toEqual([[ErrorCode.CILIUM_PORT_RANGE_NEEDS_1_16, 'tcp/8000-8080']]);
    const deny = ciliumWarnings(egress([Rule.deny({ peers: [Peer.namespaceNamed('a')], ports: [Port.udpRange(1000, 2000)] })]));
    expect(deny.map(w => w.code)).toEqual([ErrorCode.CILIUM_PORT_RANGE_NEEDS_1_16, ErrorCode.CILIUM_DENY_WITHOUT_ISOLATION]);
    expect(deny[0].message).toContain('leaving the rest of the range open');
  });

  test('warns CILIUM_DENY_WITHOUT_ISOLATION for deny rules of a direction that is not isolated', () => {
    const policy = egress([Rule.deny({ peers: [Peer.ipBlock('203.0.113.0/24')], ports: [Port.allPorts()] })]);
    expect(ciliumWarnings(policy).map(w => [w.code, w.field])).toEqual([[ErrorCode.CILIUM_DENY_WITHOUT_ISOLATION, 'egress']]);
    expect(ciliumWarnings(egress(policy.egress, true))).toEqual([]);
  });
});

describe('Engine.CILIUM', () => {
  test('can render through the engine, with the same manifest as the renderer', () => {
    const policy = egress([Rule.allow({ peers: [Peer.fqdn('api.example.com')], ports: [Port.HTTPS] })]);
    expect(Engine.CILIUM.render(policy)).toStrictEqual(renderCiliumPolicy(policy));
    expect(Engine.CILIUM.warnings(policy).map(w => w.code)).toEqual([ErrorCode.CILIUM_FQDN_DNS_RULE_ADDED]);
  });

  test('throws the capability codes before its own: pass rules, L7 in cluster scope', () => {
    const pass = egress([Rule.passToNextTier({ peers: [Peer.anywhere()], ports: [Port.allPorts()] })], true);
    expect(Engine.CILIUM.problems(pass).map(p => p.code)).toEqual([ErrorCode.ENGINE_NO_PASS]);
    const l7 = new Policy({
      name: 'p',
      namespaceSelector: Selector.all(),
      subject: web,
      ingress: [Rule.allow({ peers: [Peer.allPodsInCluster()], ports: [Port.HTTP], http: [{ method: 'GET' }] })],
    });
    expect(netpolError(() => Engine.CILIUM.render(l7)).code).toBe(ErrorCode.ENGINE_NO_L7);
  });

  test('throws its own problems through the engine', () => {
    const policy = egress([Rule.deny({ peers: [Peer.fqdn('evil.example.com')], ports: [Port.allPorts()] })], true);
    expect(Engine.CILIUM.problems(policy).map(p => p.code)).toEqual([ErrorCode.CILIUM_DENY_FQDN]);
    expect(Engine.CILIUM.warnings(policy)).toEqual([]);
  });

  test('throws INTERNAL for pass and log rules when called directly, never rendering them as something else', () => {
    const log = egress([Rule.log({ peers: [Peer.anywhere()], ports: [Port.allPorts()] })], true);
    const error = netpolError(() => renderCiliumPolicy(log));
    expect([error.code, error.field]).toEqual([ErrorCode.INTERNAL, 'egress']);
    expect(error.message).toContain('(ENGINE_NO_LOG)');
  });
});
