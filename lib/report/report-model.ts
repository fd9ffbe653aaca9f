// Everything the HTML report shows, computed by the analyzer: the report's page only draws and filters it.

import { LaidOut, layoutGraph } from './layout';
import { reachabilityDiff } from '../analyzer/diff';
import { endpointNamer } from '../analyzer/endpoint-names';
import { EngineName, evaluatorFor } from '../analyzer/evaluators';
import { effectText, explainText } from '../analyzer/explain';
import { Exposure, exposureOf } from '../analyzer/exposure';
import { externalView } from '../analyzer/external-peers';
import { runLints } from '../analyzer/lints';
import { computeMatrix } from '../analyzer/matrix';
import { ANY_PORT_TEXT } from '../analyzer/probe-ports';
import { Cluster, Endpoint, Evaluator, Flow, FlowPeer } from '../analyzer/types';

/** One flow of the report: a row of its matrix, and what clicking its edge shows. */
export interface ReportFlow {
  readonly from: string;
  readonly to: string;
  /** `8080/TCP (http)`, `any port`. */
  readonly port: string;
  /** The namespaces of its two sides (none for a peer outside the cluster), for the namespace filter. */
  readonly namespaces: readonly string[];
  /** `added` or `removed` against `--before`; `same` otherwise. */
  readonly status: 'same' | 'added' | 'removed';
  /** What `cdk-netpol explain` prints for it (after the change, for a removed flow whose workloads remain). */
  readonly trace: string;
}

/** An edge of the graph: the flows between two nodes. */
export interface ReportEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly status: 'same' | 'added' | 'removed';
  /** Indexes into `ReportModel.flows`. */
  readonly flows: readonly number[];
}

/** Per namespace: its workloads, and how many no probe gets into (ingress) or out of (egress) freely. */
export interface NamespaceCoverage {
  readonly namespace: string;
  readonly workloads: number;
  readonly ingressIsolated: number;
  readonly egressIsolated: number;
}

/** A lint finding as the report lists it. */
export interface ReportFinding {
  readonly code: string;
  readonly level: string;
  readonly subject: string;
  readonly message: string;
}

export interface ReportModel {
  readonly engine: EngineName;
  readonly summary: {
    readonly namespaces: number;
    readonly workloads: number;
    /** Policies per kind (`NetworkPolicy`, `GlobalNetworkPolicy`...). */
    readonly policies: Readonly<Record<string, number>>;
    readonly coverage: readonly NamespaceCoverage[];
  };
  /** Workloads (by namespace) and peers outside the cluster, with the edges between them, laid out. */
  readonly graph: LaidOut;
  readonly edges: readonly ReportEdge[];
  readonly flows: readonly ReportFlow[];
  readonly exposure: Exposure;
  readonly findings: readonly ReportFinding[];
  /** Set when the report compares with the manifests before a change. */
  readonly diff?: { readonly added: number; readonly removed: number };
}

/** The report of a cluster under an engine; with `before`, flows added and removed since it are marked. */
export function reportModel(cluster: Cluster, engine: EngineName, before?: Cluster): ReportModel {
  const evaluator = evaluatorFor(engine, cluster);
  const nameOf = endpointNamer(cluster);
  const flows: ReportFlow[] = [];
  const edges = new Map<string, { from: string; to: string; flows: number[]; ports: string[]; statuses: Set<string> }>();
  const addFlow = (flow: ReportFlow) => {
    const key = JSON.stringify([flow.from, flow.to]);
    const edge = edges.get(key) ?? { from: flow.from, to: flow.to, flows: [], ports: [], statuses: new Set<string>() };
    edge.flows.push(flows.length);
    edge.ports.push(flow.port);
    edge.statuses.add(flow.status);
    edges.set(key, edge);
    flows.push(flow);
  };
  const delta = before === undefined ? undefined : reachabilityDiff(before, cluster, engine);
  const added = new Set(delta?.added.map(c => `${c.from}>${c.to}:${c.port}/${c.protocol}`) ?? []);

  // Between workloads: the matrix, each port once.
  const seen = new Set<string>();
  for (const m of computeMatrix(cluster, evaluator)) {
    const key = `${nameOf(m.from)}>${nameOf(m.to)}:${m.port}/${m.protocol}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const flow: Flow = { from: { kind: 'endpoint', endpoint: m.from }, to: { kind: 'endpoint', endpoint: m.to }, port: m.port, protocol: m.protocol };
    addFlow({
      from: nameOf(m.from),
      to: nameOf(m.to),
      port: `${m.port}/${m.protocol}${m.portName ? ` (${m.portName})` : ''}`,
      namespaces: [...new Set([m.from.namespace, m.to.namespace])],
      status: added.has(key) ? 'added' : 'same',
      trace: explainText(flow, evaluator.evaluate(flow)),
    });
  }
  for (const c of delta?.removed ?? []) {
    addFlow({
      from: c.from,
      to: c.to,
      port: `${c.anyPort ? 'any port' : c.port}/${c.protocol}${c.portName ? ` (${c.portName})` : ''}`,
      namespaces: [...new Set([c.from, c.to].filter(n => !n.startsWith('outside:')).map(n => n.split('/')[0]))],
      status: 'removed',
      // As `explain` prints the flow after the change.
      trace: c.gone !== undefined
        ? `${c.gone} no longer exists`
        : [`DENY ${c.from} -> ${c.to} ${c.port}/${c.protocol}`, ...c.trace.map(e => `  ${effectText(e)}`)].join('\n'),
    });
  }
  // With the named peers, one flow per port: each flow's trace is that of one of its probes. With `before`, the outside
  // is cut at the address blocks of both sides, as `diff` cuts it, so a flow's peer is the same on each.
  const cutBy = before === undefined ? cluster : { ...cluster, policies: [...before.policies, ...cluster.policies] };
  const outside = externalView(cluster, evaluator, cutBy);
  for (const f of outside.flows) {
    const peer = outside.peers.find(p => p.name === f.peer)!;
    const from = f.direction === 'egress' ? nameOf(f.workload) : `outside:${f.peer}`;
    const to = f.direction === 'egress' ? `outside:${f.peer}` : nameOf(f.workload);
    for (const port of f.ports) {
      // `diff` lists any port per protocol, as port 0.
      const keys = (port === ANY_PORT_TEXT ? ['0/TCP', '0/UDP'] : [port.replace(`${ANY_PORT_TEXT}/`, '0/')]).map(p => `${from}>${to}:${p}`);
      addFlow({
        from,
        to,
        port,
        namespaces: [f.workload.namespace],
        status: keys.some(k => added.has(k)) ? 'added' : 'same',
        trace: externalTrace(evaluator, f.workload, peer.probes, f.direction, [port]),
      });
    }
  }

  const reportEdges: ReportEdge[] = [...edges.values()].map(e => ({
    from: e.from,
    to: e.to,
    label: e.ports.join(', '),
    status: e.statuses.size === 1 ? [...e.statuses][0] as ReportEdge['status'] : 'same',
    flows: e.flows,
  }));
  const workloads = [...cluster.endpoints].sort((a, b) => compareText(nameOf(a), nameOf(b)));
  const graph = layoutGraph(
    workloads.map(w => ({ id: nameOf(w), label: `${w.kind}/${w.name}`, namespace: w.namespace })),
    outside.peers.map(p => ({ id: `outside:${p.name}`, label: p.name })),
    reportEdges.map(e => ({ from: e.from, to: e.to })),
  );
  const exposure = exposureOf(cluster, engine);
  const policies: Record<string, number> = {};
  for (const p of cluster.policies) policies[p.kind] = (policies[p.kind] ?? 0) + 1;
  const namespaces = [...new Set(cluster.endpoints.map(e => e.namespace))].sort(compareText);
  const coverage = namespaces.map(ns => {
    const inNs = exposure.workloads.filter(w => w.workload.startsWith(`${ns}/`));
    return {
      namespace: ns,
      workloads: inNs.length,
      ingressIsolated: inNs.filter(w => !w.ingressOpen).length,
      egressIsolated: inNs.filter(w => !w.egressOpen).length,
    };
  });
  const findings = runLints(cluster, { engine }).map(f => ({ code: f.code, level: f.severity, subject: f.subject, message: f.message }));
  return {
    engine,
    summary: { namespaces: namespaces.length, workloads: cluster.endpoints.length, policies, coverage },
    graph,
    edges: reportEdges,
    flows,
    exposure,
    findings,
    ...(delta === undefined ? {} : { diff: { added: delta.added.length, removed: delta.removed.length } }),
  };
}

/** The explain text of a flow with the outside, for the first probe address and port that the evaluator allows. */
function externalTrace(evaluator: Evaluator, w: Endpoint, probes: readonly FlowPeer[], direction: 'egress' | 'ingress', ports: readonly string[]): string {
  // `any port` stands for every port: shown on 443/TCP (53/UDP for UDP only).
  const candidates = ports.flatMap((p): { port: number; protocol: Flow['protocol'] }[] => {
    const m = /^(\d+)\/(TCP|UDP|SCTP)$/.exec(p);
    if (m) return [{ port: Number(m[1]), protocol: m[2] as Flow['protocol'] }];
    return p.endsWith('/UDP') ? [{ port: 53, protocol: 'UDP' }] : [{ port: 443, protocol: 'TCP' }];
  });
  for (const { port, protocol } of candidates) {
    for (const other of probes) {
      const self = { kind: 'endpoint' as const, endpoint: w };
      const flow: Flow = direction === 'egress' ? { from: self, to: other, port, protocol } : { from: other, to: self, port, protocol };
      const verdict = evaluator.evaluate(flow);
      if (verdict.allowed) return explainText(flow, verdict);
    }
  }
  return 'allowed on every port the probes tried';
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
