import { endpointId, endpointRef } from '../analyzer/endpoints';
import { Cluster, Endpoint, FlowPeer } from '../analyzer/types';

/** A flow side as the matchers print it, and read it back: `ns/name` (`ns/Kind/name` when the name is shared), or the IP. */
export function peerRefIn(cluster: Cluster, peer: FlowPeer): string {
  return peer.kind === 'ip' ? peer.ip : endpointRef(peer.endpoint, cluster);
}

/** A key equal for the same side however it was written. */
export function peerKey(peer: FlowPeer): string {
  return peer.kind === 'ip' ? `ip:${peer.ip}` : endpointId(peer.endpoint);
}

// A message stays readable in a big cluster; the loader's own message names the namespace's endpoints.
const MAX_LISTED = 50;

/** The endpoints of the cluster, one per line, sorted; or why there are none. */
export function knownEndpointsText(cluster: Cluster): string {
  if (cluster.endpoints.length === 0) {
    return 'The chart has no workloads: declare the pods its policies should be judged against with declareWorkloads(chart, [...]) or withWorkloads(chart, [...]).';
  }
  const lines = cluster.endpoints.map(e => `  ${endpointRef(e, cluster)} (${e.kind}${labelsText(e)})`).sort();
  const more = lines.length > MAX_LISTED ? `\n  ... and ${lines.length - MAX_LISTED} more` : '';
  return `Known endpoints:\n${lines.slice(0, MAX_LISTED).join('\n')}${more}`;
}

function labelsText(e: Endpoint): string {
  const labels = Object.entries(e.labels).map(([k, v]) => `${k}=${v}`).join(',');
  return labels ? ` ${labels}` : '';
}
