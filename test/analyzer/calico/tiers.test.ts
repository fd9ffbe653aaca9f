import { analyzeCalico, expectFlows, verdict } from './support';
import { kubernetesEvaluator } from '../../../lib/analyzer/kubernetes/evaluator';

// Calico tiers, Pass and the tier defaults, from docs.tigera.io/calico/latest/network-policy/policy-tiers/tiered-policy
// (tigera/docs calico/network-policy/policy-tiers/tiered-policy.mdx) and reference/resources/tier.mdx, on the e2e cluster.

const tier = (name: string, order?: number, defaultAction?: string) => `
apiVersion: projectcalico.org/v3
kind: Tier
metadata:
  name: ${name}
spec:
${order === undefined ? '  {}' : `  order: ${order}`}
${defaultAction ? `  defaultAction: ${defaultAction}` : ''}
---`;

describe('Calico tiers', () => {
  test('a tier of lower order decides first', () => {
    // Source: tiered-policy.mdx "Tier order": "Tiers are sorted by their orders, starting from the lowest order
    // (the highest priority) tiers"; tier.mdx: Allow or Deny in a tier ends evaluation.
    const policies = (denyTier: number, allowTier: number) => `${tier('deny-tier', denyTier)}${tier('allow-tier', allowTier)}
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: deny-tier.deny-y
spec:
  tier: deny-tier
  selector: projectcalico.org/namespace == 'x'
  ingress:
  - action: Deny
    source:
      namespaceSelector: ns == 'y'
  - action: Pass
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: allow-tier.allow-all
spec:
  tier: allow-tier
  selector: projectcalico.org/namespace == 'x'
  ingress:
  - action: Allow
`;
    expectFlows(analyzeCalico(policies(100, 200)), `
      y/a -> x/a 80/TCP X
      z/a -> x/a 80/TCP .
    `);
    expectFlows(analyzeCalico(policies(300, 200)), `
      y/a -> x/a 80/TCP .
      z/a -> x/a 80/TCP .
    `);
  });

  test('Pass skips the rest of the tier to the next tier that applies', () => {
    // Source: tiered-policy.mdx, "Pass action rule example" (tier devops, policy devops.stage-env: Deny from
    // env != "stage", then Pass); "Pass - skips to the next tier that contains a policy that applies to the endpoint".
    const a = analyzeCalico(`${tier('devops', 300)}
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: devops.stage-env
spec:
  tier: devops
  order: 255
  selector: pod == "a"
  ingress:
  - action: Deny
    source:
      selector: pod != "a"
      namespaceSelector: ns == "z"
  - action: Pass
  egress:
  - action: Pass
  types:
  - Ingress
  - Egress
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: devops.never-reached
spec:
  tier: devops
  order: 300
  selector: pod == "a"
  ingress:
  - action: Deny
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: only-from-y
  namespace: x
spec:
  podSelector: {}
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          ns: y
`);
    expectFlows(a, `
      z/b -> x/a 80/TCP X
      z/a -> x/a 80/TCP X
      y/b -> x/a 80/TCP .
      x/b -> x/a 80/TCP X
      x/a -> z/b 80/TCP .
      y/b -> y/a 80/TCP .
    `);
    // z/a is not denied by devops (it is pod a): passed on, then tier default's end denies it.
    expect(verdict(a, 'z/a', 'x/a', 80).trace.filter(e => e.direction === 'ingress')).toEqual([
      { direction: 'ingress', tier: 'devops', policy: 'GlobalNetworkPolicy devops.stage-env', rule: 'ingress[1]', priority: 255, action: 'Pass', detail: 'all traffic' },
      {
        direction: 'ingress',
        tier: 'default',
        action: 'Isolated',
        detail: 'end of tier default: NetworkPolicy x/only-from-y (knp, order 1000, tier default) applies to it for ingress and no rule allowed, denied or passed it',
      },
    ]);
  });

  test('a tier none of whose policies applies to the pod is skipped, with its end-of-tier deny', () => {
    // Source: tiered-policy.mdx, "Policy endpoint matching across tiers": "if no policies within a tier apply to
    // endpoints, the tier is skipped, and the tier's implicit deny behavior is not executed."
    const a = analyzeCalico(`${tier('platform', 100)}
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: platform.y-only
spec:
  tier: platform
  selector: projectcalico.org/namespace == 'y'
  types: [Ingress]
`);
    expectFlows(a, `
      z/a -> x/a 80/TCP .
      z/a -> y/a 80/TCP X
    `);
  });

  test('a tier that applies and decides nothing denies; with defaultAction Pass it passes', () => {
    // Source: tier.mdx: "If the Tier applies to the endpoint, but takes no action on the packet the packet is
    // dropped. This behaviour can be changed by setting the defaultAction of a tier to Pass."; "If the last Tier
    // applying to the endpoint Passes the packet, that endpoint's Profiles are evaluated" (kns.<ns>: allow).
    const policies = (defaultAction?: string) => `${tier('security', 200, defaultAction)}
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: security.no-y
spec:
  tier: security
  selector: projectcalico.org/namespace == 'x'
  ingress:
  - action: Deny
    source:
      namespaceSelector: ns == 'y'
`;
    expectFlows(analyzeCalico(policies()), `
      y/a -> x/a 80/TCP X
      z/a -> x/a 80/TCP X
    `);
    const passing = analyzeCalico(policies('Pass'));
    expectFlows(passing, `
      y/a -> x/a 80/TCP X
      z/a -> x/a 80/TCP .
    `);
    expect(verdict(passing, 'z/a', 'x/a', 80).trace.filter(e => e.direction === 'ingress').map(e => [e.tier, e.action])).toEqual([
      ['security', 'Pass'],
      ['profile', 'Allow'],
    ]);
  });

  test('a tier without order comes after every ordered tier, the default tier included', () => {
    // Source: tier.mdx spec.order: "No value indicates highest order (lowest precedence)"; the default tier has order
    // 1,000,000 (tiered-policy.mdx "The default tier").
    const a = analyzeCalico(`${tier('last')}
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: last.allow
spec:
  tier: last
  selector: all()
  ingress:
  - action: Allow
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: deny-z
spec:
  selector: projectcalico.org/namespace == 'z'
  ingress:
  - action: Deny
    source:
      namespaceSelector: ns == 'x'
  - action: Pass
`);
    expectFlows(a, `
      x/a -> z/a 80/TCP X
      y/a -> z/a 80/TCP .
    `);
    expect(verdict(a, 'y/a', 'z/a', 80).trace.filter(e => e.direction === 'ingress').map(e => `${e.tier} ${e.action}`)).toEqual(['default Pass', 'last Allow']);
  });
});

describe('Calico and the Kubernetes admin tiers', () => {
  test('an AdminNetworkPolicy Deny in tier adminnetworkpolicy (order 1000) beats a Calico Allow in tier default', () => {
    // Source: tiered-policy.mdx "The admin network policy tier": order 1,000, default action Pass; "The
    // AdminNetworkPolicy priority field maps to the order field".
    const a = analyzeCalico(`
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: deny-y-to-x
spec:
  priority: 10
  subject:
    namespaces:
      matchLabels:
        ns: x
  ingress:
  - name: deny-from-y
    action: Deny
    from:
    - namespaces:
        matchLabels:
          ns: y
  - name: pass-from-z
    action: Pass
    from:
    - namespaces:
        matchLabels:
          ns: z
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: allow-all
spec:
  selector: all()
  ingress:
  - action: Allow
`);
    expectFlows(a, `
      y/a -> x/a 80/TCP X
      z/a -> x/a 80/TCP .
      x/b -> x/a 80/TCP .
    `);
    expect(verdict(a, 'y/a', 'x/a', 80).trace.filter(e => e.direction === 'ingress')).toEqual([{
      direction: 'ingress',
      tier: 'adminnetworkpolicy',
      policy: 'AdminNetworkPolicy deny-y-to-x',
      rule: 'ingress[0] (deny-from-y)',
      priority: 10,
      action: 'Deny',
      detail: 'namespaces(ns=y) on any port',
    }]);
    expect(verdict(a, 'z/a', 'x/a', 80).trace.filter(e => e.direction === 'ingress').map(e => `${e.tier} ${e.action}`))
      .toEqual(['adminnetworkpolicy Pass', 'default Allow']);
  });

  test('a BaselineAdminNetworkPolicy in tier baselineadminnetworkpolicy applies only where tier default does not', () => {
    // Source: tiered-policy.mdx "The baseline admin network policy tier": order 10,000,000, default action Pass.
    const a = analyzeCalico(`
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces: {}
  ingress:
  - name: deny-all
    action: Deny
    from:
    - namespaces: {}
---
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
`);
    expectFlows(a, `
      y/a -> x/a 80/TCP .
      z/a -> x/a 80/TCP X
      z/a -> y/a 80/TCP X
      192.0.2.1 -> y/a 80/TCP .
    `);
    expect(verdict(a, 'z/a', 'y/a', 80).trace.at(-1)).toMatchObject({ tier: 'baselineadminnetworkpolicy', policy: 'BaselineAdminNetworkPolicy default', priority: 1000, action: 'Deny' });
    expect(verdict(a, 'z/a', 'x/a', 80).trace.at(-1)).toMatchObject({ tier: 'default', action: 'Isolated' });
  });

  test('a ClusterNetworkPolicy goes to tier kube-admin (order 1000) or kube-baseline (order 10,000,000)', () => {
    // Source: tigera/docs#2416 (tiered-policy.mdx, "kube-admin tier"): "where all Kubernetes ClusterNetworkPolicy
    // resources with Admin Tier reside ... order of 1,000 and a default action of Pass".
    const a = analyzeCalico(`
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: admin-deny-y
spec:
  tier: Admin
  priority: 5
  subject:
    namespaces:
      matchLabels:
        ns: x
  ingress:
  - action: Deny
    from:
    - namespaces:
        matchLabels:
          ns: y
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: baseline-deny-z
spec:
  tier: Baseline
  priority: 5
  subject:
    namespaces: {}
  ingress:
  - action: Deny
    from:
    - namespaces:
        matchLabels:
          ns: z
`);
    expectFlows(a, `
      y/a -> x/a 80/TCP X
      z/a -> x/a 80/TCP X
      x/a -> y/a 80/TCP .
    `);
    expect(verdict(a, 'y/a', 'x/a', 80).trace.at(-1)).toMatchObject({ tier: 'kube-admin', priority: 5, action: 'Deny' });
    expect(verdict(a, 'z/a', 'x/a', 80).trace.at(-1)).toMatchObject({ tier: 'kube-baseline', action: 'Deny' });
  });

  test('a manifest cannot change the order or default action of a tier Calico creates', () => {
    // Source: tiered-policy.mdx: the default tier's order "is fixed, and cannot be changed"; the admin tiers' order
    // and default action are "fixed, and should not be changed".
    const a = analyzeCalico(`${tier('adminnetworkpolicy', 5000000, 'Deny')}
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: in-admin-tier
spec:
  tier: adminnetworkpolicy
  selector: projectcalico.org/namespace == 'x'
  ingress:
  - action: Deny
    source:
      namespaceSelector: ns == 'y'
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: allow-y
spec:
  selector: all()
  ingress:
  - action: Allow
`);
    expectFlows(a, `
      y/a -> x/a 80/TCP X
      z/a -> x/a 80/TCP .
    `);
  });

  test('the Kubernetes evaluator ignores Calico policies', () => {
    // A cluster without Calico has no Calico objects to enforce.
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: deny-all
spec:
  selector: all()
  types: [Ingress, Egress]
`);
    expect(kubernetesEvaluator(a.cluster).policies).toEqual([]);
    expect(verdict({ ...a, evaluator: kubernetesEvaluator(a.cluster) }, 'x/a', 'y/a', 80).allowed).toBe(true);
    expect(verdict(a, 'x/a', 'y/a', 80).allowed).toBe(false);
  });
});
