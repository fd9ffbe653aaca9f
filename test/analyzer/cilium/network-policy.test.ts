import { analyze, expectFlows, pod, verdict } from './support';

// Kubernetes NetworkPolicies as Cilium enforces them: pkg/k8s/network_policy.go ParseNetworkPolicy turns each
// into allow rules, with an empty rule `{}` (default deny) for a direction policyTypes names without rules.
// Docs: "Using Kubernetes Constructs in Policy" https://docs.cilium.io/en/latest/security/policy/kubernetes/ and
// "Deny Policies" (a NetworkPolicy's allows lose to any deny).

const web = pod('shop/web', { app: 'web' }, { ports: [[8080, 'TCP', 'http']] });
const api = pod('shop/api', { app: 'api' }, { ports: [[8080, 'TCP', 'http'], 9000, 9001] });
const mon = pod('monitoring/prom', { app: 'prometheus' });
const pods = [web, api, mon];

describe('NetworkPolicy on Cilium', () => {
  test('a default deny for ingress, then an allow with a named port and a namespace selector', () => {
    const a = analyze(pods, `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-in, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
  - from:
    - podSelector: { matchLabels: { app: web } }
    - namespaceSelector: { matchLabels: { team: obs } }
    ports:
    - port: http
    - port: 9000
      endPort: 9001
`, { monitoring: { team: 'obs' } });
    const flows = `
      shop/web -> shop/api 8080/TCP .
      shop/web -> shop/api 9001/TCP .
      monitoring/prom -> shop/api 9000/TCP .
      monitoring/prom -> shop/web 8080/TCP X
      203.0.113.1 -> shop/api 8080/TCP X
      shop/api -> shop/web 8080/TCP X
      shop/api -> 203.0.113.1 443/TCP .
    `;
    expectFlows(a, flows, a.kubernetes);
    expectFlows(a, flows, a.cilium);
  });

  test('an empty from admits every peer, outside addresses included', () => {
    // ParseNetworkPolicy: "If this field is empty or missing, this rule matches all sources" -> WildcardEndpointSelector.
    const a = analyze(pods, `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-80, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
  - ports: [{ port: 9000 }]
`);
    const flows = `
      203.0.113.1 -> shop/api 9000/TCP .
      monitoring/prom -> shop/api 9000/TCP .
      monitoring/prom -> shop/api 9001/TCP X
    `;
    expectFlows(a, flows, a.kubernetes);
    expectFlows(a, flows, a.cilium);
  });

  test('ingress rules are enforced even when policyTypes leaves Ingress out (cilium/cilium#48703)', () => {
    // Kubernetes ignores rules of a direction policyTypes does not name; Cilium's translation reads them anyway.
    const a = analyze(pods, `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: egress-only, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  policyTypes: [Egress]
  egress:
  - to: [{ podSelector: { matchLabels: { app: web } } }]
  ingress:
  - from: [{ podSelector: { matchLabels: { app: web } } }]
`);
    expectFlows(a, 'monitoring/prom -> shop/api 9000/TCP .', a.kubernetes);
    expectFlows(a, `
      monitoring/prom -> shop/api 9000/TCP X
      shop/web -> shop/api 9000/TCP .
    `, a.cilium);
    expect(a.cilium.problems).toEqual([
      'NetworkPolicy shop/egress-only: ingress: policyTypes leaves Ingress out, but Cilium enforces these rules anyway (cilium/cilium#48703)',
    ]);
  });
});

describe('fromRequires (deprecated in Cilium 1.17, removed in 1.19)', () => {
  // layer3.rst "Additional Label Requirements" (requires.yaml with endpoints.yaml): "the endpoint with label env=prod
  // will become accessible from endpoints that have both labels env=prod and role=frontend". Cilium folds the
  // requirements into the fromEndpoints selectors of every rule selecting the endpoint
  // (GetSourceEndpointSelectorsWithRequirements).
  const prod = pod('default/prod-db', { env: 'prod' });
  const prodFrontend = pod('default/prod-fe', { env: 'prod', role: 'frontend' });
  const devFrontend = pod('default/dev-fe', { env: 'dev', role: 'frontend' });
  const requires = `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: requires-rule
specs:
  - description: "For endpoints with env=prod, only allow if source also has label env=prod"
    endpointSelector:
      matchLabels:
        env: prod
    ingress:
    - fromRequires:
      - matchLabels:
          env: prod
`;
  const endpoints = `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: l3-rule
specs:
  - description: "For endpoints with env=prod, allow if source also has label role=frontend"
    endpointSelector:
      matchLabels:
        env: prod
    ingress:
    - fromEndpoints:
      - matchLabels:
          role: frontend
`;

  test('the requirement alone allows nothing', () => {
    expectFlows(analyze([prod, prodFrontend, devFrontend], requires), `
      default/prod-fe -> default/prod-db 80/TCP X
      default/dev-fe -> default/prod-db 80/TCP X
    `);
  });

  test('with the allow, only sources carrying both labels get through', () => {
    const a = analyze([prod, prodFrontend, devFrontend], `${requires}\n---\n${endpoints}`);
    expectFlows(a, `
      default/prod-fe -> default/prod-db 80/TCP .
      default/dev-fe -> default/prod-db 80/TCP X
    `);
    expect(verdict(a, 'default/prod-fe', 'default/prod-db', 80).trace[1]).toMatchObject({ policy: 'CiliumNetworkPolicy default/l3-rule', rule: 'specs[0].ingress[0]' });
  });
});
