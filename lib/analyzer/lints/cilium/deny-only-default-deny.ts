import { ciliumRuleSets, ruleSetField } from './policies';
import { Cluster } from '../../types';
import { LintCode } from '../codes';
import { CILIUM_ENGINES } from '../engines';
import { Finding, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DIRECTIONS } from '../kubernetes/policies';

// Source: docs.cilium.io/en/latest/security/policy/deny ("Similarly to allow policies, Pods will enter default-deny
// mode as soon a single policy selects it") and the CiliumNetworkPolicy API (pkg/policy/api Rule.EnableDefaultDeny:
// "If not specified, the default is true for each traffic direction that has rules", deny rules included).

const info: LintRuleInfo = {
  code: LintCode.CILIUM_DENY_ONLY_DEFAULT_DENY,
  severity: 'warning',
  title: 'A Cilium rule set has only deny rules in a direction and no enableDefaultDeny for it: it also turns on default deny there',
  why: 'A deny-only policy meant to block some traffic puts the pods it selects into default deny, dropping everything no allow rule allows.',
  engines: CILIUM_ENGINES,
};

export const ciliumDenyOnlyDefaultDeny: LintRule = { ...info, check };

function check(cluster: Cluster): Finding[] {
  const findings: Finding[] = [];
  for (const { policy, set } of ciliumRuleSets(cluster)) {
    for (const direction of DIRECTIONS) {
      const rules = set[direction];
      const denies = rules.filter(r => r.action === 'Deny');
      if (denies.length === 0 || denies.length !== rules.length || set.enableDefaultDeny[direction] !== undefined) continue;
      const field = ruleSetField(denies[0].label, `${direction}Deny`);
      findings.push(findingOf(info, policy.id, {
        field,
        problem: `${field} is the only ${direction} of the rule set and enableDefaultDeny.${direction} is not set, so the pods it selects go into ` +
          `default deny for ${direction}: everything no allow rule allows is dropped, not only what the deny rules name`,
        fix: `set enableDefaultDeny.${direction}: false to deny only that traffic, or true to say the default deny is meant`,
      }));
    }
  }
  return findings;
}
