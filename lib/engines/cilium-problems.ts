import { isWholeProtocol } from './cilium-ports';
import { ErrorCode, PeerKind, Policy, PolicyScope, Problem, Rule, RuleAction } from '../model';

/**
 * What Cilium cannot say beyond the capability table (which already refuses pass/log rules, order, tiers and
 * L7 in cluster scope). Each problem names the rule, the value and the fix; nothing is dropped or widened.
 */
export function ciliumProblems(policy: Policy): Problem[] {
  const problems: Problem[] = [];
  const rules: Array<{ rule: Rule; field: string }> = [
    ...policy.ingress.map((rule, i) => ({ rule, field: `ingress[${i}]` })),
    ...policy.egress.map((rule, i) => ({ rule, field: `egress[${i}]` })),
  ];
  for (const { rule, field } of rules) {
    rule._peersAsGiven().forEach((peer, j) => {
      if (peer.kind === PeerKind.PODS && peer.namespaceSelector === undefined && policy.scope === PolicyScope.CLUSTER) {
        problems.push({
          code: ErrorCode.CILIUM_PODS_PEER_NEEDS_NAMESPACE,
          field: `${field}.peers[${j}]`,
          value: peer.toString(),
          message: 'a pods peer of "the policy\'s own namespace" in a cluster-scoped policy, which has no namespace of its own',
          fix: 'say where the pods are: Peer.podsInNamespace(name, pods), Peer.podsInNamespaces(pods, namespaces), or Peer.podsInNamespaces(pods, Selector.all()) for every namespace',
        });
      }
      if (peer.kind === PeerKind.FQDN && rule.action === RuleAction.DENY) {
        problems.push({
          code: ErrorCode.CILIUM_DENY_FQDN,
          field: `${field}.peers[${j}]`,
          value: peer.toString(),
          message: 'Cilium deny rules cannot match DNS names (toFQDNs)',
          fix: 'deny the service\'s published address ranges with Peer.ipBlock, or allow only the names you trust instead of denying some',
        });
      }
    });
    if (rule.http.length > 0) {
      const whole = rule.ports.filter(isWholeProtocol);
      if (whole.length > 0) {
        problems.push({
          code: ErrorCode.CILIUM_L7_ALL_PORTS,
          field: `${field}.ports`,
          value: whole.join(','),
          message: 'Cilium refuses L7 rules on port 0, its form of "every port of a protocol"',
          fix: 'list the TCP ports the HTTP server listens on, e.g. [Port.tcp(8080)]',
        });
      }
    }
  }
  return problems;
}
