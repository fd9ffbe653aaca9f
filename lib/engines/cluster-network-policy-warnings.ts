import { clusterNetworkPolicyPriority, clusterNetworkPolicyTier, MAX_CLUSTER_NETWORK_POLICY_PRIORITY } from './cluster-network-policy-tier';
import { ErrorCode, Policy, Problem, Rule } from '../model';

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
    warnings.push(podsOnly('ingress', 'isolateIngress', 'the isolation denies ingress from pods only'));
  }
  policy.ingress.forEach((rule, i) => {
    if (rule.matchesAnyPeer) warnings.push(podsOnly(`ingress[${i}]`, rule.toString(), `the ${rule.action} rule from anywhere matches pods only`));
  });
  const directions: Array<['ingress' | 'egress', readonly Rule[], boolean]> = [['ingress', policy.ingress, policy.isolateIngress], ['egress', policy.egress, policy.isolateEgress]];
  for (const [direction, rules, isolated] of directions) {
    const last = tier === 'Baseline' && clusterNetworkPolicyPriority(policy) === MAX_CLUSTER_NETWORK_POLICY_PRIORITY;
    if (isolated && !last) {
      const after = tier === 'Admin'
        ? 'later tier Admin policies, every NetworkPolicy and tier Baseline'
        : `tier Baseline policies of a priority above ${clusterNetworkPolicyPriority(policy)}`;
      warnings.push({
        code: ErrorCode.CLUSTER_NETWORK_POLICY_ISOLATION_NOT_ADDITIVE,
        field: direction,
        value: `tier ${tier} priority ${clusterNetworkPolicyPriority(policy)}`,
        message: `the ${direction} isolation is a final Deny rule at the end of the policy: ${after} cannot allow more ${direction} for its pods, `
          + 'where isolation lets the allows of every policy add up',
        fix: tier === 'Admin'
          ? 'use tier \'baseline\' so NetworkPolicies can still open flows, or acknowledge this warning if the pods must get exactly these flows'
          : `use priority ${MAX_CLUSTER_NETWORK_POLICY_PRIORITY} (last of tier Baseline), or acknowledge this warning`,
      });
    }
    if (tier === 'Baseline' && rules.length > 0) {
      warnings.push({
        code: ErrorCode.CLUSTER_NETWORK_POLICY_BASELINE_AFTER_NETWORK_POLICIES,
        field: direction,
        value: rules.join('; '),
        message: `tier Baseline comes after NetworkPolicies, and a NetworkPolicy that selects a pod for ${direction} decides it alone: `
          + 'such pods do not get these rules (their allows, e.g. DNS, must be in the NetworkPolicy too), and NetworkPolicy allows win over their denies',
        fix: 'allow the same flows in those NetworkPolicies and acknowledge this warning, or use tier \'admin\' for rules that must always apply',
      });
    }
    rules.forEach((rule, i) => {
      const named = rule.matchesAnyPort ? [] : rule.ports.filter(p => p.name !== undefined);
      if (named.length > 0) {
        warnings.push({
          code: ErrorCode.CLUSTER_NETWORK_POLICY_NAMED_PORT_ANY_PROTOCOL,
          field: `${direction}[${i}].ports`,
          value: named.join(','),
          message: 'ClusterNetworkPolicy named ports (destinationNamedPort) carry no protocol: they match the container port of that name over the protocol it declares, '
            + 'even where that is not the protocol the intent gives',
          fix: 'nothing to fix when each named port is declared with the protocol the intent gives (acknowledge this warning); otherwise use port numbers',
        });
      }
    });
  }
  return warnings;
}

function podsOnly(field: string, value: string, what: string): Problem {
  return {
    code: ErrorCode.CLUSTER_NETWORK_POLICY_INGRESS_PODS_ONLY,
    field,
    value,
    message: `${what}: ClusterNetworkPolicy ingress peers are pods, so traffic from outside the cluster, from nodes and from host-network pods `
      + 'is not matched: it is left to NetworkPolicies and the default (allow)',
    fix: 'isolate ingress from those sources with a namespaced policy (Engine.KUBERNETES DefaultDeny in the namespaces that receive them), '
      + 'or acknowledge this warning if they cannot reach the pods (e.g. no LoadBalancer or NodePort Services)',
  };
}
