import { analyzeCalico, expectFlows, verdict } from './support';
import { kubernetesEvaluator } from '../../../lib/analyzer/kubernetes/evaluator';

// The divergence issue 4 names: under Calico, a Kubernetes NetworkPolicy is an order-1000 policy of tier default
// (libcalico-go k8s conversion K8sNetworkPolicyToCalico: name knp.default.<name>, order 1000), whose rules are
// Allow rules; its "deny" is only the end of tier default. A Calico Allow later in tier default, or in a tier
// evaluated earlier, therefore re-opens what the Kubernetes policy closes. Under Kubernetes semantics the same
// manifests deny (Calico objects do not exist there). (docs.tigera.io policy-tiers/tiered-policy, "Implicit
// default deny"; kubernetes-default-deny.mdx: "implicit default deny policy always occurs last; if any other
// policy allows the traffic, then the deny does not come into effect.")

const kubernetesDefaultDeny = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: x
spec:
  podSelector: {}
  policyTypes:
  - Ingress
`;

const blanketAllow = (extra: string) => `
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: allow-everything
spec:
${extra}
  selector: all()
  ingress:
  - action: Allow
`;

describe('Kubernetes default deny under Calico', () => {
  test('alone, it denies ingress to x as Kubernetes does', () => {
    const a = analyzeCalico(kubernetesDefaultDeny);
    expectFlows(a, `
      y/a -> x/a 80/TCP X
      x/b -> x/a 80/TCP X
      x/a -> y/a 80/TCP .
    `);
    expect(verdict(a, 'y/a', 'x/a', 80).trace.at(-1)).toEqual({
      direction: 'ingress',
      tier: 'default',
      action: 'Isolated',
      detail: 'end of tier default: NetworkPolicy x/default-deny (knp, order 1000, tier default) applies to it for ingress and no rule allowed, denied or passed it',
    });
  });

  test('a GlobalNetworkPolicy of tier default at order 2000 with a blanket Allow re-opens traffic to x', () => {
    const yaml = `${kubernetesDefaultDeny}---${blanketAllow('  order: 2000')}`;
    const a = analyzeCalico(yaml);
    expectFlows(a, `
      y/a -> x/a 80/TCP .
      x/b -> x/a 81/UDP .
      192.0.2.1 -> x/c 80/TCP .
    `);
    expect(verdict(a, 'y/a', 'x/a', 80).trace.filter(e => e.direction === 'ingress')).toEqual([{
      direction: 'ingress',
      tier: 'default',
      policy: 'GlobalNetworkPolicy allow-everything',
      rule: 'ingress[0]',
      priority: 2000,
      action: 'Allow',
      detail: 'all traffic',
    }]);
    // The same manifests under Kubernetes semantics: the Calico object does not exist there.
    expect(verdict({ ...a, evaluator: kubernetesEvaluator(a.cluster) }, 'y/a', 'x/a', 80).allowed).toBe(false);
  });

  test('the blanket Allow re-opens traffic to x from a tier of lower order too', () => {
    const yaml = `
apiVersion: projectcalico.org/v3
kind: Tier
metadata:
  name: platform
spec:
  order: 100
---
${kubernetesDefaultDeny}---${blanketAllow('  tier: platform')}`;
    const a = analyzeCalico(yaml);
    expectFlows(a, `
      y/a -> x/a 80/TCP .
      z/c -> x/b 81/TCP .
    `);
    expect(verdict(a, 'y/a', 'x/a', 80).trace.filter(e => e.direction === 'ingress').map(e => `${e.tier} ${e.policy} ${e.action}`))
      .toEqual(['platform GlobalNetworkPolicy allow-everything Allow']);
  });

  test('a Calico Deny at an order above 1000 comes after the Kubernetes policy\'s Allow; below 1000, before it', () => {
    // Kubernetes NetworkPolicies sit at order 1000 in tier default (K8sNetworkPolicyToCalico).
    const yaml = (order: number) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-from-y
  namespace: x
spec:
  podSelector: {}
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          ns: y
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: deny-all
spec:
  order: ${order}
  selector: all()
  ingress:
  - action: Deny
`;
    expectFlows(analyzeCalico(yaml(2000)), `
      y/a -> x/a 80/TCP .
      z/a -> x/a 80/TCP X
      z/a -> y/a 80/TCP X
    `);
    expectFlows(analyzeCalico(yaml(999)), `
      y/a -> x/a 80/TCP X
    `);
  });
});
