import { isWholeProtocol } from './ports';
import { PeerKind, Policy, PolicyScope, Problem, Rule, RuleAction } from '../../model';
import { ciliumDenyFqdn, ciliumL7AllPorts, ciliumPodsPeerNeedsNamespace } from '../../model/messages';

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
        problems.push(ciliumPodsPeerNeedsNamespace(`${field}.peers[${j}]`, peer.toString()));
      }
      if (peer.kind === PeerKind.FQDN && rule.action === RuleAction.DENY) {
        problems.push(ciliumDenyFqdn(`${field}.peers[${j}]`, peer.toString()));
      }
    });
    if (rule.http.length > 0) {
      const whole = rule.ports.filter(isWholeProtocol);
      if (whole.length > 0) {
        problems.push(ciliumL7AllPorts(`${field}.ports`, whole.join(',')));
      }
    }
  }
  return problems;
}
