import { normalizedPolicies } from '../../compile';
import { AdminPolicyForm, PolicyForm } from '../../compile/form';
import { matchesLabelSelector } from '../../selectors';
import { Cluster, Endpoint } from '../../types';
import { knownNamespaces, labelsSatisfying, representativePod } from '../representatives';
import { namespaceLabels } from '../scope';

/** Every readable AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy, in model order. */
export function adminPolicies(cluster: Cluster): AdminPolicyForm[] {
  return normalizedPolicies(cluster).filter(isAdmin);
}

function isAdmin(form: PolicyForm): form is AdminPolicyForm {
  return form.failure === undefined && form.family === 'admin';
}

/** The manifest path of an admin rule from its label: `egress[0] (deny-dns)` -> `spec.egress[0]`. */
export function adminRuleField(label: string): string {
  return `spec.${/^(ingress|egress)\[\d+\]/.exec(label)?.[0] ?? label}`;
}

/** Whether the policy's subject takes in the endpoint's pods. */
export function adminSelects(cluster: Cluster, form: AdminPolicyForm, e: Endpoint): boolean {
  const subject = form.subject;
  if (subject.kind === 'none') return false;
  const namespaceOk = matchesLabelSelector(subject.namespaceSelector, namespaceLabels(cluster, e.namespace));
  return namespaceOk && (subject.kind === 'namespaces' || matchesLabelSelector(subject.podSelector, e.labels));
}

/**
 * The pods a policy applies to: the model's, and for each known namespace its subject takes in where the model shows
 * none of them, a new pod carrying the labels its pod selector asks for.
 */
export function adminSubjectPods(cluster: Cluster, form: AdminPolicyForm): Endpoint[] {
  if (form.subject.kind === 'none') return [];
  const declared = cluster.endpoints.filter(e => adminSelects(cluster, form, e));
  const labels = form.subject.kind === 'pods' ? labelsSatisfying(form.subject.podSelector) : {};
  if (labels === undefined) return declared;
  const shown = new Set(declared.map(e => e.namespace));
  const represented = knownNamespaces(cluster).filter(n => !shown.has(n)).map(n => representativePod(n, labels))
    .filter(e => adminSelects(cluster, form, e));
  return [...declared, ...represented];
}
