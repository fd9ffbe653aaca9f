import { clusterDnsRule, needsClusterDnsRule } from './dns';
import { CiliumDirection, ciliumPeerGroups } from './peers';
import { ciliumToPorts } from './ports';
import { ciliumProblems } from './problems';
import { endpointSelector } from './selectors';
import { ErrorCode, NetpolErrors, Policy, PolicyScope, Rule, RuleAction } from '../../model';
import { sortedKeys } from '../../model/canonical-order';
import { internalError } from '../../model/messages';
import { policyMetadata } from '../metadata';

export { ciliumProblems } from './problems';
export { ciliumWarnings } from './warnings';

/** The API group/version of Cilium policies. */
export const CILIUM_API_VERSION = 'cilium.io/v2';
/** The kind of a namespaced Cilium policy. */
export const CILIUM_NETWORK_POLICY_KIND = 'CiliumNetworkPolicy';
/** The kind of a cluster-scoped Cilium policy. */
export const CILIUM_CLUSTERWIDE_NETWORK_POLICY_KIND = 'CiliumClusterwideNetworkPolicy';

/**
 * Renders a policy intent as one `cilium.io/v2` manifest: a CiliumNetworkPolicy for a namespaced policy, a
 * CiliumClusterwideNetworkPolicy for a cluster-scoped one. Keys are sorted and lists canonical.
 *
 * The meaning equals the intent's (Kubernetes-style isolation per direction):
 * - `enableDefaultDeny` is always explicit: `true` exactly for the isolated directions. A direction that is
 *   not isolated has no rules, so the policy never switches it to default deny.
 * - An isolated direction without allow rules gets one empty rule (`ingress: [{}]`), which selects no peer
 *   and so allows nothing: the documented Cilium default-deny form ("Ingress/Egress Default Deny";
 *   Cilium writes a Kubernetes `policyTypes: [Egress]` policy without rules as `egress: [{}]` itself).
 * - Allow rules go to `ingress`/`egress`, deny rules to `ingressDeny`/`egressDeny` (Cilium: deny wins).
 * - Each intent rule becomes one Cilium rule per peer kind (CIDR set, endpoints, entities, FQDNs), each with
 *   the rule's ports: Cilium refuses rules that combine peer kinds, and separate rules are OR'd.
 * - Every endpoint selector names its namespace scope explicitly (see `podsSelector`).
 * - With FQDN peers, the egress also allows DNS to the cluster DNS through the DNS proxy (`clusterDnsRule`),
 *   which FQDN rules need to learn addresses; `ciliumWarnings` reports it as `CILIUM_FQDN_DNS_RULE_ADDED`.
 *
 * Throws a coded error for what Cilium cannot express (`ciliumProblems`); `Engine.CILIUM.render` checks the
 * policy, its capabilities and these problems first.
 */
export function renderCiliumPolicy(policy: Policy): any {
  const where = `policy ${policy.namespaceName ?? '(cluster)'}/${policy.name}`;
  NetpolErrors._throwIfAny(where, '', ciliumProblems(policy));
  const clusterScope = policy.scope === PolicyScope.CLUSTER;

  const ingress = renderDirection(policy, policy.ingress, 'ingress', policy.isolateIngress);
  const egress = renderDirection(policy, policy.egress, 'egress', policy.isolateEgress);
  if (needsClusterDnsRule(policy)) egress.allow.push(clusterDnsRule());

  const spec: any = {
    enableDefaultDeny: { egress: policy.isolateEgress, ingress: policy.isolateIngress },
    endpointSelector: subjectSelector(policy),
  };
  if (egress.allow.length > 0) spec.egress = egress.allow;
  if (egress.deny.length > 0) spec.egressDeny = egress.deny;
  if (ingress.allow.length > 0) spec.ingress = ingress.allow;
  if (ingress.deny.length > 0) spec.ingressDeny = ingress.deny;

  return sortedKeys({
    apiVersion: CILIUM_API_VERSION,
    kind: clusterScope ? CILIUM_CLUSTERWIDE_NETWORK_POLICY_KIND : CILIUM_NETWORK_POLICY_KIND,
    metadata: policyMetadata(policy),
    spec,
  });
}

/**
 * The selected pods. A CiliumNetworkPolicy always applies in its own namespace (Cilium adds the namespace to
 * `endpointSelector` itself), so it is the subject alone. A CiliumClusterwideNetworkPolicy adds the namespace
 * constraint of `Policy.namespaceSelector` (a name, namespace labels, or `Exists` on the namespace for
 * `Selector.all()`), so it selects pods only, never Cilium's own health endpoints.
 */
function subjectSelector(policy: Policy): any {
  const builder = endpointSelector().pods(policy.subject);
  if (policy.scope === PolicyScope.CLUSTER) builder.namespaces(policy.namespaceSelector!);
  return builder.build();
}

function renderDirection(policy: Policy, rules: readonly Rule[], direction: CiliumDirection, isolated: boolean): { allow: any[]; deny: any[] } {
  const allow: any[] = [];
  const deny: any[] = [];
  for (const rule of rules) {
    if (rule.action === RuleAction.ALLOW) {
      allow.push(...renderRule(policy, rule, direction, false));
    } else if (rule.action === RuleAction.DENY) {
      deny.push(...renderRule(policy, rule, direction, true));
    } else {
      // Pass and Log are refused by the capability table; rendering them as anything else would change the meaning.
      throw internalError(`policy ${policy.namespaceName ?? '(cluster)'}/${policy.name}`, direction, rule.toString(),
        `a ${rule.action} rule reached the Cilium renderer, which has allow and deny rules only; Engine.problems() refuses it (${rule.action === RuleAction.PASS ? ErrorCode.ENGINE_NO_PASS : ErrorCode.ENGINE_NO_LOG})`);
    }
  }
  // An empty rule selects no peer: the direction is default-deny and nothing is allowed.
  if (isolated && allow.length === 0) allow.push({});
  return { allow, deny };
}

function renderRule(policy: Policy, rule: Rule, direction: CiliumDirection, isDeny: boolean): any[] {
  // Deny rules have no L7 (the model refuses HTTP matches on them): their toPorts carry ports only.
  const toPorts = ciliumToPorts(rule.ports, isDeny ? [] : rule.http);
  return ciliumPeerGroups(policy, rule, direction).map(group => (toPorts ? { ...group, toPorts } : group));
}
