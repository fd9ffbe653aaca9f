import { analyzeCalico, expectFlows, verdict } from './support';
import { calicoEvaluator } from '../../../lib/analyzer/calico/evaluator';

// Calico rule matching, from the Rule, EntityRule, Ports and Selectors sections of
// docs.tigera.io/calico/latest/reference/resources/networkpolicy (tigera/docs calico/_includes/content/_rule.mdx,
// _entityrule.mdx, _ports.mdx, _selectors.mdx, _selector-scopes.mdx), on the e2e cluster. Each policy isolates
// pod x/a for ingress, so what its rules do not allow meets the end of tier default.

const ingressTo = (rule: string) => `
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: rules
spec:
  selector: projectcalico.org/namespace == 'x' && pod == 'a'
  types: [Ingress]
  ingress:
${rule}
`;

describe('Calico rules', () => {
  test('ports: numbers, "first:last" ranges and named ports resolved on the destination', () => {
    // Source: _ports.mdx: int, start:end ("All (numeric) ports within the range start ≤ x ≤ end"), string ("A named
    // port, as defined in the ports list of one or more endpoints").
    const a = analyzeCalico(ingressTo(`
  - action: Allow
    protocol: TCP
    destination:
      ports: ['80:80', serve-81-tcp]
  - action: Allow
    protocol: UDP
    destination:
      ports: [81]
`));
    expectFlows(a, `
      y/a -> x/a 80/TCP .
      y/a -> x/a 81/TCP .
      y/a -> x/a 81/UDP .
      y/a -> x/a 80/UDP X
      y/a -> x/a 80/SCTP X
    `);
  });

  test('notPorts, notProtocol and protocol numbers', () => {
    // Source: _rule.mdx protocol/notProtocol ("TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite, 1-255"); _entityrule.mdx notPorts.
    const a = analyzeCalico(ingressTo(`
  - action: Allow
    protocol: 6
    destination:
      notPorts: [81]
  - action: Allow
    notProtocol: TCP
`));
    expectFlows(a, `
      y/a -> x/a 80/TCP .
      y/a -> x/a 81/TCP X
      y/a -> x/a 81/UDP .
      y/a -> x/a 80/SCTP .
    `);
  });

  test('an ICMP rule never matches a TCP, UDP or SCTP flow', () => {
    // Source: _rule.mdx icmp ("ICMP match criteria"); ICMP type and code exist only on ICMP packets (and Calico
    // refuses `icmp` without protocol ICMP or ICMPv6: the loader's test/analyzer/load/api-checks.test.ts holds that).
    const a = analyzeCalico(ingressTo(`
  - action: Allow
    protocol: ICMP
  - action: Allow
    protocol: ICMPv6
    ipVersion: 6
    icmp:
      type: 128
`));
    expectFlows(a, `
      y/a -> x/a 80/TCP X
      y/a -> x/a 80/UDP X
    `);
  });

  test('selector all() matches endpoints, never an address outside the cluster; no selector matches all', () => {
    // Source: _entityrule.mdx: "A rule with a selector all() won't match "all packets", it will match "packets from
    // all in-scope endpoints and network sets". To match all packets, do not include a selector in the rule at all."
    const selected = analyzeCalico(ingressTo(`
  - action: Allow
    source:
      selector: all()
`));
    expectFlows(selected, `
      z/c -> x/a 80/TCP .
      192.0.2.1 -> x/a 80/TCP X
    `);
    const any = analyzeCalico(ingressTo(`
  - action: Allow
    source: {}
`));
    expectFlows(any, `
      192.0.2.1 -> x/a 80/TCP .
    `);
  });

  test('notSelector matches anywhere except the endpoints it selects', () => {
    // Source: _entityrule.mdx "Understanding notSelector": "notSelector: has(foo) matches packets from/to anywhere
    // (including outside the cluster), except traffic from/to endpoints and network sets that have the label foo".
    const a = analyzeCalico(ingressTo(`
  - action: Allow
    source:
      notSelector: pod == 'b'
`));
    expectFlows(a, `
      192.0.2.1 -> x/a 80/TCP .
      z/c -> x/a 80/TCP .
      z/b -> x/a 80/TCP X
      x/b -> x/a 80/TCP X
    `);
  });

  test('in a namespaced policy, notSelector alone scopes the rule to the policy\'s namespace', () => {
    // Source: libcalico-go updateprocessors/rules.go GetEntityRuleSelector: "endpoints for a namespaced policy being
    // limited to the namespace ... as soon as _any_ of the selector fields are used, including NotSelector".
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: not-b
  namespace: x
spec:
  selector: pod == 'a'
  ingress:
  - action: Allow
    source:
      notSelector: pod == 'b'
`);
    expectFlows(a, `
      x/c -> x/a 80/TCP .
      x/b -> x/a 80/TCP X
      y/c -> x/a 80/TCP X
      192.0.2.1 -> x/a 80/TCP X
    `);
  });

  test('in a namespaced policy, nets alone are not scoped to the namespace', () => {
    // Source: rules.go GetEntityRuleSelector: the namespace is added only when a selector field is used.
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: from-y-net
  namespace: x
spec:
  selector: pod == 'a'
  ingress:
  - action: Allow
    source:
      nets: [10.0.2.0/24]
`);
    expectFlows(a, `
      y/b -> x/a 80/TCP .
      x/b -> x/a 80/TCP X
    `);
  });

  test('namespaceSelector global() selects no pod; all() selects every namespace', () => {
    // Source: _selector-scopes.mdx: "The global() operator can be used (only) in a namespaceSelector to change the scope
    // of the main selector to include non-namespaced resources"; rules.go rewrites it to !has(projectcalico.org/namespace).
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: scopes
  namespace: x
spec:
  selector: pod == 'a'
  ingress:
  - action: Allow
    source:
      selector: pod == 'b'
      namespaceSelector: global()
  - action: Allow
    source:
      selector: pod == 'c'
      namespaceSelector: all()
`);
    expectFlows(a, `
      y/b -> x/a 80/TCP X
      x/b -> x/a 80/TCP X
      y/c -> x/a 80/TCP .
      z/c -> x/a 80/TCP .
    `);
  });

  test('a pod selector reads pod labels and Calico\'s; namespace labels only as pcns.<key>', () => {
    // Source: libcalico-go k8s conversion: a workload endpoint carries the pod's labels plus projectcalico.org/namespace,
    // projectcalico.org/orchestrator and projectcalico.org/serviceaccount; NamespaceToProfile passes the namespace's
    // labels on with the prefix pcns.
    const a = analyzeCalico(ingressTo(`
  - action: Allow
    source:
      selector: ns == 'y'
  - action: Allow
    source:
      selector: pcns.ns == 'z' && projectcalico.org/orchestrator == 'k8s' && projectcalico.org/serviceaccount == 'default'
`));
    expectFlows(a, `
      y/b -> x/a 80/TCP X
      z/b -> x/a 80/TCP .
    `);
  });

  test('a rule with source ports decides only when it denies: a flow does not name its source port', () => {
    // The analyzer's flows carry the destination port only; a source port is unknown, so the rule can only deny.
    const allow = analyzeCalico(ingressTo(`
  - action: Allow
    protocol: TCP
    source:
      ports: [1024:65535]
`));
    expectFlows(allow, `
      y/b -> x/a 80/TCP X
    `);
    expect(calicoEvaluator(allow.cluster).policies[0].problems).toEqual([
      'ingress[0].source.ports: source ports are not known for a flow; the rule decides only when it denies',
    ]);
    const deny = analyzeCalico(ingressTo(`
  - action: Deny
    protocol: TCP
    source:
      ports: [1024:65535]
  - action: Allow
`));
    expectFlows(deny, `
      y/b -> x/a 80/TCP X
      y/b -> x/a 80/UDP .
    `);
  });

  test('an HTTP match is not evaluated: the rule can only deny', () => {
    // Source: networkpolicy.mdx "Application layer policy": HTTPMatch needs application layer policy enabled.
    const a = analyzeCalico(ingressTo(`
  - action: Allow
    http:
      methods: [GET]
`));
    expectFlows(a, `
      y/b -> x/a 80/TCP X
    `);
  });

  test('ipVersion matches the address family of pods with known IPs and of outside addresses', () => {
    // Source: _rule.mdx ipVersion: "Positive IP version match".
    const a = analyzeCalico(ingressTo(`
  - action: Allow
    ipVersion: 6
  - action: Allow
    ipVersion: 4
    source:
      nets: [192.0.2.0/24]
`));
    expectFlows(a, `
      y/b -> x/a 80/TCP X
      192.0.2.7 -> x/a 80/TCP .
      2001:db8::1 -> x/a 80/TCP X
    `);
  });

  test('destination services: the Service\'s pods on its target ports', () => {
    // Source: _entityrule.mdx services: "Match the specified service(s)".
    const base = [
      ...analyzeCalico('').docs,
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a-svc', namespace: 'x' }, spec: { selector: { pod: 'a' }, ports: [{ port: 8080, targetPort: 'serve-81-tcp' }] } },
    ];
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: to-a-svc
  namespace: y
spec:
  selector: all()
  types: [Egress]
  egress:
  - action: Allow
    destination:
      services:
        name: a-svc
        namespace: x
`, { base });
    expectFlows(a, `
      y/b -> x/a 81/TCP .
      y/b -> x/a 80/TCP X
      y/b -> x/b 81/TCP X
    `);
  });

  test('doNotTrack and preDNAT policies apply to host endpoints only, never to pods', () => {
    // Source: globalnetworkpolicy.mdx: "The doNotTrack and preDNAT and applyOnForward fields are meaningful only when
    // applying policy to a host endpoint."
    const a = analyzeCalico(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: untracked
spec:
  selector: all()
  doNotTrack: true
  applyOnForward: true
  ingress:
  - action: Deny
`);
    expectFlows(a, `
      y/b -> x/a 80/TCP .
    `);
    expect(verdict(a, 'y/b', 'x/a', 80).trace.at(-1)?.action).toBe('NotIsolated');
  });

  test('parts the manifests cannot decide let a rule deny but never allow', () => {
    // A hand-built cluster (the loader refuses bad selectors) and a Service the manifests do not hold.
    const a = analyzeCalico('');
    const policy = (action: string, source: any) => ({
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicy' as const,
      name: `${action}-unknown`,
      spec: { order: action === 'Deny' ? 1 : 2, selector: "pod == 'a'", ingress: [{ action, source }] },
    });
    const cluster = (source: any) => ({ ...a.cluster, policies: [policy('Allow', source)] });
    for (const source of [{ selector: 'pod ==' }, { services: { name: 'missing' } }]) {
      const allowOnly = calicoEvaluator(cluster(source));
      expect(verdict({ ...a, evaluator: allowOnly }, 'y/b', 'x/a', 80).allowed).toBe(false);
      const denyFirst = calicoEvaluator({ ...a.cluster, policies: [policy('Deny', source), policy('Allow', {})] });
      expect(verdict({ ...a, evaluator: denyFirst }, 'y/b', 'x/a', 80).allowed).toBe(false);
    }
    expect(calicoEvaluator(cluster({ services: { name: 'missing' } })).policies[0].problems)
      .toEqual(['ingress[0].source.services: Service default/missing is not in the manifests; its pods are not known']);
  });

  test('a service account selector reads the labels of ServiceAccounts; an account no manifest declares has only its name', () => {
    // libcalico-go conversion.go ServiceAccountToProfile: the account's labels, and projectcalico.org/name.
    const rule = ingressTo(`
  - action: Allow
    source:
      serviceAccounts:
        selector: team == 'web'
`);
    const undeclared = analyzeCalico(rule);
    expectFlows(undeclared, `
      y/b -> x/a 80/TCP X
    `);
    expect(calicoEvaluator(undeclared.cluster).policies[0].problems).toEqual([]);
    const declared = analyzeCalico(`${rule}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: y, labels: {team: web}}
`);
    expectFlows(declared, `
      y/b -> x/a 80/TCP .
      z/b -> x/a 80/TCP X
    `);
  });
});
