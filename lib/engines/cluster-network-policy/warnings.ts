import { clusterNetworkPolicyPriority, clusterNetworkPolicyTier, MAX_CLUSTER_NETWORK_POLICY_PRIORITY } from './tier';
import { Policy, Problem, Rule } from '../../model';
import {
  clusterNetworkPolicyBaselineAfterNetworkPolicies, clusterNetworkPolicyIngressPodsOnly, clusterNetworkPolicyIsolationNotAdditive,
  clusterNetworkPolicyNamedPortAnyProtocol,
} from '../../model/messages';

/**
 * Legal intents a ClusterNetworkPolicy renders with a meaning that differs from the intent's in some cluster. Each is
 * rendered anyway, because the nearest faithful alternative is refusing every such intent (a cluster default deny
 * included); each names exactly what differs, and fails closed where it can:
 * - `CLUSTER_NETWORK_POLICY_INGRESS_PODS_ONLY`: ingress isolation, or an ingress rule from anywhere. v1alpha2 ingress
 *   peers are pods only (no `networks`; the external-ingress proposal NPEP-127 did not land), so sources outside the pod
 *   network (the world, nodes, host-network pods) are not matched: the isolation does not deny them. Not refused,
 *   because no wider peer exists and the CRD's own default-deny examples deny `namespaces: {}`; warned so it is never silent.
 * - `CLUSTER_NETWORK_POLICY_ISOLATION_NOT_ADDITIVE`: isolation is a trailing Deny rule, which is final. In tier Admin
 *   it denies what later Admin policies, every NetworkPolicy and tier Baseline would allow for the subject; in tier
 *   Baseline, what later Baseline policies would allow. Intent isolation lets other policies' allows add up. Narrower
 *   (fails closed). Not reported for tier Baseline at priority 1000, after which nothing is evaluated.
 * - `CLUSTER_NETWORK_POLICY_BASELINE_AFTER_NETWORK_POLICIES`: rules in tier Baseline. A NetworkPolicy that selects a
 *   pod for a direction decides it alone (CRD: "v1.NetworkPolicy always makes a final decision for selected pods"),
 *   so those pods lose the Baseline Accept rules (e.g. DNS) and NetworkPolicy allows win over its Deny rules.
 * - `CLUSTER_NETWORK_POLICY_NAMED_PORT_ANY_PROTOCOL`: `destinationNamedPort` has no protocol, so a named port matches
 *   the container port of that name whatever protocol it declares, where the intent also requires its protocol.
 */
export function clusterNetworkPolicyWarnings(policy: Policy): Problem[] {
  const warnings: Problem[] = [];
  const tier = clusterNetworkPolicyTier(policy);
  if (policy.isolateIngress) {
    warnings.push(clusterNetworkPolicyIngressPodsOnly('ingress', 'isolateIngress'));
  }
  policy.ingress.forEach((rule, i) => {
    if (rule.matchesAnyPeer) warnings.push(clusterNetworkPolicyIngressPodsOnly(`ingress[${i}]`, rule.toString(), rule.action));
  });
  const directions: Array<['ingress' | 'egress', readonly Rule[], boolean]> = [['ingress', policy.ingress, policy.isolateIngress], ['egress', policy.egress, policy.isolateEgress]];
  for (const [direction, rules, isolated] of directions) {
    const last = tier === 'Baseline' && clusterNetworkPolicyPriority(policy) === MAX_CLUSTER_NETWORK_POLICY_PRIORITY;
    if (isolated && !last) {
      const priority = clusterNetworkPolicyPriority(policy);
      warnings.push(clusterNetworkPolicyIsolationNotAdditive(direction, tier, priority, MAX_CLUSTER_NETWORK_POLICY_PRIORITY));
    }
    if (tier === 'Baseline' && rules.length > 0) {
      warnings.push(clusterNetworkPolicyBaselineAfterNetworkPolicies(direction, rules.join('; ')));
    }
    rules.forEach((rule, i) => {
      const named = rule.matchesAnyPort ? [] : rule.ports.filter(p => p.name !== undefined);
      if (named.length > 0) {
        warnings.push(clusterNetworkPolicyNamedPortAnyProtocol(`${direction}[${i}].ports`, named.join(',')));
      }
    });
  }
  return warnings;
}
