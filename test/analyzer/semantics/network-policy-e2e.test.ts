import { analyze, expectTruthTable } from './support/truth-table';

// Transcribed from the upstream NetworkPolicy e2e suite:
//   kubernetes/kubernetes test/e2e/network/netpol/network_policy.go (each test names its ginkgo It),
//   with its cluster model (test/e2e/network/netpol/model.go): namespaces x, y, z, pods a, b, c in each,
//   serving 80 and 81 on TCP, UDP and SCTP (test/analyzer/fixtures/semantics/e2e-cluster.yaml).
// Each case creates the policy as the e2e test builds it (SetSpecIngressRules/SetSpecEgressRules add the
// policyType) in namespace x unless said otherwise, then checks the full 9x9 reachability on the probed
// port with the e2e's own expectations (quoted above each table; "derived" marks a check upstream does not
// probe). Upstream now runs each case on the few pods it needs; the tables cover all 81 pairs of the 9-pod
// model the suite first used ("We use 3 namespaces each with 3 pods, and probe all combinations ( 9 pods x
// 9 pods = 81 data points )"), and every table was cross-checked against an independent model
// (test/analyzer/properties/reference.ts).
// Not transcribed: cases that mutate live objects (updated policy/pod/namespace labels, deletion): the
// analyzer sees one state; their end states are covered by the static cases here.

describe('NetworkPolicy between server and client', () => {
  test("should support a 'default-deny-ingress' policy", () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should support a 'default-deny-ingress' policy")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-ingress
  namespace: x
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  ingress: []
`);
    // e2e: reachability.ExpectPeer(&Peer{}, &Peer{Namespace: nsX}, false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   .   .   .   .   .   .
      x/b X   -   X   .   .   .   .   .   .
      x/c X   X   -   .   .   .   .   .   .
      y/a X   X   X   -   .   .   .   .   .
      y/b X   X   X   .   -   .   .   .   .
      y/c X   X   X   .   .   -   .   .   .
      z/a X   X   X   .   .   .   -   .   .
      z/b X   X   X   .   .   .   .   -   .
      z/c X   X   X   .   .   .   .   .   -
    `);
  });

  test("should support a 'default-deny-all' policy", () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should support a 'default-deny-all' policy")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
  namespace: x
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
  ingress: []
  egress: []
`);
    // e2e: reachability.ExpectPeer(&Peer{}, &Peer{Namespace: nsX}, false)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX}, &Peer{}, false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   X   X   X   X   X   X
      x/b X   -   X   X   X   X   X   X   X
      x/c X   X   -   X   X   X   X   X   X
      y/a X   X   X   -   .   .   .   .   .
      y/b X   X   X   .   -   .   .   .   .
      y/c X   X   X   .   .   -   .   .   .
      z/a X   X   X   .   .   .   -   .   .
      z/b X   X   X   .   .   .   .   -   .
      z/c X   X   X   .   .   .   .   .   -
    `);
  });

  test('should enforce policy to allow traffic from pods within server namespace based on PodSelector', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce policy to allow traffic from pods within server namespace based on PodSelector")
    // a podSelector alone selects pods in the policy's own namespace only: y/b and z/b are denied
    const a = analyze(`
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
`);
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "a"), false)
    // e2e: reachability.Expect(NewPodString(nsX, "b"), NewPodString(nsX, "a"), true)
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
  });

  test('should enforce policy to allow ingress traffic for a target', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce policy to allow ingress traffic for a target")
    // upstream runs this case on x/a, x/b, y/a; the ExpectAllIngress(x/c) line is ours: x/c is isolated by deny-all like x/b
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
  namespace: x
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  ingress: []
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-to-a
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Ingress
  ingress:
  - from:
    - namespaceSelector: {}
      podSelector: {}
`);
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "a"), true)
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "b"), false)
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "c"), false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   .   .   .   .   .   .
      x/b .   -   X   .   .   .   .   .   .
      x/c .   X   -   .   .   .   .   .   .
      y/a .   X   X   -   .   .   .   .   .
      y/b .   X   X   .   -   .   .   .   .
      y/c .   X   X   .   .   -   .   .   .
      z/a .   X   X   .   .   .   -   .   .
      z/b .   X   X   .   .   .   .   -   .
      z/c .   X   X   .   .   .   .   .   -
    `);
  });

  test('should enforce policy to allow ingress traffic from pods in all namespaces', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce policy to allow ingress traffic from pods in all namespaces")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-from-another-ns
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
        matchLabels: {}
`);
    // e2e: NewReachability(allPods, true): everything allowed
    expectTruthTable(a, 80, 'TCP', `
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

  test('should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector")
    // selector on the declared namespace label `ns`, as the suite wrote it before it switched to kubernetes.io/metadata.name
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-a-via-ns-selector
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
          ns: y
`);
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX}, &Peer{Namespace: nsX, Pod: "a"}, false)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsZ}, &Peer{Namespace: nsX, Pod: "a"}, false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test('should enforce policy based on PodSelector with MatchExpressions', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce policy based on PodSelector with MatchExpressions")
    const a = analyze(`
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
        matchExpressions:
        - key: pod
          operator: In
          values:
          - b
`);
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "a"), false)
    // e2e: reachability.Expect(NewPodString(nsX, "b"), NewPodString(nsX, "a"), true)
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
  });

  test('should enforce policy based on NamespaceSelector with MatchExpressions', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce policy based on NamespaceSelector with MatchExpressions")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ns-y-match-selector
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
        matchExpressions:
        - key: ns
          operator: In
          values:
          - y
`);
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX}, &Peer{Namespace: nsX, Pod: "a"}, false)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsZ}, &Peer{Namespace: nsX, Pod: "a"}, false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test('should enforce policy based on PodSelector or NamespaceSelector', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce policy based on PodSelector or NamespaceSelector")
    // two `from` items: OR. y/* and z/* match the namespaceSelector, x/b the podSelector
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ns-y-match-selector
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
        matchExpressions:
        - key: kubernetes.io/metadata.name
          operator: NotIn
          values:
          - x
    - podSelector:
        matchLabels:
          pod: b
`);
    // e2e: reachability.Expect(NewPodString(nsX, "a"), NewPodString(nsX, "a"), false)
    // e2e: reachability.Expect(NewPodString(nsX, "c"), NewPodString(nsX, "a"), false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b .   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });

  test('should enforce policy based on PodSelector and NamespaceSelector', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce policy based on PodSelector and NamespaceSelector")
    // one `from` item with both selectors: AND. Only pod=b outside x
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ns-y-podselector-and-nsselector
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
        matchExpressions:
        - key: kubernetes.io/metadata.name
          operator: NotIn
          values:
          - x
      podSelector:
        matchLabels:
          pod: b
`);
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "a"), false)
    // e2e: reachability.Expect(NewPodString(nsY, "b"), NewPodString(nsX, "a"), true)
    // e2e: reachability.Expect(NewPodString(nsZ, "b"), NewPodString(nsX, "a"), true)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a X   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c X   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test('should enforce policy based on Multiple PodSelectors and NamespaceSelectors', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce policy based on Multiple PodSelectors and NamespaceSelectors")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ns-y-z-pod-b-c
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
        matchExpressions:
        - key: kubernetes.io/metadata.name
          operator: NotIn
          values:
          - x
      podSelector:
        matchExpressions:
        - key: pod
          operator: In
          values:
          - b
          - c
`);
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX}, &Peer{Namespace: nsX, Pod: "a"}, false)
    // e2e: reachability.Expect(NewPodString(nsY, "a"), NewPodString(nsX, "a"), false)
    // e2e: reachability.Expect(NewPodString(nsZ, "a"), NewPodString(nsX, "a"), false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a X   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });

  test('should enforce policy based on any PodSelectors', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce policy based on any PodSelectors")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ns-x-pod-b-c
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
    - podSelector:
        matchLabels:
          pod: c
`);
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "a"), false)
    // e2e: reachability.Expect(NewPodString(nsX, "b"), NewPodString(nsX, "a"), true)
    // e2e: reachability.Expect(NewPodString(nsX, "c"), NewPodString(nsX, "a"), true)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a X   .   .   -   .   .   .   .   .
      y/b X   .   .   .   -   .   .   .   .
      y/c X   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test('should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ns-y-pod-a-via-namespace-pod-selector
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
`);
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "a"), false)
    // e2e: reachability.Expect(NewPodString(nsY, "a"), NewPodString(nsX, "a"), true)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b X   .   .   .   -   .   .   .   .
      y/c X   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test('should enforce policy based on Ports', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce policy based on Ports")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-a-via-ns-selector
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
    ports:
    - port: 81
      protocol: TCP
`);
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX}, &Peer{Namespace: nsX, Pod: "a"}, false)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsY}, &Peer{Namespace: nsX, Pod: "a"}, true)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsZ}, &Peer{Namespace: nsX, Pod: "a"}, false)
    expectTruthTable(a, 81, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
    // port 80 is not in the rule: x/a is isolated for it (the stacked-policies case probes the same)
    // derived: reachability.ExpectAllIngress(NewPodString(nsX, "a"), false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a X   .   .   -   .   .   .   .   .
      y/b X   .   .   .   -   .   .   .   .
      y/c X   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test('should enforce multiple, stacked policies with overlapping podSelectors', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce multiple, stacked policies with overlapping podSelectors")
    // Step 1: allow-client-a-via-ns-selector (port 81) alone
    const step1 = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-a-via-ns-selector
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
    ports:
    - port: 81
      protocol: TCP
`);
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX}, &Peer{Namespace: nsX, Pod: "a"}, false)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsY}, &Peer{Namespace: nsX, Pod: "a"}, true)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsZ}, &Peer{Namespace: nsX, Pod: "a"}, false)
    expectTruthTable(step1, 81, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "a"), false)
    expectTruthTable(step1, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a X   .   .   -   .   .   .   .   .
      y/b X   .   .   .   -   .   .   .   .
      y/c X   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
    // Step 2: plus allow-client-a-via-ns-selector-80: port 80 unblocked for y
    const step2 = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-a-via-ns-selector
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
    ports:
    - port: 81
      protocol: TCP
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-a-via-ns-selector-80
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
    ports:
    - port: 80
      protocol: TCP
`);
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX}, &Peer{Namespace: nsX, Pod: "a"}, false)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsY}, &Peer{Namespace: nsX, Pod: "a"}, true)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsZ}, &Peer{Namespace: nsX, Pod: "a"}, false)
    expectTruthTable(step2, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX}, &Peer{Namespace: nsX, Pod: "a"}, false)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsY}, &Peer{Namespace: nsX, Pod: "a"}, true)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsZ}, &Peer{Namespace: nsX, Pod: "a"}, false)
    expectTruthTable(step2, 81, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test('should support allow-all policy', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should support allow-all policy")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all
  namespace: x
spec:
  podSelector:
    matchLabels: {}
  policyTypes:
  - Ingress
  ingress:
  - {}
`);
    // e2e: NewReachability(allPods, true): everything allowed
    expectTruthTable(a, 80, 'TCP', `
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
    // e2e: NewReachability(allPods, true): everything allowed
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
  });

  test('should allow ingress access on one named port', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should allow ingress access on one named port")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all
  namespace: x
spec:
  podSelector:
    matchLabels: {}
  policyTypes:
  - Ingress
  ingress:
  - ports:
    - port: serve-81-tcp
`);
    // e2e: NewReachability(allPods, true): everything allowed
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
    // e2e: reachability.ExpectPeer(&Peer{}, &Peer{Namespace: nsX}, false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   .   .   .   .   .   .
      x/b X   -   X   .   .   .   .   .   .
      x/c X   X   -   .   .   .   .   .   .
      y/a X   X   X   -   .   .   .   .   .
      y/b X   X   X   .   -   .   .   .   .
      y/c X   X   X   .   .   -   .   .   .
      z/a X   X   X   .   .   .   -   .   .
      z/b X   X   X   .   .   .   .   -   .
      z/c X   X   X   .   .   .   .   .   -
    `);
  });

  test('should allow ingress access from namespace on one named port', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should allow ingress access from namespace on one named port")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-a-via-ns-selector-80
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
    ports:
    - port: serve-80-tcp
      protocol: TCP
`);
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX}, &Peer{Namespace: nsX, Pod: "a"}, false)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsZ}, &Peer{Namespace: nsX, Pod: "a"}, false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "a"), false)
    expectTruthTable(a, 81, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a X   .   .   -   .   .   .   .   .
      y/b X   .   .   .   -   .   .   .   .
      y/c X   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test('should allow egress access on one named port', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should allow egress access on one named port")
    // the named port is resolved on the destination pod
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-egress
  namespace: x
spec:
  podSelector:
    matchLabels: {}
  policyTypes:
  - Egress
  egress:
  - ports:
    - port: serve-80-tcp
`);
    // e2e: NewReachability(allPods, true): everything allowed
    expectTruthTable(a, 80, 'TCP', `
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
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX}, &Peer{}, false)
    expectTruthTable(a, 81, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   X   X   X   X   X   X
      x/b X   -   X   X   X   X   X   X   X
      x/c X   X   -   X   X   X   X   X   X
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });

  test('should deny ingress from pods on other namespaces', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should deny ingress from pods on other namespaces")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-empty-policy
  namespace: x
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  ingress:
  - from:
    - podSelector:
        matchLabels: {}
`);
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsY}, &Peer{Namespace: nsX}, false)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsZ}, &Peer{Namespace: nsX}, false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a X   X   X   -   .   .   .   .   .
      y/b X   X   X   .   -   .   .   .   .
      y/c X   X   X   .   .   -   .   .   .
      z/a X   X   X   .   .   .   -   .   .
      z/b X   X   X   .   .   .   .   -   .
      z/c X   X   X   .   .   .   .   .   -
    `);
  });

  test('should deny egress from pods based on PodSelector', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should deny egress from pods based on PodSelector")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-egress-pod-a
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Egress
  egress: []
`);
    // e2e: reachability.ExpectAllEgress(NewPodString(nsX, "a"), false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   X   X   X   X   X   X
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

  test('should deny egress from all pods in a namespace', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should deny egress from all pods in a namespace")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-egress-ns-x
  namespace: x
spec:
  podSelector: {}
  policyTypes:
  - Egress
  egress: []
`);
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX}, &Peer{}, false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   X   X   X   X   X   X
      x/b X   -   X   X   X   X   X   X   X
      x/c X   X   -   X   X   X   X   X   X
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
  });

  test('should work with Ingress, Egress specified together', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should work with Ingress, Egress specified together")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-a-via-pod-selector
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Egress
  - Ingress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          pod: b
  egress:
  - ports:
    - port: 80
`);
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "a"), false)
    // e2e: reachability.Expect(NewPodString(nsX, "b"), NewPodString(nsX, "a"), true)
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
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "a"), false)
    // e2e: reachability.ExpectAllEgress(NewPodString(nsX, "a"), false)
    // e2e: reachability.Expect(NewPodString(nsX, "b"), NewPodString(nsX, "a"), true)
    expectTruthTable(a, 81, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   X   X   X   X   X   X
      x/b .   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a X   .   .   -   .   .   .   .   .
      y/b X   .   .   .   -   .   .   .   .
      y/c X   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test('should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-to-ns-y-pod-a
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Egress
  egress:
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: y
      podSelector:
        matchLabels:
          pod: a
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-from-xa-on-ya-match-selector
  namespace: y
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
          kubernetes.io/metadata.name: x
      podSelector:
        matchLabels:
          pod: a
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-from-xa-on-yb-match-selector
  namespace: y
spec:
  podSelector:
    matchLabels:
      pod: b
  policyTypes:
  - Ingress
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: x
      podSelector:
        matchLabels:
          pod: a
`);
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX, Pod: "a"}, &Peer{}, false)
    // e2e: reachability.ExpectPeer(&Peer{}, &Peer{Namespace: nsY, Pod: "a"}, false)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX, Pod: "a"}, &Peer{Namespace: nsY, Pod: "a"}, true)
    // e2e: reachability.ExpectPeer(&Peer{}, &Peer{Namespace: nsY, Pod: "b"}, false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   .   X   X   X   X   X
      x/b .   -   .   X   X   .   .   .   .
      x/c .   .   -   X   X   .   .   .   .
      y/a .   .   .   -   X   .   .   .   .
      y/b .   .   .   X   -   .   .   .   .
      y/c .   .   .   X   X   -   .   .   .
      z/a .   .   .   X   X   .   -   .   .
      z/b .   .   .   X   X   .   .   -   .
      z/c .   .   .   X   X   .   .   .   -
    `);
  });

  test('should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-to-ns-y-pod-a
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Egress
  egress:
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: y
      podSelector:
        matchLabels:
          pod: a
`);
    // e2e: reachability.ExpectAllEgress(NewPodString(nsX, "a"), false)
    // e2e: reachability.Expect(NewPodString(nsX, "a"), NewPodString(nsY, "a"), true)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   .   X   X   X   X   X
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

  test('should enforce ingress policy allowing any port traffic to a server on a specific protocol', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce ingress policy allowing any port traffic to a server on a specific protocol")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ingress-by-proto
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Ingress
  ingress:
  - ports:
    - protocol: TCP
`);
    // e2e: NewReachability(allPods, true): everything allowed
    expectTruthTable(a, 80, 'TCP', `
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
    // e2e: reachability.ExpectPeer(&Peer{}, &Peer{Namespace: nsX, Pod: "a"}, false)
    expectTruthTable(a, 80, 'UDP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a X   .   .   -   .   .   .   .   .
      y/b X   .   .   .   -   .   .   .   .
      y/c X   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test('should enforce multiple ingress policies with ingress allow-all policy taking precedence', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce multiple ingress policies with ingress allow-all policy taking precedence")
    // Step 1: allow-ingress-port-80 alone
    const step1 = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ingress-port-80
  namespace: x
spec:
  podSelector:
    matchLabels: {}
  policyTypes:
  - Ingress
  ingress:
  - ports:
    - port: 80
`);
    // e2e: reachability.ExpectPeer(&Peer{}, &Peer{Namespace: nsX}, false)
    expectTruthTable(step1, 81, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   .   .   .   .   .   .
      x/b X   -   X   .   .   .   .   .   .
      x/c X   X   -   .   .   .   .   .   .
      y/a X   X   X   -   .   .   .   .   .
      y/b X   X   X   .   -   .   .   .   .
      y/c X   X   X   .   .   -   .   .   .
      z/a X   X   X   .   .   .   -   .   .
      z/b X   X   X   .   .   .   .   -   .
      z/c X   X   X   .   .   .   .   .   -
    `);
    // Step 2: plus allow-ingress (allow all)
    const step2 = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ingress-port-80
  namespace: x
spec:
  podSelector:
    matchLabels: {}
  policyTypes:
  - Ingress
  ingress:
  - ports:
    - port: 80
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ingress
  namespace: x
spec:
  podSelector:
    matchLabels: {}
  policyTypes:
  - Ingress
  ingress:
  - {}
`);
    // e2e: NewReachability(allPods, true): everything allowed
    expectTruthTable(step2, 81, 'TCP', `
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

  test('should enforce multiple egress policies with egress allow-all policy taking precedence', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce multiple egress policies with egress allow-all policy taking precedence")
    // Step 1: allow-egress-port-80 alone
    const step1 = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-egress-port-80
  namespace: x
spec:
  podSelector:
    matchLabels: {}
  policyTypes:
  - Egress
  egress:
  - ports:
    - port: 80
`);
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX}, &Peer{}, false)
    expectTruthTable(step1, 81, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   X   X   X   X   X   X
      x/b X   -   X   X   X   X   X   X   X
      x/c X   X   -   X   X   X   X   X   X
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
    // Step 2: plus allow-egress (allow all)
    const step2 = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-egress-port-80
  namespace: x
spec:
  podSelector:
    matchLabels: {}
  policyTypes:
  - Egress
  egress:
  - ports:
    - port: 80
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-egress
  namespace: x
spec:
  podSelector:
    matchLabels: {}
  policyTypes:
  - Egress
  egress:
  - {}
`);
    // e2e: NewReachability(allPods, true): everything allowed
    expectTruthTable(step2, 81, 'TCP', `
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

  test('should allow egress access to server in CIDR block', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should allow egress access to server in CIDR block")
    // y/b has pod IP 10.0.2.2: the /32 ipBlock matches that pod
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-a-via-cidr-egress-rule
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.2.2/32
`);
    // e2e: reachability.ExpectAllEgress(NewPodString(nsX, "a"), false)
    // e2e: reachability.Expect(NewPodString(nsX, "a"), NewPodString(nsY, "b"), true)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   X   .   X   X   X   X
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

  test('should enforce except clause while egress access to server in CIDR block', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce except clause while egress access to server in CIDR block")
    // 0.0.0.0/4 is makeLargeCIDRForIP(x/b's IP 10.0.1.2); the except removes x/b (10.0.1.2/32) only
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-a-via-cidr-egress-rule
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: 0.0.0.0/4
        except:
        - 10.0.1.2/32
`);
    // e2e: reachability.Expect(NewPodString(nsX, "a"), NewPodString(nsX, "b"), false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   .   .   .   .   .   .   .
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

  test('should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed")
    // upstream first creates the cidr/except policy, then UpdatePolicy()s the SAME name to a policy allowing only x/b's /32:
    // the except of the old version must not linger once the object no longer says it
    // Step 1: allow-client-a-via-cidr-egress-rule: 0.0.0.0/4 except x/b
    const step1 = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-a-via-cidr-egress-rule
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: 0.0.0.0/4
        except:
        - 10.0.1.2/32
`);
    // e2e: reachability.Expect(NewPodString(nsX, "a"), NewPodString(nsX, "b"), false)
    expectTruthTable(step1, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   .   .   .   .   .   .   .
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
    // Step 2: allow-client-a-via-cidr-egress-rule updated: x/b only
    const step2 = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-a-via-cidr-egress-rule
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.1.2/32
`);
    // e2e: reachability.ExpectAllEgress(NewPodString(nsX, "a"), false)
    // e2e: reachability.Expect(NewPodString(nsX, "a"), NewPodString(nsX, "b"), true)
    expectTruthTable(step2, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   X   X   X   X   X   X   X
      x/b .   -   .   .   .   .   .   .   .
      x/c .   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a .   .   .   .   .   .   -   .   .
      z/b .   .   .   .   .   .   .   -   .
      z/c .   .   .   .   .   .   .   .   -
    `);
    // Step 3: (derived, what the title says) both policies side by side under two names: x/b's IP is in one block's except and in
    // the other block; policies are a union, so x/a reaches x/b, and everything else through the first
    const step3 = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-a-via-cidr-egress-rule
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: 0.0.0.0/4
        except:
        - 10.0.1.2/32
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-a-to-x-b
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.1.2/32
`);
    // derived: NewReachability(allPods, true): everything allowed
    expectTruthTable(step3, 80, 'TCP', `
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

  test('should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector")
    // Step 1: allow-egress-for-target alone
    const step1 = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-egress-for-target
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Egress
  egress:
  - {}
`);
    // e2e: NewReachability(allPods, true): everything allowed
    expectTruthTable(step1, 80, 'TCP', `
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
    // Step 2: plus deny-ingress-via-label-selector
    const step2 = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-egress-for-target
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Egress
  egress:
  - {}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-ingress-via-label-selector
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Ingress
  ingress: []
`);
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "a"), false)
    expectTruthTable(step2, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a X   .   .   -   .   .   .   .   .
      y/b X   .   .   .   -   .   .   .   .
      y/c X   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test("should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP", () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-ingress
  namespace: x
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  ingress: []
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-only-sctp-ingress-on-port-81
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Ingress
  ingress:
  - ports:
    - port: 81
      protocol: SCTP
`);
    // e2e: reachability.ExpectPeer(&Peer{}, &Peer{Namespace: nsX}, false)
    expectTruthTable(a, 81, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   .   .   .   .   .   .
      x/b X   -   X   .   .   .   .   .   .
      x/c X   X   -   .   .   .   .   .   .
      y/a X   X   X   -   .   .   .   .   .
      y/b X   X   X   .   -   .   .   .   .
      y/c X   X   X   .   .   -   .   .   .
      z/a X   X   X   .   .   .   -   .   .
      z/b X   X   X   .   .   .   .   -   .
      z/c X   X   X   .   .   .   .   .   -
    `);
    // SCTP 81 is what the second policy allows: it does reach x/a
    // derived: reachability.ExpectPeer(&Peer{}, &Peer{Namespace: nsX}, false)
    // derived: reachability.ExpectAllIngress(NewPodString(nsX, "a"), true)
    expectTruthTable(a, 81, 'SCTP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   .   .   .   .   .   .
      x/b .   -   X   .   .   .   .   .   .
      x/c .   X   -   .   .   .   .   .   .
      y/a .   X   X   -   .   .   .   .   .
      y/b .   X   X   .   -   .   .   .   .
      y/c .   X   X   .   .   -   .   .   .
      z/a .   X   X   .   .   .   -   .   .
      z/b .   X   X   .   .   .   .   -   .
      z/c .   X   X   .   .   .   .   .   -
    `);
  });

  test("should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin doesn't support SCTP", () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin doesn't support SCTP")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-only-sctp-ingress-on-port-80
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Ingress
  ingress:
  - ports:
    - port: 80
      protocol: SCTP
`);
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "a"), false)
    expectTruthTable(a, 81, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a X   .   .   -   .   .   .   .   .
      y/b X   .   .   .   -   .   .   .   .
      y/c X   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test('should not allow access by TCP when a policy specifies only UDP', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should not allow access by TCP when a policy specifies only UDP")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-only-udp-ingress-on-port-81
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Ingress
  ingress:
  - ports:
    - port: 81
      protocol: UDP
`);
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "a"), false)
    expectTruthTable(a, 81, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a X   .   .   -   .   .   .   .   .
      y/b X   .   .   .   -   .   .   .   .
      y/c X   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
    // UDP 81 is the traffic the policy allows
    // derived: NewReachability(allPods, true): everything allowed
    expectTruthTable(a, 81, 'UDP', `
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

  test('should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label")
    // the namespaces declare only `ns`: kubernetes.io/metadata.name is the label the API server sets
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-a-via-ns-selector-for-immutable-ns-label
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
`);
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX}, &Peer{Namespace: nsX, Pod: "a"}, false)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsZ}, &Peer{Namespace: nsX, Pod: "a"}, false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test('should enforce policy based on NamespaceSelector with MatchExpressions using default ns label', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client"), It("should enforce policy based on NamespaceSelector with MatchExpressions using default ns label")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ns-y-match-selector-for-immutable-ns-label
  namespace: x
spec:
  podSelector:
    matchLabels:
      pod: a
  policyTypes:
  - Egress
  egress:
  - to:
    - namespaceSelector:
        matchExpressions:
        - key: kubernetes.io/metadata.name
          operator: NotIn
          values:
          - y
`);
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX, Pod: "a"}, &Peer{Namespace: nsY}, false)
    expectTruthTable(a, 80, 'TCP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   X   X   X   .   .   .
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
});

describe('NetworkPolicy between server and client using UDP', () => {
  test("should support a 'default-deny-ingress' policy", () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client using UDP"), It("should support a 'default-deny-ingress' policy")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
  namespace: x
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  ingress: []
`);
    // e2e: reachability.ExpectPeer(&Peer{}, &Peer{Namespace: nsX}, false)
    expectTruthTable(a, 80, 'UDP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   .   .   .   .   .   .
      x/b X   -   X   .   .   .   .   .   .
      x/c X   X   -   .   .   .   .   .   .
      y/a X   X   X   -   .   .   .   .   .
      y/b X   X   X   .   -   .   .   .   .
      y/c X   X   X   .   .   -   .   .   .
      z/a X   X   X   .   .   .   -   .   .
      z/b X   X   X   .   .   .   .   -   .
      z/c X   X   X   .   .   .   .   .   -
    `);
  });

  test('should enforce policy based on Ports', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client using UDP"), It("should enforce policy based on Ports")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ingress-on-port-81-ns-x
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
    ports:
    - port: 81
      protocol: UDP
`);
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX}, &Peer{Namespace: nsX, Pod: "a"}, false)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsZ}, &Peer{Namespace: nsX, Pod: "a"}, false)
    expectTruthTable(a, 81, 'UDP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test('should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client using UDP"), It("should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ns-y-pod-a-via-namespace-pod-selector
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
`);
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "a"), false)
    // e2e: reachability.Expect(NewPodString(nsY, "a"), NewPodString(nsX, "a"), true)
    expectTruthTable(a, 80, 'UDP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b X   .   .   .   -   .   .   .   .
      y/c X   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });
});

describe('NetworkPolicy between server and client using SCTP', () => {
  test("should support a 'default-deny-ingress' policy", () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client using SCTP"), It("should support a 'default-deny-ingress' policy")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
  namespace: x
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  ingress: []
`);
    // e2e: reachability.ExpectPeer(&Peer{}, &Peer{Namespace: nsX}, false)
    expectTruthTable(a, 80, 'SCTP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   X   X   .   .   .   .   .   .
      x/b X   -   X   .   .   .   .   .   .
      x/c X   X   -   .   .   .   .   .   .
      y/a X   X   X   -   .   .   .   .   .
      y/b X   X   X   .   -   .   .   .   .
      y/c X   X   X   .   .   -   .   .   .
      z/a X   X   X   .   .   .   -   .   .
      z/b X   X   X   .   .   .   .   -   .
      z/c X   X   X   .   .   .   .   .   -
    `);
  });

  test('should enforce policy based on Ports', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client using SCTP"), It("should enforce policy based on Ports")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ingress-on-port-81-ns-x
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
    ports:
    - port: 81
      protocol: SCTP
`);
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsX}, &Peer{Namespace: nsX, Pod: "a"}, false)
    // e2e: reachability.ExpectPeer(&Peer{Namespace: nsZ}, &Peer{Namespace: nsX, Pod: "a"}, false)
    expectTruthTable(a, 81, 'SCTP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b .   .   .   .   -   .   .   .   .
      y/c .   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });

  test('should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector', () => {
    // Source: kubernetes test/e2e/network/netpol/network_policy.go, Context("NetworkPolicy between server and client using SCTP"), It("should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector")
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ns-y-pod-a-via-namespace-pod-selector
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
`);
    // e2e: reachability.ExpectAllIngress(NewPodString(nsX, "a"), false)
    // e2e: reachability.Expect(NewPodString(nsY, "a"), NewPodString(nsX, "a"), true)
    expectTruthTable(a, 80, 'SCTP', `
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a -   .   .   .   .   .   .   .   .
      x/b X   -   .   .   .   .   .   .   .
      x/c X   .   -   .   .   .   .   .   .
      y/a .   .   .   -   .   .   .   .   .
      y/b X   .   .   .   -   .   .   .   .
      y/c X   .   .   .   .   -   .   .   .
      z/a X   .   .   .   .   .   -   .   .
      z/b X   .   .   .   .   .   .   -   .
      z/c X   .   .   .   .   .   .   .   -
    `);
  });
});
