import { CLUSTER_DNS_RULE_TEXT, needsClusterDnsRule } from './dns';
import { privateRangesReached } from './private-ranges';
import { PeerKind, Policy, Problem, Protocol, Rule, RuleAction } from '../../model';
import { ciliumCidrNotPods, ciliumDenyWithoutIsolation, ciliumFqdnDnsRuleAdded, ciliumPortRangeNeeds116, ciliumSctpBeta } from '../../model/messages';

/**
 * Legal intents that Cilium renders with a surprising meaning, or that the renderer widened on purpose:
 * - `CILIUM_CIDR_NOT_PODS`: an ipBlock reaching into private ranges. Cilium CIDR rules apply only to peers
 *   without a Cilium identity ("CIDR rules do not apply to traffic where both sides of the connection are
 *   either managed by Cilium or use an IP belonging to a node", docs.cilium.io "IP/CIDR based"), so the pods
 *   in that range are not reached, where Kubernetes ipBlock semantics would reach them.
 * - `CILIUM_FQDN_DNS_RULE_ADDED`: FQDN peers; the egress also allows DNS to the cluster DNS through the DNS proxy.
 * - `CILIUM_SCTP_BETA`: SCTP ports, which Cilium only enforces with SCTP support enabled (beta).
 * - `CILIUM_PORT_RANGE_NEEDS_1_16`: port ranges, which Cilium enforces from 1.16 (cilium/cilium#32389); earlier
 *   versions ignore `endPort` (cilium/cilium#28684).
 * - `CILIUM_DENY_WITHOUT_ISOLATION`: deny rules in a direction the intent does not isolate, which only
 *   `enableDefaultDeny: false` keeps from becoming default deny.
 */
export function ciliumWarnings(policy: Policy): Problem[] {
  const warnings: Problem[] = [];
  const rules: Array<{ rule: Rule; field: string }> = [
    ...policy.ingress.map((rule, i) => ({ rule, field: `ingress[${i}]` })),
    ...policy.egress.map((rule, i) => ({ rule, field: `egress[${i}]` })),
  ];
  for (const { rule, field } of rules) {
    if (!rule.matchesAnyPeer) {
      rule._peersAsGiven().forEach((peer, j) => {
        const ranges = peer.kind === PeerKind.IP_BLOCK ? privateRangesReached(peer) : [];
        if (ranges.length > 0) {
          warnings.push(ciliumCidrNotPods(`${field}.peers[${j}]`, peer.toString(), ranges.map(String)));
        }
      });
    }
    const sctp = rule.matchesAnyPort ? [] : rule.ports.filter(p => p.protocol === Protocol.SCTP);
    if (sctp.length > 0) {
      warnings.push(ciliumSctpBeta(`${field}.ports`, sctp.join(',')));
    }
    const ranges = rule.matchesAnyPort ? [] : rule.ports.filter(p => p.endPort !== undefined && p.endPort !== p.portNumber);
    if (ranges.length > 0) {
      warnings.push(ciliumPortRangeNeeds116(`${field}.ports`, ranges.join(','), rule.action === RuleAction.DENY));
    }
  }
  for (const [direction, directionRules, isolated] of [['ingress', policy.ingress, policy.isolateIngress], ['egress', policy.egress, policy.isolateEgress]] as const) {
    const denies = directionRules.filter(r => r.action === RuleAction.DENY);
    if (!isolated && denies.length > 0) {
      warnings.push(ciliumDenyWithoutIsolation(direction, denies.join('; ')));
    }
  }
  if (needsClusterDnsRule(policy)) {
    warnings.push(ciliumFqdnDnsRuleAdded('egress', CLUSTER_DNS_RULE_TEXT));
  }
  return warnings;
}
