import { calicoPeer } from './peers';
import { calicoPortGroups } from './ports';
import { Policy, Rule, RuleAction } from '../../model';
import { internalError } from '../../model/messages';

/**
 * True when some rule decides every remaining packet: a Deny or Pass on every peer and every port. Then a Calico
 * policy never lets traffic fall through to the end-of-tier deny, so whether the intent isolates the direction
 * makes no difference: Calico can express deny/pass/log rules without isolation exactly in that case.
 */
export function decidesEverything(rules: readonly Rule[]): boolean {
  return rules.some(r => (r.action === RuleAction.DENY || r.action === RuleAction.PASS) && r.matchesAnyPeer && r.matchesAnyPort);
}

/** Which side of the subject a rule list is about. */
export type CalicoDirection = 'ingress' | 'egress';

/**
 * The Calico rules of one direction of an intent.
 *
 * Order. A Calico policy is first-match: its rules are evaluated in order and the first Allow, Deny or
 * Pass ends the evaluation (Log goes on). The intent's allows are an unordered union, and within one
 * policy the intent means "Deny wins over Allow" (as admin tiers and Cilium decide it). So every non-Allow
 * rule (Deny, Pass, Log) is rendered before every Allow rule; within each group the intent's own order
 * is kept, so Deny/Pass/Log rules keep their positions relative to each other.
 *
 * Expansion. A Calico rule has one protocol and one entity rule per side, so an intent rule becomes one
 * Calico rule per (peer × protocol group), peers in canonical order, then protocol groups in canonical port
 * order. An anywhere peer leaves the peer's side unconstrained; every port leaves protocol and ports out.
 *
 * Sides. Ports are always the destination's: for ingress the subject's own ports (`destination.ports`)
 * with the peer in `source`; for egress the peer and its ports in `destination`. A named port is resolved
 * on the destination workload by Calico, as Kubernetes resolves it on the destination pod.
 */
export function calicoRules(policy: Policy, rules: readonly Rule[], direction: CalicoDirection): any[] {
  const ordered = [...rules.filter(r => r.action !== RuleAction.ALLOW), ...rules.filter(r => r.action === RuleAction.ALLOW)];
  return ordered.flatMap(rule => expand(policy, rule, direction));
}

function expand(policy: Policy, rule: Rule, direction: CalicoDirection): any[] {
  if (rule.http.length > 0) {
    // HTTP matches are refused by the capability table; dropping them would widen the allow.
    throw internalError(`policy ${policy.namespaceName ?? '(cluster)'}/${policy.name}`, `${direction}.http`, rule.toString(),
      'L7 HTTP matches reached the Calico renderer, which cannot express them; Engine.problems() refuses them (ENGINE_NO_L7)');
  }
  const peers = rule.matchesAnyPeer ? [{}] : rule.peers.map(p => calicoPeer(policy, p));
  const groups = calicoPortGroups(rule.ports);
  const out: any[] = [];
  for (const peer of peers) {
    for (const group of groups) {
      const calicoRule: any = { action: rule.action };
      const destination: any = direction === 'egress' ? { ...peer } : {};
      if (group.ports !== undefined) destination.ports = [...group.ports];
      if (Object.keys(destination).length > 0) calicoRule.destination = destination;
      if (group.protocol !== undefined) calicoRule.protocol = group.protocol;
      if (direction === 'ingress' && Object.keys(peer).length > 0) calicoRule.source = { ...peer };
      out.push(calicoRule);
    }
  }
  return out;
}
