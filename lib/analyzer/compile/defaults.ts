// The defaults the API servers and agents apply to what a manifest leaves out, each defined once.

import { PerDirection } from './form';
import { Selector } from '../../model/selector';

/** The label the API server sets on every namespace to its name (and that no one can change). */
export const NAMESPACE_NAME_LABEL = Selector.NAMESPACE_NAME_LABEL;

/** The namespace of a namespaced object whose manifest names none. */
export const DEFAULT_NAMESPACE = 'default';

/**
 * A NetworkPolicy's effective `policyTypes` (API server defaulting): as written when it lists any, else
 * Ingress, plus Egress when egress rules exist.
 */
export function effectivePolicyTypes(policyTypes: unknown, hasEgressRules: boolean): string[] {
  if (Array.isArray(policyTypes) && policyTypes.length > 0) return policyTypes.map(String);
  return hasEgressRules ? ['Ingress', 'Egress'] : ['Ingress'];
}

/**
 * The directions a Calico policy governs. Calico's API server fills in `types` when none are written (Ingress, or
 * Egress when there are only egress rules, or both when there are both: docs.tigera.io reference/resources/networkpolicy);
 * objects written straight to the `crd.projectcalico.org/v1` CRDs skip it, and felix reads no types as both
 * directions (felix/calc/policy_sorter.go `ExtractPolicyMetadata`).
 */
export function calicoPolicyTypes(apiVersion: string, types: unknown, hasIngress: boolean, hasEgress: boolean): PerDirection<boolean> {
  const written: unknown[] = Array.isArray(types) ? types : [];
  const of = (list: readonly unknown[]) => ({ ingress: list.includes('Ingress'), egress: list.includes('Egress') });
  if (written.length > 0) return of(written);
  if (apiVersion !== 'projectcalico.org/v3') return of(['Ingress', 'Egress']);
  if (!hasEgress) return of(['Ingress']);
  return of(hasIngress ? ['Ingress', 'Egress'] : ['Egress']);
}

/**
 * Whether a Cilium rule set puts the pods it selects into default deny for a direction: when it has rules (allow or
 * deny) in that direction, unless its `enableDefaultDeny` for the direction is false.
 */
export function ciliumDefaultDeny(hasRules: boolean, enableDefaultDeny: boolean | undefined): boolean {
  return hasRules && (enableDefaultDeny ?? true);
}
