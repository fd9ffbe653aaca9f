import {
  AksNetworkBaseline, ClusterDefaultDeny, LabelExpression, Peer, Policy, Port, Rule, Selector, ThreeTierApp,
} from '../../lib';

// Model values are shared between constructs (one Selector in many peers, a static default list in every construct
// that takes the default): a caller that changes one must fail, not change them all. Test files are strict mode, where
// writing to a frozen object throws.

/** Runs `mutate` and says whether it threw a TypeError and left `read()` as it was. */
function refused(read: () => unknown, mutate: () => void): boolean {
  const value = read();
  // A value that is not there would refuse any change: not a proof of anything.
  if (value === undefined) throw new Error('nothing to change');
  const before = JSON.stringify(value);
  let threw = false;
  try {
    mutate();
  } catch (error) {
    threw = error instanceof TypeError;
  }
  return threw && JSON.stringify(read()) === before;
}

describe('immutable values', () => {
  const selector = Selector.of({ matchLabels: { app: 'web' }, matchExpressions: [LabelExpression.isIn('tier', ['a', 'b'])] });
  const peer = Peer.serviceAccounts(['web'], 'prod');
  const block = Peer.ipBlock('10.0.0.0/8', ['10.1.0.0/16']);
  const rule = Rule.allow({ peers: [Peer.pods(selector), peer, block], ports: [Port.tcp(80)], http: [{ method: 'GET', path: '/' }] });
  const policy = new Policy({ name: 'p', namespaceName: 'prod', subject: selector, ingress: [rule], egress: [rule] });

  test.each<[string, () => unknown, () => void]>([
    ['a selector\'s matchLabels', () => selector.matchLabels, () => { (selector.matchLabels as any).app = 'db'; }],
    ['a selector\'s matchLabels (a new key)', () => selector.matchLabels, () => { (selector.matchLabels as any).team = 'x'; }],
    ['a selector\'s matchExpressions', () => selector.matchExpressions.map(String), () => { selector.matchExpressions.push(LabelExpression.exists('x')); }],
    ['an expression\'s values', () => selector.matchExpressions[0].values, () => { selector.matchExpressions[0].values.push('c'); }],
    ['a peer\'s exceptCidrs', () => block.exceptCidrs.map(String), () => { block.exceptCidrs.pop(); }],
    ['a peer\'s service accounts', () => peer.serviceAccountNames, () => { peer.serviceAccountNames!.push('admin'); }],
    ['a rule\'s peers', () => rule.peers.map(String), () => { rule.peers.push(Peer.anyIpv4()); }],
    ['a rule\'s ports', () => rule.ports.map(String), () => { rule.ports.splice(0, 1); }],
    ['a rule\'s HTTP matches', () => rule.http, () => { rule.http.push({ method: 'POST' }); }],
    ['a policy\'s ingress', () => policy.ingress.length, () => { policy.ingress.push(rule); }],
    ['a policy\'s egress', () => policy.egress.length, () => { policy.egress.length = 0; }],
    ['ClusterDefaultDeny.SYSTEM_NAMESPACES', () => ClusterDefaultDeny.SYSTEM_NAMESPACES, () => { ClusterDefaultDeny.SYSTEM_NAMESPACES.push('mine'); }],
    ['AksNetworkBaseline.SYSTEM_NAMESPACES', () => AksNetworkBaseline.SYSTEM_NAMESPACES, () => { AksNetworkBaseline.SYSTEM_NAMESPACES[0] = 'mine'; }],
    ['AksNetworkBaseline.LOCAL_DNS_ADDRESSES', () => AksNetworkBaseline.LOCAL_DNS_ADDRESSES, () => { AksNetworkBaseline.LOCAL_DNS_ADDRESSES.pop(); }],
    ['ThreeTierApp.PRIVATE_RANGES', () => ThreeTierApp.PRIVATE_RANGES, () => { ThreeTierApp.PRIVATE_RANGES.push('0.0.0.0/0'); }],
  ])('cannot change %s', (_what, read, mutate) => {
    expect(refused(read, mutate)).toBe(true);
  });

  test('the lists given stay the caller\'s: changing them later changes no value built from them', () => {
    const labels: { [key: string]: string } = { app: 'web' };
    const accounts = ['web'];
    const peers = [Peer.anyIpv4()];
    const built = Selector.labels(labels);
    const withAccounts = Peer.serviceAccounts(accounts, 'prod');
    const built2 = Rule.allow({ peers, ports: [Port.tcp(80)] });
    labels.app = 'db';
    accounts.push('admin');
    peers.push(Peer.anyIpv6());
    expect([built.matchLabels, withAccounts.serviceAccountNames, built2.peers.map(String)])
      .toEqual([{ app: 'web' }, ['web'], ['ipBlock(0.0.0.0/0)']]);
  });

  test('ClusterDefaultDeny exempts AKS\'s system namespaces, the Istio add-on\'s included (as the README says)', () => {
    expect(ClusterDefaultDeny.SYSTEM_NAMESPACES).toEqual(expect.arrayContaining(AksNetworkBaseline.SYSTEM_NAMESPACES));
    expect(ClusterDefaultDeny.SYSTEM_NAMESPACES).toEqual(expect.arrayContaining(['aks-istio-system', 'aks-istio-ingress', 'aks-istio-egress', 'calico-apiserver']));
  });
});
