import { analyze, expectTruthTable } from './support/truth-table';

// The admin tiers around NetworkPolicy, from the network-policy-api project (kubernetes-sigs/network-policy-api,
// KEP-2091): AdminNetworkPolicy (priority order, Allow/Deny/Pass, evaluated before NetworkPolicy),
// BaselineAdminNetworkPolicy (evaluated after, only where NetworkPolicy does not decide) and ClusterNetworkPolicy
// v1alpha2 (tiers Admin and Baseline, actions Accept/Deny/Pass). Each test cites the API field documentation it
// transcribes and, where one exists, the conformance test. Cluster and table format as in network-policy-e2e.test.ts.
// A pod outside every rule and every NetworkPolicy keeps the Kubernetes default: allowed.

describe('AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1)', () => {
  test('an ANP Deny beats a NetworkPolicy that allows', () => {
    // Source: kubernetes-sigs/network-policy-api apis/v1alpha1/adminnetworkpolicy_types.go, AdminNetworkPolicyRuleActionDeny: "matching traffic will be denied before being checked against NetworkPolicy or
    // BaselineAdminNetworkPolicy rules. Pods will never receive traffic which has been matched by a "Deny" rule in an AdminNetworkPolicy."
    // kubernetes-sigs/network-policy-api conformance/tests/admin-network-policy-core-integration.go, t.Run("Should Deny traffic from slytherin to gryffindor respecting ANP")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-ingress
  namespace: x
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  ingress:
  - {}
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: deny-y-to-x
spec:
  priority: 10
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  ingress:
  - name: deny-from-y
    action: Deny
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: y
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a X   X   X   -   .   .   .   .   .
      y/b X   X   X   .   -   .   .   .   .
      y/c X   X   X   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });

  test('an ANP Allow beats NetworkPolicy isolation', () => {
    // Source: kubernetes-sigs/network-policy-api apis/v1alpha1/adminnetworkpolicy_types.go, AdminNetworkPolicyRuleActionAllow: "matching traffic will be allowed regardless of NetworkPolicy and
    // BaselineAdminNetworkPolicy rules. Users cannot block traffic which has been matched by an "Allow" rule in an AdminNetworkPolicy."
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: x
spec:
  podSelector: {}
  policyTypes:
  - Ingress
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: allow-z-to-x
spec:
  priority: 10
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  ingress:
  - name: allow-from-z
    action: Allow
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: z
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   .   .   .   .   .   .
      x/b X   -   X   .   .   .   .   .   .
      x/c X   X   -   .   .   .   .   .   .
      y/a X   X   X   -   .   .   .   .   .
      y/b X   X   X   .   -   .   .   .   .
      y/c X   X   X   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });

  test('an ANP Pass skips the remaining ANP rules: NetworkPolicy decides for the pods it selects, the default for the others', () => {
    // Source: kubernetes-sigs/network-policy-api apis/v1alpha1/adminnetworkpolicy_types.go, Pass: "instructs the selected traffic to skip any remaining ANP rules, and then pass execution to any
    // NetworkPolicies that select the pod. If the pod is not selected by any NetworkPolicies then execution is passed to any
    // BaselineAdminNetworkPolicies that select the pod."
    // kubernetes-sigs/network-policy-api conformance/tests/admin-network-policy-core-integration.go, t.Run("Should support a 'pass-ingress' policy for ANP and respect the match for network policy")
    // x/a: y/a passes to x-a-from-y-a, which allows it; y/b, y/c pass to it too and are denied by its isolation;
    // x/b, x/c: no NetworkPolicy and no BANP selects them, so passed traffic is allowed; the Deny after the Pass stops x and z
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: x-a-from-y-a
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Ingress
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: y
      podSelector:
        matchLabels:
          pod: a
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: pass-y-deny-rest
spec:
  priority: 10
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  ingress:
  - name: pass-from-y
    action: Pass
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: y
  - name: deny-the-rest
    action: Deny
    from:
    - namespaces: {}
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   .   .   .   .   .   .
      x/b X   -   X   .   .   .   .   .   .
      x/c X   X   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b X   .   .   .   -   .   .   .   .
      y/c X   .   .   .   .   -   .   .   .
      z/a X   X   X   .   .   .   -   .   .
      z/b X   X   X   .   .   .   .   -   .
      z/c X   X   X   .   .   .   .   .   -
    `);
  });

  test('between ANPs the lower priority value wins', () => {
    // Source: kubernetes-sigs/network-policy-api apis/v1alpha1/adminnetworkpolicy_types.go, spec.priority: "Rules with lower priority values have higher precedence, and are checked before rules with higher
    // priority values."
    // kubernetes-sigs/network-policy-api conformance/tests/admin-network-policy-core-priority.go, t.Run("Should respect ANP priority field; thus passing both ingress and egress traffic over to BANP")
    // Step 1: Deny at priority 50, Allow at priority 60: the Deny wins
    const step1 = analyze(`
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: priority-50-example
spec:
  priority: 50
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  ingress:
  - name: deny-from-y
    action: Deny
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: y
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: old-priority-60-new-priority-40-example
spec:
  priority: 60
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  ingress:
  - name: allow-from-y
    action: Allow
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: y
`);
    expectTruthTable(step1, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a X   X   X   -   .   .   .   .   .
      y/b X   X   X   .   -   .   .   .   .
      y/c X   X   X   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
    // Step 2: the Allow moved to priority 40: now it wins
    const step2 = analyze(`
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: priority-50-example
spec:
  priority: 50
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  ingress:
  - name: deny-from-y
    action: Deny
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: y
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: old-priority-60-new-priority-40-example
spec:
  priority: 40
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  ingress:
  - name: allow-from-y
    action: Allow
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: y
`);
    expectTruthTable(step2, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });

  test('within one ANP the first matching rule wins', () => {
    // Source: kubernetes-sigs/network-policy-api apis/v1alpha1/adminnetworkpolicy_types.go, spec.priority: "The relative precedence of the rules within a single ANP object (all of which share the priority)
    // will be determined by the order in which the rule is written. Thus, a rule that appears at the top of the ingress/egress rules
    // would take the highest precedence."
    const a = analyze(`
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: y-a-only
spec:
  priority: 10
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  ingress:
  - name: allow-y-a
    action: Allow
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
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b X   X   X   .   -   .   .   .   .
      y/c X   X   X   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });

  test('ANP egress rules with ports: only the matching port is denied', () => {
    // Source: kubernetes-sigs/network-policy-api apis/v1alpha1/adminnetworkpolicy_types.go, AdminNetworkPolicyEgressRule and Ports: "Ports allows for matching traffic based on port and protocols. If Ports is
    // not set then the rule does not filter traffic via port."; shared_types.go AdminNetworkPolicyPort.portNumber
    const a = analyze(`
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: x-no-http-to-z
spec:
  priority: 10
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  egress:
  - name: deny-http-to-z
    action: Deny
    to:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: z
    ports:
    - portNumber:
        protocol: TCP
        port: 80
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   X   X   X
      x/b .   -   .   .   .   .   X   X   X
      x/c .   .   -   .   .   .   X   X   X
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
    expectTruthTable(a, 81, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
    expectTruthTable(a, 80, 'UDP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });

  test('an ANP subject by pods selects namespaces AND pods', () => {
    // Source: kubernetes-sigs/network-policy-api apis/v1alpha1/shared_types.go, AdminNetworkPolicySubject.Pods: "Pods is used to select
    // pods via namespace AND pod selectors."; AdminNetworkPolicyIngressPeer.Pods: "a set of pods in a set of namespaces"
    const a = analyze(`
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: protect-c
spec:
  priority: 10
  subject:
    pods:
      namespaceSelector: {}
      podSelector:
        matchLabels:
          pod: c
  ingress:
  - name: deny-x-a
    action: Deny
    from:
    - pods:
        namespaceSelector:
          matchLabels:
            kubernetes.io/metadata.name: x
        podSelector:
          matchLabels:
            pod: a
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   X   .   .   X   .   .   X
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });

  test('a BANP Deny applies only to pods that no NetworkPolicy selects', () => {
    // Source: kubernetes-sigs/network-policy-api apis/v1alpha1/baselineadminnetworkpolicy_types.go, spec.ingress: "the list of Ingress rules to be applied to the selected pods if they are not matched by any
    // AdminNetworkPolicy or NetworkPolicy rules."
    // kubernetes-sigs/network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go, spec.tier: "v1.NetworkPolicy always makes a final decision for selected pods. Further evaluation only happens for Pods
    // not selected by a v1.NetworkPolicy."
    // x/a is selected by x-a-from-y-a: it alone decides (y/a allowed, everything else denied by its isolation)
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: x-a-from-y-a
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Ingress
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: y
      podSelector:
        matchLabels:
          pod: a
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces: {}
  ingress:
  - name: deny-from-y
    action: Deny
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: y
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a .   X   X   -   X   X   X   X   X
      y/b X   X   X   X   -   X   X   X   X
      y/c X   X   X   X   X   -   X   X   X
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test('a BANP Allow re-opens what its later Deny closes, for pods no NetworkPolicy selects', () => {
    // Source: kubernetes-sigs/network-policy-api apis/v1alpha1/baselineadminnetworkpolicy_types.go, spec.ingress: "The relative precedence of ingress rules within a single BANP object will be determined by the
    // order in which the rule is written."; BaselineAdminNetworkPolicyRuleActionAllow "enables admins to allow certain traffic"
    // y is isolated by its own default-deny-ingress NetworkPolicy, so the BANP does not apply there
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: y
spec:
  podSelector: {}
  policyTypes:
  - Ingress
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces: {}
  ingress:
  - name: allow-from-z
    action: Allow
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: z
  - name: deny-all
    action: Deny
    from:
    - namespaces: {}
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   X   X   X   X   X   X
      x/b X   -   X   X   X   X   X   X   X
      x/c X   X   -   X   X   X   X   X   X
      y/a X   X   X   -   X   X   X   X   X
      y/b X   X   X   X   -   X   X   X   X
      y/c X   X   X   X   X   -   X   X   X
      z/a .   .   .   X   X   X   -   .   .
      z/b .   .   .   X   X   X   .   -   .
      z/c .   .   .   X   X   X   .   .   -
    `);
  });

  test('an ANP Pass reaches the BANP when no NetworkPolicy selects the pod', () => {
    // Source: kubernetes-sigs/network-policy-api apis/v1alpha1/adminnetworkpolicy_types.go, Pass: "If the pod is not selected by any NetworkPolicies then execution is passed to any
    // BaselineAdminNetworkPolicies that select the pod."
    // kubernetes-sigs/network-policy-api conformance/tests/admin-network-policy-core-integration.go, t.Run("Should support a 'pass-ingress' policy for ANP and respect the match for baseline admin network policy")
    // y/a is passed and then denied by the BANP; y/b and y/c are allowed by the ANP before the BANP is consulted
    const a = analyze(`
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: pass-y-a
spec:
  priority: 10
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
  - name: allow-y
    action: Allow
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: y
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  ingress:
  - name: deny-from-y
    action: Deny
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: y
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a X   X   X   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });

  test('isolation is per direction: a NetworkPolicy for egress only leaves ingress to the BANP', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource "__policyTypes__ ... indicates
    // whether or not the given policy applies to ingress traffic to selected pod, egress traffic from selected pods, or both";
    // kubernetes-sigs/network-policy-api apis/v1alpha1/baselineadminnetworkpolicy_types.go, spec.ingress: "applied to the selected pods if they are not matched by any AdminNetworkPolicy or NetworkPolicy rules"
    // (derived: allow-all-egress has no ingress rules to match, so the ingress of x is decided by the BANP)
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-egress
  namespace: x
spec:
  podSelector: {}
  policyTypes:
  - Egress
  egress:
  - {}
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces: {}
  ingress:
  - name: deny-from-y
    action: Deny
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: y
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a X   X   X   -   X   X   X   X   X
      y/b X   X   X   X   -   X   X   X   X
      y/c X   X   X   X   X   -   X   X   X
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });
});

describe('ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2)', () => {
  test('Admin tier Deny beats a NetworkPolicy that allows', () => {
    // Source: kubernetes-sigs/network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go, spec.tier: "The Admin tier takes precedence over all other policies. ... If Admin tier has made a final
    // decision (Accept or Deny) on a connection, then no further evaluation is done."; Deny: "Drops the selected traffic. No further
    // ClusterNetworkPolicy or NetworkPolicy rules will be processed."
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-ingress
  namespace: x
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  ingress:
  - {}
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: deny-y-to-x
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  ingress:
  - name: deny-from-y
    action: Deny
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: y
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a X   X   X   -   .   .   .   .   .
      y/b X   X   X   .   -   .   .   .   .
      y/c X   X   X   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });

  test('Admin tier Accept beats NetworkPolicy isolation', () => {
    // Source: kubernetes-sigs/network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go, Accept: "Accepts the selected traffic, allowing it into the destination. No further ClusterNetworkPolicy or
    // NetworkPolicy rules will be processed."
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: x
spec:
  podSelector: {}
  policyTypes:
  - Ingress
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: accept-z-to-x
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  ingress:
  - name: accept-from-z
    action: Accept
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: z
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   .   .   .   .   .   .
      x/b X   -   X   .   .   .   .   .   .
      x/c X   X   -   .   .   .   .   .   .
      y/a X   X   X   -   .   .   .   .   .
      y/b X   X   X   .   -   .   .   .   .
      y/c X   X   X   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });

  test('Admin tier Pass: NetworkPolicy decides for the pods it selects, the Baseline tier for the others', () => {
    // Source: kubernetes-sigs/network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go, Pass: "Skips all further ClusterNetworkPolicy rules in the current tier for the selected traffic, and passes
    // evaluation to the next tier."; spec.tier: "v1.NetworkPolicy always makes a final decision for selected pods. Further evaluation
    // only happens for Pods not selected by a v1.NetworkPolicy."
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: x-a-from-y-a
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Ingress
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: y
      podSelector:
        matchLabels:
          pod: a
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: pass-y
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  ingress:
  - name: pass-from-y
    action: Pass
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: y
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: baseline-deny-y
spec:
  tier: Baseline
  priority: 10
  subject:
    namespaces: {}
  ingress:
  - name: deny-from-y
    action: Deny
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: y
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a .   X   X   -   X   X   X   X   X
      y/b X   X   X   X   -   X   X   X   X
      y/c X   X   X   X   X   -   X   X   X
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test('within the Admin tier the lower priority value is checked first', () => {
    // Source: kubernetes-sigs/network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go, spec.priority: "Policies with lower priority values have higher precedence, and are checked before policies with
    // higher priority values in the same tier."
    const a = analyze(`
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: accept-y
spec:
  tier: Admin
  priority: 5
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  ingress:
  - name: accept-from-y
    action: Accept
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: y
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: deny-all
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  ingress:
  - name: deny-all
    action: Deny
    from:
    - namespaces: {}
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   .   .   .   .   .   .
      x/b X   -   X   .   .   .   .   .   .
      x/c X   X   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a X   X   X   .   .   .   -   .   .
      z/b X   X   X   .   .   .   .   -   .
      z/c X   X   X   .   .   .   .   .   -
    `);
  });

  test('Baseline tier Accept and Deny apply only to pods no NetworkPolicy selects', () => {
    // Source: kubernetes-sigs/network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go, spec.tier: "Baseline tier is a cluster-wide policy that can be overridden by the v1.NetworkPolicy. If Baseline
    // tier has made a final decision (Accept or Deny) on a connection, then no further evaluation is done."
    // y is isolated by its own default-deny-ingress NetworkPolicy, so the Baseline tier does not apply there
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: y
spec:
  podSelector: {}
  policyTypes:
  - Ingress
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: baseline-accept-z
spec:
  tier: Baseline
  priority: 1
  subject:
    namespaces: {}
  ingress:
  - name: accept-from-z
    action: Accept
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: z
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: baseline-deny-all
spec:
  tier: Baseline
  priority: 2
  subject:
    namespaces: {}
  ingress:
  - name: deny-all
    action: Deny
    from:
    - namespaces: {}
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   X   X   X   X   X   X
      x/b X   -   X   X   X   X   X   X   X
      x/c X   X   -   X   X   X   X   X   X
      y/a X   X   X   -   X   X   X   X   X
      y/b X   X   X   X   -   X   X   X   X
      y/c X   X   X   X   X   -   X   X   X
      z/a .   .   .   X   X   X   -   .   .
      z/b .   .   .   X   X   X   .   -   .
      z/c .   .   .   X   X   X   .   .   -
    `);
  });

  test('Admin tier egress Deny', () => {
    // Source: kubernetes-sigs/network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go, ClusterNetworkPolicyEgressRule, Deny: "Drops the selected traffic. No further ClusterNetworkPolicy or NetworkPolicy
    // rules will be processed."
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-egress
  namespace: x
spec:
  podSelector: {}
  policyTypes:
  - Egress
  egress:
  - {}
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: x-not-to-z
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: x
  egress:
  - name: deny-to-z
    action: Deny
    to:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: z
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   X   X   X
      x/b .   -   .   .   .   .   X   X   X
      x/c .   .   -   .   .   .   X   X   X
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });
});
