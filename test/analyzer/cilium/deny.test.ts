import { analyze, explain, expectFlows, pod, verdict } from './support';

// Transcribed from the Cilium documentation, "Deny Policies"
//   https://docs.cilium.io/en/latest/security/policy/deny/
// (source: cilium/cilium Documentation/security/policy/deny.rst and examples/policies/l3/entities/from_world_deny.yaml).

const client = pod('default/client', { app: 'client' });
const server = pod('default/server', { app: 'server' }, { ports: [80, 81] });
const pods = [client, server];

// The table's policies, one document each, so a column is a selection of them.
const ALLOW_L4_80 = `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: allow-l4-80 }
spec:
  endpointSelector: { matchLabels: { app: server } }
  ingress:
  - toPorts: [{ ports: [{ port: "80", protocol: TCP }] }]
`;
const ALLOW_L4_81 = ALLOW_L4_80.replace(/80/g, '81');
const ALLOW_L3_CLIENT = `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: allow-l3-client }
spec:
  endpointSelector: { matchLabels: { app: server } }
  ingress:
  - fromEndpoints: [{ matchLabels: { app: client } }]
`;
const DENY_L4_80 = `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: deny-l4-80 }
spec:
  endpointSelector: { matchLabels: { app: server } }
  ingressDeny:
  - toPorts: [{ ports: [{ port: "80", protocol: TCP }] }]
`;
const DENY_L3_CLIENT = `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: deny-l3-client }
spec:
  endpointSelector: { matchLabels: { app: server } }
  ingressDeny:
  - fromEndpoints: [{ matchLabels: { app: client } }]
`;
const ALLOWS = [ALLOW_L4_80, ALLOW_L4_81, ALLOW_L3_CLIENT];
const yaml = (...docs: string[]) => docs.join('\n---\n');

describe('the enforcement table of "Deny Policies"', () => {
  // The L7 allow row is left out: at L4 it allows the same connections as the L4 80/TCP allow (see l7.test.ts).
  test('column 1: allows only, no deny: 80 and 81 allowed', () => {
    expectFlows(analyze(pods, yaml(...ALLOWS)), `
      default/client -> default/server 81/TCP .
      default/client -> default/server 80/TCP .
    `);
  });

  test('column 2: a deny on 80/TCP: 81 allowed, 80 denied', () => {
    // "Curl to port 81 is allowed because there is an allow policy on port 81, and no deny policy on that port;
    // Curl to port 80 is denied because there is a deny policy on that port"
    expectFlows(analyze(pods, yaml(...ALLOWS, DENY_L4_80)), `
      default/client -> default/server 81/TCP .
      default/client -> default/server 80/TCP X
    `);
  });

  test('column 3: a deny of the client at L3: both denied', () => {
    expectFlows(analyze(pods, yaml(...ALLOWS, DENY_L3_CLIENT)), `
      default/client -> default/server 81/TCP X
      default/client -> default/server 80/TCP X
    `);
  });

  test('column 4: both denies: both denied', () => {
    expectFlows(analyze(pods, yaml(...ALLOWS, DENY_L4_80, DENY_L3_CLIENT)), `
      default/client -> default/server 81/TCP X
      default/client -> default/server 80/TCP X
    `);
  });

  test('column 5: a deny-only policy puts the pod into default deny: 81 is denied too', () => {
    // "Similarly to allow policies, Pods will enter default-deny mode as soon a single policy selects it."
    // (Sanitize: enableDefaultDeny.ingress defaults to true when ingress or ingressDeny rules exist.)
    const a = analyze(pods, DENY_L4_80);
    expectFlows(a, `
      default/client -> default/server 81/TCP X
      default/client -> default/server 80/TCP X
      default/server -> default/client 80/TCP .
    `);
    expect(verdict(a, 'default/client', 'default/server', 81).trace[1]).toMatchObject({
      action: 'Isolated', detail: 'default deny for ingress by CiliumNetworkPolicy default/deny-l4-80; no rule allows it',
    });
    expect(verdict(a, 'default/client', 'default/server', 80).trace[1]).toMatchObject({
      policy: 'CiliumNetworkPolicy default/deny-l4-80', rule: 'ingressDeny[0]', action: 'Deny', detail: 'any peer on 80/TCP',
    });
  });
});

describe('deny wins across kinds', () => {
  test('a deny in a clusterwide policy overrides allows from a CiliumNetworkPolicy and a NetworkPolicy', () => {
    // "Deny policies take precedence over allow policies, regardless of whether they are a Cilium Network Policy,
    // a Clusterwide Cilium Network Policy or even a Kubernetes Network Policy."
    const a = analyze(pods, yaml(ALLOW_L3_CLIENT, `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: server-from-client, namespace: default }
spec:
  podSelector: { matchLabels: { app: server } }
  ingress:
  - from: [{ podSelector: { matchLabels: { app: client } } }]
`, `
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: no-client-to-80 }
spec:
  endpointSelector: { matchLabels: { app: server } }
  enableDefaultDeny: { ingress: false }
  ingressDeny:
  - fromEndpoints: [{ matchLabels: { app: client } }]
    toPorts: [{ ports: [{ port: "80", protocol: TCP }] }]
`));
    expectFlows(a, `
      default/client -> default/server 80/TCP X
      default/client -> default/server 81/TCP .
    `);
    expect(explain(a, 'default/client', 'default/server', 80)).toBe([
      'DENY default/client -> default/server 80/TCP',
      '  egress  default: NotIsolated (no policy selects it for egress)',
      '  ingress CiliumClusterwideNetworkPolicy no-client-to-80 ingressDeny[0]: Deny (endpoints(app=client) in any namespace on 80/TCP)',
    ].join('\n'));
    // The same allows without the deny: both allow rules are listed.
    const allowed = analyze(pods, yaml(ALLOW_L3_CLIENT, `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: server-from-client, namespace: default }
spec:
  podSelector: { matchLabels: { app: server } }
  ingress:
  - from: [{ podSelector: { matchLabels: { app: client } } }]
`));
    expect(verdict(allowed, 'default/client', 'default/server', 80).trace.slice(1).map(e => `${e.policy} ${e.rule} ${e.action}`)).toEqual([
      'CiliumNetworkPolicy default/allow-l3-client ingress[0] Allow',
      'NetworkPolicy default/server-from-client ingress[0] Allow',
    ]);
  });

  test('external lockdown: deny from world, allow from everything else', () => {
    // deny.rst: "The following policy will deny ingress from "world" on all namespaces on all Pods managed by
    // Cilium. Existing inter-cluster policies will still be allowed as this policy is allowing traffic from
    // everywhere except from "world"." (from_world_deny.yaml)
    const a = analyze([...pods, pod('other/job', { app: 'job' })], `
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: external-lockdown
spec:
  endpointSelector: {}
  ingressDeny:
  - fromEntities:
    - world
  ingress:
  - fromEntities:
    - all
`);
    expectFlows(a, `
      default/client -> default/server 80/TCP .
      other/job -> default/server 81/TCP .
      203.0.113.9 -> default/server 80/TCP X
      2001:db8::1 -> default/server 80/TCP X
      default/server -> 203.0.113.9 443/TCP .
    `);
  });
});
