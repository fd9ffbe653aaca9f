import { compareStrings } from '../../../model/canonical-order';
import { Cluster } from '../../types';
import { LintCode } from '../codes';
import { EVERY_ENGINE, engineOf } from '../engines';
import { Finding, LintContext, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DIRECTIONS, isEmptySelector, networkPolicies } from './policies';
import { otherPolicyDefaultDeny } from '../other-policies';
import { representativePod } from '../representatives';
import { namespaceSubject } from '../subjects';
import { isSystemNamespace } from '../system-namespaces';

// Source: kubernetes.io/docs/concepts/services-networking/network-policies ("Default policies"): a policy selecting
// every pod with a direction in policyTypes and no rules for it denies that direction by default. A cluster-wide
// policy of another kind (docs.tigera.io GlobalNetworkPolicy, docs.cilium.io CiliumClusterwideNetworkPolicy,
// network-policy-api.sigs.k8s.io AdminNetworkPolicy / BaselineAdminNetworkPolicy / ClusterNetworkPolicy) can give the
// same default deny; the engine's evaluator tells whether it does.

const info: LintRuleInfo = {
  code: LintCode.NP_NAMESPACE_WITHOUT_DEFAULT_DENY,
  severity: 'warning',
  title: 'A namespace with workloads has no default-deny NetworkPolicy for ingress or for egress (nor a cluster-wide policy denying by default)',
  why: 'Without a default deny, any pod no policy selects (a new or relabelled workload) is open in that direction.',
  engines: EVERY_ENGINE,
};

export const npNamespaceWithoutDefaultDeny: LintRule = { ...info, check };

/**
 * A default deny for a direction: `podSelector: {}`, the direction in its effective policyTypes, no rules for it; or,
 * under the engine, policies of other kinds that deny a new pod of the namespace by default. System namespaces
 * (kube-system...) belong to the platform and are never told to add one.
 */
function check(cluster: Cluster, context?: LintContext): Finding[] {
  const policies = networkPolicies(cluster);
  const others = otherPolicyDefaultDeny(cluster, engineOf(cluster, context));
  const namespaces = [...new Set(cluster.endpoints.map(e => e.namespace))].filter(n => !isSystemNamespace(n)).sort(compareStrings);
  const findings: Finding[] = [];
  for (const namespace of namespaces) {
    const newPod = representativePod(namespace);
    for (const direction of DIRECTIONS) {
      const denies = policies.some(p => p.namespace === namespace && isEmptySelector(p.podSelector)
        && p.isolates[direction] && p[direction].length === 0);
      if (denies || others.denies(newPod, direction)) continue;
      const type = direction === 'ingress' ? 'Ingress' : 'Egress';
      findings.push(findingOf(info, namespaceSubject(namespace), {
        problem: `namespace ${namespace} has no default deny for ${direction}`,
        fix: `add a NetworkPolicy with podSelector: {}, policyTypes: [${type}] and no ${direction} rules (DefaultDeny)`,
      }));
    }
  }
  return findings;
}
