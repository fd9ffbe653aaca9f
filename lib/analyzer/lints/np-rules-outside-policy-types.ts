import { Cluster } from '../types';
import { LintCode } from './codes';
import { Finding, LintRule, LintRuleInfo, findingOf } from './finding';
import { DIRECTIONS, networkPolicies } from './network-policies';

const info: LintRuleInfo = {
  code: LintCode.NP_RULES_OUTSIDE_POLICY_TYPES,
  severity: 'error',
  title: 'ingress/egress rules for a direction that policyTypes does not list',
  why: 'Kubernetes ignores rules for a direction missing from policyTypes: the traffic they describe is neither allowed nor isolated by them.',
};

export const npRulesOutsidePolicyTypes: LintRule = { ...info, check };

function check(cluster: Cluster): Finding[] {
  const findings: Finding[] = [];
  for (const policy of networkPolicies(cluster)) {
    for (const direction of DIRECTIONS) {
      const count = policy[direction].length;
      if (count === 0 || policy.isolates[direction]) continue;
      const type = direction === 'ingress' ? 'Ingress' : 'Egress';
      findings.push(findingOf(info, policy.id,
        `spec.${direction} has ${count} rule(s) but spec.policyTypes [${policy.policyTypes.join(', ')}] lacks ${type}, ` +
        `so Kubernetes ignores them; add ${type} to policyTypes or remove spec.${direction}`));
    }
  }
  return findings;
}
