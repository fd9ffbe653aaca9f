import { normalizedPolicies } from '../compile';
import { DEFAULT_NAMESPACE } from '../compile/defaults';
import { PolicyForm } from '../compile/form';
import { parseIp } from '../ip-match';
import { namespaceLabelsOf } from '../peers';
import { Cluster, Effect, Endpoint, Evaluator, Flow, FlowPeer, Verdict } from '../types';
import { compileCiliumPolicy } from './cilium-policy';
import { CiliumPolicy, CiliumRule } from './compiled';
import { Identity, podIdentity, worldIdentity } from './labels';
import { compileNetworkPolicyForCilium } from './network-policy';
import { verdictOf } from '../verdict';

type Direction = 'ingress' | 'egress';

/** A Cilium evaluator also lists what it could not read or chose to ignore, one line each. */
export interface CiliumEvaluator extends Evaluator {
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
  const identities = new Map<Endpoint, Identity>();
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
    : worldIdentity(parseIp(peer.ip)?.kind() === 'ipv6' ? 'ipv6' : 'ipv4');

  const problems: string[] = [];
  const policies: CiliumPolicy[] = normalizedPolicies(cluster).flatMap(form => {
    const compiled = compileDocument(form, identityOf, podIdentityOf, problems);
    compiled.forEach(p => p.problems.forEach(m => problems.push(`${p.id}: ${m}`)));
    return compiled;
  });

  // Addresses that belong to exactly one known pod are that pod: Cilium sees its identity, not an address.
  const byIp = new Map<string, Endpoint[]>();
  for (const e of cluster.endpoints) {
    for (const ip of e.ips) {
      const key = parseIp(ip)?.toString();
      if (key !== undefined) byIp.set(key, [...(byIp.get(key) ?? []), e]);
    }
  }
  const resolve = (peer: FlowPeer): { peer: FlowPeer; note?: string } => {
    if (peer.kind !== 'ip') return { peer };
    const owners = byIp.get(parseIp(peer.ip)?.toString() ?? '') ?? [];
    if (owners.length !== 1) return { peer };
    const e = owners[0];
    return { peer: { kind: 'endpoint', endpoint: e }, note: `${peer.ip} is pod ${e.namespace}/${e.name}, matched by its identity` };
  };

  const side = (direction: Direction, pod: Endpoint, other: FlowPeer, flow: Flow): { allowed: boolean; effects: Effect[] } => {
    const to = direction === 'egress' ? other : { kind: 'endpoint' as const, endpoint: pod };
    const selecting = policies.filter(p => (direction === 'ingress' ? p.hasIngress : p.hasEgress) && p.selects(pod));
    if (selecting.length === 0) {
      return { allowed: true, effects: [{ direction, tier: 'default', action: 'NotIsolated', detail: `no policy selects it for ${direction}` }] };
    }
    const requirements = selecting.flatMap(p => p.requires[direction]);
    const portMatches = (rule: CiliumRule) => rule.ports === undefined || rule.ports.some(m => m.matches(flow.port, flow.protocol, to));
    const peerMatches = (rule: CiliumRule) => rule.peers === undefined || rule.peers.some(m =>
      rule.action === 'Allow' && m.matchesWith && requirements.length > 0 ? m.matchesWith(other, requirements) : m.matches(other));
    const matching = (action: 'Allow' | 'Deny') => selecting.flatMap(p => p[direction]
      .filter(r => r.action === action && portMatches(r) && peerMatches(r))
      .map(r => effectOf(direction, p, r, flow, to)));

    const denies = matching('Deny');
    if (denies.length > 0) return { allowed: false, effects: denies };
    const allows = matching('Allow');
    if (allows.length > 0) return { allowed: true, effects: allows };
    const denying = selecting.filter(p => direction === 'ingress' ? p.isolatesIngress : p.isolatesEgress);
    if (denying.length === 0) {
      const ids = unique(selecting.map(p => p.id));
      return {
        allowed: true,
        effects: [{ direction, tier: 'default', action: 'NotIsolated', detail: `not in default deny for ${direction}: ${ids.join(', ')} set enableDefaultDeny.${direction} false` }],
      };
    }
    const fqdn = other.kind === 'ip' && direction === 'egress' ? fqdnNote(selecting, flow, to) : '';
    return {
      allowed: false,
      effects: [{
        direction,
        tier: 'NetworkPolicy',
        action: 'Isolated',
        detail: `default deny for ${direction} by ${unique(denying.map(p => p.id)).join(', ')}; no rule allows it${fqdn}`,
      }],
    };
  };

  const outside = (direction: Direction, peer: FlowPeer): { allowed: boolean; effects: Effect[] } => ({
    allowed: true,
    effects: [{ direction, tier: 'default', action: 'NotApplicable', detail: `${peer.kind === 'ip' ? peer.ip : 'it'} is outside the cluster: no policy of the cluster applies to its ${direction}` }],
  });

  const withNote = (result: { allowed: boolean; effects: Effect[] }, note: string | undefined) => note === undefined || result.effects.length === 0
    ? result
    : { ...result, effects: [{ ...result.effects[0], detail: `${note}; ${result.effects[0].detail}` }, ...result.effects.slice(1)] };

  return {
    engine: 'cilium',
    problems,
    evaluate(flow: Flow): Verdict {
      try {
        const from = resolve(flow.from);
        const to = resolve(flow.to);
        const resolved: Flow = { ...flow, from: from.peer, to: to.peer };
        const egress = withNote(from.peer.kind === 'endpoint' ? side('egress', from.peer.endpoint, to.peer, resolved) : outside('egress', from.peer), from.note);
        const ingress = withNote(to.peer.kind === 'endpoint' ? side('ingress', to.peer.endpoint, from.peer, resolved) : outside('ingress', to.peer), to.note);
        return verdictOf(egress, ingress);
      } catch (e) {
        // Never throw: an evaluation that fails is a denial that says why.
        const detail = `the Cilium evaluator failed (${e instanceof Error ? e.message : String(e)}); denied (fail closed)`;
        return { allowed: false, egressAllowed: false, ingressAllowed: false, certain: true, trace: [{ direction: 'egress', tier: 'default', action: 'Isolated', detail }] };
      }
    },
  };
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
