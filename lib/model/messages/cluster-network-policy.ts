import { ErrorCode } from '../errors';
import { Problem } from '../problem';
import { problem } from './problem';

// ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2): refusals and warnings.

/** CLUSTER_NETWORK_POLICY_TIER_UNKNOWN. */
export function clusterNetworkPolicyTierUnknown(field: string, value: string): Problem {
  return problem(ErrorCode.CLUSTER_NETWORK_POLICY_TIER_UNKNOWN, field, value,
    'a ClusterNetworkPolicy is in tier Admin (before NetworkPolicies, final) or Baseline (after them, overridable)',
    'use tier \'admin\' or \'baseline\', or leave tier unset for admin');
}

/** CLUSTER_NETWORK_POLICY_PRIORITY_OUT_OF_RANGE: `priority` is not a whole number from 0 to `max`. */
export function clusterNetworkPolicyPriorityOutOfRange(field: string, priority: number, max: number): Problem {
  return problem(ErrorCode.CLUSTER_NETWORK_POLICY_PRIORITY_OUT_OF_RANGE, field, String(priority),
    `a ClusterNetworkPolicy priority is a whole number from 0 to ${max} (lower first within its tier)`,
    `use a whole number from 0 to ${max}, e.g. ${Math.min(max, Math.max(0, Math.round(Number(priority)) || 0))}, or leave it unset for 500`);
}

/** CLUSTER_NETWORK_POLICY_PEER_NAMESPACE_REQUIRED. */
export function clusterNetworkPolicyPeerNamespaceRequired(field: string, value: string): Problem {
  return problem(ErrorCode.CLUSTER_NETWORK_POLICY_PEER_NAMESPACE_REQUIRED, field, value,
    'a pods peer without a namespace means "the policy\'s own namespace", which a cluster-scoped ClusterNetworkPolicy does not have',
    'say where the pods are: Peer.podsInNamespace(name, pods), or Peer.podsInNamespaces(pods, Selector.all()) for every namespace');
}

/** CLUSTER_NETWORK_POLICY_INGRESS_IP_BLOCK. */
export function clusterNetworkPolicyIngressIpBlock(field: string, value: string): Problem {
  return problem(ErrorCode.CLUSTER_NETWORK_POLICY_INGRESS_IP_BLOCK, field, value,
    'ClusterNetworkPolicy ingress peers are pods and namespaces only; it cannot match sources by address',
    'match the sources as pods (Peer.podsInNamespaces), or put the ipBlock rule in a namespaced policy rendered with Engine.KUBERNETES');
}

/** CLUSTER_NETWORK_POLICY_NAMED_PORT_TO_NETWORKS. */
export function clusterNetworkPolicyNamedPortToNetworks(field: string, value: string): Problem {
  return problem(ErrorCode.CLUSTER_NETWORK_POLICY_NAMED_PORT_TO_NETWORKS, field, value,
    'a named port needs a pod to resolve it, and ClusterNetworkPolicy refuses named ports in a rule with `networks` destinations (ipBlock or anywhere)',
    'use the port number, or split the rule: named ports for pods peers, numbers for ipBlock peers');
}

const TOO_MANY = {
  'ingress rules': ['ingress rules (isolation adds one)', 'split the rules over several policies with the same subject'],
  'egress rules': ['egress rules (isolation adds one)', 'split the rules over several policies with the same subject'],
  'peers': ['peers per rule (an ipBlock with exceptions renders 25 networks per peer)', 'split the rule into several rules, or use fewer exceptions'],
  'protocols': ['protocols per rule', 'use port ranges, or split the rule into several rules'],
} as const;

/** What a ClusterNetworkPolicy list holds: a direction's rules, a rule's peers or protocols. */
export type ClusterNetworkPolicyItems = keyof typeof TOO_MANY;

/** CLUSTER_NETWORK_POLICY_TOO_MANY_ITEMS: `count` rendered `items`, above `max`. */
export function clusterNetworkPolicyTooManyItems(field: string, count: number, max: number, items: ClusterNetworkPolicyItems): Problem {
  const [what, fix] = TOO_MANY[items];
  return problem(ErrorCode.CLUSTER_NETWORK_POLICY_TOO_MANY_ITEMS, field, String(count), `a ClusterNetworkPolicy holds at most ${max} ${what}; this renders ${count}`, fix);
}

/** CLUSTER_NETWORK_POLICY_INGRESS_PODS_ONLY (warning): ingress isolation, or (`action` given) a rule with that action from anywhere. */
export function clusterNetworkPolicyIngressPodsOnly(field: string, value: string, action?: string): Problem {
  const what = action === undefined ? 'the isolation denies ingress from pods only' : `the ${action} rule from anywhere matches pods only`;
  return problem(ErrorCode.CLUSTER_NETWORK_POLICY_INGRESS_PODS_ONLY, field, value,
    `${what}: ClusterNetworkPolicy ingress peers are pods, so traffic from outside the cluster, from nodes and from host-network pods `
      + 'is not matched: it is left to NetworkPolicies and the default (allow)',
    'isolate ingress from those sources with a namespaced policy (Engine.KUBERNETES DefaultDeny in the namespaces that receive them), '
      + 'or acknowledge this warning if they cannot reach the pods (e.g. no LoadBalancer or NodePort Services)');
}

/** CLUSTER_NETWORK_POLICY_ISOLATION_NOT_ADDITIVE (warning): `direction` isolated by a final Deny in `tier` at `priority`; `max` is the last priority. */
export function clusterNetworkPolicyIsolationNotAdditive(direction: 'ingress' | 'egress', tier: string, priority: number, max: number): Problem {
  const after = tier === 'Admin'
    ? 'later tier Admin policies, every NetworkPolicy and tier Baseline'
    : `tier Baseline policies of a priority above ${priority}`;
  return problem(ErrorCode.CLUSTER_NETWORK_POLICY_ISOLATION_NOT_ADDITIVE, direction, `tier ${tier} priority ${priority}`,
    `the ${direction} isolation is a final Deny rule at the end of the policy: ${after} cannot allow more ${direction} for its pods, `
      + 'where isolation lets the allows of every policy add up',
    tier === 'Admin'
      ? 'use tier \'baseline\' so NetworkPolicies can still open flows, or acknowledge this warning if the pods must get exactly these flows'
      : `use priority ${max} (last of tier Baseline), or acknowledge this warning`);
}

/** CLUSTER_NETWORK_POLICY_BASELINE_AFTER_NETWORK_POLICIES (warning): tier Baseline rules (`value`) for `direction`. */
export function clusterNetworkPolicyBaselineAfterNetworkPolicies(direction: 'ingress' | 'egress', value: string): Problem {
  return problem(ErrorCode.CLUSTER_NETWORK_POLICY_BASELINE_AFTER_NETWORK_POLICIES, direction, value,
    `tier Baseline comes after NetworkPolicies, and a NetworkPolicy that selects a pod for ${direction} decides it alone: `
      + 'such pods do not get these rules (their allows, e.g. DNS, must be in the NetworkPolicy too), and NetworkPolicy allows win over their denies',
    'allow the same flows in those NetworkPolicies and acknowledge this warning, or use tier \'admin\' for rules that must always apply');
}

/** CLUSTER_NETWORK_POLICY_NAMED_PORT_ANY_PROTOCOL (warning). */
export function clusterNetworkPolicyNamedPortAnyProtocol(field: string, value: string): Problem {
  return problem(ErrorCode.CLUSTER_NETWORK_POLICY_NAMED_PORT_ANY_PROTOCOL, field, value,
    'ClusterNetworkPolicy named ports (destinationNamedPort) carry no protocol: they match the container port of that name over the protocol it declares, '
      + 'even where that is not the protocol the intent gives',
    'nothing to fix when each named port is declared with the protocol the intent gives (acknowledge this warning); otherwise use port numbers');
}
