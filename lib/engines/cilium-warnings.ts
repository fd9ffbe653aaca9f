import { CLUSTER_DNS_RULE_TEXT, needsClusterDnsRule } from './cilium-dns';
import { privateRangesReached } from './cilium-private-ranges';
import { ErrorCode, PeerKind, Policy, Problem, Protocol, Rule, RuleAction } from '../model';

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
          warnings.push({
            code: ErrorCode.CILIUM_CIDR_NOT_PODS,
            field: `${field}.peers[${j}]`,
            value: peer.toString(),
            message: `the block reaches into ${ranges.join(', ')}, but Cilium CIDR rules never match pods or nodes, so pods with these addresses are not matched`,
            fix: 'match pods with Peer.pods/Peer.podsInNamespace(s) and nodes with Peer.entity(Entity.HOST or Entity.REMOTE_NODE); keep the ipBlock for addresses outside the cluster, or except the private ranges',
          });
        }
      });
    }
    const sctp = rule.matchesAnyPort ? [] : rule.ports.filter(p => p.protocol === Protocol.SCTP);
    if (sctp.length > 0) {
      warnings.push({
        code: ErrorCode.CILIUM_SCTP_BETA,
        field: `${field}.ports`,
        value: sctp.join(','),
        message: 'Cilium enforces SCTP policy only with its beta SCTP support enabled; otherwise SCTP traffic is not handled as the rule says',
        fix: 'install Cilium with SCTP enabled (Helm sctp.enabled=true), or acknowledge this warning if it is',
      });
    }
    const ranges = rule.matchesAnyPort ? [] : rule.ports.filter(p => p.endPort !== undefined && p.endPort !== p.portNumber);
    if (ranges.length > 0) {
      warnings.push({
        code: ErrorCode.CILIUM_PORT_RANGE_NEEDS_1_16,
        field: `${field}.ports`,
        value: ranges.join(','),
        message: `Cilium enforces port ranges from 1.16; earlier versions ignore endPort and match only the first port, ${rule.action === RuleAction.DENY ? 'leaving the rest of the range open' : 'allowing less than the rule says'}`,
        fix: 'run Cilium 1.16 or later (and acknowledge this warning), or list the ports one by one',
      });
    }
  }
  for (const [direction, directionRules, isolated] of [['ingress', policy.ingress, policy.isolateIngress], ['egress', policy.egress, policy.isolateEgress]] as const) {
    const denies = directionRules.filter(r => r.action === RuleAction.DENY);
    if (!isolated && denies.length > 0) {
      warnings.push({
        code: ErrorCode.CILIUM_DENY_WITHOUT_ISOLATION,
        field: direction,
        value: denies.join('; '),
        message: `the ${direction} deny rules stay deny-only through enableDefaultDeny.${direction}: false; Cilium releases without enableDefaultDeny put ${direction} into default deny and drop everything no policy allows`,
        fix: 'run a Cilium release with enableDefaultDeny (cilium/cilium#30572) and acknowledge this warning, or isolate the direction on purpose',
      });
    }
  }
  if (needsClusterDnsRule(policy)) {
    warnings.push({
      code: ErrorCode.CILIUM_FQDN_DNS_RULE_ADDED,
      field: 'egress',
      value: CLUSTER_DNS_RULE_TEXT,
      message: 'FQDN rules only learn addresses from DNS lookups that pass Cilium\'s DNS proxy, so the policy also allows DNS to the cluster DNS through the proxy; it allows nothing beyond DNS to kube-dns',
      fix: 'nothing to fix if the cluster DNS is kube-system/k8s-app=kube-dns; otherwise acknowledge this warning and allow DNS to your resolver with a DNS rule',
    });
  }
  return warnings;
}
