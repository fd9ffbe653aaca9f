import { CLUSTER_NETWORK_POLICY_MAX_ITEMS, ClusterNetworkPolicyDirection, clusterNetworkPolicyPeers } from './cluster-network-policy-peers';
import { clusterNetworkPolicyProtocols } from './cluster-network-policy-ports';
import { CLUSTER_NETWORK_POLICY_TIERS, MAX_CLUSTER_NETWORK_POLICY_PRIORITY } from './cluster-network-policy-tier';
import { ErrorCode, PeerKind, Policy, Problem, Rule } from '../model';

/**
 * What a ClusterNetworkPolicy (v1alpha2, standard channel) cannot say beyond the capability table (which refuses
 * namespaced intents, log rules, L7, FQDN, entities, service accounts and Calico expressions), coded:
 * - `CLUSTER_NETWORK_POLICY_TIER_UNKNOWN`: a tier other than `admin` or `baseline`, the CRD's two;
 * - `CLUSTER_NETWORK_POLICY_PRIORITY_OUT_OF_RANGE`: a priority that is not a whole number from 0 to 1000 (CRD int32, 0..1000);
 * - `CLUSTER_NETWORK_POLICY_PEER_NAMESPACE_REQUIRED`: a pods peer of "the policy's own namespace", which a
 *   cluster-scoped policy has not (CNP `pods` peers always carry a namespace selector, empty for all);
 * - `CLUSTER_NETWORK_POLICY_INGRESS_IP_BLOCK`: an ipBlock source; ingress peers are `namespaces` and `pods` only;
 * - `CLUSTER_NETWORK_POLICY_NAMED_PORT_TO_NETWORKS`: a named port with an ipBlock or anywhere destination; the CRD
 *   refuses `destinationNamedPort` with `networks` peers (experimental channel CEL), as addresses have no port names;
 * - `CLUSTER_NETWORK_POLICY_TOO_MANY_ITEMS`: more than 25 rules in a direction (the isolation rule counts), peers or
 *   protocols in a rule, once rendered.
 */
export function clusterNetworkPolicyProblems(policy: Policy): Problem[] {
  const problems: Problem[] = [];
  if (policy.tier !== undefined && !(policy.tier in CLUSTER_NETWORK_POLICY_TIERS)) {
    problems.push({
      code: ErrorCode.CLUSTER_NETWORK_POLICY_TIER_UNKNOWN,
      field: 'tier',
      value: policy.tier,
      message: 'a ClusterNetworkPolicy is in tier Admin (before NetworkPolicies, final) or Baseline (after them, overridable)',
      fix: 'use tier \'admin\' or \'baseline\', or leave tier unset for admin',
    });
  }
  const priority = policy.priority;
  if (priority !== undefined && !(Number.isInteger(priority) && priority >= 0 && priority <= MAX_CLUSTER_NETWORK_POLICY_PRIORITY)) {
    problems.push({
      code: ErrorCode.CLUSTER_NETWORK_POLICY_PRIORITY_OUT_OF_RANGE,
      field: 'priority',
      value: String(policy.priority),
      message: `a ClusterNetworkPolicy priority is a whole number from 0 to ${MAX_CLUSTER_NETWORK_POLICY_PRIORITY} (lower first within its tier)`,
      fix: `use a whole number from 0 to ${MAX_CLUSTER_NETWORK_POLICY_PRIORITY}, e.g. ${Math.min(MAX_CLUSTER_NETWORK_POLICY_PRIORITY, Math.max(0, Math.round(Number(policy.priority)) || 0))}, or leave it unset for 500`,
    });
  }
  const directions: Array<[ClusterNetworkPolicyDirection, readonly Rule[], boolean]> = [['ingress', policy.ingress, policy.isolateIngress], ['egress', policy.egress, policy.isolateEgress]];
  for (const [direction, rules] of directions) {
    rules.forEach((rule, i) => rule._peersAsGiven().forEach((peer, j) => {
      const field = `${direction}[${i}].peers[${j}]`;
      if (peer.kind === PeerKind.PODS && peer.namespaceSelector === undefined && peer.serviceAccountNames === undefined) {
        problems.push({
          code: ErrorCode.CLUSTER_NETWORK_POLICY_PEER_NAMESPACE_REQUIRED,
          field,
          value: peer.toString(),
          message: 'a pods peer without a namespace means "the policy\'s own namespace", which a cluster-scoped ClusterNetworkPolicy does not have',
          fix: 'say where the pods are: Peer.podsInNamespace(name, pods), or Peer.podsInNamespaces(pods, Selector.all()) for every namespace',
        });
      }
      if (peer.kind === PeerKind.IP_BLOCK && direction === 'ingress') {
        problems.push({
          code: ErrorCode.CLUSTER_NETWORK_POLICY_INGRESS_IP_BLOCK,
          field,
          value: peer.toString(),
          message: 'ClusterNetworkPolicy ingress peers are pods and namespaces only; it cannot match sources by address',
          fix: 'match the sources as pods (Peer.podsInNamespaces), or put the ipBlock rule in a namespaced policy rendered with Engine.KUBERNETES',
        });
      }
    }));
    if (direction === 'egress') {
      rules.forEach((rule, i) => {
        const named = rule.matchesAnyPort ? [] : rule.ports.filter(p => p.name !== undefined);
        const toAddresses = rule.matchesAnyPeer || rule.peers.some(p => p.kind === PeerKind.IP_BLOCK);
        if (named.length > 0 && toAddresses) {
          problems.push({
            code: ErrorCode.CLUSTER_NETWORK_POLICY_NAMED_PORT_TO_NETWORKS,
            field: `${direction}[${i}].ports`,
            value: rule.toString(),
            message: 'a named port needs a pod to resolve it, and ClusterNetworkPolicy refuses named ports in a rule with `networks` destinations (ipBlock or anywhere)',
            fix: 'use the port number, or split the rule: named ports for pods peers, numbers for ipBlock peers',
          });
        }
      });
    }
  }
  return problems.length > 0 ? problems : sizeProblems(policy, directions);
}

// Counted on the rendered lists, so only once every peer is expressible.
function sizeProblems(policy: Policy, directions: Array<[ClusterNetworkPolicyDirection, readonly Rule[], boolean]>): Problem[] {
  const problems: Problem[] = [];
  const tooMany = (field: string, count: number, what: string, fix: string) => {
    if (count > CLUSTER_NETWORK_POLICY_MAX_ITEMS) {
      problems.push({
        code: ErrorCode.CLUSTER_NETWORK_POLICY_TOO_MANY_ITEMS,
        field,
        value: String(count),
        message: `a ClusterNetworkPolicy holds at most ${CLUSTER_NETWORK_POLICY_MAX_ITEMS} ${what}; this renders ${count}`,
        fix,
      });
    }
  };
  for (const [direction, rules, isolated] of directions) {
    tooMany(direction, rules.length + (isolated ? 1 : 0), `${direction} rules (isolation adds one)`, 'split the rules over several policies with the same subject');
    rules.forEach((rule, i) => {
      tooMany(`${direction}[${i}].peers`, clusterNetworkPolicyPeers(policy, rule, direction).length, 'peers per rule (an ipBlock with exceptions renders 25 networks per peer)',
        'split the rule into several rules, or use fewer exceptions');
      tooMany(`${direction}[${i}].ports`, clusterNetworkPolicyProtocols(rule.ports)?.length ?? 0, 'protocols per rule', 'use port ranges, or split the rule into several rules');
    });
  }
  return problems;
}
