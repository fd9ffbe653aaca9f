import { CalicoPolicyForm, CalicoSubjectForm } from '../compile/form';
import { Endpoint } from '../types';
import { CalicoPolicy } from './compiled';
import { CalicoLabels } from './labels';
import { compileCalicoRule } from './rule';
import { CalicoSelector, matchesCalicoSelector } from './selector';

/**
 * Compiles a normalized Calico `NetworkPolicy` (namespaced) or `GlobalNetworkPolicy`, in `projectcalico.org/v3` or
 * `crd.projectcalico.org/v1`, under Calico semantics. The directions it governs are its `types` with Calico's
 * defaulting already applied (see `calicoPolicyTypes`).
 */
export function compileCalicoPolicy(form: CalicoPolicyForm, labels: CalicoLabels): CalicoPolicy {
  const ctx = { labels, namespace: form.namespace };
  return {
    id: form.id,
    tier: form.tier,
    ...(form.order === undefined ? {} : { order: form.order }),
    sortKey: `${form.name}/${form.namespace ?? ''}/${form.kind}`,
    governsIngress: form.governs.ingress,
    governsEgress: form.governs.egress,
    ingress: form.ingress.map(r => compileCalicoRule(r, ctx)),
    egress: form.egress.map(r => compileCalicoRule(r, ctx)),
    problems: form.problems,
    ...(form.namespace === undefined ? {} : { namespace: form.namespace }),
    ...labelOf(form.subject),
    selects: subjectMatcher(form.subject, form.namespace, labels),
  };
}

/**
 * The pods a policy applies to: `selector` over the pods of its namespace (a NetworkPolicy) or of every namespace
 * (a GlobalNetworkPolicy, also limited by `namespaceSelector`), and `serviceAccountSelector` over their accounts.
 */
function subjectMatcher(subject: CalicoSubjectForm, namespace: string | undefined, labels: CalicoLabels): (e: Endpoint) => boolean {
  if (subject.kind === 'none') return () => false;
  const { selector, namespaceSelector, serviceAccountSelector } = subject;
  return e => (namespace === undefined || e.namespace === namespace)
    && (selector === undefined || matchesCalicoSelector(selector, labels.endpoint(e)))
    && (namespaceSelector === undefined || matchesCalicoSelector(namespaceSelector, labels.namespace(e.namespace), { namespaces: true }))
    && (serviceAccountSelector === undefined || matchesCalicoSelector(serviceAccountSelector, labels.serviceAccount(e)));
}

/** A `key == "value"` the subject's selector requires (alone, or within `&&`), as an index entry. */
function labelOf(subject: CalicoSubjectForm): { label?: readonly [string, string] } {
  const required = (s: CalicoSelector | undefined): readonly [string, string] | undefined => {
    if (s === undefined) return undefined;
    if (s.op === '==') return [s.key, s.value];
    if (s.op === '&&') {
      for (const operand of s.operands) {
        const found = required(operand);
        if (found) return found;
      }
    }
    return undefined;
  };
  const label = subject.kind === 'endpoints' ? required(subject.selector) : undefined;
  return label === undefined ? {} : { label };
}
