import { DNS_EGRESS_RULE, analyze, explain, expectFlows, pod, verdict } from './support';

// Transcribed from the Cilium documentation:
//   "Layer 3 Policies" https://docs.cilium.io/en/latest/security/policy/layer3/ (Entities based, IP/CIDR based, DNS based)
//   "Using Kubernetes Constructs in Policy" https://docs.cilium.io/en/latest/security/policy/kubernetes/
// (source: cilium/cilium Documentation/security/policy/layer3.rst, kubernetes.rst, examples/policies/).

describe('Kubernetes namespaces', () => {
  const leia = pod('ns1/leia', { name: 'leia' });
  const luke1 = pod('ns1/luke', { name: 'luke' });
  const luke2 = pod('ns2/luke', { name: 'luke' });
  const vader = pod('ns2/vader', { name: 'vader' });
  const pods = [leia, luke1, luke2, vader];

  test('a CiliumNetworkPolicy selecting peers without a namespace matches only its own namespace', () => {
    // kubernetes.rst "Namespaces": CiliumNetworkPolicy "only applies to pods within that namespace"; and
    // pkg/k8s/apis/cilium.io/utils getEndpointSelector: "If omitted, we limit the scope to the namespace the policy lives in."
    const a = analyze(pods, `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: leia-from-luke, namespace: ns1 }
spec:
  endpointSelector: { matchLabels: { name: leia } }
  ingress:
  - fromEndpoints: [{ matchLabels: { name: luke } }]
`);
    expectFlows(a, `
      ns1/luke -> ns1/leia 80/TCP .
      ns2/luke -> ns1/leia 80/TCP X
    `);
    expect(verdict(a, 'ns1/luke', 'ns1/leia', 80).trace[1].detail).toBe('endpoints(name=luke) in ns1 on any port');
  });

  test('an egress rule naming pods that live only in another namespace matches nothing there', () => {
    const a = analyze(pods, `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: leia-to-vader, namespace: ns1 }
spec:
  endpointSelector: { matchLabels: { name: leia } }
  egress:
  - toEndpoints: [{ matchLabels: { name: vader } }]
`);
    expectFlows(a, `
      ns1/leia -> ns2/vader 80/TCP X
      ns1/leia -> ns1/luke 80/TCP X
    `);
  });

  test('"Example: Expose pods across namespaces" names the namespace with k8s:io.kubernetes.pod.namespace', () => {
    // kubernetes.rst example_cnp_across_ns (namespace-policy.yaml): leia in ns1 exposed to luke in ns2.
    const a = analyze(pods, `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: k8s-expose-across-namespace
  namespace: ns1
spec:
  endpointSelector:
    matchLabels:
      name: leia
  ingress:
  - fromEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: ns2
        name: luke
`);
    expectFlows(a, `
      ns2/luke -> ns1/leia 80/TCP .
      ns1/luke -> ns1/leia 80/TCP X
      ns2/vader -> ns1/leia 80/TCP X
    `);
  });

  test('"Example: Enforce namespace boundaries": fromEndpoints [{}] is every pod of the same namespace', () => {
    // kubernetes.rst example_cnp_ns_boundaries (isolate-namespaces.yaml); PR cilium/cilium#14580 "empty endpoint
    // selectors implicitly limit to namespace".
    const a = analyze(pods, `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: isolate-ns1, namespace: ns1 }
spec:
  endpointSelector: { matchLabels: {} }
  ingress:
  - fromEndpoints: [{ matchLabels: {} }]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: isolate-ns1, namespace: ns2 }
spec:
  endpointSelector: { matchLabels: {} }
  ingress:
  - fromEndpoints: [{ matchLabels: {} }]
`);
    expectFlows(a, `
      ns1/luke -> ns1/leia 80/TCP .
      ns2/luke -> ns1/leia 80/TCP X
      ns2/luke -> ns2/vader 80/TCP .
      ns1/leia -> ns2/vader 80/TCP X
      198.51.100.1 -> ns1/leia 80/TCP X
    `);
  });

  test('the endpointSelector of a CiliumNetworkPolicy always applies in its own namespace', () => {
    // kubernetes.rst: "The endpointSelector always applies to pods in the namespace associated with the
    // CiliumNetworkPolicy resource itself." (ParseToCiliumRule overwrites k8s:io.kubernetes.pod.namespace.)
    const a = analyze(pods, `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: tries-ns2, namespace: ns1 }
spec:
  endpointSelector:
    matchLabels:
      k8s:io.kubernetes.pod.namespace: ns2
      name: luke
  ingress:
  - {}
`);
    expectFlows(a, `
      ns1/leia -> ns1/luke 80/TCP X
      ns1/leia -> ns2/luke 80/TCP .
    `);
    expect(a.cilium.problems).toEqual([
      'CiliumNetworkPolicy ns1/tries-ns2: endpointSelector: names namespace ns2; Cilium applies a CiliumNetworkPolicy in its own namespace only',
    ]);
  });

  test('namespace labels select peers in other namespaces', () => {
    // io.cilium.k8s.namespace.labels.<key> (kubernetes.rst; namespace-labels-policy.yaml "alliance-only"). The docs
    // say a CiliumNetworkPolicy ignores it, but the code does not add the policy's namespace to a selector that reads
    // namespace labels (getEndpointSelector; cilium/cilium#30650, docs fix #44922): peers in any namespace with the label.
    const base = pod('ns1/rebel-base', { name: 'rebel-base' });
    const a = analyze([...pods, base], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: alliance-only, namespace: ns1 }
spec:
  endpointSelector: { matchLabels: { name: rebel-base } }
  ingress:
  - fromEndpoints:
    - matchLabels:
        io.cilium.k8s.namespace.labels.faction: alliance
`, { ns2: { faction: 'alliance' } });
    expectFlows(a, `
      ns2/luke -> ns1/rebel-base 80/TCP .
      ns1/leia -> ns1/rebel-base 80/TCP X
    `);
  });

  test('a CiliumClusterwideNetworkPolicy selects and admits pods of every namespace', () => {
    // kubernetes.rst "Clusterwide Policies": "allow ingress traffic from pods matching the label name=luke from any
    // namespace to pods matching the labels name=leia in any namespace" (clusterscope-policy.yaml).
    const a = analyze([...pods, pod('ns2/leia', { name: 'leia' })], `
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: clusterwide-policy-example
spec:
  description: "Policy for selective ingress allow to a pod from only a pod with given label"
  endpointSelector:
    matchLabels:
      name: leia
  ingress:
  - fromEndpoints:
    - matchLabels:
        name: luke
`);
    expectFlows(a, `
      ns1/luke -> ns1/leia 80/TCP .
      ns2/luke -> ns1/leia 80/TCP .
      ns1/luke -> ns2/leia 80/TCP .
      ns2/vader -> ns2/leia 80/TCP X
      198.51.100.1 -> ns2/leia 80/TCP X
    `);
  });

  test('"Example: Allow all ingress to kube-dns": fromEndpoints [{}] in a clusterwide policy is every pod', () => {
    // kubernetes.rst (wildcard-from-endpoints.yaml): "allows all Cilium managed endpoints in the cluster".
    const dns = pod('kube-system/coredns', { 'k8s-app': 'kube-dns' }, { ports: [[53, 'UDP']] });
    const a = analyze([...pods, dns], `
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: wildcard-from-endpoints
spec:
  endpointSelector:
    matchLabels:
      k8s:io.kubernetes.pod.namespace: kube-system
      k8s-app: kube-dns
  ingress:
  - fromEndpoints:
    - {}
    toPorts:
    - ports:
      - port: "53"
        protocol: UDP
`);
    expectFlows(a, `
      ns1/leia -> kube-system/coredns 53/UDP .
      ns2/vader -> kube-system/coredns 53/UDP .
      ns2/vader -> kube-system/coredns 53/TCP X
      198.51.100.1 -> kube-system/coredns 53/UDP X
    `);
  });

  test('service accounts: io.cilium.k8s.policy.serviceaccount', () => {
    // kubernetes.rst "ServiceAccounts" (serviceaccount-policy.yaml, L4 part only).
    const a = analyze([
      pod('default/leia', { app: 'x' }, { serviceAccount: 'leia' }),
      pod('default/luke', { app: 'x' }, { serviceAccount: 'luke' }),
      pod('default/han', { app: 'x' }),
    ], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: k8s-svc-account
spec:
  endpointSelector:
    matchLabels:
      io.cilium.k8s.policy.serviceaccount: leia
  ingress:
  - fromEndpoints:
    - matchLabels:
        io.cilium.k8s.policy.serviceaccount: luke
`);
    expectFlows(a, `
      default/luke -> default/leia 80/TCP .
      default/han -> default/leia 80/TCP X
      default/han -> default/luke 80/TCP .
    `);
  });
});

describe('Entities', () => {
  // layer3.rst "Entities based": world "corresponds to all endpoints outside of the cluster"; cluster "is the logical
  // group of all network endpoints inside of the local cluster"; all "the combination of all known clusters as well
  // world and whitelists all communication".
  const web = pod('shop/web', { app: 'web' });
  const api = pod('shop/api', { app: 'api' });
  const other = pod('other/job', { app: 'job' });
  const entity = (name: string) => analyze([web, api, other], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: from-${name}, namespace: shop }
spec:
  endpointSelector: { matchLabels: { app: api } }
  ingress:
  - fromEntities: [${name}]
`);

  test('world: addresses outside the cluster, no pod', () => {
    expectFlows(entity('world'), `
      203.0.113.5 -> shop/api 80/TCP .
      2001:db8::5 -> shop/api 80/TCP .
      shop/web -> shop/api 80/TCP X
      other/job -> shop/api 80/TCP X
    `);
  });

  test('cluster: every pod of every namespace, no outside address', () => {
    expectFlows(entity('cluster'), `
      203.0.113.5 -> shop/api 80/TCP X
      shop/web -> shop/api 80/TCP .
      other/job -> shop/api 80/TCP .
    `);
  });

  test('all: everything', () => {
    expectFlows(entity('all'), `
      203.0.113.5 -> shop/api 80/TCP .
      shop/web -> shop/api 80/TCP .
      other/job -> shop/api 80/TCP .
    `);
  });

  test('host, remote-node and kube-apiserver match no pod and no outside address', () => {
    for (const name of ['host', 'remote-node', 'kube-apiserver']) {
      expectFlows(entity(name), `
        203.0.113.5 -> shop/api 80/TCP X
        shop/web -> shop/api 80/TCP X
      `);
    }
    expect(verdict(entity('host'), 'shop/web', 'shop/api', 80).trace[1].detail).toContain('host');
  });
});

describe('CIDR rules', () => {
  // layer3.rst "IP/CIDR based": "CIDR rules do not apply to traffic where both sides of the connection are either
  // managed by Cilium or use an IP belonging to a node in the cluster"; "By default, CIDR-based selectors do not match
  // in-cluster entities (pods or nodes)."
  const app = pod('default/app', { app: 'myService' }, { ips: ['10.0.1.10'] });
  const db = pod('default/db', { app: 'db' }, { ips: ['10.0.2.20'], ports: [5432] });
  const cidrRule = `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: cidr-rule
spec:
  endpointSelector:
    matchLabels:
      app: myService
  egress:
  - toCIDR:
    - 20.1.1.1/32
  - toCIDRSet:
    - cidr: 10.0.0.0/8
      except:
      - 10.96.0.0/12
`;

  test('"Allow to external CIDR block" (cidr.yaml)', () => {
    expectFlows(analyze([app, db], cidrRule), `
      default/app -> 20.1.1.1 443/TCP .
      default/app -> 20.1.1.2 443/TCP X
      default/app -> 10.200.0.1 443/TCP .
      default/app -> 10.96.0.1 443/TCP X
    `);
  });

  test('a CIDR rule does not match a pod, even when the pod\'s IP lies in the block', () => {
    const a = analyze([app, db], cidrRule);
    expectFlows(a, `
      default/app -> default/db 5432/TCP X
      default/app -> 10.0.2.20 5432/TCP X
    `);
    // The address of a known pod is that pod: matched by identity, and its own policies apply.
    expect(explain(a, 'default/app', '10.0.2.20', 5432)).toBe([
      'DENY default/app -> 10.0.2.20 5432/TCP',
      '  egress  NetworkPolicy: Isolated (default deny for egress by CiliumNetworkPolicy default/cidr-rule; no rule allows it)',
      '  ingress default: NotIsolated (10.0.2.20 is pod default/db, matched by its identity; no policy selects it for ingress)',
    ].join('\n'));
  });

  test('an ipBlock in a NetworkPolicy does not reach pods on Cilium, while it does on Kubernetes semantics', () => {
    // The named divergence "ipBlock reaching pods on Cilium": Cilium translates ipBlock into a CIDR rule
    // (pkg/k8s/network_policy.go ipBlockToCIDRRule), which does not match pods.
    const a = analyze([app, db], `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db-from-10, namespace: default }
spec:
  podSelector: { matchLabels: { app: db } }
  ingress:
  - from: [{ ipBlock: { cidr: 10.0.0.0/8 } }]
`);
    expectFlows(a, 'default/app -> default/db 5432/TCP .', a.kubernetes);
    expectFlows(a, `
      default/app -> default/db 5432/TCP X
      10.0.9.9 -> default/db 5432/TCP .
    `, a.cilium);
  });

  test('"CIDR-dependent Layer 4 Rule" (cidr_l4_combined.yaml)', () => {
    // layer4.rst: crawler may reach 192.0.2.0/24 on TCP 80 only.
    const crawler = pod('default/crawler', { role: 'crawler' });
    expectFlows(analyze([crawler], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: cidr-l4-rule
spec:
  endpointSelector:
    matchLabels:
      role: crawler
  egress:
  - toCIDR:
    - 192.0.2.0/24
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
`), `
      default/crawler -> 192.0.2.10 80/TCP .
      default/crawler -> 192.0.2.10 443/TCP X
      default/crawler -> 198.51.100.10 80/TCP X
    `);
  });
});

describe('DNS based (toFQDNs)', () => {
  // layer3.rst "DNS based": IPs are learned from DNS responses seen by Cilium's DNS proxy. The analyzer has no DNS,
  // so no address is allowed by toFQDNs alone; the trace names the FQDN rules that were not resolved.
  const app = pod('default/test-app', { app: 'test-app' });
  const dns = pod('kube-system/coredns', { 'k8s-app': 'kube-dns' }, { ports: [[53, 'UDP']] });
  const a = analyze([app, dns], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: to-fqdn
spec:
  endpointSelector:
    matchLabels:
      app: test-app
  egress:${DNS_EGRESS_RULE}
    - toFQDNs:
        - matchName: "my-remote-service.com"
`);

  test('no address is allowed by toFQDNs alone; DNS to kube-dns is allowed', () => {
    expectFlows(a, `
      default/test-app -> kube-system/coredns 53/UDP .
      default/test-app -> 93.184.216.34 443/TCP X
    `);
  });

  test('the trace names the unresolved FQDN rule', () => {
    expect(verdict(a, 'default/test-app', '93.184.216.34', 443).trace[0].detail).toBe(
      'default deny for egress by CiliumNetworkPolicy default/to-fqdn; no rule allows it; toFQDNs rules cannot be resolved offline and match no address: '
      + 'CiliumNetworkPolicy default/to-fqdn egress[1] fqdn(matchName=my-remote-service.com)',
    );
    expect(verdict(a, 'default/test-app', 'kube-system/coredns', 53, 'UDP').trace[0].detail).toBe(
      'endpoints(k8s:io.kubernetes.pod.namespace=kube-system,k8s:k8s-app=kube-dns) on 53/ANY; L7 rules apply: dns matchPattern=*',
    );
  });
});
