import { expectGolden, runCli } from './harness';

// One golden file per engine behaviour `explain` must show: what decided, in evaluation order.
describe('explain under each engine', () => {
  test.each([
    ['calico: a Pass of tier security, then an Allow of tier default', 'explain-calico-pass.txt', 'calico',
      ['--from', 'shop/web', '--to', 'shop/db', '--port', '5432', 'explain-calico'], 'ALLOW'],
    ['calico: a Pass of tier security, then the end of tier default', 'explain-calico-end-of-tier.txt', 'calico',
      ['--from', 'shop/db', '--to', 'shop/web', '--port', '8080', 'explain-calico'], 'DENY'],
    ['calico: a Deny of tier security decides before tier default', 'explain-calico-deny.txt', 'calico',
      ['--from', 'ops/scanner', '--to', 'shop/db', '--port', '5432', 'explain-calico'], 'DENY'],
    ['cilium: an allowed flow', 'explain-cilium-allow.txt', 'cilium',
      ['--from', 'shop/web', '--to', 'shop/api', '--port', '8080', 'explain-cilium'], 'ALLOW'],
    ['cilium: a deny rule wins over the allow that matches the flow too', 'explain-cilium-deny-wins.txt', 'cilium',
      ['--from', 'quarantine/suspect', '--to', 'shop/api', '--port', '8080', 'explain-cilium'], 'DENY'],
    ['cilium: default deny of a pod a policy selects', 'explain-cilium-default-deny.txt', 'cilium',
      ['--from', 'shop/web', '--to', 'shop/api', '--port', '9090', 'explain-cilium'], 'DENY'],
    ['cluster-network-policy: a Deny of tier Admin is final', 'explain-cnp-admin-deny.txt', 'cluster-network-policy',
      ['--from', 'sandbox/tool', '--to', 'shop/api', '--port', '8080', 'explain-cluster-network-policy'], 'DENY'],
    ['cluster-network-policy: a Pass of tier Admin, then a NetworkPolicy allows', 'explain-cnp-admin-pass.txt', 'cluster-network-policy',
      ['--from', 'monitoring/prometheus', '--to', 'shop/api', '--port', '9090', 'explain-cluster-network-policy'], 'ALLOW'],
    ['cluster-network-policy: no NetworkPolicy selects the pod, tier Baseline denies', 'explain-cnp-baseline-deny.txt', 'cluster-network-policy',
      ['--from', 'shop/api', '--to', 'shop/web', '--port', '8080', 'explain-cluster-network-policy'], 'DENY'],
  ])('%s', async (_name, golden, engine, args, verdict) => {
    const result = await runCli(['explain', '--engine', engine, ...args]);
    expect(result.stderr).toEqual('');
    expect(result.code).toBe(0);
    expect(result.stdout.split(' ')[0]).toEqual(verdict);
    expectGolden(golden, result.stdout);
  });
});
