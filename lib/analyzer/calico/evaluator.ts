import { normalizedPolicies } from '../compile';
import { PolicyForm, UnreadablePolicyForm } from '../compile/form';
import { namespaceLabelsOf } from '../peers';
import { Cluster, Effect, Endpoint, Evaluator, Flow, FlowPeer, Tier, Verdict } from '../types';
import { CalicoPolicy } from './compiled';
import { calicoViewOfAdminPolicy, calicoViewOfNetworkPolicy } from './kubernetes-policies';
import { calicoLabels } from './labels';
import { compileCalicoPolicy } from './policy';
import { tiersInOrder } from './tiers';
import { verdictOf } from '../verdict';

type Direction = 'ingress' | 'egress';

/** A tier with its policies in evaluation order. */
interface TierPlan {
  readonly tier: Tier;
  readonly policies: readonly CalicoPolicy[];
}

/** A Calico evaluator, with the policies it compiled (in evaluation order) for the matrix and lints. */
export type CalicoEvaluator = Evaluator & { readonly policies: readonly CalicoPolicy[] };

/**
 * Calico semantics (docs.tigera.io/calico/latest/reference/resources/tier, felix/rules/endpoints.go): for each
 * direction, the tiers in order, skipping those none of whose policies applies to the pod in that direction; in a
 * tier, policies by order (unset last) then name, rules in order; the first Allow or Deny decides, Log goes on,
 * Pass leaves the tier; a tier that applies and decides nothing denies (or passes, if its defaultAction is Pass).
 * What no tier decides goes to the namespace's profile, which allows. Calico NetworkPolicy and GlobalNetworkPolicy
 * in both APIs; Kubernetes NetworkPolicies as order-1000 policies of tier `default`; the admin kinds in their
 * tiers. Cilium policies are not Calico's and are ignored. Rule selectors match NetworkSets and GlobalNetworkSets
 * by their labels, and the addresses in a matching set (outside the cluster, or a pod's) as selected; service account
 * selectors read the labels of ServiceAccounts. Evaluation never throws.
 */
export function calicoEvaluator(cluster: Cluster): CalicoEvaluator {
  return evaluatorOf(cluster, 'calico');
}

/**
 * The same semantics for clusters whose Calico objects are written straight to the `crd.projectcalico.org/v1` CRDs
 * (AKS-managed Calico). Whether `types` get their default depends on each object's apiVersion, so one evaluation
 * serves both.
 */
export function calicoCrdEvaluator(cluster: Cluster): CalicoEvaluator {
  return evaluatorOf(cluster, 'calico-crd');
}

function evaluatorOf(cluster: Cluster, engine: string): CalicoEvaluator {
  const policies = compileAll(cluster);
  const known = tiersInOrder(cluster.tiers);
  // A tier no manifest declares (only possible in a hand-built cluster) is invalid to felix: it comes after the others.
  const undeclared = [...new Set(policies.map(p => p.tier))].filter(name => !known.some(t => t.name === name)).sort();
  const plans: TierPlan[] = [...known, ...undeclared.map(name => ({ name }))].map(tier => ({
    tier,
    policies: policies.filter(p => p.tier === tier.name).sort(comparePolicies),
  })).filter(plan => plan.policies.length > 0);

  const side = (direction: Direction, pod: Endpoint, flow: Flow): { allowed: boolean; effects: Effect[] } => {
    const effects: Effect[] = [];
    let passed = false;
    for (const { tier, policies: tierPolicies } of plans) {
      const applying = tierPolicies.filter(p => (direction === 'ingress' ? p.governsIngress : p.governsEgress) && p.selects(pod));
      if (applying.length === 0) continue;
      const decided = tierDecision(direction, tier, applying, flow);
      if (decided) {
        effects.push(decided);
        if (decided.action === 'Pass') {
          passed = true;
          continue;
        }
        return { allowed: decided.action === 'Allow', effects };
      }
      const names = `${applying.map(p => p.id).join(', ')} ${applying.length === 1 ? 'applies' : 'apply'}`;
      if (tier.defaultAction === 'Pass') {
        effects.push({ direction, tier: tier.name, action: 'Pass', detail: `end of tier ${tier.name}: ${names} to it for ${direction}, no rule decided, and the tier's defaultAction is Pass` });
        passed = true;
        continue;
      }
      effects.push({ direction, tier: tier.name, action: 'Isolated', detail: `end of tier ${tier.name}: ${names} to it for ${direction} and no rule allowed, denied or passed it` });
      return { allowed: false, effects };
    }
    const profile = `Profile kns.${pod.namespace}`;
    effects.push(passed
      ? { direction, tier: 'profile', policy: profile, action: 'Allow', detail: `every tier that applies passed it; the namespace's profile allows ${direction}` }
      : { direction, tier: 'profile', policy: profile, action: 'NotIsolated', detail: `no policy applies to it for ${direction}; the namespace's profile allows it` });
    return { allowed: true, effects };
  };

  const outside = (direction: Direction, peer: FlowPeer): { allowed: boolean; effects: Effect[] } => ({
    allowed: true,
    effects: [{ direction, tier: 'outside', action: 'NotApplicable', detail: `${peer.kind === 'ip' ? peer.ip : 'it'} is outside the cluster: no policy of the cluster applies to its ${direction}` }],
  });

  return {
    engine,
    policies: plans.flatMap(p => p.policies),
    evaluate(flow: Flow): Verdict {
      try {
        const egress = flow.from.kind === 'endpoint' ? side('egress', flow.from.endpoint, flow) : outside('egress', flow.from);
        const ingress = flow.to.kind === 'endpoint' ? side('ingress', flow.to.endpoint, flow) : outside('ingress', flow.to);
        return verdictOf(egress, ingress);
      } catch (e) {
        // Only a hand-built cluster that breaks the types can get here: answer DENY, never a false ALLOW.
        const detail = `the flow could not be evaluated (${e instanceof Error ? e.message : String(e)}); read as denied`;
        return { allowed: false, egressAllowed: false, ingressAllowed: false, certain: true, trace: [{ direction: 'egress', tier: 'outside', action: 'Isolated', detail }] };
      }
    },
  };
}

/** The first Allow, Deny or Pass rule that matches in the tier's applying policies, as an effect. */
function tierDecision(direction: Direction, tier: Tier, applying: readonly CalicoPolicy[], flow: Flow): Effect | undefined {
  for (const policy of applying) {
    for (const rule of policy[direction]) {
      if (rule.action === 'Log' || !rule.matches(flow)) continue;
      return {
        direction,
        tier: tier.name,
        policy: policy.id,
        rule: rule.label,
        ...(policy.order === undefined ? {} : { priority: policy.order }),
        action: rule.action,
        detail: rule.text,
      };
    }
  }
  return undefined;
}

/** Compiles every policy Calico enforces; one that cannot be compiled selects nothing and says why. */
function compileAll(cluster: Cluster): CalicoPolicy[] {
  const nsLabels = namespaceLabelsOf(cluster);
  const labels = calicoLabels(cluster);
  const compile = (form: PolicyForm): CalicoPolicy | undefined => {
    if (form.family === 'cilium') return undefined;
    if (form.failure !== undefined) return unreadable(form, form.failure);
    switch (form.family) {
      case 'calico': return compileCalicoPolicy(form, labels);
      case 'kubernetes': return calicoViewOfNetworkPolicy(form, nsLabels);
      case 'admin': return calicoViewOfAdminPolicy(form, nsLabels);
    }
  };
  return normalizedPolicies(cluster).flatMap(form => {
    try {
      const policy = compile(form);
      return policy ? [policy] : [];
    } catch (e) {
      return [unreadable(form, e instanceof Error ? e.message : String(e))];
    }
  });
}

function unreadable(form: PolicyForm | UnreadablePolicyForm, failure: string): CalicoPolicy {
  return {
    id: `${form.kind} ${form.namespace ? `${form.namespace}/` : ''}${form.name}`,
    tier: form.failure === undefined && form.family === 'calico' ? form.tier : 'default',
    sortKey: form.name,
    governsIngress: false,
    governsEgress: false,
    ingress: [],
    egress: [],
    problems: [`cannot be compiled (${failure}); it selects no pod`],
    selects: () => false,
  };
}

/** Order (unset last), then `name/namespace/kind` (felix/calc/policy_sorter.go `PolKVLess`). */
function comparePolicies(a: CalicoPolicy, b: CalicoPolicy): number {
  const oa = a.order ?? Infinity;
  const ob = b.order ?? Infinity;
  if (oa !== ob) return oa < ob ? -1 : 1;
  return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0;
}
