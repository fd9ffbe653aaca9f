import { calicoPolicies } from './policies';
import { DEFAULT_TIER } from '../../calico/tiers';
import { Cluster } from '../../types';
import { LintCode } from '../codes';
import { CALICO_ENGINES } from '../engines';
import { Finding, LintRule, LintRuleInfo, findingOf } from '../finding';

// Source: docs.tigera.io/calico/latest/reference/resources/globalnetworkpolicy and .../networkpolicy (spec.order:
// "Controls the order of precedence. Calico applies the policy with the lowest value first"; a policy without order is
// applied last) and .../network-policy/policy-tiers/tiered-policy (Kubernetes NetworkPolicies live in tier default at
// order 1000).

const info: LintRuleInfo = {
  code: LintCode.CALICO_POLICY_WITHOUT_ORDER,
  severity: 'warning',
  title: 'A Calico policy has no order: it sorts last in its tier, after every Kubernetes NetworkPolicy (order 1000) of tier default',
  why: 'A policy without order is evaluated after every ordered policy of its tier; in tier default its Allow rules come after the Kubernetes NetworkPolicies and re-open what their isolation denies.',
  engines: CALICO_ENGINES,
};

export const calicoPolicyWithoutOrder: LintRule = { ...info, check };

function check(cluster: Cluster): Finding[] {
  return calicoPolicies(cluster).filter(p => p.order === undefined).map(p => findingOf(info, p.id, {
    field: 'spec.order',
    problem: p.tier === DEFAULT_TIER
      ? 'spec.order is not set, so the policy sorts last in tier default, after every Kubernetes NetworkPolicy (order 1000) and every ordered policy'
      : `spec.order is not set, so the policy sorts last in tier ${p.tier}, after every ordered policy of the tier`,
    fix: 'set spec.order (below 1000 to act before the Kubernetes NetworkPolicies of tier default, above to act after them)',
  }));
}
