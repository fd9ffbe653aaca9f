import { compareStrings } from '../../model/order';
import { Cluster, Endpoint, Protocol } from '../types';
import { LintCode } from './codes';
import { isolatingPolicies } from './coverage';
import { Finding, LintRule, LintRuleInfo, findingOf } from './finding';
import { networkPolicies } from './network-policies';
import { portFormsAllow } from './ports';
import { isPodPeer, peerFormSelects } from './scope';
import { endpointSubject } from './subjects';
import { NetworkPolicyForm } from '../compile/form';

const DNS_PORT = 53;
const DNS_PROTOCOLS: readonly Protocol[] = ['UDP', 'TCP'];

/** Egress-isolated pods must still reach cluster DNS on UDP and TCP 53, or every name lookup fails. */
const info: LintRuleInfo = {
  code: LintCode.NP_EGRESS_WITHOUT_DNS,
  severity: 'warning',
  title: 'Egress is restricted but DNS (UDP and TCP 53) to the cluster DNS pods is not allowed',
  why: 'Pods resolve Service names through cluster DNS; without it every connection by name fails, and TCP 53 is needed for large answers.',
};

export const npEgressWithoutDns: LintRule = { ...info, check };

function check(cluster: Cluster): Finding[] {
  const policies = networkPolicies(cluster);
  const dnsPods = clusterDnsPods(cluster);
  const target = dnsPods.length > 0 ? 'the cluster DNS pods (kube-system, k8s-app=kube-dns)' : 'any pod';
  const findings: Finding[] = [];
  for (const endpoint of cluster.endpoints) {
    const isolating = isolatingPolicies(policies, endpoint, 'egress');
    if (isolating.length === 0) continue;
    const missing = DNS_PROTOCOLS.filter(protocol => !isolating.some(p => allowsDns(cluster, p, protocol, dnsPods)));
    if (missing.length === 0) continue;
    const by = isolating.map(p => p.id).sort(compareStrings).join(', ');
    findings.push(findingOf(info, endpointSubject(endpoint),
      `egress is isolated by ${by} but DNS to ${target} is not allowed on ${missing.map(p => `${DNS_PORT}/${p}`).join(' and ')}; ` +
      'add an egress rule to the cluster DNS pods on UDP 53 and TCP 53 (AllowDns)'));
  }
  return findings;
}

/** Endpoints of the cluster DNS (the kube-dns/CoreDNS pods), when the model has them. */
function clusterDnsPods(cluster: Cluster): Endpoint[] {
  return cluster.endpoints.filter(e => e.namespace === 'kube-system' && e.labels['k8s-app'] === 'kube-dns');
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
