import { analyzeCalico, expectFlows, expectTruthTable, verdict } from './support';

// Calico NetworkPolicy and GlobalNetworkPolicy semantics, transcribed from the Calico docs
// (docs.tigera.io/calico/latest/...; sources in tigera/docs calico/...mdx) on the upstream e2e cluster:
// namespaces x, y, z (ns=<name>), pods a, b, c (pod=<name>) serving 80 and 81, IPs 10.0.<x=1,y=2,z=3>.<a=1,b=2,c=3>.

describe('Calico policy: get started', () => {
  test('with no policy, every pod is allowed (the namespace profile allows)', () => {
    // Source: network-policy/get-started/kubernetes-default-deny.mdx, "If no network policies apply to a pod, then
    // all traffic to/from that pod is allowed." (libcalico-go NamespaceToProfile: the kns.<ns> profile allows both ways)
    const a = analyzeCalico('');
    expectFlows(a, `
      x/a -> y/b 80/TCP .
      y/c -> 8.8.8.8 443/TCP .
      192.0.2.1 -> z/a 81/UDP .
    `);
    expect(verdict(a, 'x/a', 'y/b', 80).trace).toEqual([
      { direction: 'egress', tier: 'profile', policy: 'Profile kns.x', action: 'NotIsolated', detail: 'no policy applies to it for egress; the namespace\'s profile allows it' },
      { direction: 'ingress', tier: 'profile', policy: 'Profile kns.y', action: 'NotIsolated', detail: 'no policy applies to it for ingress; the namespace\'s profile allows it' },
    ]);
  });

  test('a namespaced policy\'s source selector matches pods of its own namespace only', () => {
    // Source: network-policy/get-started/calico-policy/calico-network-policy.mdx, "Control traffic to/from endpoints
    // in a namespace": ingress to color == 'red' in production is allowed "only if it comes from a pod in the same
    // namespace with color: blue, on port 6379". Here: a in x, from b, on 80.
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-tcp-80
  namespace: x
spec:
  selector: pod == 'a'
  ingress:
  - action: Allow
    protocol: TCP
    source:
      selector: pod == 'b'
    destination:
      ports:
      - 80
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b .   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a X   .   .   -   .   .   .   .   .
      y/b X   .   .   .   -   .   .   .   .
      y/c X   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
    expectFlows(a, `
      x/b -> x/a 81/TCP X
      x/b -> x/a 80/UDP X
      x/a -> y/a 80/TCP .
    `);
  });

  test('a rule\'s namespaceSelector takes the source selector to the namespaces it selects', () => {
    // Source: calico-network-policy.mdx: "To allow ingress traffic from endpoints in other namespaces, use a
    // namespaceSelector in the policy rule. A namespaceSelector matches namespaces based on the labels that are
    // applied in the namespace." (shape == 'circle' there, ns == 'y' here)
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-tcp-80
  namespace: x
spec:
  selector: pod == 'a'
  ingress:
  - action: Allow
    protocol: TCP
    source:
      selector: pod == 'b'
      namespaceSelector: ns == 'y'
    destination:
      ports: [80]
`);
    expectFlows(a, `
      y/b -> x/a 80/TCP .
      x/b -> x/a 80/TCP X
      z/b -> x/a 80/TCP X
      y/c -> x/a 80/TCP X
    `);
  });

  test('a namespaceSelector matches the namespace\'s name through projectcalico.org/name', () => {
    // Source: reference/resources/networkpolicy.mdx EntityRule: "Match a specific namespace by name using the
    // projectcalico.org/name label."
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: from-z
  namespace: x
spec:
  ingress:
  - action: Allow
    source:
      namespaceSelector: projectcalico.org/name == 'z'
`);
    expectFlows(a, `
      z/a -> x/b 80/TCP .
      z/c -> x/c 81/UDP .
      y/a -> x/b 80/TCP X
      x/a -> x/b 80/TCP X
      10.0.3.1 -> x/a 80/TCP X
    `);
  });

  test('a GlobalNetworkPolicy selects pods of every namespace, and its Deny rule decides', () => {
    // Source: calico-network-policy.mdx, "Control traffic to/from endpoints independent of namespace": "incoming TCP
    // traffic to any pods with label color: red is denied if it comes from a pod with color: blue".
    // The policy applies to the pods it selects, so what no rule decides meets the end of tier default: denied
    // (reference/resources/tier.mdx: "If the Tier applies to the endpoint, but takes no action on the packet the
    // packet is dropped").
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: deny-b
spec:
  selector: pod == 'a'
  ingress:
  - action: Deny
    protocol: TCP
    source:
      selector: pod == 'b'
  - action: Allow
`);
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   X   .   .   X   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b X   .   .   X   -   .   X   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b X   .   .   X   .   .   X   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
    expectFlows(a, `
      x/b -> y/a 80/UDP .
    `);
  });

  test('a GlobalNetworkPolicy Deny without a later Allow denies the rest at the end of the tier', () => {
    // Source: reference/resources/tier.mdx "How policy is evaluated": a tier that applies and takes no action drops.
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: deny-b
spec:
  selector: pod == 'a'
  ingress:
  - action: Deny
    protocol: TCP
    source:
      selector: pod == 'b'
`);
    expectFlows(a, `
      x/b -> x/a 80/TCP X
      x/c -> x/a 80/TCP X
      x/c -> x/b 80/TCP .
    `);
    expect(verdict(a, 'x/c', 'x/a', 80).trace.at(-1)).toEqual({
      direction: 'ingress',
      tier: 'default',
      action: 'Isolated',
      detail: 'end of tier default: GlobalNetworkPolicy deny-b applies to it for ingress and no rule allowed, denied or passed it',
    });
  });

  test('a rule namespaceSelector in a GlobalNetworkPolicy scopes the selector to those namespaces', () => {
    // Source: calico-network-policy.mdx, "deny-circle-blue": Deny TCP from color == 'blue' in shape == 'circle'.
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: deny-y-b
spec:
  selector: pod == 'a'
  ingress:
  - action: Deny
    protocol: TCP
    source:
      selector: pod == 'b'
      namespaceSelector: ns == 'y'
  - action: Allow
`);
    expectFlows(a, `
      y/b -> x/a 80/TCP X
      y/b -> z/a 80/TCP X
      x/b -> x/a 80/TCP .
      z/b -> y/a 80/TCP .
    `);
  });

  test('a GlobalNetworkPolicy\'s namespaceSelector and projectcalico.org/namespace choose the pods it applies to', () => {
    // Source: kubernetes-default-deny.mdx, "deny-app-policy": namespaceSelector has(projectcalico.org/name) &&
    // projectcalico.org/name not in {"kube-system", ...}; globalnetworkpolicy.mdx: "Select a namespace ... by using
    // projectcalico.org/namespace as the label name".
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: deny-app-policy
spec:
  namespaceSelector: has(projectcalico.org/name) && projectcalico.org/name not in {"y"}
  types:
  - Ingress
  - Egress
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: open-y-c
spec:
  order: 10
  selector: projectcalico.org/namespace == 'y' && pod == 'c'
  ingress:
  - action: Deny
`);
    expectFlows(a, `
      y/a -> y/b 80/TCP .
      x/a -> y/b 80/TCP X
      y/a -> z/b 80/TCP X
      y/a -> y/c 80/TCP X
    `);
  });

  test('a policy in projectcalico.org/v3 defaults its types by the rules present', () => {
    // Source: reference/resources/networkpolicy.mdx: without types, no egress rules -> Ingress; egress rules only ->
    // Egress; both -> Ingress, Egress (libcalico-go clientv3 defaultPolicyTypesField).
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: egress-only
spec:
  selector: pod == 'a'
  egress:
  - action: Deny
    destination:
      selector: pod == 'b'
`);
    expectFlows(a, `
      x/a -> x/b 80/TCP X
      x/a -> x/c 80/TCP X
      x/c -> x/a 80/TCP .
    `);
  });

  test('a policy written to crd.projectcalico.org/v1 without types governs both directions', () => {
    // Source: felix/calc/policy_sorter.go ExtractPolicyMetadata: "Back compatibility: no Types means Ingress and
    // Egress." Objects written straight to the CRDs skip the API server's defaulting; hence explicit types for
    // AKS-managed Calico.
    const a = analyzeCalico(`
apiVersion: crd.projectcalico.org/v1
kind: GlobalNetworkPolicy
metadata:
  name: egress-only
spec:
  selector: pod == 'a'
  egress:
  - action: Deny
    destination:
      selector: pod == 'b'
  - action: Allow
`, { crd: true });
    expect(a.evaluator.engine).toBe('calico-crd');
    expectFlows(a, `
      x/a -> x/b 80/TCP X
      x/a -> x/c 80/TCP .
      x/c -> x/a 80/TCP X
    `);
  });

  test('a Calico default deny in a namespace denies both ways; explicit types with no rules', () => {
    // Source: kubernetes-default-deny.mdx, "Enable default deny Calico network policy, namespaced".
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: x
spec:
  selector: all()
  types:
  - Ingress
  - Egress
`);
    expectFlows(a, `
      x/a -> x/b 80/TCP X
      y/a -> x/b 80/TCP X
      x/a -> y/b 80/TCP X
      y/a -> y/b 80/TCP .
      x/a -> 8.8.8.8 53/UDP X
    `);
  });
});

describe('Calico policy: order, Log, nets', () => {
  const orderedPair = (allowOrder: string, denyOrder: string) => `
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: drop-other-ingress
spec:
  ${denyOrder}
  selector: projectcalico.org/namespace == 'x'
  ingress:
  - action: Deny
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: allow-cluster-internal-ingress
spec:
  ${allowOrder}
  selector: projectcalico.org/namespace == 'x'
  ingress:
  - action: Allow
    source:
      nets: [10.0.0.0/16]
`;

  test('the policy of lower order is applied first', () => {
    // Source: calico-network-policy.mdx, "Apply network policies in specific order": "the policy
    // allow-cluster-internal-ingress (order: 10) will be applied before the policy drop-other-ingress (order: 20)".
    const a = analyzeCalico(orderedPair('order: 10', 'order: 20'));
    expectFlows(a, `
      y/a -> x/a 80/TCP .
      192.0.2.1 -> x/a 80/TCP X
    `);
    const swapped = analyzeCalico(orderedPair('order: 30', 'order: 20'));
    expectFlows(swapped, `
      y/a -> x/a 80/TCP X
    `);
  });

  test('a policy without order comes after every ordered one; equal orders go by name', () => {
    // Source: reference/resources/tier.mdx (order: "No value indicates highest order"); felix/calc/policy_sorter.go
    // PolKVLess: order, then name.
    expectFlows(analyzeCalico(orderedPair('', 'order: 20')), `
      y/a -> x/a 80/TCP X
    `);
    // Same order: "allow-cluster-internal-ingress" sorts before "drop-other-ingress".
    expectFlows(analyzeCalico(orderedPair('order: 5', 'order: 5')), `
      y/a -> x/a 80/TCP .
    `);
  });

  test('a Log rule does not decide: the next rule does', () => {
    // Source: calico-network-policy.mdx, "Generate logs for specific traffic" (Log then Deny); reference Rule:
    // "After a Log action, processing continues with the next rule".
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: log-and-deny
  namespace: x
spec:
  selector: pod == 'a'
  types: [Ingress, Egress]
  ingress:
  - action: Log
    protocol: TCP
    source:
      selector: pod == 'b'
  - action: Deny
    protocol: TCP
    source:
      selector: pod == 'b'
  - action: Allow
  egress:
  - action: Log
`);
    expectFlows(a, `
      x/b -> x/a 80/TCP X
      x/c -> x/a 80/TCP .
      x/a -> x/c 80/TCP X
    `);
    expect(verdict(a, 'x/b', 'x/a', 80).trace.at(-1)).toMatchObject({ policy: 'Calico NetworkPolicy x/log-and-deny', rule: 'ingress[1]', action: 'Deny' });
  });

  test('nets match addresses outside the cluster and pods\' IPs', () => {
    // Source: calico-network-policy.mdx, "Control traffic to/from endpoints using IP addresses or CIDR ranges"
    // (egress Deny to 1.2.3.0/24); EntityRule nets: "Match packets with IP in any of the listed CIDRs".
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: deny-egress
  namespace: x
spec:
  selector: pod == 'a'
  types:
  - Egress
  egress:
  - action: Deny
    destination:
      nets:
      - 1.2.3.0/24
      - 10.0.2.0/24
  - action: Allow
`);
    expectFlows(a, `
      x/a -> 1.2.3.4 443/TCP X
      x/a -> 1.2.4.1 443/TCP .
      x/a -> y/b 80/TCP X
      x/a -> z/b 80/TCP .
    `);
  });

  test('notNets matches every address outside the listed CIDRs', () => {
    // Source: reference EntityRule notNets: "Match packets with IP not in any of the listed CIDRs."
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: external-only
spec:
  selector: projectcalico.org/namespace == 'x'
  types:
  - Egress
  egress:
  - action: Allow
    destination:
      notNets: [10.0.0.0/8]
`);
    expectFlows(a, `
      x/a -> 8.8.8.8 53/UDP .
      x/a -> 10.9.9.9 53/UDP X
      x/a -> y/a 80/TCP X
    `);
  });
});

describe('Calico policy: service accounts', () => {
  const base = () => [
    ...analyzeCalico('').docs.filter((d: any) => d.kind === 'Namespace'),
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api', namespace: 'x', labels: { app: 'api' } }, spec: { serviceAccountName: 'api-sa', containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'x', labels: { app: 'web' } }, spec: { serviceAccount: 'web-sa', containers: [{ name: 'c' }] } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'job', namespace: 'y', labels: { app: 'job' } }, spec: { containers: [{ name: 'c' }] } },
  ];

  test('serviceAccounts.names match the source pods\' service account, in the policy\'s namespace', () => {
    // Source: reference EntityRule serviceAccounts: "Match endpoints running under service accounts"; pods get
    // projectcalico.org/serviceaccount (libcalico-go k8s conversion); `default` when the pod names none.
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: from-web-sa
  namespace: x
spec:
  selector: app == 'api'
  ingress:
  - action: Allow
    source:
      serviceAccounts:
        names: [web-sa, default]
`, { base: base() });
    expectFlows(a, `
      x/web -> x/api 80/TCP .
      y/job -> x/api 80/TCP X
    `);
  });

  test('serviceAccountSelector chooses the pods a policy applies to by their account\'s name', () => {
    // Source: reference/resources/networkpolicy.mdx spec.serviceAccountSelector: "Select a specific service account
    // by name using the projectcalico.org/name label."
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: api-sa-isolated
spec:
  serviceAccountSelector: projectcalico.org/name == 'api-sa'
  types: [Ingress]
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: default-sa-egress-denied
spec:
  selector: projectcalico.org/serviceaccount == 'default'
  types: [Egress]
`, { base: base() });
    expectFlows(a, `
      x/web -> x/api 80/TCP X
      x/api -> x/web 80/TCP .
      y/job -> x/web 80/TCP X
    `);
  });
});
