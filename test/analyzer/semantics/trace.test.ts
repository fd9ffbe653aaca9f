import { explainText, Flow } from './support/analyzer';
import { analyze, peerOf, verdict } from './support/truth-table';

// The explanation must name what decided, in the order the semantics apply: the source's egress side, then the
// destination's ingress side; within a side the admin tier, NetworkPolicy, the baseline tier, then the default.
// Sources as in the other files: the docs' "Isolated and Non-isolated Pods" and the network-policy-api tier order.

const X_A_ALLOWS_X_B = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: x-a-allows-x-b
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Ingress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          pod: b
`;

describe('verdict trace', () => {
  const a = analyze(X_A_ALLOWS_X_B);

  test('an allowed flow names the policy and the rule that allowed it, egress side first', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#isolated-and-non-isolated-pods
    const v = verdict(a, 'x/b', 'x/a', 80);
    expect(v.allowed).toBe(true);
    expect(v.trace.map(e => e.direction)).toEqual([...v.trace.filter(e => e.direction === 'egress'), ...v.trace.filter(e => e.direction === 'ingress')]
      .map(e => e.direction));
    expect(v.trace.find(e => e.direction === 'egress')?.action).toBe('NotIsolated');
    const decided = v.trace.find(e => e.direction === 'ingress' && e.action === 'Allow');
    expect(decided).toMatchObject({ tier: 'NetworkPolicy', policy: 'NetworkPolicy x/x-a-allows-x-b', rule: 'ingress[0]' });
  });

  test('a flow no rule allows to an isolated pod is denied as Isolated', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#isolated-and-non-isolated-pods
    // "Once there is any NetworkPolicy in a namespace selecting a particular pod, that pod will reject any
    // connections that are not allowed by any NetworkPolicy."
    const v = verdict(a, 'y/b', 'x/a', 80);
    expect([v.allowed, v.egressAllowed, v.ingressAllowed]).toEqual([false, true, false]);
    expect(v.trace.filter(e => e.direction === 'ingress').map(e => e.action)).toContain('Isolated');
    expect(v.trace.some(e => e.action === 'Allow')).toBe(false);
  });

  test('the side outside the cluster is not judged by any policy', () => {
    const v = verdict(a, 'x/a', '203.0.113.9', 443);
    expect(v.allowed).toBe(true);
    expect(v.trace.filter(e => e.direction === 'ingress').map(e => e.action)).toEqual(['NotApplicable']);
  });

  test('explainText starts with the verdict and the flow, then one line per effect', () => {
    const flow: Flow = { from: peerOf(a.cluster, 'y/b'), to: peerOf(a.cluster, 'x/a'), port: 80, protocol: 'TCP' };
    const v = a.evaluator.evaluate(flow);
    // y has no policy (egress not isolated); x-a-allows-x-b isolates x/a and admits pod=b of its own namespace only.
    expect(explainText(flow, v).split('\n')).toEqual([
      'DENY y/b -> x/a 80/TCP',
      '  egress  default: NotIsolated (no policy isolates it for egress)',
      '  ingress NetworkPolicy: Isolated (isolated for ingress by NetworkPolicy x/x-a-allows-x-b; no rule allows it)',
    ]);
    const allowedFlow: Flow = { from: peerOf(a.cluster, 'x/b'), to: peerOf(a.cluster, 'x/a'), port: 80, protocol: 'TCP' };
    const text = explainText(allowedFlow, a.evaluator.evaluate(allowedFlow));
    expect(text.split('\n')[0]).toBe('ALLOW x/b -> x/a 80/TCP');
    expect(text).toContain('x/x-a-allows-x-b');
  });
});

describe('admin tier trace', () => {
  // Source: kubernetes-sigs/network-policy-api apis/v1alpha1/adminnetworkpolicy_types.go (priority, Deny, Pass)
  const a = analyze(`
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: pass-y-a-deny-y
spec:
  priority: 7
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  ingress:
  - name: pass-y-a
    action: Pass
    from:
    - pods:
        namespaceSelector:
          matchLabels:
            kubernetes.io/metadata.name: y
        podSelector:
          matchLabels:
            pod: a
  - name: deny-y
    action: Deny
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: y
---
${X_A_ALLOWS_X_B}`);

  test('an ANP Deny is reported with its tier, policy, rule and priority', () => {
    const v = verdict(a, 'y/b', 'x/b', 80);
    expect(v.allowed).toBe(false);
    const deny = v.trace.find(e => e.action === 'Deny');
    expect(deny).toMatchObject({ direction: 'ingress', priority: 7 });
    // types.ts documents the tier as `AdminNetworkPolicy`; the evaluator names the tier `Admin` (shared with
    // ClusterNetworkPolicy tier Admin). Either names the admin tier; the rule label may add the rule's name.
    expect(deny?.tier).toMatch(/^Admin/);
    expect(deny?.rule).toMatch(/^ingress\[1\]/);
    expect(deny?.policy).toContain('pass-y-a-deny-y');
  });

  test('an ANP Pass is followed by the NetworkPolicy tier that decides', () => {
    const v = verdict(a, 'y/a', 'x/a', 80);
    expect(v.allowed).toBe(false);
    const ingress = v.trace.filter(e => e.direction === 'ingress');
    const pass = ingress.findIndex(e => e.action === 'Pass');
    const isolated = ingress.findIndex(e => e.action === 'Isolated');
    expect(pass).toBeGreaterThanOrEqual(0);
    expect(ingress[pass].tier).toMatch(/^Admin/);
    expect(ingress[pass].rule).toMatch(/^ingress\[0\]/);
    expect(ingress[isolated].tier).toBe('NetworkPolicy');
    expect(isolated).toBeGreaterThan(pass);
  });
});
