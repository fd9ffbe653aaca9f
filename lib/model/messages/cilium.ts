import { ErrorCode } from '../errors';
import { Problem } from '../problem';
import { problem } from './problem';

// Cilium (cilium.io/v2): refusals and warnings.

/** CILIUM_PODS_PEER_NEEDS_NAMESPACE. */
export function ciliumPodsPeerNeedsNamespace(field: string, value: string): Problem {
  return problem(ErrorCode.CILIUM_PODS_PEER_NEEDS_NAMESPACE, field, value,
    'a pods peer of "the policy\'s own namespace" in a cluster-scoped policy, which has no namespace of its own',
    'say where the pods are: Peer.podsInNamespace(name, pods), Peer.podsInNamespaces(pods, namespaces), or Peer.podsInNamespaces(pods, Selector.all()) for every namespace');
}

/** CILIUM_DENY_FQDN. */
export function ciliumDenyFqdn(field: string, value: string): Problem {
  return problem(ErrorCode.CILIUM_DENY_FQDN, field, value, 'Cilium deny rules cannot match DNS names (toFQDNs)',
    'deny the service\'s published address ranges with Peer.ipBlock, or allow only the names you trust instead of denying some');
}

/** CILIUM_L7_ALL_PORTS. */
export function ciliumL7AllPorts(field: string, value: string): Problem {
  return problem(ErrorCode.CILIUM_L7_ALL_PORTS, field, value, 'Cilium refuses L7 rules on port 0, its form of "every port of a protocol"',
    'list the TCP ports the HTTP server listens on, e.g. [Port.tcp(8080)]');
}

/** CILIUM_CIDR_NOT_PODS (warning): the block reaches into the private `ranges`. */
export function ciliumCidrNotPods(field: string, value: string, ranges: readonly string[]): Problem {
  return problem(ErrorCode.CILIUM_CIDR_NOT_PODS, field, value,
    `the block reaches into ${ranges.join(', ')}, but Cilium CIDR rules never match pods or nodes, so pods with these addresses are not matched`,
    'match pods with Peer.pods/Peer.podsInNamespace(s) and nodes with Peer.entity(Entity.HOST or Entity.REMOTE_NODE); keep the ipBlock for addresses outside the cluster, or except the private ranges');
}

/** CILIUM_SCTP_BETA (warning). */
export function ciliumSctpBeta(field: string, value: string): Problem {
  return problem(ErrorCode.CILIUM_SCTP_BETA, field, value,
    'Cilium enforces SCTP policy only with its beta SCTP support enabled; otherwise SCTP traffic is not handled as the rule says',
    'install Cilium with SCTP enabled (Helm sctp.enabled=true), or acknowledge this warning if it is');
}

/** CILIUM_PORT_RANGE_NEEDS_1_16 (warning): port ranges of a deny rule when `deny`, else of an allow rule. */
export function ciliumPortRangeNeeds116(field: string, value: string, deny: boolean): Problem {
  return problem(ErrorCode.CILIUM_PORT_RANGE_NEEDS_1_16, field, value,
    `Cilium enforces port ranges from 1.16; earlier versions ignore endPort and match only the first port, ${deny ? 'leaving the rest of the range open' : 'allowing less than the rule says'}`,
    'run Cilium 1.16 or later (and acknowledge this warning), or list the ports one by one');
}

/** CILIUM_DENY_WITHOUT_ISOLATION (warning): deny rules (`value`) for a `direction` the policy does not isolate. */
export function ciliumDenyWithoutIsolation(direction: 'ingress' | 'egress', value: string): Problem {
  return problem(ErrorCode.CILIUM_DENY_WITHOUT_ISOLATION, direction, value,
    `the ${direction} deny rules stay deny-only through enableDefaultDeny.${direction}: false; Cilium releases without enableDefaultDeny put ${direction} into default deny and drop everything no policy allows`,
    'run a Cilium release with enableDefaultDeny (cilium/cilium#30572) and acknowledge this warning, or isolate the direction on purpose');
}

/** CILIUM_FQDN_DNS_RULE_ADDED (warning): `value` is the DNS rule added. */
export function ciliumFqdnDnsRuleAdded(field: string, value: string): Problem {
  return problem(ErrorCode.CILIUM_FQDN_DNS_RULE_ADDED, field, value,
    'FQDN rules only learn addresses from DNS lookups that pass Cilium\'s DNS proxy, so the policy also allows DNS to the cluster DNS through the proxy; it allows nothing beyond DNS to kube-dns',
    'nothing to fix if the cluster DNS is kube-system/k8s-app=kube-dns; otherwise acknowledge this warning and allow DNS to your resolver with a DNS rule');
}
