import { ENGINE_NAMES, detectEngine } from '../evaluators';
import { Cluster } from '../types';
import { LintContext, LintEngine } from './finding';

/** Every engine enforces Kubernetes NetworkPolicies: their rules run under each. */
export const EVERY_ENGINE: readonly LintEngine[] = ENGINE_NAMES;
/** Calico, in both API groups. */
export const CALICO_ENGINES: readonly LintEngine[] = ['calico', 'calico-crd'];
export const CILIUM_ENGINES: readonly LintEngine[] = ['cilium'];
/**
 * The engines that enforce AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy: the kubernetes
 * semantics (and its cluster-network-policy name) and Calico (its admin tiers). The Cilium evaluator ignores them.
 */
export const ADMIN_ENGINES: readonly LintEngine[] = ['kubernetes', 'cluster-network-policy', 'calico', 'calico-crd'];

/** The engine a rule runs under: the context's, else the one the policy kinds name (`detectEngine`). */
export function engineOf(cluster: Cluster, context: LintContext | undefined): LintEngine {
  return context?.engine ?? detectEngine(cluster);
}
