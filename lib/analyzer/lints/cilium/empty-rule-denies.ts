import { ciliumField, ciliumRuleSets } from './policies';
import { Cluster } from '../../types';
import { LintCode } from '../codes';
import { CILIUM_ENGINES } from '../engines';
import { Finding, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DIRECTIONS } from '../kubernetes/policies';

// Source: docs.cilium.io/en/latest/security/policy/language ("Ingress/Egress" default deny examples: a rule set with
// `ingress: [{}]` or `egress: [{}]` selects the direction and allows nothing), unlike kubernetes.io network policies,
// where an empty rule `{}` allows all traffic of the direction.

const info: LintRuleInfo = {
  code: LintCode.CILIUM_EMPTY_RULE_DENIES,
  severity: 'warning',
  title: 'A Cilium allow rule names no peer (`{}`, or empty peer lists): it allows nothing and only turns on default deny for its direction',
  why: 'In a NetworkPolicy an empty rule allows everything; in Cilium it matches nothing, so `ingress: [{}]` meant as "allow all" denies all.',
  engines: CILIUM_ENGINES,
};

export const ciliumEmptyRuleDenies: LintRule = { ...info, check };

/** An empty rule next to `enableDefaultDeny.<direction>: true` states the default deny on purpose: not reported. */
function check(cluster: Cluster): Finding[] {
  const findings: Finding[] = [];
  for (const { policy, set } of ciliumRuleSets(cluster)) {
    for (const direction of DIRECTIONS) {
      if (set.enableDefaultDeny[direction] === true) continue;
      for (const rule of set[direction]) {
        if (rule.action !== 'Allow' || rule.peers === undefined || rule.peers.length > 0) continue;
        const field = ciliumField(rule.label);
        findings.push(findingOf(info, policy.id, {
          field,
          problem: `${field} names no peer, so it allows nothing (unlike a NetworkPolicy's empty rule, which allows all); it only puts the ` +
            `pods the policy selects into default deny for ${direction}`,
          fix: direction === 'ingress'
            ? 'to allow all ingress write fromEntities: [all]; to deny by default, say so with enableDefaultDeny.ingress: true'
            : 'to allow all egress write toEntities: [all]; to deny by default, say so with enableDefaultDeny.egress: true',
        }));
      }
    }
  }
  return findings;
}
