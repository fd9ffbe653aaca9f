import { analyze, expectFlows, pod, verdict } from './support';

// Transcribed from the Cilium documentation, "Policy Enforcement Modes" (Endpoint default policy)
//   https://docs.cilium.io/en/latest/security/policy/intro/
// and "Layer 3 Policies" (Ingress/Egress Default Deny, Ingress/Egress Allow All Endpoints)
//   https://docs.cilium.io/en/latest/security/policy/layer3/
// (source: cilium/cilium Documentation/security/policy/intro.rst, layer3.rst and examples/policies/l3/).

const restricted = pod('default/restricted', { role: 'restricted' });
const frontend = pod('default/frontend', { role: 'frontend' });
const backend = pod('default/backend', { role: 'backend' });
const pods = [restricted, frontend, backend];

describe('Endpoint default policy', () => {
  test('with no policy every flow is allowed', () => {
    // intro.rst "Endpoint default policy": "By default, all egress and ingress traffic is allowed for all endpoints."
    const a = analyze(pods, '');
    expectFlows(a, `
      default/frontend -> default/backend 80/TCP .
      default/frontend -> 192.0.2.1 443/TCP .
      198.51.100.7 -> default/backend 80/TCP .
    `);
    expect(verdict(a, 'default/frontend', 'default/backend', 80).trace.map(e => e.action)).toEqual(['NotIsolated', 'NotIsolated']);
  });

  test('a rule with an ingress section puts the endpoint into default deny for ingress only', () => {
    // intro.rst: "If any rule selects an endpoint and the rule has an ingress section, the endpoint goes into
    // default deny-mode for ingress." Its egress stays open. (layer3.rst "Simple Ingress Allow", l3.yaml)
    const a = analyze(pods, `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: l3-rule
spec:
  endpointSelector:
    matchLabels:
      role: backend
  ingress:
  - fromEndpoints:
    - matchLabels:
        role: frontend
`);
    expectFlows(a, `
      default/frontend -> default/backend 80/TCP .
      default/restricted -> default/backend 80/TCP X
      198.51.100.7 -> default/backend 80/TCP X
      default/backend -> default/restricted 80/TCP .
      default/backend -> 192.0.2.1 443/TCP .
    `);
  });
});

describe('egress: [{}] and ingress: [{}]', () => {
  const denyAllEgress = `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: deny-all-egress
spec:
  endpointSelector:
    matchLabels:
      role: restricted
  egress:
  - {}
`;

  test('an empty egress rule in a CiliumNetworkPolicy denies all egress', () => {
    // layer3.rst "Ingress/Egress Default Deny" (examples/policies/l3/egress-default-deny/egress-default-deny.yaml):
    // "this example illustrates how to put an endpoint into default deny mode without whitelisting other peers".
    const a = analyze(pods, denyAllEgress);
    expectFlows(a, `
      default/restricted -> default/backend 80/TCP X
      default/restricted -> default/restricted 80/TCP X
      default/restricted -> 192.0.2.1 443/TCP X
      default/restricted -> 10.96.0.10 53/UDP X
      default/frontend -> default/restricted 80/TCP .
    `);
    expect(verdict(a, 'default/restricted', 'default/backend', 80).trace[0]).toMatchObject({
      direction: 'egress',
      tier: 'NetworkPolicy',
      action: 'Isolated',
      detail: 'default deny for egress by CiliumNetworkPolicy default/deny-all-egress; no rule allows it',
    });
  });

  test('the same shape in a Kubernetes NetworkPolicy allows all egress, under both evaluators', () => {
    // Kubernetes: an egress rule with no `to` matches all destinations. Cilium translates it to its wildcard
    // selector (pkg/k8s/network_policy.go ParseNetworkPolicy: "If this field is empty or missing, this rule
    // matches all destinations"), so the NetworkPolicy means the same on Cilium.
    const a = analyze(pods, `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-egress
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: restricted
  policyTypes: [Egress]
  egress:
  - {}
`);
    const flows = `
      default/restricted -> default/backend 80/TCP .
      default/restricted -> 192.0.2.1 443/TCP .
    `;
    expectFlows(a, flows, a.kubernetes);
    expectFlows(a, flows, a.cilium);
  });

  test('an empty ingress rule denies all ingress', () => {
    // Cilium's own translation of a Kubernetes default deny is `ingress: [{}]` (pkg/k8s/network_policy.go:
    // "Convert the k8s default-deny model to the Cilium default-deny model").
    const a = analyze(pods, `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: deny-all-ingress
spec:
  endpointSelector: {}
  ingress:
  - {}
`);
    expectFlows(a, `
      default/frontend -> default/backend 80/TCP X
      198.51.100.7 -> default/backend 80/TCP X
      default/backend -> 192.0.2.1 443/TCP .
    `);
  });

  test('egress allow all endpoints means all endpoints of the policy\'s namespace', () => {
    // layer3.rst "Egress Allow All Endpoints": "An empty EndpointSelector will select all egress endpoints
    // from an endpoint based on the CiliumNetworkPolicy namespace" (egress-allow-all.yaml).
    const a = analyze([...pods, pod('other/db', { app: 'db' })], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: allow-all-from-frontend
spec:
  endpointSelector:
    matchLabels:
      role: frontend
  egress:
  - toEndpoints:
    - {}
`);
    expectFlows(a, `
      default/frontend -> default/backend 80/TCP .
      default/frontend -> other/db 80/TCP X
      default/frontend -> 192.0.2.1 443/TCP X
    `);
  });
});

describe('enableDefaultDeny', () => {
  // intro.rst "Endpoint default policy": "Rules with EnableDefaultDeny disabled are ignored when determining the
  // default mode." The intercept-all-dns example "does not block any traffic, even if it is the first policy to
  // apply to an endpoint". CRD field doc: "If multiple policies apply to an endpoint, that endpoint's default deny
  // will be enabled if any policy requests it."
  const dns = pod('kube-system/coredns', { 'k8s-app': 'kube-dns' }, { ports: [[53, 'UDP'], [53, 'TCP']] });
  const interceptAllDns = `
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: intercept-all-dns
spec:
  endpointSelector:
    matchExpressions:
    - key: io.kubernetes.pod.namespace
      operator: NotIn
      values: [kube-system]
    - key: k8s-app
      operator: NotIn
      values: [kube-dns]
  enableDefaultDeny:
    egress: false
    ingress: false
  egress:
  - toEndpoints:
    - matchLabels:
        io.kubernetes.pod.namespace: kube-system
        k8s-app: kube-dns
    toPorts:
    - ports:
      - port: "53"
        protocol: TCP
      - port: "53"
        protocol: UDP
      rules:
        dns:
        - matchPattern: "*"
`;

  test('a policy with enableDefaultDeny false keeps other traffic open', () => {
    const a = analyze([...pods, dns], interceptAllDns);
    expectFlows(a, `
      default/frontend -> kube-system/coredns 53/UDP .
      default/frontend -> default/backend 80/TCP .
      default/frontend -> 192.0.2.1 443/TCP .
    `);
    expect(verdict(a, 'default/frontend', 'default/backend', 80).trace[0]).toMatchObject({
      action: 'NotIsolated',
      detail: 'not in default deny for egress: CiliumClusterwideNetworkPolicy intercept-all-dns set enableDefaultDeny.egress false',
    });
  });

  test('another policy requesting default deny wins', () => {
    const a = analyze([...pods, dns], `${interceptAllDns}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: frontend-egress
spec:
  endpointSelector:
    matchLabels:
      role: frontend
  egress:
  - toEndpoints:
    - matchLabels:
        role: backend
`);
    expectFlows(a, `
      default/frontend -> default/backend 80/TCP .
      default/frontend -> kube-system/coredns 53/UDP .
      default/frontend -> 192.0.2.1 443/TCP X
      default/restricted -> 192.0.2.1 443/TCP .
    `);
  });

  test('deny rules still apply in a policy that does not enable default deny', () => {
    // The CRD's enableDefaultDeny doc: it is "useful for creating broad-based network policies that will not cause
    // endpoints to enter default-deny mode"; a Deny rule is a Deny either way (docs "Deny Policies").
    const a = analyze(pods, `
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: no-metadata-service
spec:
  endpointSelector: {}
  enableDefaultDeny:
    egress: false
  egressDeny:
  - toCIDR:
    - 169.254.169.254/32
`);
    expectFlows(a, `
      default/frontend -> 169.254.169.254 80/TCP X
      default/frontend -> 192.0.2.1 443/TCP .
      default/frontend -> default/backend 80/TCP .
    `);
  });
});
