import { CALICO_CRD_V1, CALICO_V3, CalicoFlavor } from './flavor';
import { Policy, Problem, RuleAction } from '../../model';
import { calicoCrdManaged, calicoOrderAfterKubernetes, calicoTierNamePreV332 } from '../../model/messages';

/** The order at which Calico evaluates Kubernetes NetworkPolicies, in tier `default`. */
export const KUBERNETES_POLICY_ORDER = 1000;

const DEFAULT_TIER = 'default';

/**
 * Legal Calico renderings with a surprising meaning, coded:
 * - `CALICO_CRD_MANAGED` (calico-crd): raw `crd.projectcalico.org/v1` objects are for managed Calico without the
 *   Calico API server (e.g. AKS); where the API server runs, the `calico` engine's v3 objects are the supported path.
 * - `CALICO_ORDER_AFTER_KUBERNETES`: a policy with Deny or Pass rules in tier `default` whose order is unset or not
 *   below 1000. Unset order is evaluated last, after every ordered policy and after Kubernetes NetworkPolicies
 *   (order 1000 in tier `default`), and the first Allow wins: their allows then beat these denies.
 * - `CALICO_TIER_NAME_PRE_V3_32` (calico, non-default tier): the name is rendered without the `<tier>.` prefix,
 *   which Calico v3.32 accepts (projectcalico/calico#11232) and API servers from v3.29 to v3.31 reject.
 */
export function calicoWarnings(policy: Policy, flavor: CalicoFlavor): Problem[] {
  const warnings: Problem[] = [];
  if (flavor === CALICO_CRD_V1) {
    warnings.push(calicoCrdManaged('', CALICO_CRD_V1));
  }
  const tier = policy.tier ?? DEFAULT_TIER;
  const stops = [...policy.ingress, ...policy.egress].filter(r => r.action === RuleAction.DENY || r.action === RuleAction.PASS);
  if (tier === DEFAULT_TIER && stops.length > 0 && (policy.priority === undefined || policy.priority >= KUBERNETES_POLICY_ORDER)) {
    const actions = stops.map(r => r.action).filter((a, i, all) => all.indexOf(a) === i);
    warnings.push(calicoOrderAfterKubernetes('priority', policy.priority === undefined ? '(unset: last)' : String(policy.priority), actions, KUBERNETES_POLICY_ORDER));
  }
  if (flavor === CALICO_V3 && tier !== DEFAULT_TIER && !policy.name.startsWith(`${tier}.`)) {
    warnings.push(calicoTierNamePreV332('name', policy.name, tier));
  }
  return warnings;
}
