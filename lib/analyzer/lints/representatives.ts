import { compareStrings } from '../../model/canonical-order';
import { normalizedPolicies } from '../compile';
import { LabelSelector } from '../compile/form';
import { matchesLabelSelector } from '../selectors';
import { Cluster, Endpoint, Flow, FlowPeer, Labels, Protocol } from '../types';
import { endpointSubject } from './subjects';

// Pods the lints evaluate flows with when the manifests show none: a new pod of a namespace, the cluster DNS, a
// peer in a namespace of its own. They are never added to the cluster; the evaluators judge any endpoint.

/** Where the cluster DNS runs, and the label its pods carry (kube-dns and CoreDNS alike). */
export const CLUSTER_DNS_NAMESPACE = 'kube-system';
export const CLUSTER_DNS_LABELS: Labels = { 'k8s-app': 'kube-dns' };
export const CLUSTER_DNS_TEXT = 'the cluster DNS pods (kube-system, k8s-app=kube-dns)';
export const DNS_PORT = 53;
/** TCP carries the answers too large for UDP. */
export const DNS_PROTOCOLS: readonly Protocol[] = ['UDP', 'TCP'];

/** The `source` of representative endpoints. */
const REPRESENTATIVE = 'representative';
/** A port no policy opens on purpose: a flow on it is denied when a pod is isolated. */
const PROBE_PORT = 65000;
/** A namespace name no cluster can have (not a DNS label): the probe peer is in no namespace a policy names. */
const PROBE_NAMESPACE = '<another namespace>';

/** The cluster DNS pods the manifests declare. */
export function declaredClusterDnsPods(cluster: Cluster): Endpoint[] {
  return cluster.endpoints.filter(isClusterDnsPod);
}

/** Whether the endpoint is a cluster DNS pod: in kube-system, labelled k8s-app=kube-dns. */
export function isClusterDnsPod(e: Endpoint): boolean {
  return e.namespace === CLUSTER_DNS_NAMESPACE && Object.entries(CLUSTER_DNS_LABELS).every(([k, v]) => e.labels[k] === v);
}

/** The declared cluster DNS pods, else one representative CoreDNS pod serving 53 on UDP (dns) and TCP (dns-tcp). */
export function clusterDnsPods(cluster: Cluster): Endpoint[] {
  const declared = declaredClusterDnsPods(cluster);
  if (declared.length > 0) return declared;
  return [{
    ...representativePod(CLUSTER_DNS_NAMESPACE, CLUSTER_DNS_LABELS, 'coredns'),
    ports: [{ name: 'dns', port: DNS_PORT, protocol: 'UDP' }, { name: 'dns-tcp', port: DNS_PORT, protocol: 'TCP' }],
  }];
}

/** A pod the manifests do not show, in `namespace`, carrying `labels`. */
export function representativePod(namespace: string, labels: Labels = {}, name = 'new-pod'): Endpoint {
  return { kind: 'Pod', name, namespace, labels, ips: [], ports: [], source: REPRESENTATIVE };
}

/** Whether the endpoint stands for pods the manifests do not show. */
export function isRepresentative(e: Endpoint): boolean {
  return e.source === REPRESENTATIVE;
}

/** An endpoint for messages: `org-1/Deployment/app`, or `a new pod in namespace org-1` for a representative. */
export function podText(e: Endpoint): string {
  if (!isRepresentative(e)) return endpointSubject(e);
  if (isClusterDnsPod(e)) return 'a CoreDNS pod in kube-system (k8s-app=kube-dns; not in the manifests)';
  return `a new pod in namespace ${e.namespace}`;
}

/** A pod in a namespace of its own, labelled with nothing: the peer a default deny shuts out. */
export function probePod(): Endpoint {
  return representativePod(PROBE_NAMESPACE, {}, 'probe');
}

/** A flow on the probe port, which no policy is expected to open: allowed only where nothing isolates. */
export function probeFlow(from: FlowPeer, to: FlowPeer): Flow {
  return { from, to, port: PROBE_PORT, protocol: 'TCP' };
}

/** An endpoint as a flow side. */
export function side(e: Endpoint): FlowPeer {
  return { kind: 'endpoint', endpoint: e };
}

/** Every namespace the model knows of: declared, implied, holding endpoints or namespaced policies; sorted. */
export function knownNamespaces(cluster: Cluster): string[] {
  const names = new Set<string>(cluster.namespaces.keys());
  cluster.endpoints.forEach(e => names.add(e.namespace));
  normalizedPolicies(cluster).forEach(p => p.namespace !== undefined && names.add(p.namespace));
  return [...names].sort(compareStrings);
}

/**
 * The endpoints of the model, sorted, plus a representative new pod for each known namespace without endpoints:
 * the pods a check judges when the manifests hold policies but not every workload.
 */
export function podsToJudge(cluster: Cluster): Endpoint[] {
  const declared = [...cluster.endpoints].sort((a, b) => compareStrings(endpointSubject(a), endpointSubject(b)));
  const withPods = new Set(declared.map(e => e.namespace));
  const represented = knownNamespaces(cluster).filter(n => !withPods.has(n)).map(n => representativePod(n));
  return [...declared, ...represented];
}

/**
 * The fewest labels a Kubernetes label selector selects (each matchLabels pair, the first value of an `In`, an
 * empty value for `Exists`), or undefined when they do not satisfy it (a `NotIn` on them, a contradiction).
 */
export function labelsSatisfying(selector: LabelSelector | undefined): Labels | undefined {
  if (selector === undefined) return {};
  const labels: Record<string, string> = { ...selector.matchLabels };
  for (const e of selector.matchExpressions ?? []) {
    if (labels[e.key] !== undefined) continue;
    if (e.operator === 'In' && (e.values ?? []).length > 0) labels[e.key] = String(e.values![0]);
    if (e.operator === 'Exists') labels[e.key] = '';
  }
  return matchesLabelSelector(selector, labels) ? labels : undefined;
}
