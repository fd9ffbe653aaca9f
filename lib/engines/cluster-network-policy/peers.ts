import { cidrDifference } from './cidr-difference';
import { ErrorCode, Peer, PeerKind, Policy, Rule } from '../../model';
import { internalError } from '../../model/messages';

/** Whether a rule's peers are sources (`from`) or destinations (`to`). */
export type ClusterNetworkPolicyDirection = 'ingress' | 'egress';

/** The most items a ClusterNetworkPolicy list holds: rules per direction, peers per rule, protocols per rule, networks per peer. */
export const CLUSTER_NETWORK_POLICY_MAX_ITEMS = 25;

/**
 * Every peer a direction can name. Ingress peers are pods only (`namespaces`, `pods`): v1alpha2 has no peer for
 * sources outside the pod network, so nodes, host-network pods and the world are not matched (clusterNetworkPolicyWarnings
 * says so). Egress adds `networks` of every address, which "cluster-internal traffic will be checked against ... as
 * well" (CRD), so pods, nodes and the world are all matched.
 */
export function everyPeer(direction: ClusterNetworkPolicyDirection): any[] {
  const pods = { namespaces: {} };
  return direction === 'ingress' ? [pods] : [pods, { networks: ['0.0.0.0/0', '::/0'] }];
}

/**
 * The `from`/`to` peers of one intent rule, in the rule's canonical peer order. Several peers are OR'd, as the
 * intent's peers are.
 * - A pods peer with a namespace selector is `namespaces` (every pod there) or `pods` (both selectors must hold).
 * - An ipBlock peer is `networks` (egress only), its exceptions cut out exactly (`cidrDifference`), split into peers
 *   of at most 25 networks.
 * Peers the engine cannot say (refused by the capability table or clusterNetworkPolicyProblems) throw: never wider.
 */
export function clusterNetworkPolicyPeers(policy: Policy, rule: Rule, direction: ClusterNetworkPolicyDirection): any[] {
  if (rule.matchesAnyPeer) return everyPeer(direction);
  return rule.peers.flatMap(peer => peerOf(policy, peer, direction));
}

function peerOf(policy: Policy, peer: Peer, direction: ClusterNetworkPolicyDirection): any[] {
  if (peer.kind === PeerKind.PODS && peer.namespaceSelector !== undefined && peer.serviceAccountNames === undefined) {
    const namespaces = peer.namespaceSelector._toKube();
    return [peer.podSelector === undefined ? { namespaces } : { pods: { namespaceSelector: namespaces, podSelector: peer.podSelector._toKube() } }];
  }
  if (peer.kind === PeerKind.IP_BLOCK && direction === 'egress') {
    const networks = cidrDifference(peer.cidr!, peer.exceptCidrs).map(c => c.toString());
    const chunks: string[][] = [];
    for (let i = 0; i < networks.length; i += CLUSTER_NETWORK_POLICY_MAX_ITEMS) chunks.push(networks.slice(i, i + CLUSTER_NETWORK_POLICY_MAX_ITEMS));
    return chunks.map(chunk => ({ networks: chunk }));
  }
  throw internalError(`policy ${policy.namespaceName ?? '(cluster)'}/${policy.name}`, `${direction}.peers`, peer.toString(),
    `a peer a ClusterNetworkPolicy cannot express here reached its renderer; Engine.problems() refuses it (${refusalOf(peer)})`);
}

// The code with which the capability table or clusterNetworkPolicyProblems refuses a peer the renderer cannot express.
function refusalOf(peer: Peer): string {
  switch (peer.kind) {
    case PeerKind.PODS:
      return peer.serviceAccountNames !== undefined ? ErrorCode.ENGINE_NO_SERVICE_ACCOUNTS : ErrorCode.CLUSTER_NETWORK_POLICY_PEER_NAMESPACE_REQUIRED;
    case PeerKind.IP_BLOCK: return ErrorCode.CLUSTER_NETWORK_POLICY_INGRESS_IP_BLOCK;
    case PeerKind.FQDN: return ErrorCode.ENGINE_NO_FQDN;
    default: return ErrorCode.ENGINE_NO_ENTITIES;
  }
}
