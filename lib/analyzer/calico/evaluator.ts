import { normalizedPolicies } from '../compile';
import { PolicyForm, UnreadablePolicyForm } from '../compile/form';
import { namespaceLabelsOf } from '../peers';
import { Cluster, Effect, Endpoint, Evaluator, Flow, FlowPeer, Tier, Verdict } from '../types';
import { CalicoPolicy, CalicoRule } from './compiled';
import { calicoViewOfAdminPolicy, calicoViewOfNetworkPolicy } from './kubernetes-policies';
import { CalicoLabels, calicoLabels } from './labels';
import { AppliedTier, calicoMatrixSupport } from './matrix';
import { PolicyIndex } from '../kubernetes/policy-index';
import { MatrixCapable } from '../matrix-support';
import { compileCalicoPolicy } from './policy';
import { tiersInOrder } from './tiers';
import { outsideSideEffect } from '../outside-side';
import { verdictOf } from '../verdict';

type Direction = 'ingress' | 'egress';
type PerDirection<T> = { readonly ingress: T; readonly egress: T };

/** A tier with its policies in evaluation order. */
interface TierPlan {
  readonly tier: Tier;
  readonly policies: readonly CalicoPolicy[];
}

/** A Calico evaluator, with the policies it compiled (in evaluation order) for the matrix and lints, and its matrix path. */
export type CalicoEvaluator = Evaluator & MatrixCapable & { readonly policies: readonly CalicoPolicy[] };

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
  const labels = calicoLabels(cluster);
  const policies = compileAll(cluster, labels);
  const known = tiersInOrder(cluster.tiers);
  // A tier no manifest declares (only possible in a hand-built cluster) is invalid to felix: it comes after the others.
  const undeclared = [...new Set(policies.map(p => p.tier))].filter(name => !known.some(t => t.name === name)).sort();
  const plans: TierPlan[] = [...known, ...undeclared.map(name => ({ name }))].map(tier => ({
    tier,
    policies: policies.filter(p => p.tier === tier.name).sort(comparePolicies),
  })).filter(plan => plan.policies.length > 0);
  const tiersOf = appliedTiers(plans, labels);

  /** Whether the pod's side lets the flow through; `effects`, when given, receives the trace. */
  const side = (direction: Direction, pod: Endpoint, flow: Flow, effects?: Effect[]): boolean => {
    let passed = false;
    for (const { tier, policies: applying } of tiersOf(pod)[direction]) {
      const decided = tierDecision(direction, applying, flow);
      if (decided) {
        effects?.push(decisionEffect(direction, tier, decided));
        if (decided.action === 'Pass') {
          passed = true;
          continue;
        }
        return decided.action === 'Allow';
      }
      const names = () => `${applying.map(p => p.id).join(', ')} ${applying.length === 1 ? 'applies' : 'apply'}`;
      if (tier.defaultAction === 'Pass') {
        effects?.push({ direction, tier: tier.name, action: 'Pass', detail: `end of tier ${tier.name}: ${names()} to it for ${direction}, no rule decided, and the tier's defaultAction is Pass` });
        passed = true;
        continue;
      }
      effects?.push({ direction, tier: tier.name, action: 'Isolated', detail: `end of tier ${tier.name}: ${names()} to it for ${direction} and no rule allowed, denied or passed it` });
      return false;
    }
    const profile = `Profile kns.${pod.namespace}`;
    effects?.push(passed
      ? { direction, tier: 'profile', policy: profile, action: 'Allow', detail: `every tier that applies passed it; the namespace's profile allows ${direction}` }
      : { direction, tier: 'profile', policy: profile, action: 'NotIsolated', detail: `no policy applies to it for ${direction}; the namespace's profile allows it` });
    return true;
  };
  const traced = (direction: Direction, pod: Endpoint, flow: Flow): { allowed: boolean; effects: Effect[] } => {
    const effects: Effect[] = [];
    return { allowed: side(direction, pod, flow, effects), effects };
  };

  const outside = (direction: Direction, peer: FlowPeer): { allowed: boolean; effects: Effect[] } => ({
    allowed: true,
    effects: [outsideSideEffect(direction, peer, 'outside')],
  });

  return {
    engine,
    policies: plans.flatMap(p => p.policies),
    matrixSupport: (classes, evaluate, podAddressesMatter) =>
      calicoMatrixSupport({
        ingressTiersOf: pod => tiersOf(pod).ingress,
        allows(from, to, flow) {
          try {
            return side('egress', from, flow) && side('ingress', to, flow);
          } catch {
            // As `evaluate`: a flow that cannot be evaluated is denied.
            return false;
          }
        },
      }, classes, evaluate, podAddressesMatter),
    evaluate(flow: Flow): Verdict {
      try {
        const egress = flow.from.kind === 'endpoint' ? traced('egress', flow.from.endpoint, flow) : outside('egress', flow.from);
        const ingress = flow.to.kind === 'endpoint' ? traced('ingress', flow.to.endpoint, flow) : outside('ingress', flow.to);
        return verdictOf(egress, ingress);
      } catch (e) {
        // Only a hand-built cluster that breaks the types can get here: answer DENY, never a false ALLOW.
        const detail = `the flow could not be evaluated (${e instanceof Error ? e.message : String(e)}); read as denied`;
        return { allowed: false, egressAllowed: false, ingressAllowed: false, certain: true, trace: [{ direction: 'egress', tier: 'outside', action: 'Isolated', detail }] };
      }
    },
  };
}

/**
 * The tiers that apply to a pod per direction, each with its applying policies in order, found once per endpoint:
 * a namespaced policy is only asked about the pods of its namespace, and a policy whose selector requires a label
 * only about the pods that carry it.
 */
function appliedTiers(plans: readonly TierPlan[], labels: CalicoLabels): (pod: Endpoint) => PerDirection<readonly AppliedTier[]> {
  interface Placed { readonly policy: CalicoPolicy; readonly at: number }
  const indexed = plans.map(({ tier, policies }) => {
    const global = new PolicyIndex<Placed>();
    const byNamespace = new Map<string, PolicyIndex<Placed>>();
    policies.forEach((policy, at) => {
      let index = global;
      if (policy.namespace !== undefined) {
        index = byNamespace.get(policy.namespace) ?? new PolicyIndex<Placed>();
        byNamespace.set(policy.namespace, index);
      }
      index.addWithLabel({ policy, at }, policy.label);
    });
    return { tier, global, byNamespace };
  });
  const cache = new WeakMap<Endpoint, PerDirection<readonly AppliedTier[]>>();
  const selects = (pod: Endpoint) => (placed: Placed) => placed.policy.selects(pod);
  return pod => {
    let found = cache.get(pod);
    if (found !== undefined) return found;
    const ingress: AppliedTier[] = [];
    const egress: AppliedTier[] = [];
    const podLabels = labels.endpoint(pod);
    const test = selects(pod);
    for (const { tier, global, byNamespace } of indexed) {
      const own = byNamespace.get(pod.namespace)?.selecting(podLabels, test) ?? [];
      const fromGlobal = global.selecting(podLabels, test);
      const selecting = (fromGlobal.length === 0 ? own : own.length === 0 ? fromGlobal : [...fromGlobal, ...own].sort((a, b) => a.at - b.at))
        .map(p => p.policy);
      const forIngress = selecting.filter(p => p.governsIngress);
      const forEgress = selecting.filter(p => p.governsEgress);
      if (forIngress.length > 0) ingress.push({ tier, policies: forIngress });
      if (forEgress.length > 0) egress.push({ tier, policies: forEgress });
    }
    found = { ingress, egress };
    cache.set(pod, found);
    return found;
  };
}

/** The rule that decided a tier, and what it decided. */
interface Decision {
  readonly policy: CalicoPolicy;
  readonly rule: CalicoRule;
  readonly action: 'Allow' | 'Deny' | 'Pass';
}

/** The first Allow, Deny or Pass rule that matches in the tier's applying policies. */
function tierDecision(direction: Direction, applying: readonly CalicoPolicy[], flow: Flow): Decision | undefined {
  for (const policy of applying) {
    for (const rule of policy[direction]) {
      if (rule.action === 'Log' || !rule.matches(flow)) continue;
      return { policy, rule, action: rule.action };
    }
  }
  return undefined;
}

/** A deciding rule as a trace line. */
function decisionEffect(direction: Direction, tier: Tier, { policy, rule, action }: Decision): Effect {
  return {
    direction,
    tier: tier.name,
    policy: policy.id,
    rule: rule.label,
    ...(policy.order === undefined ? {} : { priority: policy.order }),
    action,
    detail: rule.text,
  };
}

/** Compiles every policy Calico enforces; one that cannot be compiled selects nothing and says why. */
function compileAll(cluster: Cluster, labels: CalicoLabels): CalicoPolicy[] {
  const nsLabels = namespaceLabelsOf(cluster);
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
