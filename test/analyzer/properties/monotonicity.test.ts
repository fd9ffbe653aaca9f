import * as fc from 'fast-check';
import { analyzerVerdicts, clusterArb, policiesArb, policyArb, ruleArb, show } from './clusters';
import { refModel, refPolicyTypes, refSelecting, refSelectorMatches } from './reference';

// NetworkPolicies are additive: "Network policies do not conflict; they are additive. If any policy or policies
// apply to a given pod for a given direction, the connections allowed in that direction from that pod is the union
// of what the applicable policies allow." (https://kubernetes.io/docs/concepts/services-networking/network-policies/
// #networkpolicy-resource and #isolated-and-non-isolated-pods). But "allow-only" is not "monotone": a policy also
// ISOLATES the pods it selects, so adding one can remove flows. The precise monotone statements are:
//   (1) adding a policy that selects only pods already isolated in each direction it applies to never removes a flow;
//   (2) adding allow rules to an existing policy (a new rule; a peer to a non-empty peer list; a port to a non-empty
//       port list) without changing the directions it applies to never removes a flow.
// The counterexamples below show why each condition is needed.

const RUNS = { numRuns: 250 };

/** Flows (by key) allowed under the given manifests. */
function allowedFlows(docs: readonly any[]): Set<string> {
  return new Set([...analyzerVerdicts(docs)].filter(([, v]) => v.allowed).map(([k]) => k));
}

function expectNoFlowLost(before: readonly any[], after: readonly any[]): void {
  const kept = allowedFlows(after);
  const lost = [...allowedFlows(before)].filter(k => !kept.has(k));
  if (lost.length > 0) throw new Error(`lost ${lost.join(', ')}\nbefore:\n${show(before)}\nafter:\n${show(after)}`);
}

/** True when `policy` selects some pods, each already isolated, by `docs`, in each direction `policy` applies to. */
function selectsOnlyIsolated(docs: readonly any[], policy: any): boolean {
  const model = refModel(docs);
  const types = refPolicyTypes(policy.spec) as ('Ingress' | 'Egress')[];
  const selected = model.pods.filter(p => p.namespace === policy.metadata.namespace && refSelectorMatches(policy.spec.podSelector ?? {}, p.labels));
  return selected.length > 0 && selected.every(p => types.every(t => refSelecting(model, p, t).length > 0));
}

/** Default-deny policies for some namespaces and directions, so that (1) has isolated pods to work with. */
const denyArb = fc.subarray(['ns0', 'ns1', 'ns2']).chain(nss => fc.tuple(...nss.map(ns => fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress'])
  .map(policyTypes => ({
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: ns }, spec: { podSelector: {}, policyTypes },
  }))))).map(ds => [...ds]);

describe('adding allows never removes a flow (property)', () => {
  test('(1) a new policy that selects only already-isolated pods', () => {
    fc.assert(fc.property(clusterArb, denyArb, policiesArb(0, 2), policyArb('added'), (cluster, denies, policies, added) => {
      const before = [...cluster, ...denies, ...policies];
      fc.pre(selectsOnlyIsolated(before, added));
      expectNoFlowLost(before, [...before, added]);
    }), { ...RUNS, maxSkipsPerRun: 1000 });
  });

  test('(2) new allow rules in an existing policy, its directions unchanged', () => {
    const mutation = fc.record({
      which: fc.nat(),
      direction: fc.constantFrom('ingress' as const, 'egress' as const),
      kind: fc.constantFrom('rule', 'peer', 'port'),
      ingressRule: ruleArb('ingress'),
      egressRule: ruleArb('egress'),
      peerFrom: ruleArb('ingress').filter(r => Array.isArray(r.from) && r.from.length > 0),
      portFrom: ruleArb('ingress').filter(r => Array.isArray(r.ports) && r.ports.length > 0),
    });
    fc.assert(fc.property(clusterArb, policiesArb(1, 3), mutation, (cluster, policies, m) => {
      const after = structuredClone(policies);
      const policy = after[m.which % after.length];
      // Pin the directions first (a neutral rewrite): otherwise a first egress rule would turn on egress isolation.
      policy.spec.policyTypes = refPolicyTypes(policy.spec);
      const direction = policy.spec.policyTypes.includes(m.direction === 'ingress' ? 'Ingress' : 'Egress') ? m.direction
        : (m.direction === 'ingress' ? 'egress' : 'ingress');
      const peersKey = direction === 'ingress' ? 'from' : 'to';
      const rules: any[] = policy.spec[direction] ?? [];
      const withPeers = rules.filter(r => Array.isArray(r[peersKey]) && r[peersKey].length > 0);
      const withPorts = rules.filter(r => Array.isArray(r.ports) && r.ports.length > 0);
      if (m.kind === 'peer' && withPeers.length > 0) {
        withPeers[m.which % withPeers.length][peersKey].push(m.peerFrom.from[0]);
      } else if (m.kind === 'port' && withPorts.length > 0) {
        withPorts[m.which % withPorts.length].ports.push(m.portFrom.ports[0]);
      } else {
        policy.spec[direction] = [...rules, direction === 'ingress' ? m.ingressRule : m.egressRule];
      }
      expectNoFlowLost([...cluster, ...policies], [...cluster, ...after]);
    }), RUNS);
  });
});

describe('why the conditions are needed (counterexamples, on the analyzer)', () => {
  const cluster = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns0' } },
    ...['web', 'db'].map((app, i) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: app, namespace: 'ns0', labels: { app } },
      spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80, name: 'http' }] }] },
      status: { podIP: `10.0.0.${i + 1}` },
    })),
  ];
  const np = (name: string, spec: any) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'ns0' }, spec });
  const flow = 'ns0/web -> ns0/db 80/TCP';

  test('a new allow policy isolates the pods it selects, and so removes their other flows', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#isolated-and-non-isolated-pods
    const allowFromOutside = np('db-from-outside', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/16' } }] }] });
    expect(allowedFlows(cluster).has(flow)).toBe(true);
    expect(allowedFlows([...cluster, allowFromOutside]).has(flow)).toBe(false);
  });

  test('a peer added to an empty `from` narrows the rule: empty means every source', () => {
    // Source: NetworkPolicyIngressRule.from in the API reference: "If this field is empty or missing, this rule
    // matches all sources (traffic not restricted by source)."
    const open = np('db-ingress', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [] }] });
    const narrowed = np('db-ingress', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/16' } }] }] });
    expect(allowedFlows([...cluster, open]).has(flow)).toBe(true);
    expect(allowedFlows([...cluster, narrowed]).has(flow)).toBe(false);
  });

  test('a port added to an empty `ports` narrows the rule: empty means every port', () => {
    // Source: NetworkPolicyIngressRule.ports in the API reference: "If this field is empty or missing, this rule
    // matches all ports (traffic not restricted by port)."
    const open = np('db-ingress', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ ports: [] }] });
    const narrowed = np('db-ingress', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ ports: [{ port: 5432 }] }] });
    expect(allowedFlows([...cluster, open]).has(flow)).toBe(true);
    expect(allowedFlows([...cluster, narrowed]).has(flow)).toBe(false);
  });

  test('a first egress rule in a policy without policyTypes turns on egress isolation', () => {
    // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource
    // "__policyTypes__: ... Egress will be set if the NetworkPolicy has any egress rules."
    const ingressOnly = np('web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{}] });
    const plusEgress = np('web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{}], egress: [{ to: [{ ipBlock: { cidr: '192.168.0.0/16' } }] }] });
    expect(allowedFlows([...cluster, ingressOnly]).has(flow)).toBe(true);
    expect(allowedFlows([...cluster, plusEgress]).has(flow)).toBe(false);
  });
});
