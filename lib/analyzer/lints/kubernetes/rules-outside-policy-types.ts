import { Cluster } from '../../types';
import { LintCode } from '../codes';
import { EVERY_ENGINE } from '../engines';
import { Finding, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DIRECTIONS, networkPolicies } from './policies';

// Source: kubernetes.io/docs/concepts/services-networking/network-policies ("policyTypes"): a NetworkPolicy isolates
// and allows only in the directions its policyTypes lists; the rules of another direction have no effect.

const info: LintRuleInfo = {
  code: LintCode.NP_RULES_OUTSIDE_POLICY_TYPES,
  severity: 'error',
  title: 'ingress/egress rules for a direction that policyTypes does not list',
  why: 'Kubernetes ignores rules for a direction missing from policyTypes: the traffic they describe is neither allowed nor isolated by them.',
  engines: EVERY_ENGINE,
};

export const npRulesOutsidePolicyTypes: LintRule = { ...info, check };

function check(cluster: Cluster): Finding[] {
  const findings: Finding[] = [];
  for (const policy of networkPolicies(cluster)) {
    for (const direction of DIRECTIONS) {
      const count = policy[direction].length;
      if (count === 0 || policy.isolates[direction]) continue;
      const type = direction === 'ingress' ? 'Ingress' : 'Egress';
      findings.push(findingOf(info, policy.id, {
        field: `spec.${direction}`,
        problem: `spec.${direction} has ${count} rule(s) but spec.policyTypes [${policy.policyTypes.join(', ')}] lacks ${type}, so Kubernetes ignores them`,
        fix: `add ${type} to policyTypes or remove spec.${direction}`,
      }));
    }
  }
  return findings;
}
