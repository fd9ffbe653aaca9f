import { analyzeCalico, expectFlows, verdict } from './support';
import { withPodAddressUncertainty } from '../../../lib/analyzer/uncertain-evaluator';

// Calico NetworkSets and GlobalNetworkSets: a rule's selector matches them by their labels, and an address in a
// matching set is selected as a matching pod is. Expected verdicts are those the cited sources state.

/** Pods serving TCP 3000 with `name: <name>` and a known IP, as felix's FV workloads are. */
function pods(namespace: string, entries: readonly (readonly [string, string])[], labels: Record<string, string> = {}): string {
  return entries.map(([name, ip]) => `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${namespace}
  labels: ${JSON.stringify({ name, ...labels })}
spec:
  containers: [{name: main, image: agnhost, ports: [{containerPort: 3000}]}]
status:
  podIP: ${ip}
`).join('---');
}

describe('NetworkSet (docs.tigera.io/calico/latest/reference/resources/networkset)', () => {
  // Source: https://docs.tigera.io/calico/latest/reference/resources/networkset, "Sample YAML", and its text:
  // "NetworkSets in a specific namespace only applies to network policies in that namespace." and "When Calico is
  // calculating the set of IPs that should match a source/destination selector within a network policy rule, it
  // includes the CIDRs from any network sets that match the selector."
  const sample = `
apiVersion: projectcalico.org/v3
kind: NetworkSet
metadata:
  name: external-database
  namespace: staging
  labels:
    role: db
spec:
  nets:
    - 198.51.100.0/28
    - 203.0.113.0/24
`;
  const egressToDb = (namespace: string) => `
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: web-to-db
  namespace: ${namespace}
spec:
  selector: name == 'web'
  types: [Egress]
  egress:
  - action: Allow
    destination:
      selector: role == 'db'
`;
  const cluster = [pods('staging', [['web', '10.1.0.1']]), pods('production', [['web', '10.2.0.1']]), sample].join('---');

  test('a rule selector in the set\'s namespace matches the addresses of the set', () => {
    const a = analyzeCalico([cluster, egressToDb('staging')].join('---'), { base: [] });
    expectFlows(a, `
      staging/web -> 198.51.100.1 5432/TCP .
      staging/web -> 198.51.100.15 5432/TCP .
      staging/web -> 198.51.100.16 5432/TCP X
      staging/web -> 203.0.113.200 5432/TCP .
      staging/web -> 192.0.2.1 5432/TCP X
    `);
    expect(verdict(a, 'staging/web', '198.51.100.1', 5432).trace[0]).toMatchObject({
      policy: 'Calico NetworkPolicy staging/web-to-db',
      rule: 'egress[0]',
      action: 'Allow',
    });
  });

  test('a rule selector of a policy in another namespace does not match it', () => {
    const a = analyzeCalico([cluster, egressToDb('production')].join('---'), { base: [] });
    expectFlows(a, `
      production/web -> 198.51.100.1 5432/TCP X
      production/web -> 203.0.113.200 5432/TCP X
    `);
  });

  test('the set is read with its labels and nets', () => {
    const a = analyzeCalico(cluster, { base: [] });
    expect(a.cluster.networkSets).toEqual([{
      namespace: 'staging', name: 'external-database', labels: { role: 'db' }, nets: ['198.51.100.0/28', '203.0.113.0/24'], source: 'policies.yaml#3',
    }]);
  });
});

describe('GlobalNetworkSet (docs.tigera.io/calico/latest/reference/resources/globalnetworkset)', () => {
  // Source: https://docs.tigera.io/calico/latest/reference/resources/globalnetworkset, "Sample YAML", and its text:
  // "When Calico is calculating the set of IPs that should match a source/destination selector within a global
  // network policy rule, or within a network policy rule whose namespaceSelector includes global(), it includes the
  // CIDRs from any network sets that match the selector."
  const sample = `
apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata:
  name: a-name-for-the-set
  labels:
    role: external-database
spec:
  nets:
  - 198.51.100.0/28
  - 203.0.113.0/24
`;
  const base = [pods('prod', [['web', '10.1.0.1']]), sample].join('---');
  const egress = (kind: string, destination: string) => `
apiVersion: projectcalico.org/v3
kind: ${kind}
metadata:
  name: to-db
${kind === 'NetworkPolicy' ? '  namespace: prod\n' : ''}spec:
  selector: name == 'web'
  types: [Egress]
  egress:
  - action: Allow
    destination:
${destination}
`;

  test('a GlobalNetworkPolicy rule selector matches the set', () => {
    const a = analyzeCalico([base, egress('GlobalNetworkPolicy', "      selector: role == 'external-database'")].join('---'), { base: [] });
    expectFlows(a, `
      prod/web -> 203.0.113.9 443/TCP .
      prod/web -> 198.51.100.7 443/TCP .
      prod/web -> 192.0.2.1 443/TCP X
    `);
  });

  test('a NetworkPolicy rule selector matches it only with namespaceSelector global()', () => {
    const scoped = analyzeCalico([base, egress('NetworkPolicy', "      selector: role == 'external-database'")].join('---'), { base: [] });
    expectFlows(scoped, `
      prod/web -> 203.0.113.9 443/TCP X
    `);
    const global = analyzeCalico([base, egress('NetworkPolicy', "      selector: role == 'external-database'\n      namespaceSelector: global()")].join('---'), { base: [] });
    expectFlows(global, `
      prod/web -> 203.0.113.9 443/TCP .
      prod/web -> 192.0.2.1 443/TCP X
    `);
    // Source: _entityrule.mdx, namespaceSelector: "Select the non-namespaced resources like GlobalNetworkSet(s), host
    // endpoints to which this policy applies by using global() selector." A namespace selector selects no global set.
    const namespaces = analyzeCalico([base, egress('NetworkPolicy', "      selector: role == 'external-database'\n      namespaceSelector: all()")].join('---'), { base: [] });
    expectFlows(namespaces, `
      prod/web -> 203.0.113.9 443/TCP X
    `);
  });
});

describe('external IPs and networks in policy (docs.tigera.io/calico/latest/network-policy/policy-rules/external-ips-policy)', () => {
  // Source: https://docs.tigera.io/calico/latest/network-policy/policy-rules/external-ips-policy, "Limit traffic to
  // or from external networks, global network set": the GlobalNetworkSet ip-protect deny-lists 192.0.2.55/32 and
  // 203.0.113.0/24; the GlobalNetworkPolicy ip-protect (order 0) denies ingress from `ip-deny-list == 'true' &&
  // !has(projectcalico.org/namespace)`, and forward-default-allow (order 1000) allows the rest. "In the label
  // selector, we also include the term !has(projectcalico.org/namespace), which prevents this policy from matching
  // pods or NetworkSets that also have this label."
  const set = `
apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata:
  name: ip-protect
  labels:
    ip-deny-list: 'true'
spec:
  nets:
    - 192.0.2.55/32
    - 203.0.113.0/24
`;
  // The how-to's policies, as written: doNotTrack policies apply to host endpoints, which the analyzer does not model.
  const asWritten = `
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: forward-default-allow
spec:
  selector: apply-ip-protect == 'true'
  order: 1000
  doNotTrack: true
  applyOnForward: true
  types:
    - Ingress
  ingress:
    - action: Allow
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: ip-protect
spec:
  selector: apply-ip-protect == 'true'
  order: 0
  doNotTrack: true
  applyOnForward: true
  types:
    - Ingress
  ingress:
    - action: Deny
      source:
        selector: ip-deny-list == 'true' && !has(projectcalico.org/namespace)
`;
  // A NetworkSet that carries the deny-list label too: the term !has(projectcalico.org/namespace) leaves it out.
  const namespacedSet = `
apiVersion: projectcalico.org/v3
kind: NetworkSet
metadata:
  name: partners
  namespace: prod
  labels:
    ip-deny-list: 'true'
spec:
  nets:
    - 198.51.100.0/24
`;
  const target = pods('prod', [['api', '10.1.0.1']], { 'apply-ip-protect': 'true' });

  test('the how-to\'s doNotTrack policies apply to host endpoints only: no pod is selected, and the problems say so', () => {
    const a = analyzeCalico([target, set, asWritten].join('---'), { base: [] });
    expectFlows(a, `
      203.0.113.9 -> prod/api 3000/TCP .
    `);
    expect((a.evaluator as any).policies.map((p: any) => p.problems)).toEqual([
      ['spec.doNotTrack: such policies apply to host endpoints only; it selects no pod'],
      ['spec.doNotTrack: such policies apply to host endpoints only; it selects no pod'],
    ]);
  });

  test('the same rules on a pod deny the deny-listed ranges and not a NetworkSet with the same label', () => {
    const onPods = asWritten.replace(/  doNotTrack: true\n  applyOnForward: true\n/g, '');
    const a = analyzeCalico([target, set, namespacedSet, onPods].join('---'), { base: [] });
    expectFlows(a, `
      192.0.2.55 -> prod/api 3000/TCP X
      192.0.2.56 -> prod/api 3000/TCP .
      203.0.113.9 -> prod/api 3000/TCP X
      198.51.100.9 -> prod/api 3000/TCP .
    `);
    // Without the term, the GlobalNetworkPolicy's selector matches the NetworkSet too.
    const unscoped = analyzeCalico([target, set, namespacedSet, onPods.replace(' && !has(projectcalico.org/namespace)', '')].join('---'), { base: [] });
    expectFlows(unscoped, `
      198.51.100.9 -> prod/api 3000/TCP X
      203.0.113.9 -> prod/api 3000/TCP X
    `);
  });
});

describe('network sets holding pod addresses (projectcalico/calico felix/fv/netsets_test.go, _NET_SETS_)', () => {
  // Source: https://github.com/projectcalico/calico/blob/master/felix/fv/netsets_test.go: a GlobalNetworkPolicy
  // (selector all()) allows ingress from has(allow-as-source) to has(allow-as-dest) and all egress; workloads nw0..3
  // in namespace fv (10.64.<i>.1) and w0..3 (10.65.<i>.1). The selectors match workloads only through network sets
  // that hold their addresses: felix matches selectors by IP set (felix/labelindex/named_port_index.go indexes
  // workload endpoints, host endpoints and network sets alike).
  const workloads = pods('fv', [0, 1, 2, 3].flatMap(i => [[`w${i}`, `10.65.${i}.1`], [`nw${i}`, `10.64.${i}.1`]] as const));
  const policy = `
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: policy-1
spec:
  selector: all()
  ingress:
  - action: Allow
    source:
      selector: has(allow-as-source)
    destination:
      selector: has(allow-as-dest)
  egress:
  - action: Allow
`;
  const sets = (kind: 'NetworkSet' | 'GlobalNetworkSet', prefix: string, source: readonly string[]) => `
apiVersion: projectcalico.org/v3
kind: ${kind}
metadata:
  name: ns-1
${kind === 'NetworkSet' ? '  namespace: default\n' : ''}  labels: {allow-as-source: ''}
spec:
  nets: ${JSON.stringify(source)}
---
apiVersion: projectcalico.org/v3
kind: ${kind}
metadata:
  name: ns-2
${kind === 'NetworkSet' ? '  namespace: default\n' : ''}  labels: {allow-as-dest: ''}
spec:
  nets: ["${prefix}.2.0/24", "${prefix}.3.0/24"]
`;
  const baseline = (p: string) => `
      ${p}0 -> fv/${p.slice(3)}1 3000/TCP X
      ${p}0 -> fv/${p.slice(3)}2 3000/TCP .
      ${p}0 -> fv/${p.slice(3)}3 3000/TCP .
      ${p}1 -> fv/${p.slice(3)}0 3000/TCP X
      ${p}1 -> fv/${p.slice(3)}2 3000/TCP .
      ${p}1 -> fv/${p.slice(3)}3 3000/TCP .
      ${p}2 -> fv/${p.slice(3)}0 3000/TCP X
      ${p}2 -> fv/${p.slice(3)}1 3000/TCP X
      ${p}2 -> fv/${p.slice(3)}3 3000/TCP .
      ${p}3 -> fv/${p.slice(3)}0 3000/TCP X
      ${p}3 -> fv/${p.slice(3)}1 3000/TCP X
      ${p}3 -> fv/${p.slice(3)}2 3000/TCP X
  `;

  test('with no matching network sets, it denies all', () => {
    const a = analyzeCalico([workloads, policy].join('---'), { base: [] });
    expectFlows(a, `
      fv/w0 -> fv/w1 3000/TCP X
      fv/nw0 -> fv/nw2 3000/TCP X
      fv/nw2 -> fv/nw3 3000/TCP X
    `);
  });

  test('namespaced network sets (in namespace default) match workloads of namespace fv for a GlobalNetworkPolicy', () => {
    const a = analyzeCalico([workloads, policy, sets('NetworkSet', '10.64', ['10.64.0.0/24', '10.64.1.0/24', '10.64.2.0/24'])].join('---'), { base: [] });
    expectFlows(a, baseline('fv/nw'));
    // The workloads outside the sets are matched by nothing.
    expectFlows(a, `
      fv/w0 -> fv/w2 3000/TCP X
      fv/nw0 -> fv/w3 3000/TCP X
    `);
  });

  test('after switching the source set to the zero CIDR, every source is allowed', () => {
    const a = analyzeCalico([workloads, policy, sets('NetworkSet', '10.64', ['0.0.0.0/0'])].join('---'), { base: [] });
    expectFlows(a, `
      fv/nw0 -> fv/nw1 3000/TCP X
      fv/nw0 -> fv/nw2 3000/TCP .
      fv/nw3 -> fv/nw2 3000/TCP .
      fv/nw3 -> fv/nw0 3000/TCP X
    `);
  });

  test('global network sets match workloads the same way', () => {
    const a = analyzeCalico([workloads, policy, sets('GlobalNetworkSet', '10.65', ['10.65.0.0/24', '10.65.1.0/24', '10.65.2.0/24'])].join('---'), { base: [] });
    expectFlows(a, baseline('fv/w'));
  });

  test('after updating the source selector to also match workloads by label, nw3 can reach nw2', () => {
    const a = analyzeCalico([workloads, policy.replace('selector: has(allow-as-source)', "selector: has(allow-as-source) || name in {'nw3', 'nw0'}"),
      sets('NetworkSet', '10.64', ['10.64.0.0/24', '10.64.1.0/24', '10.64.2.0/24'])].join('---'), { base: [] });
    expectFlows(a, `
      fv/nw3 -> fv/nw2 3000/TCP .
      fv/nw3 -> fv/nw1 3000/TCP X
      fv/nw0 -> fv/nw2 3000/TCP .
    `);
  });
});

describe('network sets in the analyzer', () => {
  test('an address outside the cluster in a set the notSelector matches is excluded ("Understanding notSelector")', () => {
    // Source: https://docs.tigera.io/calico/latest/reference/resources/networkpolicy#entityrule (_entityrule.mdx):
    // "notSelector: has(foo) matches packets from/to anywhere (including outside the cluster), except traffic from/to
    // endpoints and network sets that have the label foo."
    const a = analyzeCalico(`${pods('prod', [['api', '10.1.0.1']])}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata: {name: blocked, labels: {foo: bar}}
spec: {nets: [192.0.2.0/24]}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: not-foo}
spec:
  selector: name == 'api'
  ingress:
  - action: Allow
    source:
      notSelector: has(foo)
`, { base: [] });
    expectFlows(a, `
      192.0.2.1 -> prod/api 3000/TCP X
      198.51.100.1 -> prod/api 3000/TCP .
    `);
  });

  test('a selector all() matches the network sets in scope, not every address ("selectors only match (known) resources")', () => {
    // Source: _entityrule.mdx: "A rule with a selector all() won't match "all packets", it will match "packets from all
    // in-scope endpoints and network sets". To match all packets, do not include a selector in the rule at all."
    const a = analyzeCalico(`${pods('prod', [['api', '10.1.0.1']])}
---
apiVersion: projectcalico.org/v3
kind: NetworkSet
metadata: {name: partners, namespace: prod}
spec: {nets: [192.0.2.0/24]}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: from-all, namespace: prod}
spec:
  selector: name == 'api'
  ingress:
  - action: Allow
    source:
      selector: all()
`, { base: [] });
    expectFlows(a, `
      192.0.2.1 -> prod/api 3000/TCP .
      198.51.100.1 -> prod/api 3000/TCP X
    `);
  });

  test('a namespaceSelector takes the selector to the NetworkSets of the namespaces it selects', () => {
    // Source: https://github.com/projectcalico/calico/blob/master/libcalico-go/lib/backend/syncersv1/updateprocessors/rules.go
    // GetEntityRuleSelector: the namespaceSelector becomes a selector on the pcns.-prefixed labels a NetworkSet
    // inherits from its namespace's profile (networksetprocessor.go: profile kns.<namespace>).
    const yaml = `${pods('prod', [['api', '10.1.0.1']])}
---
apiVersion: v1
kind: Namespace
metadata: {name: partners, labels: {kind: external}}
---
apiVersion: projectcalico.org/v3
kind: NetworkSet
metadata: {name: acme, namespace: partners, labels: {role: partner}}
spec: {nets: [192.0.2.0/24]}
---
apiVersion: projectcalico.org/v3
kind: NetworkSet
metadata: {name: local, namespace: prod, labels: {role: partner}}
spec: {nets: [198.51.100.0/24]}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: from-partners, namespace: prod}
spec:
  selector: name == 'api'
  ingress:
  - action: Allow
    source:
      selector: role == 'partner'
      namespaceSelector: kind == 'external'
  - action: Allow
    source:
      selector: pcns.kind == 'external' && projectcalico.org/namespace == 'partners'
      namespaceSelector: all()
`;
    const a = analyzeCalico(yaml, { base: [] });
    expectFlows(a, `
      192.0.2.1 -> prod/api 3000/TCP .
      198.51.100.1 -> prod/api 3000/TCP X
    `);
    expect(verdict(a, '192.0.2.1', 'prod/api', 3000).trace.at(-1)).toMatchObject({ rule: 'ingress[0]', action: 'Allow' });
    // The set's own view: projectcalico.org/namespace and the namespace's labels as pcns.<key>.
    const inherited = analyzeCalico(yaml.replace("      selector: role == 'partner'\n      namespaceSelector: kind == 'external'\n", '      selector: has(nothing)\n'), { base: [] });
    expect(verdict(inherited, '192.0.2.1', 'prod/api', 3000).trace.at(-1)).toMatchObject({ rule: 'ingress[1]', action: 'Allow' });
  });

  test('a pod without a known IP may sit in a set: the verdict is uncertain', () => {
    const a = analyzeCalico(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: client, namespace: prod}
spec: {template: {metadata: {labels: {name: client}}, spec: {containers: [{name: c, image: x}]}}}
---
${pods('prod', [['api', '10.1.0.1']])}
---
apiVersion: projectcalico.org/v3
kind: NetworkSet
metadata: {name: trusted, namespace: prod, labels: {trusted: 'yes'}}
spec: {nets: [10.9.0.0/16]}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: trusted-only, namespace: prod}
spec:
  selector: name == 'api'
  ingress:
  - action: Allow
    source:
      selector: trusted == 'yes'
`, { base: [] });
    const evaluator = withPodAddressUncertainty(a.evaluator, a.cluster);
    const result = verdict({ ...a, evaluator }, 'prod/client', 'prod/api', 3000);
    expect(result.certain).toBe(false);
    expect(result.allowed).toBe(false);
    expect(result.assumption).toContain('10.9.0.0/16');
  });

  test('a network set has no named ports: a named port matches only pods the selector matches by label', () => {
    // felix/calc/rule_scanner.go: a named port becomes an IP set of the endpoints the rule's selector matches that
    // declare the port; network sets declare none.
    const a = analyzeCalico(`${pods('prod', [['api', '10.1.0.1']])}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: prod, labels: {name: db}}
spec: {containers: [{name: main, image: x, ports: [{containerPort: 5432, name: sql}]}]}
status: {podIP: 10.1.0.2}
---
apiVersion: projectcalico.org/v3
kind: NetworkSet
metadata: {name: db-net, namespace: prod, labels: {role: db}}
spec: {nets: [10.1.0.2/32]}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: api-egress, namespace: prod}
spec:
  selector: name == 'api'
  types: [Egress]
  egress:
  - action: Allow
    protocol: TCP
    destination:
      selector: role == 'db'
      ports: [sql, 5433]
`, { base: [] });
    expectFlows(a, `
      prod/api -> prod/db 5432/TCP X
      prod/api -> 10.1.0.2 5433/TCP .
    `);
  });
});
