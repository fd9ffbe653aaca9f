// Named peers that are not the cluster's workloads, for the pictures, `diff` and `exposure`: `internet` (the outside no
// policy names), each address block a policy names, each DNS name and reserved entity a Cilium policy names, and the
// cluster DNS when no workload of the cluster is it; with the flows the engine allows between them and the workloads.

import { UNMODELED_ENTITIES } from './cilium/entities';
import { representativeName } from './cilium/fqdn';
import { normalizedPolicies } from './compile';
import { CiliumPeerForm } from './compile/form';
import { INTERNET, outsidePieces } from './outside-addresses';
import { ANY_PORT_TEXT, probePortsOf } from './probe-ports';
import { Cluster, Endpoint, Evaluator, FlowPeer, Protocol } from './types';

/** What a named peer is. */
export type ExternalPeerKind = 'internet' | 'cidr' | 'fqdn' | 'entity' | 'cluster-dns';

/** The name of the cluster DNS peer. */
export const CLUSTER_DNS = 'cluster-dns';

/** A peer that is not one of the cluster's workloads. */
export interface ExternalPeer {
  /** `internet`, the CIDR as a policy writes it, `fqdn:api.example.com`, `entity:kube-apiserver`, or `cluster-dns`. */
  readonly name: string;
  readonly kind: ExternalPeerKind;
  /**
   * What is evaluated for it: one address per piece of the outside it names (a DNS name: every piece, as it may resolve
   * to any address, each reached by that name), the address standing for an entity, or the cluster DNS pod.
   */
  readonly probes: readonly FlowPeer[];
}

/** Flows between a workload and an external peer, on the ports allowed (`any port`, or `443/TCP`...). */
export interface ExternalFlow {
  readonly direction: 'egress' | 'ingress';
  readonly workload: Endpoint;
  readonly peer: string;
  readonly ports: readonly string[];
}

/** The external peers of a cluster and the flows the evaluator allows with them. */
export interface ExternalView {
  readonly peers: readonly ExternalPeer[];
  readonly flows: readonly ExternalFlow[];
}

// The cluster DNS as Kubernetes' DNS add-ons (kube-dns, CoreDNS, AKS's CoreDNS) label it.
const DNS_NAMESPACE = 'kube-system';
const DNS_LABELS = { 'k8s-app': 'kube-dns' };

/**
 * The named peers of a cluster and the flows the evaluator allows with them (`externalPeers`, `externalFlows`).
 * `cutBy`: whose policies name the peers (both sides of a change, so a peer means the same on each).
 */
export function externalView(cluster: Cluster, evaluator: Evaluator, cutBy: Cluster = cluster): ExternalView {
  const peers = externalPeers(cluster, evaluator.engine, cutBy);
  return { peers, flows: externalFlows(cluster, evaluator, peers) };
}

/**
 * `internet`, every address block the engine's policies (those of `cutBy`) name that holds addresses outside the pod
 * CIDRs, on Cilium every DNS name and reserved entity its policies name, and `cluster-dns` when no workload is the
 * cluster DNS.
 */
export function externalPeers(cluster: Cluster, engine: string, cutBy: Cluster = cluster): ExternalPeer[] {
  const pieces = outsidePieces(cutBy, engine).pieces;
  const byName = new Map<string, string[]>();
  for (const p of pieces) byName.set(p.owner, [...(byName.get(p.owner) ?? []), p.probe]);
  const addressPeers: ExternalPeer[] = [...byName].map(([name, ips]) => ({
    name, kind: name === INTERNET ? 'internet' as const : 'cidr' as const, probes: ips.map(ip => ({ kind: 'ip' as const, ip })),
  })).sort((a, b) => (a.name === INTERNET ? -1 : b.name === INTERNET ? 1 : compareText(a.name, b.name)));
  return [...addressPeers, ...namedCiliumPeers(cutBy, engine, pieces.map(p => p.probe)), ...clusterDnsPeer(cluster)];
}

/**
 * Per workload: the `peers` it may reach (on the ports the policies name, those the workloads declare, 53, 80, 443,
 * and `any port` for the others, TCP and UDP; the cluster DNS on 53 only) and those that may reach it (on its declared
 * ports; never the cluster DNS or a DNS name). A flow counts when one of the peer's probes is allowed: a DNS name
 * counts when an address it may resolve to is reachable by that name.
 */
export function externalFlows(cluster: Cluster, evaluator: Evaluator, peers: readonly ExternalPeer[]): ExternalFlow[] {
  const probePorts = probePortsOf(cluster);
  const anyOther = probePorts[probePorts.length - 1];
  const flows: ExternalFlow[] = [];
  const allowed = (from: FlowPeer, to: FlowPeer, port: number, protocol: Protocol) => evaluator.evaluate({ from, to, port, protocol }).allowed;
  for (const w of cluster.endpoints) {
    const self: FlowPeer = { kind: 'endpoint', endpoint: w };
    for (const peer of peers) {
      const dns = peer.kind === 'cluster-dns';
      const out: string[] = [];
      for (const protocol of ['TCP', 'UDP'] as const) {
        for (const port of dns ? [53] : probePorts) {
          if (peer.probes.some(p => allowed(self, p, port, protocol))) out.push(port === anyOther ? `${ANY_PORT_TEXT}/${protocol}` : `${port}/${protocol}`);
        }
      }
      if (out.length > 0) flows.push({ direction: 'egress', workload: w, peer: peer.name, ports: anyPort(out) });
      // The cluster DNS and DNS names are destinations only (`toFQDNs` is an egress rule; a name is not a source).
      if (dns || peer.kind === 'fqdn') continue;
      const into = [...w.ports].sort((a, b) => a.port - b.port || compareText(a.protocol, b.protocol))
        .filter(p => peer.probes.some(probe => allowed(probe, self, p.port, p.protocol)))
        .map(p => `${p.port}/${p.protocol}`);
      if (into.length > 0) flows.push({ direction: 'ingress', workload: w, peer: peer.name, ports: [...new Set(into)] });
    }
  }
  return flows;
}

/**
 * On Cilium: each name of a `toFQDNs` rule (`fqdn:api.example.com`, `fqdn:*.example.com`), probed at every address the
 * outside is cut into, each reached by that name (a pattern by a name it matches); and each reserved entity a rule names
 * that is neither a pod nor `world` (`entity:kube-apiserver`, `entity:host`...), probed at an address standing for it.
 */
function namedCiliumPeers(cluster: Cluster, engine: string, outsideProbes: readonly string[]): ExternalPeer[] {
  if (engine !== 'cilium') return [];
  const fqdns = new Map<string, string>();
  const entities = new Set<string>();
  const visit = (peer: CiliumPeerForm) => {
    if (peer.kind === 'entity' && UNMODELED_ENTITIES.includes(peer.name)) entities.add(peer.name);
    if (peer.kind !== 'fqdn') return;
    for (const selector of peer.fqdns) {
      const written = selector.matchName ?? selector.matchPattern;
      const name = representativeName(selector);
      if (written !== undefined && name !== undefined && !fqdns.has(written)) fqdns.set(written, name);
    }
  };
  for (const form of normalizedPolicies(cluster)) {
    if (form.family !== 'cilium' || form.failure !== undefined) continue;
    for (const set of form.ruleSets) for (const rule of [...set.ingress, ...set.egress]) (rule.peers ?? []).forEach(visit);
  }
  // Any address outside the pods will do for an entity: Cilium matches it by its identity, never by the address.
  const entityAddress = outsideProbes[0] ?? '192.0.2.1';
  return [
    ...[...fqdns].sort(([a], [b]) => compareText(a, b)).map(([written, name]) => ({
      name: `fqdn:${written}`, kind: 'fqdn' as const, probes: outsideProbes.map(ip => ({ kind: 'ip' as const, ip, fqdn: name })),
    })),
    ...[...entities].sort(compareText).map(entity => ({
      name: `entity:${entity}`, kind: 'entity' as const, probes: [{ kind: 'ip' as const, ip: entityAddress, entity }],
    })),
  ];
}

/** The cluster DNS, as a pod of kube-system labelled `k8s-app: kube-dns`, unless a workload of the cluster is it. */
function clusterDnsPeer(cluster: Cluster): ExternalPeer[] {
  const isDns = (e: Endpoint) => e.namespace === DNS_NAMESPACE && Object.entries(DNS_LABELS).every(([k, v]) => e.labels[k] === v);
  if (cluster.endpoints.some(isDns)) return [];
  const endpoint: Endpoint = {
    kind: 'Pod',
    name: CLUSTER_DNS,
    namespace: DNS_NAMESPACE,
    labels: { ...DNS_LABELS },
    ips: [],
    ports: [{ port: 53, protocol: 'UDP', name: 'dns' }, { port: 53, protocol: 'TCP', name: 'dns-tcp' }],
  };
  return [{ name: CLUSTER_DNS, kind: 'cluster-dns', probes: [{ kind: 'endpoint', endpoint }] }];
}

/** Every port of both protocols: `any port`. */
function anyPort(ports: string[]): string[] {
  return ports.includes(`${ANY_PORT_TEXT}/TCP`) && ports.includes(`${ANY_PORT_TEXT}/UDP`) ? [ANY_PORT_TEXT] : ports;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
