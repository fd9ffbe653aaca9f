import { analyze, expectFlows, pod, verdict } from './support';

// Transcribed from the Cilium documentation, "Layer 4 Policies" and "Layer 7 Policies"
//   https://docs.cilium.io/en/latest/security/policy/layer4/
//   https://docs.cilium.io/en/latest/security/policy/layer7/
// (source: cilium/cilium Documentation/security/policy/layer4.rst, layer7.rst, examples/policies/l4/, l7/http/).

const service = pod('default/my-service', { app: 'myService' }, { ports: [80, [8080, 'TCP', 'http'], [53, 'UDP', 'dns']] });
const frontend = pod('default/frontend', { role: 'frontend' });
const backend = pod('default/backend', { role: 'backend' }, { ports: [80, 8080] });

describe('toPorts', () => {
  test('"Example (L4)": TCP 80 to any layer 3 destination (l4.yaml)', () => {
    // layer4.rst: "limits all endpoints with the label app=myService to only be able to emit packets using TCP on
    // port 80, to any layer 3 destination". A rule with toPorts and no L3 field applies to every peer.
    expectFlows(analyze([service, backend], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: l4-rule
spec:
  endpointSelector:
    matchLabels:
      app: myService
  egress:
    - toPorts:
      - ports:
        - port: "80"
          protocol: TCP
`), `
      default/my-service -> default/backend 80/TCP .
      default/my-service -> 192.0.2.1 80/TCP .
      default/my-service -> 192.0.2.1 443/TCP X
      default/my-service -> default/backend 80/UDP X
    `);
  });

  test('"Example Port Ranges": TCP 80-444 (l4_port_range.yaml)', () => {
    expectFlows(analyze([service, backend], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: l4-port-range-rule
spec:
  endpointSelector:
    matchLabels:
      app: myService
  egress:
    - toPorts:
      - ports:
        - port: "80"
          endPort: 444
          protocol: TCP
`), `
      default/my-service -> 192.0.2.1 80/TCP .
      default/my-service -> 192.0.2.1 443/TCP .
      default/my-service -> 192.0.2.1 444/TCP .
      default/my-service -> 192.0.2.1 445/TCP X
      default/my-service -> 192.0.2.1 79/TCP X
    `);
  });

  test('"Labels-dependent Layer 4 rule" (l3_l4_combined.yaml)', () => {
    // layer4.rst: frontend may reach backend on TCP 80 only; other endpoints may not reach backend.
    const a = analyze([frontend, backend, service], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: l4-rule
spec:
  endpointSelector:
    matchLabels:
      role: backend
  ingress:
  - fromEndpoints:
    - matchLabels:
        role: frontend
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
`);
    expectFlows(a, `
      default/frontend -> default/backend 80/TCP .
      default/frontend -> default/backend 8080/TCP X
      default/my-service -> default/backend 80/TCP X
    `);
  });

  test('an omitted or ANY protocol matches TCP, UDP and SCTP; port "0" is every port', () => {
    // layer4.rst PortProtocol: "Protocol is the L4 protocol. If omitted or empty, any protocol matches."
    const a = analyze([frontend, backend], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: any-proto }
spec:
  endpointSelector: { matchLabels: { role: frontend } }
  egress:
  - toPorts: [{ ports: [{ port: "53" }] }]
  - toEndpoints: [{ matchLabels: { role: backend } }]
    toPorts: [{ ports: [{ port: "0", protocol: UDP }] }]
`);
    expectFlows(a, `
      default/frontend -> 192.0.2.53 53/UDP .
      default/frontend -> 192.0.2.53 53/TCP .
      default/frontend -> 192.0.2.53 53/SCTP .
      default/frontend -> default/backend 9999/UDP .
      default/frontend -> default/backend 9999/TCP X
    `);
  });

  test('a named port is resolved on the destination pod', () => {
    const a = analyze([frontend, service], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: by-name }
spec:
  endpointSelector: { matchLabels: { app: myService } }
  ingress:
  - toPorts: [{ ports: [{ port: "HTTP", protocol: TCP }] }]
`);
    expectFlows(a, `
      default/frontend -> default/my-service 8080/TCP .
      default/frontend -> default/my-service 80/TCP X
    `);
  });

  test('icmps alone match no TCP flow', () => {
    // layer4.rst "Limit ICMP/ICMPv6 types": the rule restricts ICMP types; its ports are not opened.
    expectFlows(analyze([frontend, backend], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: icmp-rule }
spec:
  endpointSelector: { matchLabels: { role: frontend } }
  egress:
  - icmps:
    - fields:
      - type: 8
        family: IPv4
`), 'default/frontend -> default/backend 80/TCP X');
  });
});

describe('L7 rules', () => {
  test('an HTTP rule allows the L4 connection and the verdict notes the L7 rules', () => {
    // layer7.rst "HTTP" (examples/policies/l7/http/simple/l7.yaml): "Allow HTTP GET /public from env=prod to app=service".
    // At L3/L4 the connection on TCP 80 is allowed; the proxy then filters requests.
    const svc = pod('default/service', { app: 'service' });
    const a = analyze([svc, pod('default/prod', { env: 'prod' }), pod('default/dev', { env: 'dev' })], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: rule1
spec:
  endpointSelector:
    matchLabels:
      app: service
  ingress:
  - fromEndpoints:
    - matchLabels:
        env: prod
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
      rules:
        http:
        - method: "GET"
          path: "/public"
`);
    expectFlows(a, `
      default/prod -> default/service 80/TCP .
      default/dev -> default/service 80/TCP X
      default/prod -> default/service 8080/TCP X
    `);
    expect(verdict(a, 'default/prod', 'default/service', 80).trace[1]).toEqual({
      direction: 'ingress',
      tier: 'NetworkPolicy',
      policy: 'CiliumNetworkPolicy default/rule1',
      rule: 'ingress[0]',
      action: 'Allow',
      detail: 'endpoints(env=prod) in default on 80/TCP; L7 rules apply: http GET /public',
    });
  });
});
