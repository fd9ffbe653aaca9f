import { Policy } from '../../model';

/** `Policy.tier` values the cluster-network-policy engine takes, and the `spec.tier` each renders as. */
export const CLUSTER_NETWORK_POLICY_TIERS: Readonly<Record<string, string>> = { admin: 'Admin', baseline: 'Baseline' };

/**
 * The tier of a policy without one: Admin. Its Accept and Deny are final, before every NetworkPolicy, which is
 * what an explicit deny or allow rule means; Baseline (a floor NetworkPolicies override) must be asked for.
 */
export const DEFAULT_CLUSTER_NETWORK_POLICY_TIER = 'admin';

/** The highest (last evaluated) `spec.priority` the CRD allows; the lowest is 0. */
export const MAX_CLUSTER_NETWORK_POLICY_PRIORITY = 1000;

/**
 * The priority of a policy without one: 500, the middle of 0..1000, so explicit priorities fit on either side,
 * and a cluster default deny at 1000 (last of tier Baseline) never ties with a policy that did not choose one.
 * Policies that share a priority are unordered among themselves (the CRD lets the implementation pick).
 */
export const DEFAULT_CLUSTER_NETWORK_POLICY_PRIORITY = 500;

/** `spec.tier` of a policy whose tier is valid for the engine. */
export function clusterNetworkPolicyTier(policy: Policy): string {
  return CLUSTER_NETWORK_POLICY_TIERS[policy.tier ?? DEFAULT_CLUSTER_NETWORK_POLICY_TIER];
}

/** `spec.priority` of a policy whose priority is valid for the engine. */
export function clusterNetworkPolicyPriority(policy: Policy): number {
  return policy.priority ?? DEFAULT_CLUSTER_NETWORK_POLICY_PRIORITY;
}
