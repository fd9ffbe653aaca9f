import { ErrorCode, Peer, Policy, Port, Rule, Selector } from '../../lib';
import { policyName, peerSlug, selectorSlug } from '../../lib/model/names';

const web = Selector.labels({ app: 'web' });

describe('Rule', () => {
  test('orders and dedupes peers and ports canonically', () => {
    const rule = Rule.allow({
      peers: [Peer.pods(Selector.labels({ app: 'z' })), Peer.pods(Selector.labels({ app: 'a' })), Peer.pods(Selector.labels({ app: 'z' }))],
      ports: [Port.udp(53), Port.tcp(53), Port.tcp(53)],
    });
    expect(rule.peers.map(p => p.toString())).toEqual(['pods(app=a)', 'pods(app=z)']);
    expect(rule.ports.map(p => p.toString())).toEqual(['tcp/53', 'udp/53']);
    expect(rule.toString()).toBe('Allow pods(app=a) | pods(app=z) on tcp/53,udp/53');
  });

  test('throws RULE_WITHOUT_PEERS and RULE_WITHOUT_PORTS unless "everything" is explicit', () => {
    expect(Rule.allow({ peers: [], ports: [Port.tcp(80)] })._problems().map(p => p.code)).toEqual([ErrorCode.RULE_WITHOUT_PEERS]);
    expect(Rule.allow({ peers: [Peer.anywhere()], ports: [] })._problems().map(p => p.code)).toEqual([ErrorCode.RULE_WITHOUT_PORTS]);
    const open = Rule.allow({ peers: [Peer.anywhere()], ports: [Port.allPorts()] });
    expect(open._problems()).toEqual([]);
    expect(open.matchesAnyPeer).toBe(true);
    expect(open.matchesAnyPort).toBe(true);
  });
});

describe('Policy', () => {
  test('isolates the directions it has rules for by default', () => {
    const policy = new Policy({ name: 'p', namespaceName: 'prod', subject: web, egress: [Rule.allow({ peers: [Peer.clusterDns()], ports: [Port.DNS_UDP] })] });
    expect(policy.isolateEgress).toBe(true);
    expect(policy.isolateIngress).toBe(false);
    expect(policy.problems()).toEqual([]);
    expect(policy.toString()).toBe('policy prod/p selects pods(app=web) isolates egress\n  egress: Allow namespace(kube-system)/pods(k8s-app=kube-dns) on udp/53');
  });

  test('throws RULES_WITHOUT_ISOLATION for rules in a direction it does not isolate', () => {
    const policy = new Policy({
      name: 'p',
      namespaceName: 'prod',
      subject: web,
      isolateIngress: false,
      isolateEgress: true,
      ingress: [Rule.allow({ peers: [Peer.anywhere()], ports: [Port.HTTP] })],
    });
    expect(policy.problems().map(p => p.code)).toEqual([ErrorCode.RULES_WITHOUT_ISOLATION]);
  });

  test('throws POLICY_WITHOUT_DIRECTION for a policy that would do nothing', () => {
    const policy = new Policy({ name: 'p', namespaceName: 'prod', subject: web });
    expect(policy.problems().map(p => p.code)).toEqual([ErrorCode.POLICY_WITHOUT_DIRECTION]);
  });

  test.each([
    ['Allow_Web', 'prod', ErrorCode.NAME_INVALID],
    ['a'.repeat(254), 'prod', ErrorCode.NAME_INVALID],
    ['-web', 'prod', ErrorCode.NAME_INVALID],
    ['web', 'prod.eu', ErrorCode.NAMESPACE_NAME_INVALID],
    ['web', 'n'.repeat(64), ErrorCode.NAMESPACE_NAME_INVALID],
  ])('throws for name %s in namespace %s', (name, namespaceName, code) => {
    const policy = new Policy({ name, namespaceName, subject: Selector.all(), isolateIngress: true });
    expect(policy.problems().map(p => p.code)).toEqual([code]);
  });

  test('accepts dotted names of up to 253 characters', () => {
    const policy = new Policy({ name: `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}`, namespaceName: 'prod', subject: Selector.all(), isolateIngress: true });
    expect(policy.problems()).toEqual([]);
  });
});

describe('generated names', () => {
  test('read as the intent', () => {
    expect(selectorSlug(Selector.labels({ 'app.kubernetes.io/name': 'web', 'tier': 'front' }))).toBe('web-front');
    expect(selectorSlug(Selector.labels({ 'example.com/team': 'a' }))).toBe('team-a');
    expect(selectorSlug(Selector.all())).toBe('all-pods');
    expect(peerSlug(Peer.namespaceNamed('monitoring'))).toBe('ns-monitoring');
    expect(peerSlug(Peer.podsInNamespace('prod', Selector.labels({ app: 'api' })))).toBe('ns-prod-api');
    expect(peerSlug(Peer.ipBlock('203.0.113.0/24'))).toBe('cidr-203-0-113-0-24');
    expect(peerSlug(Peer.anyIpv4({ exceptCidrs: ['10.0.0.0/8'] }))).toBe('internet');
    expect(peerSlug(Peer.clusterDns())).toBe('cluster-dns');
  });

  test('stay within 63 characters, stable and unique when long', () => {
    const long = policyName('a'.repeat(40), 'ingress-from', 'b'.repeat(40));
    const other = policyName('a'.repeat(40), 'ingress-from', 'c'.repeat(40));
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toBe(policyName('a'.repeat(40), 'ingress-from', 'b'.repeat(40)));
    expect(long).not.toBe(other);
    expect(long).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    // Cut between words, never inside one.
    expect(policyName('very-long-application-name-for-the-payment-gateway', 'ingress-from', 'checkout'))
      .toMatch(/^very-long-application-name-for-the-payment-gateway-[0-9a-f]{8}$/);
  });
});
