import { normalizedPolicies } from '../../compile';
import { Direction, LabelSelector, NetworkPolicyForm, PolicyForm } from '../../compile/form';
import { Cluster } from '../../types';

export type { Direction };
export { effectivePolicyTypes } from '../../compile/defaults';

export { DIRECTIONS, PEERS_FIELD } from '../../compile/read';

/**
 * Every Kubernetes `NetworkPolicy` of the cluster in the normalized form (defaults applied, lists normalised), in
 * model order. Admin tiers, Calico and Cilium are not linted here.
 */
export function networkPolicies(cluster: Cluster): NetworkPolicyForm[] {
  return normalizedPolicies(cluster).filter(isNetworkPolicy);
}

function isNetworkPolicy(form: PolicyForm): form is NetworkPolicyForm {
  return form.failure === undefined && form.family === 'kubernetes';
}

/** True for a selector that selects everything: absent, or without labels and expressions. */
export function isEmptySelector(selector: LabelSelector | null | undefined): boolean {
  if (selector === undefined || selector === null) return true;
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}
