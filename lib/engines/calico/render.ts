import { CALICO_CRD_V1, CALICO_GLOBAL_NETWORK_POLICY_KIND, CALICO_NETWORK_POLICY_KIND, CalicoFlavor } from './flavor';
import { calicoRules, decidesEverything } from './rules';
import { calicoSelector } from './selector';
import { Policy, PolicyScope } from '../../model';
import { sortedKeys } from '../../model/canonical-order';
import { internalError } from '../../model/messages';
import { policyMetadata } from '../metadata';

export type { CalicoFlavor } from './flavor';
export { calicoProblems } from './problems';
export { calicoWarnings } from './warnings';

/**
 * Renders a policy intent as one Calico policy object: a `NetworkPolicy` in its namespace, or for a
 * cluster-scoped intent a `GlobalNetworkPolicy` whose `namespaceSelector` is the intent's (`all()` for
 * `Selector.all()`; Calico reads it as "workload endpoints in those namespaces", so host endpoints are never
 * selected, as Kubernetes policies select only pods). `apiVersion` is the flavor. The policy must be valid and capability-checked
 * (`Engine.CALICO.render` does both); anything Calico cannot say throws rather than renders wider.
 *
 * - `metadata.name` is the intent's name, also in a non-default tier: Calico v3.32 no longer requires the
 *   `<tier>.` prefix (projectcalico/calico#11232; v3.32 stores and serves the plain name). See calicoWarnings.
 * - `selector` is the subject in Calico's selector language (`all()` for every pod).
 * - `types` is always explicit: `Ingress` when the intent isolates ingress, `Egress` when it isolates egress,
 *   so a policy without rules is a default deny for exactly those directions, as with Kubernetes policyTypes.
 *   A direction with rules is listed too (Calico ignores rules of unlisted types); when the intent does not
 *   isolate it, its rules must decide every packet (catch-all Deny or Pass), else calicoProblems refuses it
 *   (`CALICO_RULES_WITHOUT_ISOLATION`), because traffic left undecided would meet the end-of-tier deny.
 * - `order` is `priority` when given, else omitted: Calico then evaluates the policy last in its tier, after
 *   Kubernetes NetworkPolicies (order 1000 in tier `default`). For allow-only intents order does not change the
 *   meaning (allows add up, unmatched traffic meets the end-of-tier deny); for deny or pass rules it does, and
 *   calicoWarnings says so (`CALICO_ORDER_AFTER_KUBERNETES`).
 * - `tier` is `tier` when given (projectcalico.org/v3 only: crd.projectcalico.org/v1 has no tiers).
 * - Rules: see calicoRules (non-Allow rules first, one Calico rule per peer and protocol).
 *
 * Keys are sorted and lists canonical, so the same intent renders byte-identical JSON.
 */
export function renderCalicoPolicy(policy: Policy, flavor: CalicoFlavor): any {
  const cluster = policy.scope === PolicyScope.CLUSTER;
  if (policy.tier !== undefined && flavor === CALICO_CRD_V1) {
    // The capability table refuses tiers on calico-crd; dropping the tier would move the policy to tier default.
    throw internalError(`policy ${policy.namespaceName ?? '(cluster)'}/${policy.name}`, 'tier', policy.tier,
      'a tier reached the crd.projectcalico.org/v1 renderer, which has no tiers; Engine.problems() refuses it (ENGINE_NO_TIERS)');
  }
  const applies = (isolated: boolean, rules: Policy['ingress'], type: string) => {
    if (!isolated && rules.length > 0 && !decidesEverything(rules)) {
      // calicoProblems refuses this: listing the type would isolate the direction, leaving it out would drop the rules.
      throw internalError(`policy ${policy.namespaceName ?? '(cluster)'}/${policy.name}`, type.toLowerCase(), rules.map(r => r.toString()).join('; '),
        'rules for a direction the intent does not isolate reached the Calico renderer; Engine.problems() refuses them (CALICO_RULES_WITHOUT_ISOLATION)');
    }
    return isolated || rules.length > 0 ? [type] : [];
  };
  const spec: any = {
    selector: calicoSelector(policy.subject),
    types: [...applies(policy.isolateIngress, policy.ingress, 'Ingress'), ...applies(policy.isolateEgress, policy.egress, 'Egress')],
  };
  if (cluster) spec.namespaceSelector = calicoSelector(policy.namespaceSelector!);
  if (policy.ingress.length > 0) spec.ingress = calicoRules(policy, policy.ingress, 'ingress');
  if (policy.egress.length > 0) spec.egress = calicoRules(policy, policy.egress, 'egress');
  if (policy.priority !== undefined) spec.order = policy.priority;
  if (policy.tier !== undefined) spec.tier = policy.tier;
  return sortedKeys({
    apiVersion: flavor,
    kind: cluster ? CALICO_GLOBAL_NETWORK_POLICY_KIND : CALICO_NETWORK_POLICY_KIND,
    metadata: policyMetadata(policy),
    spec,
  });
}
