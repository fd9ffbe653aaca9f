import { NAMESPACE_NAME_LABEL } from '../compile/defaults';
import { NetworkPolicyForm, PeerForm } from '../compile/form';
import { readNetworkPolicyPeer } from '../compile/kubernetes';
import { matchesLabelSelector } from '../selectors';
import { Cluster, Endpoint, Labels } from '../types';

/** A namespace's labels as a namespaceSelector sees them: declared labels plus the automatic name label. */
export function namespaceLabels(cluster: Cluster, namespace: string): Labels {
  return { ...cluster.namespaces.get(namespace)?.labels, [NAMESPACE_NAME_LABEL]: namespace };
}

/** Whether the policy applies to the endpoint's pods. */
export function policySelects(policy: NetworkPolicyForm, endpoint: Endpoint): boolean {
  return endpoint.namespace === policy.namespace && matchesLabelSelector(policy.podSelector, endpoint.labels);
}

/**
 * Whether a normalized NetworkPolicy peer covers the endpoint's pods. ipBlock peers and empty peers cover no
 * endpoint here (pod IPs are rarely known offline).
 */
export function peerFormSelects(cluster: Cluster, peer: PeerForm, endpoint: Endpoint): boolean {
  if (peer.kind !== 'pods') return false;
  const namespaceOk = peer.namespaceSelector === undefined
    ? endpoint.namespace === peer.ownNamespace
    : matchesLabelSelector(peer.namespaceSelector, namespaceLabels(cluster, endpoint.namespace));
  return namespaceOk && (peer.podSelector === undefined || matchesLabelSelector(peer.podSelector, endpoint.labels));
}

/** `peerFormSelects` for a peer as written in a NetworkPolicy of `policyNamespace`. */
export function peerSelects(cluster: Cluster, policyNamespace: string, peer: unknown, endpoint: Endpoint): boolean {
  return peerFormSelects(cluster, readNetworkPolicyPeer(peer, policyNamespace), endpoint);
}

/** A peer that names pods through a podSelector and/or namespaceSelector (not an ipBlock). */
export function isPodPeer(peer: PeerForm): boolean {
  return peer.kind === 'pods';
}
