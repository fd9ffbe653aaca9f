import { Endpoint, PolicyDocument, Service } from '../types';
import { CalicoPolicy } from './compiled';
import { CALICO_NAME_LABEL, CalicoLabels } from './labels';
import { compileCalicoRule } from './rule';
import { CalicoSelector, calicoSelectorKeys, matchesCalicoSelector, tryParseCalicoSelector } from './selector';
import { DEFAULT_TIER } from './tiers';

/**
 * Compiles a Calico `NetworkPolicy` (namespaced) or `GlobalNetworkPolicy`, in `projectcalico.org/v3` or
 * `crd.projectcalico.org/v1`. Calico's API server fills in `types` when none are written (Ingress, or Egress
 * when there are only egress rules, or both when there are both: docs.tigera.io reference/resources/networkpolicy);
 * objects written straight to the CRDs skip it, and felix reads no types as both directions
 * (felix/calc/policy_sorter.go `ExtractPolicyMetadata`).
 */
export function compileCalicoPolicy(doc: PolicyDocument, labels: CalicoLabels, services: readonly Service[]): CalicoPolicy {
  const spec = doc.spec ?? {};
  const problems: string[] = [];
  const global = doc.kind === 'GlobalNetworkPolicy';
  const namespace = global ? undefined : doc.namespace ?? 'default';
  const ingressRules: any[] = Array.isArray(spec.ingress) ? spec.ingress : [];
  const egressRules: any[] = Array.isArray(spec.egress) ? spec.egress : [];
  const types = policyTypes(doc, ingressRules.length > 0, egressRules.length > 0);
  const ctx = { labels, services, namespace, problems };
  const order = typeof spec.order === 'number' && Number.isFinite(spec.order) ? spec.order : undefined;
  return {
    id: global ? `GlobalNetworkPolicy ${doc.name}` : `Calico NetworkPolicy ${namespace}/${doc.name}`,
    tier: typeof spec.tier === 'string' && spec.tier !== '' ? spec.tier : DEFAULT_TIER,
    ...(order === undefined ? {} : { order }),
    sortKey: `${doc.name}/${namespace ?? ''}/${doc.kind}`,
    governsIngress: types.includes('Ingress'),
    governsEgress: types.includes('Egress'),
    ingress: ingressRules.map((r, i) => compileCalicoRule(r, `ingress[${i}]`, ctx)),
    egress: egressRules.map((r, i) => compileCalicoRule(r, `egress[${i}]`, ctx)),
    problems,
    selects: subjectMatcher(spec, namespace, labels, problems),
  };
}

function policyTypes(doc: PolicyDocument, hasIngress: boolean, hasEgress: boolean): string[] {
  const written: unknown[] = Array.isArray(doc.spec?.types) ? doc.spec.types : [];
  if (written.length > 0) return written.filter((t): t is string => t === 'Ingress' || t === 'Egress');
  if (doc.apiVersion !== 'projectcalico.org/v3') return ['Ingress', 'Egress'];
  if (!hasEgress) return ['Ingress'];
  return hasIngress ? ['Ingress', 'Egress'] : ['Egress'];
}

/**
 * The pods a policy applies to: `selector` over the pods of its namespace (a NetworkPolicy) or of every namespace
 * (a GlobalNetworkPolicy, also limited by `namespaceSelector`), and `serviceAccountSelector` over their accounts.
 * `doNotTrack` and `preDNAT` policies apply to host endpoints only.
 */
function subjectMatcher(spec: any, namespace: string | undefined, labels: CalicoLabels, problems: string[]): (e: Endpoint) => boolean {
  if (spec.doNotTrack === true || spec.preDNAT === true) {
    problems.push(`spec.${spec.doNotTrack === true ? 'doNotTrack' : 'preDNAT'}: such policies apply to host endpoints only; it selects no pod`);
    return () => false;
  }
  const read = (field: string): CalicoSelector | undefined | false => {
    const text = spec[field];
    if (typeof text !== 'string') return undefined;
    const parsed = tryParseCalicoSelector(text);
    if ('error' in parsed) {
      problems.push(`spec.${field}: ${parsed.error.message}; the policy selects no pod`);
      return false;
    }
    return parsed.selector;
  };
  const selector = read('selector');
  const namespaceSelector = namespace === undefined ? read('namespaceSelector') : undefined;
  const accountSelector = read('serviceAccountSelector');
  if (selector === false || namespaceSelector === false || accountSelector === false) return () => false;
  if (accountSelector && calicoSelectorKeys(accountSelector).some(k => k !== CALICO_NAME_LABEL)) {
    problems.push(`spec.serviceAccountSelector: ServiceAccount labels are not read; only ${CALICO_NAME_LABEL} (the account's name) is known`);
  }
  return e => (namespace === undefined || e.namespace === namespace)
    && (selector === undefined || matchesCalicoSelector(selector, labels.endpoint(e)))
    && (namespaceSelector === undefined || matchesCalicoSelector(namespaceSelector, labels.namespace(e.namespace), { namespaces: true }))
    && (accountSelector === undefined || matchesCalicoSelector(accountSelector, labels.serviceAccount(e)));
}
