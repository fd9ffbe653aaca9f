import { matchesCiliumSelector, podIdentity } from '../../cilium/labels';
import { normalizedPolicies } from '../../compile';
import { CiliumPolicyForm, CiliumRuleSetForm, PolicyForm } from '../../compile/form';
import { namespaceLabelsOf } from '../../peers';
import { Cluster, Endpoint } from '../../types';

/** One rule set of a Cilium policy: its `spec`, or an entry of its `specs`. */
export interface CiliumRuleSet {
  readonly policy: CiliumPolicyForm;
  readonly set: CiliumRuleSetForm;
}

/** Every rule set of the readable CiliumNetworkPolicies and CiliumClusterwideNetworkPolicies, in model order. */
export function ciliumRuleSets(cluster: Cluster): CiliumRuleSet[] {
  return normalizedPolicies(cluster).filter(isCilium).flatMap(policy => policy.ruleSets.map(set => ({ policy, set })));
}

function isCilium(form: PolicyForm): form is CiliumPolicyForm {
  return form.failure === undefined && form.family === 'cilium';
}

/** The manifest path of a rule from its label: `egress[0]` -> `spec.egress[0]`; `specs[1].egress[0]` stays. */
export function ciliumField(label: string): string {
  return label.startsWith('specs[') ? label : `spec.${label}`;
}

/** The manifest path of a field of a rule set, from one of its rules' labels: `spec.egressDeny`, `specs[1].egressDeny`. */
export function ruleSetField(ruleLabel: string, field: string): string {
  const prefix = /^specs\[\d+\]\./.exec(ruleLabel)?.[0];
  return prefix === undefined ? `spec.${field}` : `${prefix}${field}`;
}

/** Whether the rule set applies to the endpoint's pods (a namespaced policy in its own namespace only). */
export function ruleSetSelects(cluster: Cluster, r: CiliumRuleSet): (e: Endpoint) => boolean {
  const nsLabels = namespaceLabelsOf(cluster);
  const namespace = r.policy.namespace;
  const inScope = (e: Endpoint) => namespace === undefined || e.namespace === namespace;
  const subject = r.set.subject;
  switch (subject.kind) {
    case 'none': return () => false;
    case 'unreadable': return inScope;
    case 'endpoints': return e => inScope(e) && matchesCiliumSelector(subject.selector, podIdentity(e, nsLabels(e.namespace)));
  }
}
