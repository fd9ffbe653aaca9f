// What is exposed: per workload, who may reach it (from outside the cluster, from which pods) and what outside the
// cluster it may reach, judged by the engine's evaluator with probes, never by reading one engine's rules.

import { endpointNamer } from './endpoint-names';
import { EngineName, evaluatorFor } from './evaluators';
import { externalFlows, externalPeers } from './external-peers';
import { computeMatrix } from './matrix';
import { ANY_ADDRESS, OutsidePieces, outsidePieces } from './outside-addresses';
import { podCidrsOf } from './pod-cidrs';
import { ANY_PORT_TEXT, probePortsOf } from './probe-ports';
import { Cluster, Endpoint, Evaluator, FlowPeer, Protocol } from './types';

/** Who may reach a workload on one of its declared ports. */
export interface PortExposure {
  /** `8080/TCP`, with the port's name: `8080/TCP (http)`. */
  readonly port: string;
  /** Addresses outside the pod CIDRs that may connect: `any address`, or the CIDRs; empty: none. */
  readonly fromOutside: readonly string[];
  /**
   * Whether a pod of any namespace may connect: a probe pod without labels in a namespace no manifest declares (so
   * no policy holds its egress back) is allowed in. This is the workload's own side: a pod elsewhere may still be
   * held back by its own egress policies.
   */
  readonly fromEveryNamespace: boolean;
  /** Whether every other pod of its namespace may connect. */
  readonly fromOwnNamespace: boolean;
  /** The workloads of the cluster that may connect. */
  readonly fromWorkloads: readonly string[];
}

/** What outside the cluster (or outside its workloads) a workload may reach. */
export interface OutsideReach {
  /**
   * `any address`, a CIDR, or a named peer (`externalView`): `fqdn:api.example.com` and `entity:kube-apiserver` (names
   * and entities a Cilium policy names), `cluster-dns` (when no workload of the cluster is the cluster DNS).
   */
  readonly to: string;
  /** `any port`, or the ports (`443/TCP`) of those probed that are allowed. */
  readonly ports: readonly string[];
}

/** One workload's exposure. */
export interface WorkloadExposure {
  readonly workload: string;
  /** Every probe of ingress is allowed: from any address and from a pod of any namespace, on every declared port. */
  readonly ingressOpen: boolean;
  /** Every probe of egress is allowed: to any address on any port, and to a pod of a new namespace. */
  readonly egressOpen: boolean;
  readonly ingress: readonly PortExposure[];
  readonly egress: readonly OutsideReach[];
}

/** The exposure of every workload, open ones first. */
export interface Exposure {
  readonly engine: EngineName;
  readonly podCidrs: readonly string[];
  readonly workloads: readonly WorkloadExposure[];
}

// A namespace no manifest declares, for the probe pod that stands for pods the policies do not know.
const PROBE_NAMESPACE = 'cdk-netpol-exposure-probe';

/**
 * Per workload: from outside the cluster (the addresses outside the pod CIDRs, cut at every address block the
 * policies name, one probe address per piece), from the other pods (the matrix) and from a pod of a new namespace
 * without labels (a probe no policy selects), which flows
 * to each declared port the engine allows; and which pieces of the outside it may reach, on every port the policies
 * name, the cluster's declared ports, 53, 80 and 443, and one port none of them names (standing for any other), and
 * which named peers (`externalView`: DNS names and entities a Cilium policy names, the cluster DNS).
 * Workloads open in a direction come first.
 */
export function exposureOf(cluster: Cluster, engine: EngineName): Exposure {
  const evaluator = evaluatorFor(engine, cluster);
  const nameOf = endpointNamer(cluster);
  const outside = outsidePieces(cluster, engine);
  const probePorts = probePortsOf(cluster);
  // The pods that may reach each workload on each port, from the matrix (classes, not every pair); an uncertain flow
  // (a pod without a known IP) counts as exposed.
  const sources = new Map<Endpoint, Map<string, Set<Endpoint>>>();
  for (const m of computeMatrix(cluster, evaluator)) {
    const byPort = sources.get(m.to) ?? new Map<string, Set<Endpoint>>();
    sources.set(m.to, byPort);
    const key = `${m.port}/${m.protocol}`;
    byPort.set(key, (byPort.get(key) ?? new Set()).add(m.from));
  }
  // Named peers that are not address ranges (the ranges are probed below, piece by piece): DNS names, entities, the
  // cluster DNS.
  const named = externalPeers(cluster, engine).filter(p => p.kind !== 'internet' && p.kind !== 'cidr');
  const namedReach = new Map<Endpoint, OutsideReach[]>();
  for (const f of externalFlows(cluster, evaluator, named)) {
    if (f.direction !== 'egress') continue;
    namedReach.set(f.workload, [...(namedReach.get(f.workload) ?? []), { to: f.peer, ports: f.ports }]);
  }
  const exposures = cluster.endpoints.map(w =>
    workloadExposure(cluster, evaluator, nameOf, outside, probePorts, w, sources.get(w) ?? new Map(), namedReach.get(w) ?? []));
  const open = (e: WorkloadExposure) => (e.ingressOpen || e.egressOpen ? 0 : 1);
  return {
    engine,
    podCidrs: podCidrsOf(cluster),
    workloads: exposures.sort((a, b) => open(a) - open(b) || compareText(a.workload, b.workload)),
  };
}

function workloadExposure(
  cluster: Cluster, evaluator: Evaluator, nameOf: (e: Endpoint) => string, outside: OutsidePieces, probePorts: readonly number[], w: Endpoint,
  sources: ReadonlyMap<string, ReadonlySet<Endpoint>>, namedReach: readonly OutsideReach[],
): WorkloadExposure {
  const self: FlowPeer = { kind: 'endpoint', endpoint: w };
  const probe: FlowPeer = { kind: 'endpoint', endpoint: { kind: 'Pod', name: 'probe', namespace: PROBE_NAMESPACE, labels: {}, ips: [], ports: w.ports } };
  const allows = (from: FlowPeer, to: FlowPeer, port: number, protocol: Protocol) => evaluator.evaluate({ from, to, port, protocol }).allowed;

  const ingress: PortExposure[] = w.ports.map(p => {
    const fromOutside = outside.allowedRanges(ip => allows({ kind: 'ip', ip }, self, p.port, p.protocol));
    const others = cluster.endpoints.filter(e => e !== w);
    const from = sources.get(`${p.port}/${p.protocol}`);
    const allowed = others.filter(e => from?.has(e) === true);
    const fromEveryNamespace = allows(probe, self, p.port, p.protocol);
    return {
      port: `${p.port}/${p.protocol}${p.name ? ` (${p.name})` : ''}`,
      fromOutside,
      fromEveryNamespace,
      fromOwnNamespace: others.filter(e => e.namespace === w.namespace).every(e => allowed.includes(e)),
      fromWorkloads: [...new Set(allowed.map(nameOf))].sort(compareText),
    };
  });

  // Egress: each probed port, where outside it may go.
  const byRange = new Map<string, string[]>();
  const anyOtherPort = probePorts[probePorts.length - 1];
  for (const port of probePorts) {
    for (const protocol of ['TCP', 'UDP'] as const) {
      for (const range of outside.allowedRanges(ip => allows(self, { kind: 'ip', ip }, port, protocol))) {
        const list = byRange.get(range) ?? [];
        list.push(port === anyOtherPort ? `${ANY_PORT_TEXT}/${protocol}` : `${port}/${protocol}`);
        byRange.set(range, list);
      }
    }
  }
  const ranges: OutsideReach[] = [...byRange].map(([to, ports]) => ({
    to,
    ports: ports.includes(`${ANY_PORT_TEXT}/TCP`) && ports.includes(`${ANY_PORT_TEXT}/UDP`) ? [ANY_PORT_TEXT] : ports,
  })).sort((a, b) => (a.to === ANY_ADDRESS ? -1 : b.to === ANY_ADDRESS ? 1 : compareText(a.to, b.to)));
  // Address ranges first, then the named peers in name order.
  const egress = [...ranges, ...[...namedReach].sort((a, b) => compareText(a.to, b.to))];

  const ingressOpen = w.ports.length > 0 && ingress.every(p => p.fromEveryNamespace && p.fromOutside.includes(ANY_ADDRESS));
  const egressOpen = egress.some(r => r.to === ANY_ADDRESS && r.ports.includes(ANY_PORT_TEXT)) && allows(self, probe, anyOtherPort, 'TCP');
  return { workload: nameOf(w), ingressOpen, egressOpen, ingress, egress };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
