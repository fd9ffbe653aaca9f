import { ClusterNetworkPolicyDirection, clusterNetworkPolicyPeers, everyPeer } from './peers';
import { clusterNetworkPolicyProtocols } from './ports';
import { clusterNetworkPolicyProblems } from './problems';
import { clusterNetworkPolicyPriority, clusterNetworkPolicyTier } from './tier';
import { ErrorCode, NetpolErrors, Policy, PolicyScope, Rule, RuleAction } from '../../model';
import { sortedKeys } from '../../model/canonical-order';
import { internalError } from '../../model/messages';
import { policyMetadata } from '../metadata';

export { clusterNetworkPolicyProblems } from './problems';
export { clusterNetworkPolicyWarnings } from './warnings';

/** The API group/version of the SIG network-policy-api ClusterNetworkPolicy. */
export const CLUSTER_NETWORK_POLICY_API_VERSION = 'policy.networking.k8s.io/v1alpha2';
/** Its kind. */
export const CLUSTER_NETWORK_POLICY_KIND = 'ClusterNetworkPolicy';

const ACTIONS: Readonly<Record<string, string>> = { [RuleAction.ALLOW]: 'Accept', [RuleAction.DENY]: 'Deny', [RuleAction.PASS]: 'Pass' };

/**
 * Renders a cluster-scoped intent as one `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy (standard channel),
 * keys sorted and lists canonical. `Engine.CLUSTER_NETWORK_POLICY.render` checks capabilities and problems first.
 *
 * - `tier`: `admin` → Admin, `baseline` → Baseline; unset → Admin (cluster-network-policy-tier.ts).
 * - `priority`: the intent's (0..1000, lower first within the tier); unset → 500.
 * - `subject`: `namespaces` (the intent's namespace selector) when the subject is every pod, else `pods` (both selectors).
 * - Rules. A ClusterNetworkPolicy is first-match: "a rule that appears at the top ... would take the highest precedence"
 *   (CRD). The intent's allows are a union and within one policy a deny wins, so every Deny and Pass rule comes before
 *   every Accept rule, each group in the intent's order (as calicoRules does). Rules are named `<direction>-<index in the intent>`.
 * - Isolation of a direction is a last rule `isolate-<direction>` that denies every peer the direction can name
 *   (`everyPeer`): ingress from all pods; egress to all pods and to `0.0.0.0/0` and `::/0`. Without isolation there is
 *   no such rule, and traffic no rule matches goes on to the next policy, tier, or the default allow.
 * - Peers and ports: see clusterNetworkPolicyPeers and clusterNetworkPolicyProtocols.
 *
 * Where the meaning can differ from the intent's (ingress peers are pods only, a final isolation, tier Baseline after
 * NetworkPolicies, named ports without protocol), clusterNetworkPolicyWarnings says so.
 */
export function renderClusterNetworkPolicy(policy: Policy): any {
  const where = `policy ${policy.namespaceName ?? '(cluster)'}/${policy.name}`;
  if (policy.scope !== PolicyScope.CLUSTER) {
    throw internalError(where, 'namespaceName', policy.namespaceName!,
      'a namespaced intent reached the ClusterNetworkPolicy renderer, which is cluster-scoped; Engine.problems() refuses it (ENGINE_NO_NAMESPACE_SCOPE)');
  }
  NetpolErrors._throwIfAny(where, '', clusterNetworkPolicyProblems(policy));
  const namespaces = policy.namespaceSelector!._toKube();
  const spec: any = {
    priority: clusterNetworkPolicyPriority(policy),
    subject: policy.subject.selectsAll ? { namespaces } : { pods: { namespaceSelector: namespaces, podSelector: policy.subject._toKube() } },
    tier: clusterNetworkPolicyTier(policy),
  };
  const ingress = renderDirection(policy, 'ingress');
  const egress = renderDirection(policy, 'egress');
  if (ingress.length > 0) spec.ingress = ingress;
  if (egress.length > 0) spec.egress = egress;
  return sortedKeys({
    apiVersion: CLUSTER_NETWORK_POLICY_API_VERSION,
    kind: CLUSTER_NETWORK_POLICY_KIND,
    metadata: policyMetadata(policy),
    spec,
  });
}

function renderDirection(policy: Policy, direction: ClusterNetworkPolicyDirection): any[] {
  const rules = direction === 'ingress' ? policy.ingress : policy.egress;
  const isolated = direction === 'ingress' ? policy.isolateIngress : policy.isolateEgress;
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const indexed = rules.map((rule, index) => ({ rule, index }));
  const ordered = [...indexed.filter(x => x.rule.action !== RuleAction.ALLOW), ...indexed.filter(x => x.rule.action === RuleAction.ALLOW)];
  const out = ordered.map(({ rule, index }) => renderRule(policy, rule, direction, `${direction}-${index}`));
  if (isolated) out.push({ action: 'Deny', name: `isolate-${direction}`, [peersKey]: everyPeer(direction) });
  return out;
}

function renderRule(policy: Policy, rule: Rule, direction: ClusterNetworkPolicyDirection, name: string): any {
  const action = ACTIONS[rule.action];
  if (action === undefined || rule.http.length > 0) {
    // Log rules and HTTP matches are refused by the capability table; anything else would change the meaning.
    throw internalError(`policy (cluster)/${policy.name}`, name, rule.toString(),
      `a rule a ClusterNetworkPolicy cannot express reached its renderer; Engine.problems() refuses it (${action === undefined ? ErrorCode.ENGINE_NO_LOG : ErrorCode.ENGINE_NO_L7})`);
  }
  const out: any = { action, name, [direction === 'ingress' ? 'from' : 'to']: clusterNetworkPolicyPeers(policy, rule, direction) };
  const protocols = clusterNetworkPolicyProtocols(rule.ports);
  if (protocols !== undefined) out.protocols = protocols;
  return out;
}
