// Named peers outside the cluster for the matrix's pictures: `internet` (the outside no policy names) and each
// address block a policy names, with the flows the engine allows between them and the workloads.

import { INTERNET, outsidePieces } from './outside-addresses';
import { ANY_PORT_TEXT, probePortsOf } from './probe-ports';
import { Cluster, Endpoint, Evaluator, FlowPeer, Protocol } from './types';

/** A peer outside the cluster. */
export interface ExternalPeer {
  /** `internet`, or the CIDR as a policy writes it. */
  readonly name: string;
  /** The addresses evaluated for it: one per piece of the outside it names. */
  readonly probes: readonly string[];
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

/**
 * The outside of the cluster as named peers (`internet`, and every address block the engine's policies name that
 * holds addresses outside the pod CIDRs), and per workload: the peers it may reach (on the ports the policies name,
 * those the workloads declare, 53, 80, 443, and `any port` for the others, TCP and UDP) and those that may reach it
 * (on its declared ports). A flow counts when one of the peer's probe addresses is allowed.
 */
export function externalView(cluster: Cluster, evaluator: Evaluator, cutBy: Cluster = cluster): ExternalView {
  // `cutBy`: whose address blocks name the peers (both sides of a change, so a peer means the same on each).
  const pieces = outsidePieces(cutBy, evaluator.engine).pieces;
  const byName = new Map<string, string[]>();
  for (const p of pieces) byName.set(p.owner, [...(byName.get(p.owner) ?? []), p.probe]);
  const peers = [...byName].map(([name, probes]) => ({ name, probes }))
    .sort((a, b) => (a.name === INTERNET ? -1 : b.name === INTERNET ? 1 : compareText(a.name, b.name)));
  const probePorts = probePortsOf(cluster);
  const anyOther = probePorts[probePorts.length - 1];
  const flows: ExternalFlow[] = [];
  const allowed = (from: FlowPeer, to: FlowPeer, port: number, protocol: Protocol) => evaluator.evaluate({ from, to, port, protocol }).allowed;
  for (const w of cluster.endpoints) {
    const self: FlowPeer = { kind: 'endpoint', endpoint: w };
    for (const peer of peers) {
      const out: string[] = [];
      for (const protocol of ['TCP', 'UDP'] as const) {
        for (const port of probePorts) {
          if (peer.probes.some(ip => allowed(self, { kind: 'ip', ip }, port, protocol))) out.push(port === anyOther ? `${ANY_PORT_TEXT}/${protocol}` : `${port}/${protocol}`);
        }
      }
      if (out.length > 0) flows.push({ direction: 'egress', workload: w, peer: peer.name, ports: anyPort(out) });
      const into = [...w.ports].sort((a, b) => a.port - b.port || compareText(a.protocol, b.protocol))
        .filter(p => peer.probes.some(ip => allowed({ kind: 'ip', ip }, self, p.port, p.protocol)))
        .map(p => `${p.port}/${p.protocol}`);
      if (into.length > 0) flows.push({ direction: 'ingress', workload: w, peer: peer.name, ports: [...new Set(into)] });
    }
  }
  return { peers, flows };
}

/** Every port of both protocols: `any port`. */
function anyPort(ports: string[]): string[] {
  return ports.includes(`${ANY_PORT_TEXT}/TCP`) && ports.includes(`${ANY_PORT_TEXT}/UDP`) ? [ANY_PORT_TEXT] : ports;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
