import { indexedCalicoPolicies } from './policies';
import { normalizePolicy } from '../../compile';
import { PerDirection } from '../../compile/form';
import { Cluster, PolicyDocument } from '../../types';
import { LintCode } from '../codes';
import { CALICO_ENGINES } from '../engines';
import { Finding, LintRule, LintRuleInfo, findingOf } from '../finding';

// Source: docs.tigera.io/calico/latest/reference/resources/networkpolicy ("types": when unset, the projectcalico.org/v3
// API server sets Ingress, plus Egress when there are egress rules: Egress alone when there are only egress rules).
// Objects written straight to the crd.projectcalico.org/v1 CRDs skip the API server, and Felix reads a policy without
// types as governing both directions (felix/calc/policy_sorter.go ExtractPolicyMetadata); the analyzer models exactly
// that (compile/defaults.ts calicoPolicyTypes).

const CRD_API_VERSION = 'crd.projectcalico.org/v1';
const V3_API_VERSION = 'projectcalico.org/v3';

const info: LintRuleInfo = {
  code: LintCode.CALICO_CRD_WITHOUT_TYPES,
  severity: 'warning',
  title: 'A crd.projectcalico.org/v1 policy without types governs Ingress and Egress (Felix), not what the projectcalico.org/v3 API would default',
  why: 'Without the Calico API server nothing fills in types: Felix reads none as both directions, so a policy with rules for one direction also isolates the other.',
  engines: CALICO_ENGINES,
};

export const calicoCrdWithoutTypes: LintRule = { ...info, check };

/**
 * Applies to crd.projectcalico.org/v1 policies whose missing `types` change what they govern: the directions Felix
 * reads (both) differ from those the v3 API server would set. A policy that writes `types` reads the same in both
 * groups; so does one with rules in both directions, whose default is both anyway.
 */
function check(cluster: Cluster): Finding[] {
  const findings: Finding[] = [];
  for (const { form, index } of indexedCalicoPolicies(cluster)) {
    if (form.apiVersion !== CRD_API_VERSION) continue;
    // The same document under the v3 group (its other fields inherited, not copied): what the API server would default.
    const v3Document = Object.assign(Object.create(cluster.policies[index]) as PolicyDocument, { apiVersion: V3_API_VERSION });
    const asV3 = normalizePolicy(v3Document, cluster.services);
    if (asV3.failure !== undefined || asV3.family !== 'calico' || sameDirections(asV3.governs, form.governs)) continue;
    const v3 = typesText(asV3.governs);
    const extra = (['ingress', 'egress'] as const).filter(d => form.governs[d] && !asV3.governs[d]);
    findings.push(findingOf(info, form.id, {
      field: 'spec.types',
      problem: `spec.types is not set: Felix reads a ${CRD_API_VERSION} policy without types as [Ingress, Egress], so it also isolates ` +
        `${extra.join(' and ')} of the pods it selects, for which it has no rules (the ${V3_API_VERSION} API server would have set types: [${v3}])`,
      fix: `write types: [${v3}], or [Ingress, Egress] if isolating both directions is meant`,
    }));
  }
  return findings;
}

function sameDirections(a: PerDirection<boolean>, b: PerDirection<boolean>): boolean {
  return a.ingress === b.ingress && a.egress === b.egress;
}

function typesText(d: PerDirection<boolean>): string {
  return [d.ingress ? 'Ingress' : undefined, d.egress ? 'Egress' : undefined].filter(Boolean).join(', ');
}
