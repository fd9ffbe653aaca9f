import { CalicoFlavor } from './flavor';
import { decidesEverything } from './rules';
import { calicoSelectorProblems } from './selector';
import { PeerKind, Policy, PolicyScope, Problem } from '../../model';
import { nestProblems } from '../../model/field-paths';
import { calicoPeerNamespaceRequired, calicoPolicyNameInvalid, calicoRulesWithoutIsolation } from '../../model/messages';

// libcalico-go validator `networkPolicyNameRegex` / `globalNetworkPolicyNameRegex`: one DNS-1123 label, or two
// joined by a single dot (older releases allowed no dot at all).
const CALICO_POLICY_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)?$/;

/**
 * What Calico cannot say that the capability table does not already catch (deny/pass/log, order,
 * tiers on calico-crd, cluster scope, FQDN, HTTP and entities are the table's), coded:
 * - `CALICO_POLICY_NAME_INVALID`: a name with more than one dot, which Kubernetes allows and Calico's validator
 *   refuses (and Felix would drop a raw CRD it fails to validate);
 * - `CALICO_PEER_NAMESPACE_REQUIRED`: a pods peer meaning "the policy's own namespace" in a cluster-scoped
 *   policy. A GlobalNetworkPolicy has no namespace, a rule `selector` without `namespaceSelector` there spans
 *   every namespace and host endpoints, and Calico has no "same namespace as the selected endpoint";
 * - `CALICO_SELECTOR_UNQUOTABLE`: a selector Calico's selector language cannot write;
 * - `CALICO_RULES_WITHOUT_ISOLATION`: deny/pass/log rules for a direction the intent does not isolate. A Calico
 *   policy applies to each direction in its `types`, and traffic its rules do not decide meets the end-of-tier deny
 *   (Calico "Tier" reference: a tier that applies but takes no action drops the packet), so it would isolate. Exact
 *   only when a catch-all Deny or Pass decides every packet (e.g. "deny these, pass the rest to the next tier").
 * Both flavors share the spec, so the problems do not depend on the flavor.
 */
export function calicoProblems(policy: Policy, _flavor: CalicoFlavor): Problem[] {
  const problems: Problem[] = [];
  if (!CALICO_POLICY_NAME.test(policy.name)) {
    problems.push(calicoPolicyNameInvalid('name', policy.name));
  }
  problems.push(
    ...nestProblems('subject', calicoSelectorProblems(policy.subject)),
    ...(policy.namespaceSelector !== undefined ? nestProblems('namespaceSelector', calicoSelectorProblems(policy.namespaceSelector)) : []),
  );
  for (const [direction, rules, isolated] of [['ingress', policy.ingress, policy.isolateIngress], ['egress', policy.egress, policy.isolateEgress]] as const) {
    if (rules.length > 0 && !isolated && !decidesEverything(rules)) {
      problems.push(calicoRulesWithoutIsolation(direction, rules.map(r => r.toString()).join('; ')));
    }
    rules.forEach((rule, i) => rule._peersAsGiven().forEach((peer, j) => {
      if (peer.kind !== PeerKind.PODS) return;
      const field = `${direction}[${i}].peers[${j}]`;
      if (peer.namespaceSelector === undefined && policy.scope === PolicyScope.CLUSTER) {
        problems.push(calicoPeerNamespaceRequired(field, peer.toString()));
      }
      if (peer.namespaceSelector !== undefined) problems.push(...nestProblems(`${field}.namespaceSelector`, calicoSelectorProblems(peer.namespaceSelector)));
      if (peer.podSelector !== undefined) problems.push(...nestProblems(`${field}.podSelector`, calicoSelectorProblems(peer.podSelector)));
    }));
  }
  return problems;
}
