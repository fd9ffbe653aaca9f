import { CalicoFlavor } from './calico-flavor';
import { decidesEverything } from './calico-rules';
import { calicoSelectorProblems } from './calico-selector';
import { ErrorCode, PeerKind, Policy, PolicyScope, Problem } from '../model';
import { nestProblems } from '../model/problems';

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
    problems.push({
      code: ErrorCode.CALICO_POLICY_NAME_INVALID,
      field: 'name',
      value: policy.name,
      message: 'Calico policy names are a DNS-1123 label, or two labels joined by a single dot',
      fix: `use a name without dots, e.g. "${policy.name.replace(/\./g, '-')}"`,
    });
  }
  problems.push(
    ...nestProblems('subject', calicoSelectorProblems(policy.subject)),
    ...(policy.namespaceSelector !== undefined ? nestProblems('namespaceSelector', calicoSelectorProblems(policy.namespaceSelector)) : []),
  );
  for (const [direction, rules, isolated] of [['ingress', policy.ingress, policy.isolateIngress], ['egress', policy.egress, policy.isolateEgress]] as const) {
    if (rules.length > 0 && !isolated && !decidesEverything(rules)) {
      problems.push({
        code: ErrorCode.CALICO_RULES_WITHOUT_ISOLATION,
        field: direction,
        value: rules.map(r => r.toString()).join('; '),
        message: `a Calico policy with ${direction} rules applies to ${direction}, and traffic its rules do not decide meets the tier's end-of-tier deny: `
          + `rendering these rules would isolate ${direction}, which the intent does not`,
        fix: `isolate ${direction} on purpose (isolate${direction === 'ingress' ? 'Ingress' : 'Egress'}: true), or end the rules with `
          + 'Rule.pass({ peers: [Peer.anywhere()], ports: [Port.allPorts()] }) to hand the rest to the next tier',
      });
    }
    rules.forEach((rule, i) => rule._peersAsGiven().forEach((peer, j) => {
      if (peer.kind !== PeerKind.PODS) return;
      const field = `${direction}[${i}].peers[${j}]`;
      if (peer.namespaceSelector === undefined && policy.scope === PolicyScope.CLUSTER) {
        problems.push({
          code: ErrorCode.CALICO_PEER_NAMESPACE_REQUIRED,
          field,
          value: peer.toString(),
          message: 'a pods peer without a namespace means "the policy\'s own namespace", which a cluster-scoped policy does not have; '
            + 'Calico cannot match "the same namespace as the selected pod"',
          fix: 'name the peer\'s namespaces: Peer.podsInNamespace("ns", selector), or Peer.podsInNamespaces(selector, Selector.all()) for every namespace; '
            + 'or use one namespaced policy per namespace',
        });
      }
      if (peer.namespaceSelector !== undefined) problems.push(...nestProblems(`${field}.namespaceSelector`, calicoSelectorProblems(peer.namespaceSelector)));
      if (peer.podSelector !== undefined) problems.push(...nestProblems(`${field}.podSelector`, calicoSelectorProblems(peer.podSelector)));
    }));
  }
  return problems;
}
