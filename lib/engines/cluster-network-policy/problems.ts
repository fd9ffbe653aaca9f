import { CLUSTER_NETWORK_POLICY_MAX_ITEMS, ClusterNetworkPolicyDirection, clusterNetworkPolicyPeers } from './peers';
import { clusterNetworkPolicyProtocols } from './ports';
import { CLUSTER_NETWORK_POLICY_TIERS, MAX_CLUSTER_NETWORK_POLICY_PRIORITY } from './tier';
import { PeerKind, Policy, Problem, Rule } from '../../model';
import {
  clusterNetworkPolicyIngressIpBlock, clusterNetworkPolicyNamedPortToNetworks, clusterNetworkPolicyPeerNamespaceRequired,
  clusterNetworkPolicyPriorityOutOfRange, clusterNetworkPolicyTierUnknown, clusterNetworkPolicyTooManyItems, ClusterNetworkPolicyItems,
} from '../../model/messages';

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
    problems.push(clusterNetworkPolicyTierUnknown('tier', policy.tier));
  }
  const priority = policy.priority;
  if (priority !== undefined && !(Number.isInteger(priority) && priority >= 0 && priority <= MAX_CLUSTER_NETWORK_POLICY_PRIORITY)) {
    problems.push(clusterNetworkPolicyPriorityOutOfRange('priority', priority, MAX_CLUSTER_NETWORK_POLICY_PRIORITY));
  }
  const directions: Array<[ClusterNetworkPolicyDirection, readonly Rule[], boolean]> = [['ingress', policy.ingress, policy.isolateIngress], ['egress', policy.egress, policy.isolateEgress]];
  for (const [direction, rules] of directions) {
    rules.forEach((rule, i) => rule._peersAsGiven().forEach((peer, j) => {
      const field = `${direction}[${i}].peers[${j}]`;
      if (peer.kind === PeerKind.PODS && peer.namespaceSelector === undefined && peer.serviceAccountNames === undefined) {
        problems.push(clusterNetworkPolicyPeerNamespaceRequired(field, peer.toString()));
      }
      if (peer.kind === PeerKind.IP_BLOCK && direction === 'ingress') {
        problems.push(clusterNetworkPolicyIngressIpBlock(field, peer.toString()));
      }
    }));
    if (direction === 'egress') {
      rules.forEach((rule, i) => {
        const named = rule.matchesAnyPort ? [] : rule.ports.filter(p => p.name !== undefined);
        const toAddresses = rule.matchesAnyPeer || rule.peers.some(p => p.kind === PeerKind.IP_BLOCK);
        if (named.length > 0 && toAddresses) {
          problems.push(clusterNetworkPolicyNamedPortToNetworks(`${direction}[${i}].ports`, rule.toString()));
        }
      });
    }
  }
  return problems.length > 0 ? problems : sizeProblems(policy, directions);
}

// Counted on the rendered lists, so only once every peer is expressible.
function sizeProblems(policy: Policy, directions: Array<[ClusterNetworkPolicyDirection, readonly Rule[], boolean]>): Problem[] {
  const problems: Problem[] = [];
  const tooMany = (field: string, count: number, items: ClusterNetworkPolicyItems) => {
    if (count > CLUSTER_NETWORK_POLICY_MAX_ITEMS) {
      problems.push(clusterNetworkPolicyTooManyItems(field, count, CLUSTER_NETWORK_POLICY_MAX_ITEMS, items));
    }
  };
  for (const [direction, rules, isolated] of directions) {
    tooMany(direction, rules.length + (isolated ? 1 : 0), `${direction} rules`);
    rules.forEach((rule, i) => {
      tooMany(`${direction}[${i}].peers`, clusterNetworkPolicyPeers(policy, rule, direction).length, 'peers');
      tooMany(`${direction}[${i}].ports`, clusterNetworkPolicyProtocols(rule.ports)?.length ?? 0, 'protocols');
    });
  }
  return problems;
}
