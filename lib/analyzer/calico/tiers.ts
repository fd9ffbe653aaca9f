import { Tier } from '../types';

/** The tier of policies that name none, and of Kubernetes NetworkPolicies. */
export const DEFAULT_TIER = 'default';

/**
 * The tiers Calico creates itself (docs.tigera.io/calico/latest/network-policy/policy-tiers/tiered-policy):
 * `default` at order 1,000,000; AdminNetworkPolicy's `adminnetworkpolicy` and ClusterNetworkPolicy's
 * `kube-admin` at 1,000; BaselineAdminNetworkPolicy's `baselineadminnetworkpolicy` and `kube-baseline` at
 * 10,000,000. The four Kubernetes tiers pass what they do not decide.
 */
export const BUILT_IN_TIERS: readonly Tier[] = [
  { name: 'adminnetworkpolicy', order: 1000, defaultAction: 'Pass' },
  { name: 'kube-admin', order: 1000, defaultAction: 'Pass' },
  { name: DEFAULT_TIER, order: 1_000_000, defaultAction: 'Deny' },
  { name: 'baselineadminnetworkpolicy', order: 10_000_000, defaultAction: 'Pass' },
  { name: 'kube-baseline', order: 10_000_000, defaultAction: 'Pass' },
];

/** Whether a policy may name a tier: declared by a manifest, or one Calico creates. */
export function isKnownTier(name: string, declared: readonly Tier[] | undefined): boolean {
  return BUILT_IN_TIERS.some(t => t.name === name) || (declared ?? []).some(t => t.name === name);
}

/**
 * Every tier in evaluation order: lowest order first, tiers without an order last, ties by name
 * (felix/calc/policy_sorter.go `TierLess`). Calico fixes the order and default action of the tiers it creates,
 * so a manifest declaring one of those changes nothing.
 */
export function tiersInOrder(declared: readonly Tier[] | undefined): Tier[] {
  const byName = new Map<string, Tier>(BUILT_IN_TIERS.map(t => [t.name, t]));
  for (const t of declared ?? []) if (!byName.has(t.name)) byName.set(t.name, t);
  return [...byName.values()].sort(compareTiers);
}

function compareTiers(a: Tier, b: Tier): number {
  if (a.order === undefined || b.order === undefined) {
    if (a.order !== b.order) return a.order === undefined ? 1 : -1;
  } else if (a.order !== b.order) {
    return a.order - b.order;
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
