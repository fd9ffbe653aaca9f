import { normalizedPolicies } from '../compile';
import { DEFAULT_NAMESPACE } from '../compile/defaults';
import { PolicyForm } from '../compile/form';
import { parseIp } from '../ip-match';
import { MatrixCapable } from '../matrix-support';
import { outsideSideEffect } from '../outside-side';
import { namespaceLabelsOf } from '../peers';
import { Cluster, Effect, Endpoint, Evaluator, Flow, FlowPeer, Verdict } from '../types';
import { compileCiliumPolicy } from './cilium-policy';
import { CiliumPolicy, CiliumRule } from './compiled';
import { Identity, parseSelectorKey, entityIdentity, podIdentity, selectorProblems, worldIdentity } from './labels';
import { CiliumSelection, ciliumMatrixSupport, requirementsOf } from './matrix';
import { compileNetworkPolicyForCilium } from './network-policy';
import { SideVerdict, verdictOf } from '../verdict';

type Direction = 'ingress' | 'egress';

/** A Cilium evaluator also lists what it could not read or chose to ignore, one line each. */
export interface CiliumEvaluator extends Evaluator, MatrixCapable {
  readonly engine: 'cilium';
  readonly problems: readonly string[];
}

/**
 * Cilium semantics (default policy enforcement mode), over CiliumNetworkPolicies,
 * CiliumClusterwideNetworkPolicies and the Kubernetes NetworkPolicies Cilium also enforces:
 * - a pod is subject to policy in a direction once a rule set selecting it has rules (allow or deny)
 *   in that direction, and in default deny unless every such rule set says `enableDefaultDeny: false`;
 * - a deny rule that matches wins over every allow, whatever kind of policy holds either;
 * - otherwise an allow rule lets the flow through; in default deny nothing else does;
 * - a flow needs the source's egress and the destination's ingress.
 * Peers are matched by identity: a pod by its labels, namespace, namespace labels and service account,
 * an address outside the cluster as `world`. An address that is a known pod's IP is that pod.
 * Policies are compiled once; evaluation never throws.
 */
export function ciliumEvaluator(cluster: Cluster): CiliumEvaluator {
  const nsLabels = namespaceLabelsOf(cluster);
  const identities = new WeakMap<Endpoint, Identity>();
  const podIdentityOf = (e: Endpoint): Identity => {
    let found = identities.get(e);
    if (found === undefined) {
      found = podIdentity(e, nsLabels(e.namespace));
      identities.set(e, found);
    }
    return found;
  };
  const identityOf = (peer: FlowPeer): Identity => peer.kind === 'endpoint'
    ? podIdentityOf(peer.endpoint)
    : peer.entity !== undefined ? entityIdentity(peer.entity) : worldIdentity(parseIp(peer.ip)?.kind() === 'ipv6' ? 'ipv6' : 'ipv4');

  const problems: string[] = [];
  const policies: CiliumPolicy[] = normalizedPolicies(cluster).flatMap(form => {
    const compiled = compileDocument(form, identityOf, podIdentityOf, problems);
    compiled.forEach(p => p.problems.forEach(m => problems.push(`${p.id}: ${m}`)));
    return compiled;
  });

  // Addresses that belong to exactly one known pod are that pod: Cilium sees its identity, not an address.
  // Built on the first flow from or to an address: pod-to-pod flows (the matrix) never need it.
  let byIp: Map<string, Endpoint[]> | undefined;
  const ownersOf = (ip: string): readonly Endpoint[] => {
    if (byIp === undefined) {
      byIp = new Map();
      for (const e of cluster.endpoints) {
        for (const own of e.ips) {
          const key = parseIp(own)?.toString();
          if (key === undefined) continue;
          const owners = byIp.get(key);
          if (owners) owners.push(e);
          else byIp.set(key, [e]);
        }
      }
    }
    return byIp.get(parseIp(ip)?.toString() ?? '') ?? [];
  };
  const resolve = (peer: FlowPeer): { peer: FlowPeer; note?: string } => {
    // An address standing for an entity is that entity, never a pod.
    if (peer.kind !== 'ip' || peer.entity !== undefined) return { peer };
    const owners = ownersOf(peer.ip);
    if (owners.length !== 1) return { peer };
    const e = owners[0];
    return { peer: { kind: 'endpoint', endpoint: e }, note: `${peer.ip} is pod ${e.namespace}/${e.name}, matched by its identity` };
  };

  const selectionOf = ciliumSelection(policies, podIdentityOf);
  const side = (direction: Direction, pod: Endpoint, other: FlowPeer, flow: Flow, effects?: Effect[]): boolean => {
    const to = direction === 'egress' ? other : { kind: 'endpoint' as const, endpoint: pod };
    const selecting = selectionOf(pod)[direction];
    if (selecting.length === 0) {
      effects?.push({ direction, tier: 'default', action: 'NotIsolated', detail: `no policy selects it for ${direction}` });
      return true;
    }
    const requirements = requirementsOf(selecting, direction);
    const portMatches = (rule: CiliumRule) => rule.ports === undefined || rule.ports.some(m => m.matches(flow.port, flow.protocol, to));
    const peerMatches = (rule: CiliumRule) => rule.peers === undefined || rule.peers.some(m =>
      rule.action === 'Allow' && m.matchesWith && requirements.length > 0 ? m.matchesWith(other, requirements) : m.matches(other));
    const matches = (action: 'Allow' | 'Deny'): boolean => {
      let found = false;
      for (const p of selecting) {
        for (const r of p[direction]) {
          if (r.action !== action || !portMatches(r) || !peerMatches(r)) continue;
          if (effects === undefined) return true;
          found = true;
          effects.push(effectOf(direction, p, r, flow, to));
        }
      }
      return found;
    };

    if (matches('Deny')) return false;
    if (matches('Allow')) return true;
    const denying = selecting.filter(p => direction === 'ingress' ? p.isolatesIngress : p.isolatesEgress);
    if (denying.length === 0) {
      const ids = unique(selecting.map(p => p.id));
      effects?.push({ direction, tier: 'default', action: 'NotIsolated', detail: `not in default deny for ${direction}: ${ids.join(', ')} set enableDefaultDeny.${direction} false` });
      return true;
    }
    if (effects !== undefined) {
      const fqdn = other.kind === 'ip' && other.fqdn === undefined && direction === 'egress' ? fqdnNote(selecting, flow, to) : '';
      effects.push({
        direction,
        tier: 'NetworkPolicy',
        action: 'Isolated',
        detail: `default deny for ${direction} by ${unique(denying.map(p => p.id)).join(', ')}; no rule allows it${fqdn}`,
      });
    }
    return false;
  };

  const withNote = (effects: Effect[], note: string | undefined): Effect[] => note === undefined || effects.length === 0
    ? effects
    : [{ ...effects[0], detail: `${note}; ${effects[0].detail}` }, ...effects.slice(1)];
  const sideOf = (direction: Direction, own: FlowPeer, other: FlowPeer, flow: Flow, note: string | undefined): SideVerdict => {
    const effects: Effect[] = [];
    const allowed = own.kind === 'endpoint' ? side(direction, own.endpoint, other, flow, effects) : outside(direction, own, effects);
    return { allowed, effects: withNote(effects, note) };
  };

  return {
    engine: 'cilium',
    problems,
    evaluate(flow: Flow): Verdict {
      try {
        const from = resolve(flow.from);
        const to = resolve(flow.to);
        const resolved: Flow = { ...flow, from: from.peer, to: to.peer };
        return verdictOf(sideOf('egress', from.peer, to.peer, resolved, from.note), sideOf('ingress', to.peer, from.peer, resolved, to.note));
      } catch (e) {
        // Never throw: an evaluation that fails is a denial that says why.
        const detail = `the Cilium evaluator failed (${e instanceof Error ? e.message : String(e)}); denied (fail closed)`;
        return { allowed: false, egressAllowed: false, ingressAllowed: false, certain: true, trace: [{ direction: 'egress', tier: 'default', action: 'Isolated', detail }] };
      }
    },
    matrixSupport: (classes, evaluate, addressesMatter) =>
      ciliumMatrixSupport({ selectionOf, podIdentityOf, side }, classes, evaluate, addressesMatter),
  };
}

function outside(direction: Direction, peer: FlowPeer, effects: Effect[]): boolean {
  effects.push(outsideSideEffect(direction, peer));
  return true;
}

/**
 * The rule sets that apply to a pod per direction (those with rules in it that select it), in the policies' order;
 * once per endpoint. A namespaced rule set selects pods of its namespace only, and one whose selector names a label
 * (`app: web`) only pods with that identity label: each is looked up by namespace and label, so a pod costs the rule
 * sets that may select it, not every rule set of its namespace.
 */
function ciliumSelection(policies: readonly CiliumPolicy[], podIdentityOf: (e: Endpoint) => Identity): (pod: Endpoint) => CiliumSelection {
  const byNamespace = new Map<string, SelectorIndex>();
  const clusterwide = new SelectorIndex();
  policies.forEach((policy, order) => {
    if (!policy.hasIngress && !policy.hasEgress) return;
    let index = clusterwide;
    if (policy.namespace !== undefined) {
      index = byNamespace.get(policy.namespace) ?? new SelectorIndex();
      byNamespace.set(policy.namespace, index);
    }
    index.add(policy, order);
  });
  const cache = new WeakMap<Endpoint, CiliumSelection>();
  return pod => {
    let found = cache.get(pod);
    if (found === undefined) {
      const identity = podIdentityOf(pod);
      const candidates = [...byNamespace.get(pod.namespace)?.candidates(identity) ?? [], ...clusterwide.candidates(identity)];
      candidates.sort((a, b) => a.order - b.order);
      const selecting = candidates.filter(c => c.policy.selects(pod)).map(c => c.policy);
      found = { ingress: selecting.filter(p => p.hasIngress), egress: selecting.filter(p => p.hasEgress) };
      cache.set(pod, found);
    }
    return found;
  };
}

/** Rule sets by one `matchLabels` pair of their subject selector that a pod's identity must carry for them to select it. */
class SelectorIndex {
  private readonly byLabel = new Map<string, { policy: CiliumPolicy; order: number }[]>();
  private readonly everyPod: { policy: CiliumPolicy; order: number }[] = [];

  public add(policy: CiliumPolicy, order: number): void {
    const anchor = anchorOf(policy.subjectSelector);
    if (anchor === undefined) {
      this.everyPod.push({ policy, order });
      return;
    }
    const list = this.byLabel.get(anchor);
    if (list) list.push({ policy, order });
    else this.byLabel.set(anchor, [{ policy, order }]);
  }

  /** The rule sets that may select a pod of this identity (a superset): check them with `selects`. */
  public candidates(identity: Identity): { policy: CiliumPolicy; order: number }[] {
    if (this.byLabel.size === 0) return this.everyPod;
    const found = [...this.everyPod];
    for (const [key, labels] of identity) {
      for (const label of labels) this.byLabel.get(`${key}\u0000${label.value}`)?.forEach(e => found.push(e));
    }
    return found;
  }
}

/** A `matchLabels` pair of a selector that every identity it matches carries (`k8s:` or no source); undefined if none. */
function anchorOf(selector: any): string | undefined {
  if (selector === null || typeof selector !== 'object' || selectorProblems(selector).length > 0) return undefined;
  const keys = Object.entries(selector.matchLabels ?? {}).map(([raw, value]) => ({ ...parseSelectorKey(raw), value }));
  // `reserved:all` matches every identity.
  if (keys.some(k => k.source === 'reserved')) return undefined;
  const anchor = keys.find(k => (k.source === 'any' || k.source === 'k8s') && typeof k.value === 'string');
  return anchor === undefined ? undefined : `${anchor.key}\u0000${anchor.value}`;
}

/** The rule sets of one policy, or none (with a problem) for kinds Cilium does not enforce. */
function compileDocument(
  form: PolicyForm, identityOf: (p: FlowPeer) => Identity, podIdentityOf: (e: Endpoint) => Identity, problems: string[],
): CiliumPolicy[] {
  const name = form.namespace !== undefined ? `${form.namespace}/${form.name}` : form.name;
  const networkPolicy = form.family === 'kubernetes' && form.kind === 'NetworkPolicy';
  if (form.family !== 'cilium' && !networkPolicy) {
    problems.push(`${form.kind} ${name} (${form.apiVersion}): not enforced by Cilium; ignored`);
    return [];
  }
  if (form.failure !== undefined) return cannotCompile(form, name, form.failure, form.denies, problems);
  try {
    if (form.family === 'cilium') return compileCiliumPolicy(form, identityOf, podIdentityOf);
    if (form.family === 'kubernetes') return [compileNetworkPolicyForCilium(form, identityOf)];
    return [];
  } catch (err) {
    const denies = form.family === 'cilium'
      ? { ingress: form.ruleSets.some(s => s.ingress.some(r => r.action === 'Deny')), egress: form.ruleSets.some(s => s.egress.some(r => r.action === 'Deny')) }
      : { ingress: false, egress: false };
    return cannotCompile(form, name, err instanceof Error ? err.message : String(err), denies, problems);
  }
}

/** A policy that cannot be compiled at all: its deny rules, if any, deny everything in its scope (fail closed). */
function cannotCompile(
  form: PolicyForm, name: string, message: string, denies: { ingress: boolean; egress: boolean }, problems: string[],
): CiliumPolicy[] {
  const denyIn = denies.ingress;
  const denyOut = denies.egress;
  problems.push(`${form.kind} ${name}: cannot be compiled (${message})${denyIn || denyOut ? '; its deny rules are read as denying everything in its scope (fail closed)' : '; ignored'}`);
  if (!denyIn && !denyOut) return [];
  const rule = (direction: Direction): CiliumRule => ({ label: `${direction}Deny`, action: 'Deny', failClosed: 'the policy could not be compiled' });
  const namespace = form.namespace ?? DEFAULT_NAMESPACE;
  return [{
    id: `${form.kind} ${name}`,
    tier: 'NetworkPolicy',
    namespace: form.namespace,
    selects: e => form.kind === 'CiliumClusterwideNetworkPolicy' || e.namespace === namespace,
    isolatesIngress: denyIn,
    isolatesEgress: denyOut,
    hasIngress: denyIn,
    hasEgress: denyOut,
    ingress: denyIn ? [rule('ingress')] : [],
    egress: denyOut ? [rule('egress')] : [],
    requires: { ingress: [], egress: [] },
    problems: [],
  }];
}

function effectOf(direction: Direction, policy: CiliumPolicy, rule: CiliumRule, flow: Flow, to: FlowPeer): Effect {
  const peers = rule.peers === undefined ? 'any peer' : rule.peers.map(p => p.text).join(' | ');
  const ports = rule.ports === undefined ? 'any port' : rule.ports.length === 0 ? 'icmp only' : rule.ports.map(p => p.text).join(',');
  const l7 = rule.ports?.find(p => p.l7 !== undefined && p.matches(flow.port, flow.protocol, to))?.l7;
  const notes = [
    l7 ? `L7 rules apply: ${l7}` : undefined,
    rule.failClosed ? `${rule.failClosed}: read as matching (fail closed)` : undefined,
  ].filter(Boolean);
  return {
    direction,
    tier: 'NetworkPolicy',
    policy: policy.id,
    rule: rule.label,
    action: rule.action,
    detail: [`${peers} on ${ports}`, ...notes].join('; '),
  };
}

/** For a denied flow to an address: the toFQDNs rules that might have allowed it, had the analyzer DNS. */
function fqdnNote(selecting: readonly CiliumPolicy[], flow: Flow, to: FlowPeer): string {
  const rules = selecting.flatMap(p => p.egress
    .filter(r => r.action === 'Allow' && (r.peers ?? []).some(m => m.kind === 'fqdn'))
    .filter(r => r.ports === undefined || r.ports.some(m => m.matches(flow.port, flow.protocol, to)))
    .map(r => `${p.id} ${r.label} ${r.peers!.filter(m => m.kind === 'fqdn').map(m => m.text.replace(/ \[.*\]$/, '')).join(' | ')}`));
  return rules.length > 0 ? `; toFQDNs rules cannot be resolved offline and match no address: ${rules.join(', ')}` : '';
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
