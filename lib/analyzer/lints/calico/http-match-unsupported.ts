import { calicoPolicies, ruleField } from './policies';
import { Cluster } from '../../types';
import { LintCode } from '../codes';
import { CALICO_ENGINES } from '../engines';
import { Finding, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DIRECTIONS } from '../kubernetes/policies';

// Source: docs.tigera.io/calico/latest/network-policy/istio/http-methods ("HTTP match criteria: ingress traffic only":
// Calico applies HTTP methods and paths to ingress only, with application layer policy) and the Calico API's rule
// validation ("HTTP match is only valid on Allow rules", projectcalico/calico api validation tests).

const info: LintRuleInfo = {
  code: LintCode.CALICO_HTTP_MATCH_UNSUPPORTED,
  severity: 'warning',
  title: 'An HTTP match on a rule that cannot carry it: an egress rule, or a rule whose action is not Allow',
  why: 'Calico applies HTTP matches only to ingress Allow rules, with application layer policy; elsewhere the match is not enforced as written.',
  engines: CALICO_ENGINES,
};

export const calicoHttpMatchUnsupported: LintRule = { ...info, check };

function check(cluster: Cluster): Finding[] {
  const findings: Finding[] = [];
  for (const policy of calicoPolicies(cluster)) {
    for (const direction of DIRECTIONS) {
      for (const rule of policy[direction]) {
        if (!rule.http || (direction === 'ingress' && rule.action === 'Allow')) continue;
        const field = `${ruleField(rule.label)}.http`;
        findings.push(findingOf(info, policy.id, direction === 'egress'
          ? {
            field,
            problem: `${field} matches HTTP on an egress rule: Calico applies HTTP matches to ingress only, so the rule does not restrict the requests`,
            fix: 'move the HTTP match to an ingress Allow rule of a policy selecting the destination pods, or remove it',
          }
          : {
            field,
            problem: `${field} matches HTTP on a ${rule.action ?? 'non-Allow'} rule: Calico accepts HTTP matches on Allow rules only`,
            fix: 'make the rule an Allow with the HTTP match, or remove the match',
          }));
      }
    }
  }
  return findings;
}
