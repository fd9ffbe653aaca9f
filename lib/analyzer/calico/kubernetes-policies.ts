import { compileClusterScopedPolicy } from '../cluster-network-policy/cluster-scoped-policy';
import { AdminPolicyForm, LabelSelector, NetworkPolicyForm } from '../compile/form';
import { CompiledRule } from '../compiled';
import { compileNetworkPolicy } from '../kubernetes/network-policy';
import { ANYWHERE, reachOfPeers } from '../peer-reach';
import { Flow, Labels } from '../types';
import { CalicoPolicy, CalicoRule } from './compiled';
import { DEFAULT_TIER } from './tiers';

/** The order Calico gives every Kubernetes NetworkPolicy (libcalico-go k8s conversion `K8sNetworkPolicyToCalico`). */
export const KUBERNETES_NETWORK_POLICY_ORDER = 1000;
/** The order the BaselineAdminNetworkPolicy has in its tier (docs.tigera.io policy-tiers/tiered-policy). */
const BASELINE_ORDER = 1000;

/**
 * A Kubernetes NetworkPolicy as Calico runs it: policy `knp.default.<name>` at order 1000 in tier `default`, its
 * rules Allow rules, its `policyTypes` (as the API server defaults them) the directions it governs. Its "deny" is
 * only the end of tier `default`, so a later policy of the tier can still allow.
 */
export function calicoViewOfNetworkPolicy(form: NetworkPolicyForm, nsLabels: (namespace: string) => Labels): CalicoPolicy {
  const compiled = compileNetworkPolicy(form, nsLabels);
  const namespace = form.namespace;
  return {
    id: `NetworkPolicy ${namespace}/${form.name} (knp, order ${KUBERNETES_NETWORK_POLICY_ORDER}, tier ${DEFAULT_TIER})`,
    tier: DEFAULT_TIER,
    order: KUBERNETES_NETWORK_POLICY_ORDER,
    sortKey: `knp.default.${form.name}/${namespace}/KubernetesNetworkPolicy`,
    governsIngress: compiled.isolatesIngress,
    governsEgress: compiled.isolatesEgress,
    ingress: compiled.ingress.map(r => ruleOf(r, 'ingress', nsLabels)),
    egress: compiled.egress.map(r => ruleOf(r, 'egress', nsLabels)),
    problems: compiled.problems,
    namespace,
    ...labelOf(form.podSelector),
    selects: compiled.selects,
  };
}

/**
 * An AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy as Calico runs it: in the tier Calico
 * made for its kind (`adminnetworkpolicy`, `baselineadminnetworkpolicy`, `kube-admin`, `kube-baseline`), its
 * priority as its order, the baseline policy at order 1000.
 */
export function calicoViewOfAdminPolicy(form: AdminPolicyForm, nsLabels: (namespace: string) => Labels): CalicoPolicy {
  const compiled = compileClusterScopedPolicy(form, nsLabels);
  const tier = form.kind === 'AdminNetworkPolicy' ? 'adminnetworkpolicy'
    : form.kind === 'BaselineAdminNetworkPolicy' ? 'baselineadminnetworkpolicy'
      : form.tier === 'Baseline' ? 'kube-baseline' : 'kube-admin';
  const order = form.kind === 'BaselineAdminNetworkPolicy' ? BASELINE_ORDER : form.priority;
  return {
    id: compiled.id,
    tier,
    ...(order === undefined ? {} : { order }),
    sortKey: `${form.name}/${tier}/${form.kind}`,
    governsIngress: compiled.ingress.length > 0,
    governsEgress: compiled.egress.length > 0,
    ingress: compiled.ingress.map(r => ruleOf(r, 'ingress', nsLabels)),
    egress: compiled.egress.map(r => ruleOf(r, 'egress', nsLabels)),
    problems: compiled.problems,
    selects: compiled.selects,
  };
}

/** A compiled Kubernetes rule as a Calico rule: its peers are the other side of the flow, its ports the destination's. */
function ruleOf(rule: CompiledRule, direction: 'ingress' | 'egress', nsLabels: (namespace: string) => Labels): CalicoRule {
  const peers = rule.peers === undefined ? 'any peer' : rule.peers.map(p => p.text).join(' | ');
  const ports = rule.ports === undefined ? 'any port' : rule.ports.map(p => p.text).join(',');
  const onPort = (flow: Flow) => rule.ports === undefined || rule.ports.some(m => m.matches(flow.port, flow.protocol, flow.to));
  return {
    label: rule.label,
    action: rule.action,
    text: `${peers} on ${ports}`,
    matches: (flow: Flow) => {
      const other = direction === 'ingress' ? flow.from : flow.to;
      return (rule.peers === undefined || rule.peers.some(m => m.matches(other))) && onPort(flow);
    },
    ...(direction === 'ingress' ? {
      ingressReach: {
        sources: rule.peers === undefined ? ANYWHERE : reachOfPeers(rule.peers, nsLabels),
        mayMatchAt: onPort,
      },
    } : {}),
  };
}

/**
 * A `matchLabels` pair of the pod selector, as an index entry. Keys Calico sets or prefixes itself are left out:
 * in Calico's labels of a pod they may not be the pod's own.
 */
function labelOf(podSelector: LabelSelector): { label?: readonly [string, string] } {
  const matchLabels = podSelector?.matchLabels;
  if (matchLabels === undefined || matchLabels === null || typeof matchLabels !== 'object') return {};
  for (const [key, value] of Object.entries(matchLabels)) {
    if (typeof value !== 'string' || key.startsWith('projectcalico.org/') || key.startsWith('pcns.') || key.startsWith('pcsa.')) continue;
    return { label: [key, value] };
  }
  return {};
}
