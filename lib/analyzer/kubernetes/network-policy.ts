import { NetworkPolicyForm, RuleForm } from '../compile/form';
import { CompiledPolicy, CompiledRule } from '../compiled';
import { peerMatcherOf } from '../peers';
import { portMatcherOf } from '../ports';
import { matchesLabelSelector } from '../selectors';
import { Labels } from '../types';

/**
 * Compiles a normalized `networking.k8s.io/v1` NetworkPolicy under Kubernetes semantics. Unreadable parts match
 * nothing (they are in `problems`), so a broken rule can only deny, never allow.
 */
export function compileNetworkPolicy(form: NetworkPolicyForm, nsLabels: (namespace: string) => Labels): CompiledPolicy {
  const { namespace, podSelector } = form;
  return {
    id: form.id,
    tier: 'NetworkPolicy',
    namespace,
    selects: e => e.namespace === namespace && matchesLabelSelector(podSelector, e.labels),
    isolatesIngress: form.isolates.ingress,
    isolatesEgress: form.isolates.egress,
    ingress: form.ingress.map(r => compileRule(r, nsLabels)),
    egress: form.egress.map(r => compileRule(r, nsLabels)),
    problems: form.problems,
  };
}

/**
 * A NetworkPolicy or admin rule: its peers are the other side of the flow, its ports the destination's. A rule
 * whose action cannot be read must not decide anything: it gets no peers.
 */
export function compileRule(rule: RuleForm, nsLabels: (namespace: string) => Labels): CompiledRule {
  return {
    label: rule.label,
    action: rule.action ?? 'Deny',
    peers: rule.action === undefined ? [] : rule.peers?.map(p => peerMatcherOf(p, nsLabels)),
    ports: rule.ports?.map(portMatcherOf),
  };
}
