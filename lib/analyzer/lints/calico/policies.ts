import { normalizedPolicies } from '../../compile';
import { CalicoPolicyForm, PolicyForm } from '../../compile/form';
import { Cluster } from '../../types';

/** A readable Calico policy and the index of its document in `cluster.policies`. */
export interface IndexedCalicoPolicy {
  readonly form: CalicoPolicyForm;
  readonly index: number;
}

/** Every readable Calico NetworkPolicy and GlobalNetworkPolicy (both API groups), in model order. */
export function calicoPolicies(cluster: Cluster): CalicoPolicyForm[] {
  return indexedCalicoPolicies(cluster).map(p => p.form);
}

/** `calicoPolicies` with the index of each one's document (the normalized forms follow `cluster.policies`). */
export function indexedCalicoPolicies(cluster: Cluster): IndexedCalicoPolicy[] {
  return normalizedPolicies(cluster).flatMap((form, index) => isCalico(form) ? [{ form, index }] : []);
}

function isCalico(form: PolicyForm): form is CalicoPolicyForm {
  return form.failure === undefined && form.family === 'calico';
}

/** The manifest path of a rule from its label: `ingress[0]` -> `spec.ingress[0]`. */
export function ruleField(label: string): string {
  return `spec.${label}`;
}

/** The cluster without one of its policy documents: what the engine does when that policy is not there. */
export function withoutPolicy(cluster: Cluster, index: number): Cluster {
  return { ...cluster, policies: cluster.policies.filter((_, i) => i !== index) };
}
