// What is exposed: per workload, who may reach it (from outside the cluster, from which pods) and what outside the
// cluster it may reach, judged by the engine's evaluator with probes, never by reading one engine's rules.

import * as ipaddr from 'ipaddr.js';
import { addressPredicatesOf } from './address-predicates';
import { rangeOf } from './classes';
import { normalizedPolicies } from './compile';
import { endpointNamer } from './endpoint-names';
import { EngineName, evaluatorFor } from './evaluators';
import { ParsedCidr, parseCidr } from './ip-match';
import { computeMatrix } from './matrix';
import { podCidrsOf } from './pod-cidrs';
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

/** What outside the cluster a workload may reach. */
export interface OutsideReach {
  /** `any address`, or a CIDR. */
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

const ANY_ADDRESS = 'any address';
const ANY_PORT = 'any port';
// A namespace no manifest declares, for the probe pod that stands for pods the policies do not know.
const PROBE_NAMESPACE = 'cdk-netpol-exposure-probe';

/**
 * Per workload: from outside the cluster (the addresses outside the pod CIDRs, cut at every address block the
 * policies name, one probe address per piece), from the other pods (the matrix) and from a pod of a new namespace
 * without labels (a probe no policy selects), which flows
 * to each declared port the engine allows; and which pieces of the outside it may reach, on every port the policies
 * name, the cluster's declared ports, 53, 80 and 443, and one port none of them names (standing for any other).
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
  const exposures = cluster.endpoints.map(w => workloadExposure(cluster, evaluator, nameOf, outside, probePorts, w, sources.get(w) ?? new Map()));
  const open = (e: WorkloadExposure) => (e.ingressOpen || e.egressOpen ? 0 : 1);
  return {
    engine,
    podCidrs: podCidrsOf(cluster),
    workloads: exposures.sort((a, b) => open(a) - open(b) || compareText(a.workload, b.workload)),
  };
}

function workloadExposure(
  cluster: Cluster, evaluator: Evaluator, nameOf: (e: Endpoint) => string, outside: OutsidePieces, probePorts: readonly number[], w: Endpoint,
  sources: ReadonlyMap<string, ReadonlySet<Endpoint>>,
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
        list.push(port === anyOtherPort ? `${ANY_PORT}/${protocol}` : `${port}/${protocol}`);
        byRange.set(range, list);
      }
    }
  }
  const egress: OutsideReach[] = [...byRange].map(([to, ports]) => ({
    to,
    ports: ports.includes(`${ANY_PORT}/TCP`) && ports.includes(`${ANY_PORT}/UDP`) ? [ANY_PORT] : ports,
  })).sort((a, b) => (a.to === ANY_ADDRESS ? -1 : b.to === ANY_ADDRESS ? 1 : compareText(a.to, b.to)));

  const ingressOpen = w.ports.length > 0 && ingress.every(p => p.fromEveryNamespace && p.fromOutside.includes(ANY_ADDRESS));
  const egressOpen = egress.some(r => r.to === ANY_ADDRESS && r.ports.includes(ANY_PORT)) && allows(self, probe, anyOtherPort, 'TCP');
  return { workload: nameOf(w), ingressOpen, egressOpen, ingress, egress };
}

/** The addresses outside the pod CIDRs, in pieces no policy's address block splits. */
interface OutsidePieces {
  /** The pieces whose probe address `allowed` accepts, merged into CIDRs; `any address` when all are. */
  allowedRanges(allowed: (ip: string) => boolean): string[];
}

interface Piece {
  readonly family: 'ipv4' | 'ipv6';
  readonly first: bigint;
  readonly last: bigint;
}

function outsidePieces(cluster: Cluster, engine: EngineName): OutsidePieces {
  const blocks: ParsedCidr[] = [...addressPredicatesOf(cluster, engine).flatMap(p => p.cidrs), ...ciliumCidrs(cluster)];
  const pods = podCidrsOf(cluster).map(parseCidr).filter((c): c is ParsedCidr => c !== undefined);
  const pieces: Piece[] = [];
  for (const family of ['ipv4', 'ipv6'] as const) {
    const bits = family === 'ipv4' ? 32 : 128;
    const end = 2n ** BigInt(bits);
    const cuts = new Set<bigint>([0n, end]);
    for (const c of [...blocks, ...pods]) {
      const r = rangeOf(c);
      if (r.family !== family) continue;
      cuts.add(r.first);
      cuts.add(r.last + 1n);
    }
    const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const inPods = (v: bigint) => pods.some(c => {
      const r = rangeOf(c);
      return r.family === family && v >= r.first && v <= r.last;
    });
    for (let i = 0; i + 1 < sorted.length; i++) {
      if (!inPods(sorted[i])) pieces.push({ family, first: sorted[i], last: sorted[i + 1] - 1n });
    }
  }
  return {
    allowedRanges(allowed) {
      const ok = pieces.map(p => allowed(addressText(p.family, p.first)));
      if (ok.every(Boolean)) return [ANY_ADDRESS];
      // Adjacent allowed pieces merge before they are written as CIDRs.
      const merged: Piece[] = [];
      pieces.forEach((p, i) => {
        if (!ok[i]) return;
        const last = merged[merged.length - 1];
        if (last !== undefined && last.family === p.family && last.last + 1n === p.first) merged[merged.length - 1] = { ...last, last: p.last };
        else merged.push(p);
      });
      return merged.flatMap(p => cidrsOf(p));
    },
  };
}

/** Cilium's CIDR peers: outside the cluster only, so they are not address predicates, but they cut the outside. */
function ciliumCidrs(cluster: Cluster): ParsedCidr[] {
  const found: ParsedCidr[] = [];
  for (const form of normalizedPolicies(cluster)) {
    if (form.failure !== undefined || form.family !== 'cilium') continue;
    for (const set of form.ruleSets) {
      for (const rule of [...set.ingress, ...set.egress]) {
        for (const peer of rule.peers ?? []) if (peer.kind === 'cidr') found.push(peer.range.cidr, ...peer.range.except);
      }
    }
  }
  return found;
}

/** The smallest list of CIDRs that covers exactly a range of addresses. */
function cidrsOf(p: Piece): string[] {
  const bits = p.family === 'ipv4' ? 32 : 128;
  const out: string[] = [];
  let at = p.first;
  while (at <= p.last) {
    let size = 0;
    // The largest aligned block starting at `at` that stays in the range.
    while (size < bits && at % (2n ** BigInt(size + 1)) === 0n && at + 2n ** BigInt(size + 1) - 1n <= p.last) size++;
    out.push(`${addressText(p.family, at)}/${bits - size}`);
    at += 2n ** BigInt(size);
  }
  return out;
}

function addressText(family: 'ipv4' | 'ipv6', value: bigint): string {
  const bytes = family === 'ipv4' ? 4 : 16;
  const out: number[] = [];
  let v = value;
  for (let i = 0; i < bytes; i++) {
    out.unshift(Number(v % 256n));
    v /= 256n;
  }
  return ipaddr.fromByteArray(out).toString();
}

/** The ports to probe egress on: every number the cluster declares or its policies name, 53, 80, 443, and one more. */
function probePortsOf(cluster: Cluster): number[] {
  const ports = new Set<number>([53, 80, 443]);
  for (const e of cluster.endpoints) for (const p of e.ports) ports.add(p.port);
  collectPorts(normalizedPolicies(cluster), ports, new Set());
  const sorted = [...ports].filter(p => Number.isInteger(p) && p >= 1 && p <= 65535).sort((a, b) => a - b);
  // A port nothing names stands for every other: the first free one.
  let other = 1;
  while (ports.has(other)) other++;
  return [...sorted, other];
}

/** Port numbers the normalized policies name (`port`, `first`, `last`, `endPort`), wherever a form holds them. */
function collectPorts(value: unknown, into: Set<number>, seen: Set<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach(v => collectPorts(v, into, seen));
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if ((key === 'port' || key === 'first' || key === 'last' || key === 'endPort') && typeof v === 'number') into.add(v);
    else collectPorts(v, into, seen);
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
