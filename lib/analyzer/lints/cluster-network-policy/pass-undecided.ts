import { adminPolicies, adminRuleField, adminSubjectPods } from './policies';
import { Cluster, Endpoint } from '../../types';
import { calicoEvaluatorOf } from '../calico/evaluation';
import { calicoPolicies } from '../calico/policies';
import { LintCode } from '../codes';
import { isolatingPolicies } from '../coverage';
import { ADMIN_ENGINES, CALICO_ENGINES, engineOf } from '../engines';
import { Finding, LintContext, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DIRECTIONS, Direction, networkPolicies } from '../kubernetes/policies';
import { podText } from '../representatives';

// Source: network-policy-api.sigs.k8s.io/api-overview ("Pass": traffic that matches is passed to the NetworkPolicy
// tier; if no NetworkPolicy decides it, it goes on to the BaselineAdminNetworkPolicy / tier Baseline, then the
// default, which allows) and docs.tigera.io/calico/latest/network-policy/policy-tiers/tiered-policy (Pass goes to
// the next tier that applies to the endpoint).

const info: LintRuleInfo = {
  code: LintCode.ADMIN_PASS_UNDECIDED,
  severity: 'warning',
  title: 'An Admin-tier Pass hands traffic to the NetworkPolicy tier, but no NetworkPolicy selects the passed pods in that direction',
  why: 'A Pass only defers the decision: with no NetworkPolicy to make it, the traffic falls through to the baseline tier, and what that leaves is allowed.',
  engines: ADMIN_ENGINES,
};

export const adminPassUndecided: LintRule = { ...info, check };

/**
 * The pods an Admin-tier policy with a Pass rule applies to (the model's, or a new pod of each known namespace it
 * takes in) need, for the rule's direction, a NetworkPolicy isolating them (under Calico, also a Calico policy
 * governing them) to decide what the Pass hands on.
 */
function check(cluster: Cluster, context?: LintContext): Finding[] {
  const engine = engineOf(cluster, context);
  const nps = networkPolicies(cluster);
  const calicoIds = new Set(CALICO_ENGINES.includes(engine) ? calicoPolicies(cluster).map(p => p.id) : []);
  const calico = calicoIds.size > 0 ? calicoEvaluatorOf(engine, cluster).policies.filter(p => calicoIds.has(p.id)) : [];
  const decided = (pod: Endpoint, direction: Direction) => isolatingPolicies(nps, pod, direction).length > 0
    || calico.some(p => (direction === 'ingress' ? p.governsIngress : p.governsEgress) && p.selects(pod));
  const findings: Finding[] = [];
  for (const policy of adminPolicies(cluster).filter(p => p.tier === 'Admin')) {
    const pods = adminSubjectPods(cluster, policy);
    for (const direction of DIRECTIONS) {
      const undecided = pods.filter(pod => !decided(pod, direction));
      if (undecided.length === 0) continue;
      for (const rule of policy[direction].filter(r => r.action === 'Pass')) {
        const field = adminRuleField(rule.label);
        const more = undecided.length > 1 ? ` (and ${undecided.length - 1} more)` : '';
        findings.push(findingOf(info, policy.id, {
          field,
          problem: `${field} (Pass) hands ${direction} of ${podText(undecided[0])}${more} to the NetworkPolicy tier, but no NetworkPolicy selects ` +
            `it for ${direction}: the baseline tier decides it, or, if no baseline rule matches, it is allowed`,
          fix: `add NetworkPolicies that decide this ${direction} for the passed pods (a default deny and the allows), or make the rule Deny or Allow`,
        }));
      }
    }
  }
  return findings;
}
