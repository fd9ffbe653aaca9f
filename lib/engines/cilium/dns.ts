import { CILIUM_NAMESPACE_KEY } from './selectors';
import { PeerKind, Policy, RuleAction } from '../../model';

/** Where the cluster DNS runs: the pods `k8s-app=kube-dns` of `kube-system` (CoreDNS and kube-dns both carry it). */
export const CLUSTER_DNS_NAMESPACE = 'kube-system';
/** The label of the cluster DNS pods. */
export const CLUSTER_DNS_LABELS = { 'k8s-app': 'kube-dns' };

/** The added DNS rule in canonical text, for warnings. */
export const CLUSTER_DNS_RULE_TEXT = 'Allow namespace(kube-system)/pods(k8s-app=kube-dns) on tcp/53,udp/53 with DNS proxy (dns matchPattern "*")';

/**
 * True when the policy renders `toFQDNs` selectors. Cilium learns the addresses behind a DNS name only from
 * lookups its DNS proxy sees, and the proxy sees only lookups that an egress rule with `rules.dns` sends it
 * (docs.cilium.io "DNS based": "This requires ... an L7 policy allowing DNS requests").
 */
export function needsClusterDnsRule(policy: Policy): boolean {
  return policy.egress.some(r => r.action === RuleAction.ALLOW && !r.matchesAnyPeer && r.peers.some(p => p.kind === PeerKind.FQDN));
}

/**
 * The egress rule that makes `toFQDNs` work: the cluster DNS pods on UDP and TCP 53, through the DNS proxy
 * (`rules.dns: [{matchPattern: '*'}]`, any name may be looked up; only the FQDN rules decide where traffic may go).
 * It widens the policy by exactly DNS to the cluster DNS, which FQDN rules need to function.
 */
export function clusterDnsRule(): any {
  return {
    toEndpoints: [{ matchLabels: { ...CLUSTER_DNS_LABELS, [CILIUM_NAMESPACE_KEY]: CLUSTER_DNS_NAMESPACE } }],
    toPorts: [{
      ports: [{ port: '53', protocol: 'TCP' }, { port: '53', protocol: 'UDP' }],
      rules: { dns: [{ matchPattern: '*' }] },
    }],
  };
}
