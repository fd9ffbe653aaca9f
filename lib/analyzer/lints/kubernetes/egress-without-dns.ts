import { compareStrings } from '../../../model/canonical-order';
import { NetworkPolicyForm } from '../../compile/form';
import { evaluatorFor } from '../../evaluators';
import { policyFamily } from '../../policy-family';
import { Cluster, Endpoint, Evaluator, Protocol } from '../../types';
import { LintCode } from '../codes';
import { isolatingPolicies } from '../coverage';
import { EVERY_ENGINE, engineOf } from '../engines';
import { Finding, LintContext, LintRule, LintRuleInfo, findingOf } from '../finding';
import { networkPolicies } from './policies';
import { portFormsAllow } from '../ports';
import { DNS_PORT, DNS_PROTOCOLS, clusterDnsPods, declaredClusterDnsPods, side } from '../representatives';
import { isPodPeer, peerFormSelects } from '../scope';
import { endpointSubject } from '../subjects';

// Source: kubernetes.io/docs/concepts/services-networking/dns-pod-service (pods resolve names through the cluster
// DNS) and RFC 7766 (DNS over TCP for large answers): egress isolation must let UDP and TCP 53 to it through.

/** Egress-isolated pods must still reach cluster DNS on UDP and TCP 53, or every name lookup fails. */
const info: LintRuleInfo = {
  code: LintCode.NP_EGRESS_WITHOUT_DNS,
  severity: 'warning',
  title: 'Egress is restricted but DNS (UDP and TCP 53) to the cluster DNS pods is not allowed',
  why: 'Pods resolve Service names through cluster DNS; without it every connection by name fails, and TCP 53 is needed for large answers.',
  engines: EVERY_ENGINE,
};

export const npEgressWithoutDns: LintRule = { ...info, check };

/**
 * NetworkPolicies isolating a pod's egress must allow DNS. When the cluster also holds policies of other kinds, a
 * protocol they let through under the engine (a Calico or Cilium cluster policy allowing DNS) is not missing.
 */
function check(cluster: Cluster, context?: LintContext): Finding[] {
  const policies = networkPolicies(cluster);
  const dnsPods = declaredClusterDnsPods(cluster);
  const target = dnsPods.length > 0 ? 'the cluster DNS pods (kube-system, k8s-app=kube-dns)' : 'any pod';
  const otherKinds = cluster.policies.some(p => policyFamily(p) !== 'kubernetes');
  let evaluator: Evaluator | undefined;
  const reachedUnderEngine = (endpoint: Endpoint, protocol: Protocol): boolean => {
    if (!otherKinds) return false;
    evaluator ??= evaluatorFor(engineOf(cluster, context), cluster);
    return clusterDnsPods(cluster).some(dns => evaluator!.evaluate({ from: side(endpoint), to: side(dns), port: DNS_PORT, protocol }).egressAllowed);
  };
  const findings: Finding[] = [];
  for (const endpoint of cluster.endpoints) {
    const isolating = isolatingPolicies(policies, endpoint, 'egress');
    if (isolating.length === 0) continue;
    const missing = DNS_PROTOCOLS.filter(protocol => !isolating.some(p => allowsDns(cluster, p, protocol, dnsPods))
      && !reachedUnderEngine(endpoint, protocol));
    if (missing.length === 0) continue;
    const by = isolating.map(p => p.id).sort(compareStrings).join(', ');
    findings.push(findingOf(info, endpointSubject(endpoint), {
      problem: `egress is isolated by ${by} but DNS to ${target} is not allowed on ${missing.map(p => `${DNS_PORT}/${p}`).join(' and ')}`,
      fix: 'add an egress rule to the cluster DNS pods on UDP 53 and TCP 53 (AllowDns)',
    }));
  }
  return findings;
}

/**
 * Whether an egress rule of the policy allows DNS on `protocol`: to one of the DNS pods when the model has
 * them, else to any pod/namespace peer (or to everything, when the rule names no peers).
 */
function allowsDns(cluster: Cluster, policy: NetworkPolicyForm, protocol: Protocol, dnsPods: readonly Endpoint[]): boolean {
  return policy.egress.some(rule => {
    const peers = rule.peers;
    if (dnsPods.length === 0) return (peers === undefined || peers.some(isPodPeer)) && portFormsAllow(rule.ports, DNS_PORT, protocol);
    return dnsPods.some(dns =>
      (peers === undefined || peers.some(peer => peerFormSelects(cluster, peer, dns)))
      && portFormsAllow(rule.ports, DNS_PORT, protocol, dns));
  });
}
