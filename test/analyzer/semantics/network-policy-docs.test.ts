import { analyze, expectFlows, fixtureDocs, manifests, verdict } from './support/truth-table';

// Transcribed from the Kubernetes documentation page "Network Policies":
//   https://kubernetes.io/docs/concepts/services-networking/network-policies/
// (source: kubernetes/website content/en/docs/concepts/services-networking/network-policies.md and the
// example manifests under content/en/examples/service/networking/). Each test names its section.
// Flows are written `<from> -> <to> <port>/<protocol> <mark>`: `.` allowed, `X` denied.

const TEST_NETWORK_POLICY = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: test-network-policy
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes:
  - Ingress
  - Egress
  ingress:
  - from:
    - ipBlock:
        cidr: 172.17.0.0/16
        except:
        - 172.17.1.0/24
    - namespaceSelector:
        matchLabels:
          project: myproject
    - podSelector:
        matchLabels:
          role: frontend
    ports:
    - protocol: TCP
      port: 6379
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.0.0/24
    ports:
    - protocol: TCP
      port: 5978
`;

describe('The NetworkPolicy resource: the test-network-policy example', () => {
  // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource ("So, the example NetworkPolicy: ...", points 1-3)
  const a = analyze(TEST_NETWORK_POLICY, fixtureDocs('docs-cluster.yaml'));

  test('allows ingress to role=db on TCP 6379 from role=frontend in default, from namespaces project=myproject, and from 172.17.0.0/16 except 172.17.1.0/24', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource, point 2 "(Ingress rules) allows connections to all pods in the
    // "default" namespace with the label "role=db" on TCP port 6379 from: ..."
    expectFlows(a, `
      default/frontend -> default/db 6379/TCP .
      myproject/client -> default/db 6379/TCP .
      other/frontend   -> default/db 6379/TCP X
      default/backend  -> default/db 6379/TCP X
      172.17.0.0       -> default/db 6379/TCP .
      172.17.0.255     -> default/db 6379/TCP .
      172.17.1.0       -> default/db 6379/TCP X
      172.17.1.255     -> default/db 6379/TCP X
      172.17.2.0       -> default/db 6379/TCP .
      172.17.255.255   -> default/db 6379/TCP .
      172.16.255.255   -> default/db 6379/TCP X
      172.18.0.0       -> default/db 6379/TCP X
      192.168.1.1      -> default/db 6379/TCP X
    `);
  });

  test('the ingress rule is one port on one protocol: both ports and from must match', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource, "__ingress__: ... Each rule allows traffic which matches both the
    // `from` and `ports` sections."
    expectFlows(a, `
      default/frontend -> default/db 6380/TCP X
      default/frontend -> default/db 6379/UDP X
      default/frontend -> default/db 6379/SCTP X
      172.17.0.1       -> default/db 80/TCP X
      myproject/client -> default/db 5978/TCP X
    `);
  });

  test('allows egress from role=db to 10.0.0.0/24 on TCP 5978 only', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource, point 3 "(Egress rules) allows connections from any pod in the
    // "default" namespace with the label "role=db" to CIDR 10.0.0.0/24 on TCP port 5978"
    expectFlows(a, `
      default/db -> 10.0.0.0 5978/TCP .
      default/db -> 10.0.0.255 5978/TCP .
      default/db -> 10.0.1.0 5978/TCP X
      default/db -> 10.0.0.1 5979/TCP X
      default/db -> 10.0.0.1 5978/UDP X
      default/db -> default/frontend 80/TCP X
      default/db -> myproject/client 5978/TCP X
    `);
  });

  test('isolates only the role=db pods: other pods keep their default (allow all)', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource, point 1 "isolates "role=db" pods in the "default" namespace for
    // both ingress and egress traffic", and #isolated-and-non-isolated-pods "(Other pods in the namespace that are
    // not selected by any NetworkPolicy will continue to accept all traffic.)"
    expectFlows(a, `
      default/backend  -> default/frontend 80/TCP .
      other/frontend   -> default/backend 8080/TCP .
      default/frontend -> 192.168.1.1 443/TCP .
      192.168.1.1      -> default/frontend 80/TCP .
    `);
  });

  test('a flow needs both the egress side and the ingress side; the verdict reports each', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#isolated-and-non-isolated-pods
    // "For a network flow between two pods to be allowed, both the egress policy on the source pod and the ingress
    // policy on the destination pod need to allow the traffic. If either the egress policy on the source, or the
    // ingress policy on the destination denies the traffic, the traffic will be denied."
    const inOnly = verdict(a, 'default/frontend', 'default/db', 6379);
    expect([inOnly.allowed, inOnly.egressAllowed, inOnly.ingressAllowed]).toEqual([true, true, true]);
    const deniedIn = verdict(a, 'default/backend', 'default/db', 6379);
    expect([deniedIn.allowed, deniedIn.egressAllowed, deniedIn.ingressAllowed]).toEqual([false, true, false]);
    const deniedOut = verdict(a, 'default/db', 'default/frontend', 80);
    expect([deniedOut.allowed, deniedOut.egressAllowed, deniedOut.ingressAllowed]).toEqual([false, false, true]);
  });
});

describe('Behavior of to and from selectors', () => {
  // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors: "a single from element allowing connections from Pods with
  // the label role=client in namespaces with the label user=alice. But *this* policy: ... contains two elements
  // in the from array, and allows connections from Pods in the local Namespace with the label role=client, *or*
  // from any Pod in any namespace with the label user=alice."
  const cluster = manifests(`
apiVersion: v1
kind: Namespace
metadata:
  name: server
---
apiVersion: v1
kind: Namespace
metadata:
  name: alice
  labels:
    user: alice
---
apiVersion: v1
kind: Namespace
metadata:
  name: bob
  labels:
    user: bob
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: server, labels: { app: api } }
spec: { containers: [{ name: api, image: api }] }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: server, labels: { role: client } }
spec: { containers: [{ name: c, image: c }] }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: alice, labels: { role: client } }
spec: { containers: [{ name: c, image: c }] }
---
apiVersion: v1
kind: Pod
metadata: { name: other, namespace: alice, labels: { role: other } }
spec: { containers: [{ name: c, image: c }] }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: bob, labels: { role: client } }
spec: { containers: [{ name: c, image: c }] }
`);
  const policy = (from: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-ingress
  namespace: server
spec:
  podSelector:
    matchLabels:
      app: api
  ingress:
  - from:
${from}
`;

  test('namespaceSelector and podSelector in one element: AND', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors (first policy)
    const a = analyze(policy(`
    - namespaceSelector:
        matchLabels:
          user: alice
      podSelector:
        matchLabels:
          role: client`), cluster);
    expectFlows(a, `
      alice/client  -> server/api 80/TCP .
      alice/other   -> server/api 80/TCP X
      bob/client    -> server/api 80/TCP X
      server/client -> server/api 80/TCP X
    `);
  });

  test('namespaceSelector and podSelector in two elements: OR, and the podSelector is local to the policy namespace', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors (second policy)
    const a = analyze(policy(`
    - namespaceSelector:
        matchLabels:
          user: alice
    - podSelector:
        matchLabels:
          role: client`), cluster);
    expectFlows(a, `
      alice/client  -> server/api 80/TCP .
      alice/other   -> server/api 80/TCP .
      bob/client    -> server/api 80/TCP X
      server/client -> server/api 80/TCP .
    `);
  });

  test('policyTypes defaults to Ingress when the policy has no egress rules: egress stays open', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource "__policyTypes__: ... If no policyTypes are specified on a
    // NetworkPolicy then by default Ingress will always be set and Egress will be set if the NetworkPolicy has any
    // egress rules."
    const a = analyze(policy(`
    - podSelector:
        matchLabels:
          role: client`), cluster);
    expectFlows(a, `
      server/api -> bob/client 80/TCP .
      server/api -> 192.168.1.1 443/TCP .
    `);
  });
});

describe('policyTypes defaults', () => {
  // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource "__policyTypes__: ... If no policyTypes are specified on a NetworkPolicy
  // then by default Ingress will always be set and Egress will be set if the NetworkPolicy has any egress rules."
  test('a policy with only egress rules and no policyTypes also isolates its pods for ingress', () => {
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-egress
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.0.0/24
`, fixtureDocs('docs-cluster.yaml'));
    expectFlows(a, `
      default/db       -> 10.0.0.7 5978/TCP .
      default/db       -> 10.0.1.7 5978/TCP X
      default/frontend -> default/db 6379/TCP X
      10.0.0.7         -> default/db 6379/TCP X
      default/frontend -> default/backend 8080/TCP .
    `);
  });

  test('a policy with a podSelector and nothing else isolates its pods for ingress only', () => {
    const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-isolated
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
`, fixtureDocs('docs-cluster.yaml'));
    expectFlows(a, `
      default/frontend -> default/db 6379/TCP X
      default/db       -> default/frontend 80/TCP .
      default/db       -> 10.0.0.7 5978/TCP .
    `);
  });
});

describe('Default policies', () => {
  // The manifests of the docs' examples name no namespace: `kubectl apply -n` would place them; the analyzer
  // reads a NetworkPolicy without metadata.namespace as being in `default` (contract), so they govern default.
  const DENY_INGRESS = `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
spec:
  podSelector: {}
  policyTypes:
  - Ingress
`;
  const ALLOW_INGRESS = `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-ingress
spec:
  podSelector: {}
  ingress:
  - {}
  policyTypes:
  - Ingress
`;
  const DENY_EGRESS = `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
spec:
  podSelector: {}
  policyTypes:
  - Egress
`;
  const ALLOW_EGRESS = `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-egress
spec:
  podSelector: {}
  egress:
  - {}
  policyTypes:
  - Egress
`;
  const DENY_ALL = `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-all
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
`;
  const cluster = () => fixtureDocs('docs-cluster.yaml');

  test('no policies: all ingress and egress traffic is allowed', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies "By default, if no policies exist in a namespace, then all ingress and egress
    // traffic is allowed to and from pods in that namespace."
    expectFlows(analyze('', cluster()), `
      other/frontend   -> default/db 6379/TCP .
      default/db       -> other/frontend 80/TCP .
      203.0.113.7      -> default/db 6379/UDP .
      default/frontend -> 203.0.113.7 53/UDP .
    `);
  });

  test('Default deny all ingress traffic', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic (network-policy-default-deny-ingress.yaml): "This ensures that
    // even pods that aren't selected by any other NetworkPolicy will still be isolated. This policy does not change
    // the default egress isolation behavior."
    expectFlows(analyze(DENY_INGRESS, cluster()), `
      other/frontend   -> default/db 6379/TCP X
      default/frontend -> default/db 6379/TCP X
      203.0.113.7      -> default/frontend 80/TCP X
      default/db       -> other/frontend 80/TCP .
      default/db       -> 203.0.113.7 443/TCP .
      default/db       -> myproject/client 9999/UDP .
    `);
  });

  test('Allow all ingress traffic, even with a default deny present', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-ingress-traffic (network-policy-allow-all-ingress.yaml): "If you want to allow all
    // traffic to all pods in a namespace (even if policies are added that cause some pods to be treated as
    // "isolated"), you can create a policy that explicitly allows all traffic in that namespace."
    expectFlows(analyze(DENY_INGRESS + ALLOW_INGRESS, cluster()), `
      other/frontend   -> default/db 6379/TCP .
      default/frontend -> default/db 1/UDP .
      203.0.113.7      -> default/frontend 80/SCTP .
    `);
  });

  test('Default deny all egress traffic', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-egress-traffic (network-policy-default-deny-egress.yaml): "This ensures that
    // even pods that aren't selected by any other NetworkPolicy will not be allowed egress traffic. This policy
    // does not change the default ingress isolation behavior."
    expectFlows(analyze(DENY_EGRESS, cluster()), `
      default/db       -> other/frontend 80/TCP X
      default/frontend -> default/db 6379/TCP X
      default/db       -> 203.0.113.7 53/UDP X
      other/frontend   -> default/db 6379/TCP .
      203.0.113.7      -> default/db 6379/TCP .
    `);
  });

  test('Allow all egress traffic, even with a default deny present', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-egress-traffic (network-policy-allow-all-egress.yaml): "If you want to allow all
    // traffic from all pods in a namespace (even if policies are added that cause some pods to be treated as
    // "isolated"), you can create a policy that explicitly allows all egress traffic in that namespace."
    expectFlows(analyze(DENY_EGRESS + ALLOW_EGRESS, cluster()), `
      default/db       -> other/frontend 80/TCP .
      default/db       -> 203.0.113.7 53/UDP .
      default/frontend -> default/backend 8080/SCTP .
    `);
  });

  test('Default deny all ingress and all egress traffic', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-and-all-egress-traffic (network-policy-default-deny-all.yaml): "This
    // ensures that even pods that aren't selected by any other NetworkPolicy will not be allowed ingress or egress
    // traffic."
    expectFlows(analyze(DENY_ALL, cluster()), `
      default/frontend -> default/db 6379/TCP X
      other/frontend   -> default/db 6379/TCP X
      default/db       -> other/frontend 80/TCP X
      203.0.113.7      -> default/db 6379/TCP X
      default/db       -> 203.0.113.7 443/TCP X
      other/frontend   -> myproject/client 80/TCP .
    `);
  });

  test('default deny isolates each replica of a workload from the others', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#isolated-and-non-isolated-pods "Once there is any NetworkPolicy in a namespace selecting a
    // particular pod, that pod will reject any connections that are not allowed by any NetworkPolicy." A Deployment
    // endpoint stands for several pods: web -> web is one replica calling another, not loopback.
    const a = analyze(DENY_INGRESS, [...cluster(), ...manifests(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
        ports:
        - containerPort: 8080
          name: http
`)]);
    expectFlows(a, `
      default/web -> default/web 8080/TCP X
      default/web -> other/frontend 80/TCP .
    `);
  });
});

describe('Targeting a range of ports', () => {
  // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-range-of-ports: "The above rule allows any Pod with label role=db on the namespace
  // default to communicate with any IP within the range 10.0.0.0/24 over TCP, provided that the target port is
  // between the range 32000 and 32768." The API reference (NetworkPolicyPort): "endPort indicates that the range of
  // ports from port to endPort if set, inclusive, should be allowed by the policy."
  const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: multi-port-egress
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes:
    - Egress
  egress:
    - to:
        - ipBlock:
            cidr: 10.0.0.0/24
      ports:
        - protocol: TCP
          port: 32000
          endPort: 32768
`, fixtureDocs('docs-cluster.yaml'));

  test('allows the whole inclusive range on TCP to the block, and nothing else from role=db', () => {
    expectFlows(a, `
      default/db -> 10.0.0.1 32000/TCP .
      default/db -> 10.0.0.1 32400/TCP .
      default/db -> 10.0.0.254 32768/TCP .
      default/db -> 10.0.0.1 31999/TCP X
      default/db -> 10.0.0.1 32769/TCP X
      default/db -> 10.0.0.1 32000/UDP X
      default/db -> 10.0.1.1 32000/TCP X
      default/db -> default/frontend 32000/TCP X
    `);
  });

  test('policyTypes: [Egress] leaves ingress to role=db open', () => {
    expectFlows(a, `
      default/frontend -> default/db 6379/TCP .
      203.0.113.7      -> default/db 6379/TCP .
    `);
  });
});

describe('Targeting multiple namespaces by label', () => {
  // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-multiple-namespaces-by-label (the egress-namespaces example, after
  // `kubectl label namespace frontend namespace=frontend` and `kubectl label namespace backend namespace=backend`)
  const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress-namespaces
spec:
  podSelector:
    matchLabels:
      app: myapp
  policyTypes:
  - Egress
  egress:
  - to:
    - namespaceSelector:
        matchExpressions:
        - key: namespace
          operator: In
          values: ["frontend", "backend"]
`, manifests(`
apiVersion: v1
kind: Namespace
metadata: { name: frontend, labels: { namespace: frontend } }
---
apiVersion: v1
kind: Namespace
metadata: { name: backend, labels: { namespace: backend } }
---
apiVersion: v1
kind: Namespace
metadata: { name: payments }
---
apiVersion: v1
kind: Pod
metadata: { name: myapp, namespace: default, labels: { app: myapp } }
spec: { containers: [{ name: c, image: c }] }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: frontend, labels: { app: web } }
spec: { containers: [{ name: c, image: c }] }
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: backend, labels: { app: api } }
spec: { containers: [{ name: c, image: c }] }
---
apiVersion: v1
kind: Pod
metadata: { name: ledger, namespace: payments, labels: { app: ledger } }
spec: { containers: [{ name: c, image: c }] }
`));

  test('myapp may reach pods in the frontend and backend namespaces only', () => {
    expectFlows(a, `
      default/myapp -> frontend/web 80/TCP .
      default/myapp -> backend/api 443/TCP .
      default/myapp -> payments/ledger 80/TCP X
      default/myapp -> 203.0.113.7 443/TCP X
      payments/ledger -> default/myapp 80/TCP .
    `);
  });
});

describe('Targeting a Namespace by its name', () => {
  // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-namespace-by-its-name: "The Kubernetes control plane sets an immutable label
  // kubernetes.io/metadata.name on all namespaces, the value of the label is the namespace name. While
  // NetworkPolicy cannot target a namespace by its name with some object field, you can use the standardized label
  // to target a specific namespace."
  const a = analyze(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-from-named-namespaces
  namespace: server
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  ingress:
  - from:
    - namespaceSelector:
        matchExpressions:
        - key: kubernetes.io/metadata.name
          operator: In
          values: [myns, undeclared]
`, manifests(`
apiVersion: v1
kind: Namespace
metadata: { name: server }
---
apiVersion: v1
kind: Namespace
metadata: { name: myns }
---
apiVersion: v1
kind: Namespace
metadata: { name: impostor, labels: { name: myns } }
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: server, labels: { app: api } }
spec: { containers: [{ name: c, image: c }] }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: myns, labels: { app: client } }
spec: { containers: [{ name: c, image: c }] }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: impostor, labels: { app: client } }
spec: { containers: [{ name: c, image: c }] }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: undeclared, labels: { app: client } }
spec: { containers: [{ name: c, image: c }] }
`));

  test('a declared namespace carries its name label without writing it', () => {
    expect(a.cluster.namespaces.get('myns')?.labels).toMatchObject({ 'kubernetes.io/metadata.name': 'myns' });
    expectFlows(a, `
      myns/client     -> server/api 80/TCP .
      impostor/client -> server/api 80/TCP X
    `);
  });

  test('a namespace only implied by a pod carries its name label too', () => {
    expect(a.cluster.namespaces.get('undeclared')?.labels).toEqual({ 'kubernetes.io/metadata.name': 'undeclared' });
    expectFlows(a, `
      undeclared/client -> server/api 80/TCP .
    `);
  });
});
