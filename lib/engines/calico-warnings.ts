import { CALICO_CRD_V1, CALICO_V3, CalicoFlavor } from './calico-flavor';
import { ErrorCode, Policy, Problem, RuleAction } from '../model';

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
    warnings.push({
      code: ErrorCode.CALICO_CRD_MANAGED,
      field: '',
      value: CALICO_CRD_V1,
      message: 'renders raw crd.projectcalico.org/v1 objects for managed Calico (e.g. AKS), bypassing the Calico API server\'s validation and defaulting',
      fix: 'on a cluster with the Calico API server (or the projectcalico.org/v3 CRDs) use the calico engine',
    });
  }
  const tier = policy.tier ?? DEFAULT_TIER;
  const stops = [...policy.ingress, ...policy.egress].filter(r => r.action === RuleAction.DENY || r.action === RuleAction.PASS);
  if (tier === DEFAULT_TIER && stops.length > 0 && (policy.priority === undefined || policy.priority >= KUBERNETES_POLICY_ORDER)) {
    warnings.push({
      code: ErrorCode.CALICO_ORDER_AFTER_KUBERNETES,
      field: 'priority',
      value: policy.priority === undefined ? '(unset: last)' : String(policy.priority),
      message: `the ${stops.map(r => r.action).filter((a, i, all) => all.indexOf(a) === i).join('/')} rules are evaluated after Kubernetes NetworkPolicies `
        + `(order ${KUBERNETES_POLICY_ORDER} in tier default) and every lower-order policy, whose allows then win`,
      fix: `set priority below ${KUBERNETES_POLICY_ORDER} (e.g. 100) so the rules are evaluated first, or put the policy in a tier before default`,
    });
  }
  if (flavor === CALICO_V3 && tier !== DEFAULT_TIER && !policy.name.startsWith(`${tier}.`)) {
    warnings.push({
      code: ErrorCode.CALICO_TIER_NAME_PRE_V3_32,
      field: 'name',
      value: policy.name,
      message: `Calico v3.32 and later accept this name in tier ${tier}; Calico API servers from v3.29 to v3.31 reject names without the "${tier}." prefix`,
      fix: `run Calico v3.32 or later, or name the policy "${tier}.${policy.name}"`,
    });
  }
  return warnings;
}
