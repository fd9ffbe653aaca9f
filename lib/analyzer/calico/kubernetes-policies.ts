import { compileClusterScopedPolicy } from '../admin/cluster-scoped-policy';
import { CompiledRule } from '../compiled';
import { compileNetworkPolicy } from '../kubernetes/network-policy';
import { Flow, Labels, PolicyDocument } from '../types';
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
export function calicoViewOfNetworkPolicy(doc: PolicyDocument, nsLabels: (namespace: string) => Labels): CalicoPolicy {
  const compiled = compileNetworkPolicy(doc, nsLabels);
  const namespace = compiled.namespace ?? 'default';
  return {
    id: `NetworkPolicy ${namespace}/${doc.name} (knp, order ${KUBERNETES_NETWORK_POLICY_ORDER}, tier ${DEFAULT_TIER})`,
    tier: DEFAULT_TIER,
    order: KUBERNETES_NETWORK_POLICY_ORDER,
    sortKey: `knp.default.${doc.name}/${namespace}/KubernetesNetworkPolicy`,
    governsIngress: compiled.isolatesIngress,
    governsEgress: compiled.isolatesEgress,
    ingress: compiled.ingress.map(r => ruleOf(r, 'ingress')),
    egress: compiled.egress.map(r => ruleOf(r, 'egress')),
    problems: compiled.problems,
    selects: compiled.selects,
  };
}

/**
 * An AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy as Calico runs it: in the tier Calico
 * made for its kind (`adminnetworkpolicy`, `baselineadminnetworkpolicy`, `kube-admin`, `kube-baseline`), its
 * priority as its order, the baseline policy at order 1000.
 */
export function calicoViewOfAdminPolicy(doc: PolicyDocument, nsLabels: (namespace: string) => Labels): CalicoPolicy {
  const compiled = compileClusterScopedPolicy(doc, nsLabels);
  const tier = doc.kind === 'AdminNetworkPolicy' ? 'adminnetworkpolicy'
    : doc.kind === 'BaselineAdminNetworkPolicy' ? 'baselineadminnetworkpolicy'
      : compiled.tier === 'Baseline' ? 'kube-baseline' : 'kube-admin';
  const order = doc.kind === 'BaselineAdminNetworkPolicy' ? BASELINE_ORDER : compiled.priority;
  return {
    id: compiled.id,
    tier,
    ...(order === undefined ? {} : { order }),
    sortKey: `${doc.name}/${tier}/${doc.kind}`,
    governsIngress: compiled.ingress.length > 0,
    governsEgress: compiled.egress.length > 0,
    ingress: compiled.ingress.map(r => ruleOf(r, 'ingress')),
    egress: compiled.egress.map(r => ruleOf(r, 'egress')),
    problems: compiled.problems,
    selects: compiled.selects,
  };
}

/** A compiled Kubernetes rule as a Calico rule: its peers are the other side of the flow, its ports the destination's. */
function ruleOf(rule: CompiledRule, direction: 'ingress' | 'egress'): CalicoRule {
  const peers = rule.peers === undefined ? 'any peer' : rule.peers.map(p => p.text).join(' | ');
  const ports = rule.ports === undefined ? 'any port' : rule.ports.map(p => p.text).join(',');
  return {
    label: rule.label,
    action: rule.action,
    text: `${peers} on ${ports}`,
    matches: (flow: Flow) => {
      const other = direction === 'ingress' ? flow.from : flow.to;
      return (rule.peers === undefined || rule.peers.some(m => m.matches(other)))
        && (rule.ports === undefined || rule.ports.some(m => m.matches(flow.port, flow.protocol, flow.to)));
    },
  };
}
