import { AdminPolicyForm, AdminSubjectForm } from '../compile/form';
import { CompiledPolicy } from '../compiled';
import { compileRule } from '../kubernetes/network-policy';
import { matchesLabelSelector } from '../selectors';
import { Endpoint, Labels } from '../types';

/**
 * Compiles a normalized AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy under Kubernetes
 * semantics. Unreadable parts match nothing (they are in `problems`).
 */
export function compileClusterScopedPolicy(form: AdminPolicyForm, nsLabels: (namespace: string) => Labels): CompiledPolicy {
  return {
    id: form.id,
    tier: form.tier,
    priority: form.priority,
    selects: subjectMatcher(form.subject, nsLabels),
    isolatesIngress: false,
    isolatesEgress: false,
    ingress: form.ingress.map(r => compileRule(r, nsLabels)),
    egress: form.egress.map(r => compileRule(r, nsLabels)),
    problems: form.problems,
  };
}

function subjectMatcher(subject: AdminSubjectForm, nsLabels: (namespace: string) => Labels): (e: Endpoint) => boolean {
  switch (subject.kind) {
    case 'namespaces': return e => matchesLabelSelector(subject.namespaceSelector, nsLabels(e.namespace));
    case 'pods': return e => matchesLabelSelector(subject.namespaceSelector, nsLabels(e.namespace)) && matchesLabelSelector(subject.podSelector, e.labels);
    case 'none': return () => false;
  }
}
