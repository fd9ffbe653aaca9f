import { KubernetesRules, KubernetesSelection, kubernetesMatrixSupport } from './matrix';
import { compileNetworkPolicy } from './network-policy';
import { PolicyIndex } from './policy-index';
import { compileClusterScopedPolicy } from '../cluster-network-policy/cluster-scoped-policy';
import { normalizedPolicies } from '../compile';
import { LabelSelector, PolicyForm } from '../compile/form';
import { CompiledPolicy, CompiledRule } from '../compiled';
import { MatrixCapable } from '../matrix-support';
import { outsideSideEffect } from '../outside-side';
import { namespaceLabelsOf } from '../peers';
import { Cluster, Effect, Endpoint, Evaluator, Flow, FlowPeer, Labels, Verdict } from '../types';
import { verdictOf } from '../verdict';

type Direction = 'ingress' | 'egress';

/** The Kubernetes evaluator: its compiled policies, and its own matrix path. */
export type KubernetesEvaluator = Evaluator & MatrixCapable & { readonly policies: readonly CompiledPolicy[] };

/**
 * Kubernetes semantics: the admin tier (AdminNetworkPolicy, ClusterNetworkPolicy tier Admin) by
 * priority, then NetworkPolicies (isolation per direction, union of allows), then the baseline tier
 * (BaselineAdminNetworkPolicy, ClusterNetworkPolicy tier Baseline), then allow. A flow needs the
 * source's egress and the destination's ingress. Policies are compiled once, and the policies applying to an
 * endpoint are found once per endpoint through an index of the NetworkPolicies' pod selectors, so a flow costs the
 * policies that apply to its pods, not those of their namespace; evaluation never throws.
 */
export function kubernetesEvaluator(cluster: Cluster): KubernetesEvaluator {
  const rules = kubernetesRules(cluster);
  return {
    engine: 'kubernetes',
    policies: rules.policies,
    evaluate(flow: Flow): Verdict {
      const egress: Effect[] = [];
      const ingress: Effect[] = [];
      const egressAllowed = flow.from.kind === 'endpoint' ? rules.side('egress', flow.from.endpoint, flow, egress) : outside('egress', flow.from, egress);
      const ingressAllowed = flow.to.kind === 'endpoint' ? rules.side('ingress', flow.to.endpoint, flow, ingress) : outside('ingress', flow.to, ingress);
      return verdictOf({ allowed: egressAllowed, effects: egress }, { allowed: ingressAllowed, effects: ingress });
    },
    matrixSupport: (classes, evaluate, podAddressesMatter) => kubernetesMatrixSupport(rules, classes, evaluate, podAddressesMatter),
  };
}

function outside(direction: Direction, peer: FlowPeer, effects: Effect[]): boolean {
  effects.push(outsideSideEffect(direction, peer));
  return true;
}

/** Compiles the cluster's NetworkPolicies and admin policies and indexes them. */
function kubernetesRules(cluster: Cluster): KubernetesRules & { readonly policies: readonly CompiledPolicy[] } {
  const nsLabels = namespaceLabelsOf(cluster);
  const policies: CompiledPolicy[] = [];
  const networkPolicies = new Map<string, PolicyIndex<CompiledPolicy>>();
  // Calico and Cilium policies are other engines' objects: a cluster without those engines ignores them.
  for (const form of normalizedPolicies(cluster)) {
    for (const policy of compileForKubernetes(form, nsLabels)) {
      policies.push(policy);
      if (policy.tier !== 'NetworkPolicy') continue;
      let index = networkPolicies.get(policy.namespace!);
      if (index === undefined) {
        index = new PolicyIndex<CompiledPolicy>();
        networkPolicies.set(policy.namespace!, index);
      }
      index.add(policy, podSelectorOf(form));
    }
  }
  const byPriority = (a: CompiledPolicy, b: CompiledPolicy) => (a.priority ?? 1001) - (b.priority ?? 1001) || compareText(a.id, b.id);
  const admin = policies.filter(p => p.tier === 'Admin').sort(byPriority);
  const baseline = policies.filter(p => p.tier === 'Baseline').sort(byPriority);

  const selections = new WeakMap<Endpoint, KubernetesSelection>();
  const selectionOf = (pod: Endpoint): KubernetesSelection => {
    let found = selections.get(pod);
    if (found === undefined) {
      const own = networkPolicies.get(pod.namespace)?.selecting(pod.labels, p => p.selects(pod)) ?? [];
      found = {
        admin: admin.filter(p => p.selects(pod)),
        ingress: own.filter(p => p.isolatesIngress),
        egress: own.filter(p => p.isolatesEgress),
        baseline: baseline.filter(p => p.selects(pod)),
      };
      selections.set(pod, found);
    }
    return found;
  };

  const side = (direction: Direction, pod: Endpoint, flow: Flow, effects?: Effect[]): boolean => {
    const other = direction === 'ingress' ? flow.from : flow.to;
    const selection = selectionOf(pod);
    const matchesRule = (rule: CompiledRule) =>
      (rule.peers === undefined || rule.peers.some(m => m.matches(other)))
      && (rule.ports === undefined || rule.ports.some(m => m.matches(flow.port, flow.protocol, flow.to)));

    const tierDecision = (tier: readonly CompiledPolicy[]): 'Allow' | 'Deny' | 'Pass' | undefined => {
      for (const policy of tier) {
        for (const rule of policy[direction]) {
          if (!matchesRule(rule)) continue;
          effects?.push({
            direction,
            tier: policy.tier,
            policy: policy.id,
            rule: rule.label,
            priority: policy.priority,
            action: rule.action,
            detail: ruleDetail(rule),
          });
          return rule.action;
        }
      }
      return undefined;
    };

    const adminDecision = tierDecision(selection.admin);
    if (adminDecision === 'Allow' || adminDecision === 'Deny') return adminDecision === 'Allow';

    const selecting = selection[direction];
    if (selecting.length > 0) {
      let allowed = false;
      for (const policy of selecting) {
        for (const rule of policy[direction]) {
          if (!matchesRule(rule)) continue;
          if (effects === undefined) return true;
          allowed = true;
          effects.push({ direction, tier: 'NetworkPolicy', policy: policy.id, rule: rule.label, action: 'Allow', detail: ruleDetail(rule) });
        }
      }
      if (allowed) return true;
      effects?.push({
        direction,
        tier: 'NetworkPolicy',
        action: 'Isolated',
        detail: `isolated for ${direction} by ${selecting.map(p => p.id).join(', ')}; no rule allows it`,
      });
      return false;
    }

    const baselineDecision = tierDecision(selection.baseline);
    if (baselineDecision === 'Allow' || baselineDecision === 'Deny') return baselineDecision === 'Allow';
    effects?.push({ direction, tier: 'default', action: 'NotIsolated', detail: `no policy isolates it for ${direction}` });
    return true;
  };

  return { nsLabels, policies, selectionOf, side };
}

/** The pod selector a NetworkPolicy's index reads; undefined for other forms (scanned for every pod). */
function podSelectorOf(form: PolicyForm): LabelSelector | undefined {
  return form.family === 'kubernetes' && form.failure === undefined ? form.podSelector : undefined;
}

/** A NetworkPolicy or admin policy compiled under Kubernetes semantics; other families are not Kubernetes' objects. */
function compileForKubernetes(form: PolicyForm, nsLabels: (namespace: string) => Labels): CompiledPolicy[] {
  if (form.family !== 'kubernetes' && form.family !== 'admin') return [];
  if (form.failure !== undefined) {
    // A document that cannot be read at all selects nothing, and says why.
    return [{
      id: form.id,
      tier: form.family === 'kubernetes' ? 'NetworkPolicy' : 'Admin',
      ...(form.namespace === undefined ? {} : { namespace: form.namespace }),
      isolatesIngress: false,
      isolatesEgress: false,
      ingress: [],
      egress: [],
      problems: form.problems.map(p => `${p}; it selects no pod`),
      selects: () => false,
    }];
  }
  return [form.family === 'kubernetes' ? compileNetworkPolicy(form, nsLabels) : compileClusterScopedPolicy(form, nsLabels)];
}

function ruleDetail(rule: CompiledRule): string {
  const peers = rule.peers === undefined ? 'any peer' : rule.peers.map(p => p.text).join(' | ');
  const ports = rule.ports === undefined ? 'any port' : rule.ports.map(p => p.text).join(',');
  return `${peers} on ${ports}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
