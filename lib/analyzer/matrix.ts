import { normalizedPolicies } from './compile';
import { LabelSelector, PeerForm, PolicyForm } from './compile/form';
import { CompiledPolicy, CompiledRule } from './compiled';
import { PeerMatcher, namespaceLabelsOf } from './peers';
import { matchesLabelSelector, selectorKeys } from './selectors';
import { Cluster, Endpoint, Evaluator, Flow, Protocol, Verdict } from './types';
import { podAddressesMatter } from './uncertain-evaluator';

/** One allowed (or, when uncertain, possibly allowed) flow of the matrix, on a port the destination declares. */
export interface MatrixEntry {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: number;
  readonly protocol: Protocol;
  readonly portName?: string;
  /** Present (false) only when the verdict depends on where a pod without a known IP sits in the pod CIDRs. */
  readonly certain?: false;
  /** For uncertain entries: the verdict for a pod matching no address peer; false means "may be allowed". */
  readonly allowed?: boolean;
  /** For uncertain entries: which pod and which address peer decide it. */
  readonly assumption?: string;
}

/** Endpoints that no policy can tell apart: same namespace, same labels that selectors read, same IPs where ipBlocks exist, same ports. */
interface Group {
  readonly representative: Endpoint;
  readonly members: Endpoint[];
}

/**
 * Every allowed flow between two different endpoints on the destination's declared container ports.
 *
 * Endpoints are first grouped into classes no policy can tell apart. With only NetworkPolicies, each
 * destination's allowed sources are found from the rules that select it (peer sets computed per
 * namespace), so the work follows the rules and the allowed flows, not the square of the pods.
 * With admin or baseline policies, each pair of groups is evaluated once; so it is when an address peer reaches
 * into the pod CIDRs (the evaluator from `evaluatorFor` says so), and then a flow whose verdict is uncertain is
 * listed too, marked, even when denied for a pod that matches no address peer (it may be allowed).
 */
export function computeMatrix(cluster: Cluster, evaluator: Evaluator & { readonly policies?: readonly { readonly tier: string }[] }): MatrixEntry[] {
  const groups = groupEndpoints(cluster);
  const policies = evaluator.policies;
  const pairs = !podAddressesMatter(evaluator) && policies !== undefined && policies.every(isNetworkPolicyTier)
    ? networkPolicyPairs(cluster, groups, policies)
    : evaluatedPairs(groups, evaluator);
  const entries: MatrixEntry[] = [];
  for (const { source, destination, port, verdict } of pairs) {
    for (const from of source.members) {
      for (const to of destination.members) {
        if (from === to) continue;
        const entry = { from, to, port: port.port, protocol: port.protocol, ...(port.name ? { portName: port.name } : {}) };
        if (verdict === undefined || verdict.certain !== false) {
          entries.push(entry);
          continue;
        }
        // The assumption names the pods: evaluate each member's own flow (only uncertain pairs pay for it).
        const own = from === source.representative && to === destination.representative
          ? verdict
          : evaluator.evaluate(flowOf(from, to, port.port, port.protocol));
        if (own.certain === false) entries.push({ ...entry, certain: false, allowed: own.allowed, assumption: own.assumption ?? '' });
        else if (own.allowed) entries.push(entry);
      }
    }
  }
  return entries.sort(compareEntries);
}

/** Policies of the Kubernetes evaluator's NetworkPolicy tier; Calico's tier names are lowercase, so never this. */
function isNetworkPolicyTier(policy: { readonly tier: string }): policy is CompiledPolicy {
  return policy.tier === 'NetworkPolicy';
}

interface Pair {
  readonly source: Group;
  readonly destination: Group;
  readonly port: { readonly port: number; readonly protocol: Protocol; readonly name?: string };
  /** The representatives' verdict, when the pair was evaluated. */
  readonly verdict?: Verdict;
}

function groupEndpoints(cluster: Cluster): Group[] {
  const forms = normalizedPolicies(cluster);
  const keys = new Set(forms.flatMap(labelSelectorsOf).flatMap(selectorKeys));
  const usesIps = forms.some(form => peersOf(form).some(p => p.kind === 'ipBlock' || p.kind === 'networks'));
  // Calico and Cilium select with their own languages (and on service accounts): there, only identical pods group.
  const everything = forms.some(form => form.family === 'calico' || form.family === 'cilium');
  const byKey = new Map<string, Group>();
  for (const e of cluster.endpoints) {
    const labels = Object.keys(e.labels).filter(k => everything || keys.has(k)).sort().map(k => [k, e.labels[k]]);
    const key = JSON.stringify([
      e.namespace,
      labels,
      usesIps || everything ? [...e.ips].sort() : [],
      e.ports.map(p => [p.port, p.protocol, p.name ?? '']),
      everything ? e.serviceAccount ?? 'default' : '',
    ]);
    const group = byKey.get(key);
    if (group) group.members.push(e);
    else byKey.set(key, { representative: e, members: [e] });
  }
  return [...byKey.values()];
}

/** The peers of a NetworkPolicy's or an admin policy's rules. */
function peersOf(form: PolicyForm): readonly PeerForm[] {
  if (form.failure !== undefined || (form.family !== 'kubernetes' && form.family !== 'admin')) return [];
  return [...form.ingress, ...form.egress].flatMap(rule => rule.peers ?? []);
}

/** Every label selector of a NetworkPolicy or an admin policy: its subject's and its pod peers'. */
function labelSelectorsOf(form: PolicyForm): LabelSelector[] {
  if (form.failure !== undefined) return [];
  const subject: (LabelSelector | undefined)[] = form.family === 'kubernetes' ? [form.podSelector]
    : form.family === 'admin' && form.subject.kind !== 'none' ? [form.subject.namespaceSelector, form.subject.kind === 'pods' ? form.subject.podSelector : undefined]
      : [];
  const peers = peersOf(form).flatMap(p => p.kind === 'pods' ? [p.podSelector, p.namespaceSelector] : []);
  return [...subject, ...peers].filter((s): s is LabelSelector => s !== undefined);
}

const flowOf = (from: Endpoint, to: Endpoint, port: number, protocol: Protocol): Flow =>
  ({ from: { kind: 'endpoint', endpoint: from }, to: { kind: 'endpoint', endpoint: to }, port, protocol });

function evaluatedPairs(groups: readonly Group[], evaluator: Evaluator): Pair[] {
  const pairs: Pair[] = [];
  for (const destination of groups) {
    for (const port of destination.representative.ports) {
      for (const source of groups) {
        const verdict = evaluator.evaluate(flowOf(source.representative, destination.representative, port.port, port.protocol));
        if (verdict.allowed || verdict.certain === false) pairs.push({ source, destination, port, verdict });
      }
    }
  }
  return pairs;
}

function networkPolicyPairs(cluster: Cluster, groups: readonly Group[], policies: readonly CompiledPolicy[]): Pair[] {
  const nsLabels = namespaceLabelsOf(cluster);
  const groupsByNamespace = new Map<string, Group[]>();
  for (const g of groups) groupsByNamespace.set(g.representative.namespace, [...(groupsByNamespace.get(g.representative.namespace) ?? []), g]);
  const namespaces = [...groupsByNamespace.keys()];
  const policiesByNamespace = new Map<string, CompiledPolicy[]>();
  for (const p of policies) policiesByNamespace.set(p.namespace!, [...(policiesByNamespace.get(p.namespace!) ?? []), p]);
  const selecting = (g: Group, direction: 'ingress' | 'egress') => (policiesByNamespace.get(g.representative.namespace) ?? [])
    .filter(p => (direction === 'ingress' ? p.isolatesIngress : p.isolatesEgress) && p.selects(g.representative));
  const ingressPolicies = new Map(groups.map(g => [g, selecting(g, 'ingress')]));
  const egressPolicies = new Map(groups.map(g => [g, selecting(g, 'egress')]));

  // Groups a peer matches, computed once per peer.
  const peerGroups = new Map<PeerMatcher, readonly Group[]>();
  const groupsOf = (peer: PeerMatcher): readonly Group[] => {
    let found = peerGroups.get(peer);
    if (found === undefined) {
      const pods = peer.pods;
      if (pods) {
        const inNamespaces = pods.namespaceSelector === undefined
          ? [pods.ownNamespace!]
          : namespaces.filter(ns => matchesLabelSelector(pods.namespaceSelector, nsLabels(ns)));
        const selected = (g: Group) => pods.podSelector === undefined || matchesLabelSelector(pods.podSelector, g.representative.labels);
        found = inNamespaces.flatMap(ns => (groupsByNamespace.get(ns) ?? []).filter(selected));
      } else {
        found = groups.filter(g => peer.matches({ kind: 'endpoint', endpoint: g.representative }));
      }
      peerGroups.set(peer, found);
    }
    return found;
  };
  const portMatches = (rule: CompiledRule, to: Group, port: number, protocol: Protocol) =>
    rule.ports === undefined || rule.ports.some(m => m.matches(port, protocol, { kind: 'endpoint', endpoint: to.representative }));
  const egressAllows = (source: Group, destination: Group, port: number, protocol: Protocol) => {
    const isolating = egressPolicies.get(source)!;
    return isolating.length === 0 || isolating.some(p => p.egress.some(rule => portMatches(rule, destination, port, protocol)
      && (rule.peers === undefined || rule.peers.some(m => m.matches({ kind: 'endpoint', endpoint: destination.representative })))));
  };

  const pairs: Pair[] = [];
  for (const destination of groups) {
    for (const port of destination.representative.ports) {
      const isolating = ingressPolicies.get(destination)!;
      let sources: Iterable<Group>;
      if (isolating.length === 0) {
        sources = groups;
      } else {
        const set = new Set<Group>();
        for (const rule of isolating.flatMap(p => p.ingress)) {
          if (!portMatches(rule, destination, port.port, port.protocol)) continue;
          if (rule.peers === undefined) {
            groups.forEach(g => set.add(g));
            break;
          }
          for (const peer of rule.peers) groupsOf(peer).forEach(g => set.add(g));
        }
        sources = set;
      }
      for (const source of sources) {
        if (egressAllows(source, destination, port.port, port.protocol)) pairs.push({ source, destination, port });
      }
    }
  }
  return pairs;
}

function compareEntries(a: MatrixEntry, b: MatrixEntry): number {
  const key = (e: MatrixEntry) => [e.from.namespace, e.from.name, e.from.kind, e.to.namespace, e.to.name, e.to.kind, e.protocol];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  }
  return a.port - b.port;
}
