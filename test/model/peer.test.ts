import { ErrorCode, Peer, PeerKind, Selector } from '../../lib';

const codes = (p: Peer) => p._problems().map(x => x.code);

describe('Peer', () => {
  test('can express every peer shape with a canonical string', () => {
    expect(Peer.pods(Selector.labels({ app: 'web' })).toString()).toBe('pods(app=web)');
    expect(Peer.namespaceNamed('prod').toString()).toBe('namespace(prod)');
    expect(Peer.namespaces(Selector.labels({ team: 'a' })).toString()).toBe('namespaces(team=a)');
    expect(Peer.podsInNamespaces(Selector.labels({ app: 'web' }), Selector.labels({ team: 'a' })).toString()).toBe('namespaces(team=a)/pods(app=web)');
    expect(Peer.podsInNamespace('prod', Selector.labels({ app: 'web' })).toString()).toBe('namespace(prod)/pods(app=web)');
    expect(Peer.allPodsInCluster().toString()).toBe('namespaces(*)');
    expect(Peer.clusterDns().toString()).toBe('namespace(kube-system)/pods(k8s-app=kube-dns)');
    expect(Peer.ipBlock('0.0.0.0/0', ['192.168.0.0/16', '10.0.0.0/8']).toString()).toBe('ipBlock(0.0.0.0/0 except 10.0.0.0/8,192.168.0.0/16)');
    expect(Peer.anyIpv4().toString()).toBe('ipBlock(0.0.0.0/0)');
    expect(Peer.anyIpv6({ exceptCidrs: ['fd00::/8'] }).toString()).toBe('ipBlock(::/0 except fd00::/8)');
    expect(Peer.anywhere().toString()).toBe('anywhere');
    expect(Peer.anywhere().kind).toBe(PeerKind.ANYWHERE);
  });

  test('namespace peers pin kubernetes.io/metadata.name, the label the API server sets', () => {
    const peer = Peer.podsInNamespace('payments', Selector.labels({ app: 'api' }));
    expect(peer.namespaceSelector!._toKube()).toEqual({ matchLabels: { 'kubernetes.io/metadata.name': 'payments' } });
    expect(peer.podSelector!._toKube()).toEqual({ matchLabels: { app: 'api' } });
    expect(peer.namespaceName).toBe('payments');
  });

  test.each([
    [Peer.ipBlock('10.0.0.0/8', ['11.0.0.0/16']), ErrorCode.EXCEPT_NOT_INSIDE_CIDR],
    [Peer.ipBlock('10.0.0.0/8', ['10.0.0.0/8']), ErrorCode.EXCEPT_NOT_INSIDE_CIDR],
    [Peer.ipBlock('10.0.0.0/16', ['10.0.0.0/8']), ErrorCode.EXCEPT_NOT_INSIDE_CIDR],
    [Peer.ipBlock('0.0.0.0/0', ['fd00::/8']), ErrorCode.CIDR_FAMILY_MIX],
    [Peer.ipBlock('::/0', ['10.0.0.0/8']), ErrorCode.CIDR_FAMILY_MIX],
    [Peer.ipBlock('10.0.0.0/8', ['10.1.0.1/16']), ErrorCode.CIDR_HOST_BITS_SET],
    [Peer.ipBlock('10.0.0.0'), ErrorCode.CIDR_MISSING_MASK],
    [Peer.namespaceNamed('Prod'), ErrorCode.NAMESPACE_NAME_INVALID],
    [Peer.namespaceNamed('a'.repeat(64)), ErrorCode.NAMESPACE_NAME_INVALID],
    [Peer.pods(Selector.labels({})), ErrorCode.SELECTOR_EMPTY],
    [Peer.namespaces(Selector.labels({})), ErrorCode.SELECTOR_EMPTY],
  ])('refuses %s with %s', (peer, code) => {
    expect(codes(peer)).toEqual([code]);
  });

  test('names the field of a bad exception at its position as given', () => {
    const problems = Peer.ipBlock('10.0.0.0/8', ['10.2.0.0/16', '12.0.0.0/8'])._problems();
    expect(problems.map(p => [p.code, p.field])).toEqual([[ErrorCode.EXCEPT_NOT_INSIDE_CIDR, 'exceptCidrs[1]']]);
  });

  test('accepts a valid block with exceptions strictly inside', () => {
    expect(codes(Peer.ipBlock('10.0.0.0/8', ['10.1.0.0/16', '10.2.3.4/32']))).toEqual([]);
    expect(codes(Peer.ipBlock('2001:db8::/32', ['2001:db8:1::/48']))).toEqual([]);
  });
});
