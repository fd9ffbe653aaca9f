import { endpointSelector } from './selectors';
import { Entity, Peer, PeerKind, Policy, Rule } from '../../model';
import { internalError } from '../../model/messages';

/** Whether a rule's peers are sources (`from*`) or destinations (`to*`). */
export type CiliumDirection = 'ingress' | 'egress';

/**
 * The peers of one intent rule as Cilium L3 selectors, one object per Cilium peer field, in canonical
 * field order (CIDR set, endpoints, entities, FQDNs).
 *
 * Cilium refuses a rule that combines two of these fields ("Combining FromEndpoints and FromCIDRSet is
 * not supported yet", `pkg/policy/api/rule_validation.go`), so each field becomes its own Cilium rule
 * with the same ports: rules are OR'd, so the union is the intent's OR of peers.
 *
 * A rule that matches every peer is `{from,to}Entities: [all]`, never a rule without peers: a Cilium rule
 * with no peer field means "every peer" only when it has `toPorts`, and "nothing" when it has none.
 */
export function ciliumPeerGroups(policy: Policy, rule: Rule, direction: CiliumDirection): any[] {
  const prefix = direction === 'ingress' ? 'from' : 'to';
  if (rule.matchesAnyPeer) return [{ [`${prefix}Entities`]: [Entity.ALL] }];
  const cidrs = unique(rule.peers.filter(p => p.kind === PeerKind.IP_BLOCK).map(cidrRule));
  const endpoints = unique(rule.peers.filter(p => p.kind === PeerKind.PODS).map(p => podsSelector(policy, p)));
  const entities = [...new Set(rule.peers.filter(p => p.kind === PeerKind.ENTITY).map(p => p.entityName!))].sort();
  const fqdns = unique(rule.peers.filter(p => p.kind === PeerKind.FQDN).map(fqdnSelector));
  const groups: any[] = [];
  if (cidrs.length > 0) groups.push({ [`${prefix}CIDRSet`]: cidrs });
  if (endpoints.length > 0) groups.push({ [`${prefix}Endpoints`]: endpoints });
  if (entities.length > 0) groups.push({ [`${prefix}Entities`]: entities });
  if (fqdns.length > 0) groups.push({ toFQDNs: fqdns });
  return groups;
}

/**
 * The endpoint selector of a pods peer, always with its namespace scope written out: the policy's own
 * namespace, a named namespace, or namespace labels plus `Exists` on the namespace key. The meaning then
 * never depends on Cilium's implicit own-namespace restriction of CiliumNetworkPolicy selectors.
 * A pods peer of the policy's own namespace in a cluster-scoped policy is refused before rendering.
 */
export function podsSelector(policy: Policy, peer: Peer): any {
  const builder = endpointSelector().pods(peer.podSelector).serviceAccounts(peer.serviceAccountNames);
  if (peer.namespaceName !== undefined) return builder.namespaceNamed(peer.namespaceName).build();
  if (peer.namespaceSelector !== undefined) return builder.namespaces(peer.namespaceSelector).build();
  if (policy.namespaceName === undefined) {
    throw internalError(`policy (cluster)/${policy.name}`, 'peers', peer.toString(),
      'a pods peer of the policy\'s own namespace in a cluster-scoped policy reached the Cilium renderer; ciliumProblems refuses it (CILIUM_PODS_PEER_NEEDS_NAMESPACE)');
  }
  return builder.namespaceNamed(policy.namespaceName).build();
}

function cidrRule(peer: Peer): any {
  const out: any = { cidr: peer.cidr!.toString() };
  if (peer.exceptCidrs.length > 0) out.except = peer.exceptCidrs.map(c => c.toString());
  return out;
}

function fqdnSelector(peer: Peer): any {
  return peer.fqdnIsPattern ? { matchPattern: peer.dnsName! } : { matchName: peer.dnsName! };
}

function unique(items: readonly any[]): any[] {
  const seen = new Map<string, any>();
  for (const item of items) {
    const key = JSON.stringify(item);
    if (!seen.has(key)) seen.set(key, item);
  }
  return [...seen.values()];
}
