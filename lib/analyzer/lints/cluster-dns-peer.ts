import { PeerForm } from '../compile/form';
import { matchesLabelSelector, selectorKeys } from '../selectors';
import { Cluster } from '../types';
import { isEmptySelector } from './kubernetes/policies';
import { CLUSTER_DNS_LABELS, CLUSTER_DNS_NAMESPACE } from './representatives';
import { namespaceLabels } from './scope';

/**
 * Whether a NetworkPolicy peer names the cluster DNS pods: a podSelector that reads `k8s-app` and that the DNS
 * pods' labels satisfy, in a namespace scope that takes in kube-system (`AllowDns` renders exactly this peer).
 */
export function namesClusterDns(cluster: Cluster, peer: PeerForm): boolean {
  if (peer.kind !== 'pods' || peer.podSelector === undefined || isEmptySelector(peer.podSelector)) return false;
  if (!Object.keys(CLUSTER_DNS_LABELS).every(k => selectorKeys(peer.podSelector).includes(k))) return false;
  if (!matchesLabelSelector(peer.podSelector, CLUSTER_DNS_LABELS)) return false;
  return peer.namespaceSelector === undefined
    ? peer.ownNamespace === CLUSTER_DNS_NAMESPACE
    : matchesLabelSelector(peer.namespaceSelector, namespaceLabels(cluster, CLUSTER_DNS_NAMESPACE));
}
