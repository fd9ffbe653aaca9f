import { matchesLabelSelector } from '../selectors';
import { Cluster, Endpoint, Labels } from '../types';
import { NetworkPolicyView } from './network-policies';

/** The label Kubernetes sets on every namespace (and that no one can change). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A namespace's labels as a namespaceSelector sees them: declared labels plus the automatic name label. */
export function namespaceLabels(cluster: Cluster, namespace: string): Labels {
  return { ...cluster.namespaces.get(namespace)?.labels, [NAMESPACE_NAME_LABEL]: namespace };
}

/** Whether the policy applies to the endpoint's pods. */
export function policySelects(policy: NetworkPolicyView, endpoint: Endpoint): boolean {
  return endpoint.namespace === policy.namespace && matchesLabelSelector(policy.podSelector, endpoint.labels);
}

/**
 * Whether a pod/namespace peer of a policy in `policyNamespace` covers the endpoint's pods.
 * ipBlock peers and empty peers cover no endpoint here (pod IPs are rarely known offline).
 */
export function peerSelects(cluster: Cluster, policyNamespace: string, peer: any, endpoint: Endpoint): boolean {
  if (!isPodPeer(peer)) return false;
  const namespaceOk = peer.namespaceSelector == null
    ? endpoint.namespace === policyNamespace
    : matchesLabelSelector(peer.namespaceSelector, namespaceLabels(cluster, endpoint.namespace));
  return namespaceOk && (peer.podSelector == null || matchesLabelSelector(peer.podSelector, endpoint.labels));
}

/** A peer that names pods through a podSelector and/or namespaceSelector (not an ipBlock). */
export function isPodPeer(peer: any): boolean {
  return peer != null && peer.ipBlock == null && (peer.podSelector != null || peer.namespaceSelector != null);
}
