import { compileClusterScopedPolicy } from '../admin/cluster-scoped-policy';
import { normalizedPolicies } from '../compile';
import { PolicyForm } from '../compile/form';
import { CompiledPolicy, CompiledRule } from '../compiled';
import { namespaceLabelsOf } from '../peers';
import { Cluster, Effect, Endpoint, Evaluator, Flow, FlowPeer, Labels, Verdict } from '../types';
import { compileNetworkPolicy } from './network-policy';
import { verdictOf } from '../verdict';

type Direction = 'ingress' | 'egress';

/**
 * Kubernetes semantics: the admin tier (AdminNetworkPolicy, ClusterNetworkPolicy tier Admin) by
 * priority, then NetworkPolicies (isolation per direction, union of allows), then the baseline tier
 * (BaselineAdminNetworkPolicy, ClusterNetworkPolicy tier Baseline), then allow. A flow needs the
 * source's egress and the destination's ingress. Policies are compiled once; evaluation never throws.
 */
export function kubernetesEvaluator(cluster: Cluster): Evaluator & { readonly policies: readonly CompiledPolicy[] } {
  const nsLabels = namespaceLabelsOf(cluster);
  // Calico and Cilium policies are other engines' objects: a cluster without those engines ignores them.
  const policies = normalizedPolicies(cluster).flatMap(form => compileForKubernetes(form, nsLabels));
  const byPriority = (a: CompiledPolicy, b: CompiledPolicy) => (a.priority ?? 1001) - (b.priority ?? 1001) || compareText(a.id, b.id);
  const admin = policies.filter(p => p.tier === 'Admin').sort(byPriority);
  const baseline = policies.filter(p => p.tier === 'Baseline').sort(byPriority);
  const networkPolicies = new Map<string, CompiledPolicy[]>();
  for (const p of policies.filter(x => x.tier === 'NetworkPolicy')) {
    networkPolicies.set(p.namespace!, [...(networkPolicies.get(p.namespace!) ?? []), p]);
  }

  const side = (direction: Direction, pod: Endpoint, flow: Flow): { allowed: boolean; effects: Effect[] } => {
    const other = direction === 'ingress' ? flow.from : flow.to;
    const effects: Effect[] = [];
    const matchesRule = (rule: CompiledRule) =>
      (rule.peers === undefined || rule.peers.some(m => m.matches(other)))
      && (rule.ports === undefined || rule.ports.some(m => m.matches(flow.port, flow.protocol, flow.to)));

    const tierDecision = (tier: readonly CompiledPolicy[]): 'Allow' | 'Deny' | 'Pass' | undefined => {
      for (const policy of tier) {
        if (!policy.selects(pod)) continue;
        for (const rule of policy[direction]) {
          if (!matchesRule(rule)) continue;
          effects.push({
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

    const adminDecision = tierDecision(admin);
    if (adminDecision === 'Allow' || adminDecision === 'Deny') return { allowed: adminDecision === 'Allow', effects };

    const selecting = (networkPolicies.get(pod.namespace) ?? []).filter(p => (direction === 'ingress' ? p.isolatesIngress : p.isolatesEgress) && p.selects(pod));
    if (selecting.length > 0) {
      for (const policy of selecting) {
        for (const rule of policy[direction]) {
          if (matchesRule(rule)) effects.push({ direction, tier: 'NetworkPolicy', policy: policy.id, rule: rule.label, action: 'Allow', detail: ruleDetail(rule) });
        }
      }
      if (effects.some(e => e.tier === 'NetworkPolicy')) return { allowed: true, effects };
      effects.push({
        direction,
        tier: 'NetworkPolicy',
        action: 'Isolated',
        detail: `isolated for ${direction} by ${selecting.map(p => p.id).join(', ')}; no rule allows it`,
      });
      return { allowed: false, effects };
    }

    const baselineDecision = tierDecision(baseline);
    if (baselineDecision === 'Allow' || baselineDecision === 'Deny') return { allowed: baselineDecision === 'Allow', effects };
    effects.push({ direction, tier: 'default', action: 'NotIsolated', detail: `no policy isolates it for ${direction}` });
    return { allowed: true, effects };
  };

  const outside = (direction: Direction, peer: FlowPeer): { allowed: boolean; effects: Effect[] } => ({
    allowed: true,
    effects: [{ direction, tier: 'default', action: 'NotApplicable', detail: `${peer.kind === 'ip' ? peer.ip : 'it'} is outside the cluster: no policy of the cluster applies to its ${direction}` }],
  });

  return {
    engine: 'kubernetes',
    policies,
    evaluate(flow: Flow): Verdict {
      const egress = flow.from.kind === 'endpoint' ? side('egress', flow.from.endpoint, flow) : outside('egress', flow.from);
      const ingress = flow.to.kind === 'endpoint' ? side('ingress', flow.to.endpoint, flow) : outside('ingress', flow.to);
      return verdictOf(egress, ingress);
    },
  };
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
