// What a change opens and closes: the flows allowed after and not before (and the reverse) between the workloads of
// two clusters, under one engine, with the policies added, removed and changed.

import { policyContent } from './compile/policy-content';
import { endpointNamer } from './endpoint-names';
import { EngineName, evaluatorFor } from './evaluators';
import { externalView } from './external-peers';
import { MatrixEntry, computeMatrix } from './matrix';
import { ANY_PORT_TEXT } from './probe-ports';
import { Cluster, Effect, Endpoint, Evaluator, FlowPeer, PolicyDocument, Protocol } from './types';

/** A flow allowed on one side of the change only. */
export interface FlowChange {
  /**
   * `ns/name`, or `ns/Kind/name` when two objects of the namespace share the name; a peer outside the cluster is
   * `outside:internet` or `outside:<CIDR>` (an address block a policy names).
   */
  readonly from: string;
  readonly to: string;
  /** 0 with `anyPort` for a flow to the outside on every port but those named. */
  readonly port: number;
  /** Set for a flow to or from the outside on any port (every port the policies do not name). */
  readonly anyPort?: true;
  readonly protocol: Protocol;
  readonly portName?: string;
  /** Present (false) when the verdict on that side depends on where a pod without a known IP sits. */
  readonly certain?: false;
  /**
   * Why: for an added flow, the trace of its verdict after the change; for a removed one, the trace after the change
   * when both workloads still exist, else empty (`gone` says which is gone).
   */
  readonly trace: readonly Effect[];
  /** For a removed flow: the workload that no longer exists after the change. */
  readonly gone?: string;
}

/** The policies of the change: `Kind ns/name` (no namespace for cluster-scoped kinds). */
export interface PolicyChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** Same kind, namespace and name, another apiVersion or spec. */
  readonly changed: readonly string[];
}

/** The reachability delta of a change. */
export interface ReachabilityDiff {
  readonly engine: EngineName;
  /** Allowed after the change and not before, by source, destination, port. */
  readonly added: readonly FlowChange[];
  /** Allowed before the change and not after. */
  readonly removed: readonly FlowChange[];
  readonly policies: PolicyChanges;
}

/**
 * The flows (on the ports each destination declares) allowed after the change and not before, and the reverse,
 * between the workloads of both clusters under `engine`; a workload is the same on both sides when its namespace, kind
 * and name are. A flow whose verdict is uncertain (a pod without a known IP) counts as allowed, marked. Flows with
 * the outside's named peers (`externalView`: `internet`, each address block a policy of either side names) count
 * too, per port probed; the outside is cut at the blocks of both sides, so a peer is the same addresses on each.
 */
export function reachabilityDiff(before: Cluster, after: Cluster, engine: EngineName): ReachabilityDiff {
  const afterEvaluator = evaluatorFor(engine, after);
  const beforeFlows = flowsOf(before, computeMatrix(before, evaluatorFor(engine, before)));
  const afterFlows = flowsOf(after, computeMatrix(after, afterEvaluator));
  const afterEndpoints = new Map(after.endpoints.map(e => [identity(e), e]));

  const added: FlowChange[] = [];
  for (const [key, flow] of afterFlows) {
    if (beforeFlows.has(key)) continue;
    const verdict = afterEvaluator.evaluate({ from: { kind: 'endpoint', endpoint: flow.from }, to: { kind: 'endpoint', endpoint: flow.to }, port: flow.port, protocol: flow.protocol });
    added.push(change(flow, verdict.trace));
  }
  const removed: FlowChange[] = [];
  for (const [key, flow] of beforeFlows) {
    if (afterFlows.has(key)) continue;
    const from = afterEndpoints.get(identity(flow.from));
    const to = afterEndpoints.get(identity(flow.to));
    if (from === undefined || to === undefined) {
      removed.push({ ...change(flow, []), gone: flow.names[from === undefined ? 0 : 1] });
      continue;
    }
    const verdict = afterEvaluator.evaluate({ from: { kind: 'endpoint', endpoint: from }, to: { kind: 'endpoint', endpoint: to }, port: flow.port, protocol: flow.protocol });
    removed.push(change(flow, verdict.trace));
  }
  // With the outside: the flows between workloads and the outside's named peers, on the ports probed.
  // The outside is cut at the address blocks of both sides, so a peer is the same addresses before and after.
  const cutBy: Cluster = { ...after, policies: [...before.policies, ...after.policies] };
  const outsideBefore = outsideFlows(before, evaluatorFor(engine, before), cutBy);
  const outsideAfter = outsideFlows(after, afterEvaluator, cutBy);
  for (const [key, c] of outsideAfter) if (!outsideBefore.has(key)) added.push(c.change);
  for (const [key, c] of outsideBefore) {
    if (outsideAfter.has(key)) continue;
    const now = afterEndpoints.get(c.identity);
    if (now === undefined) removed.push({ ...c.change, trace: [], gone: c.change.from.startsWith(OUTSIDE) ? c.change.to : c.change.from });
    else removed.push({ ...c.change, trace: outsideTrace(afterEvaluator, now, c) });
  }
  return {
    engine,
    added: added.sort(compareChanges),
    removed: removed.sort(compareChanges),
    policies: policyChanges(before.policies, after.policies),
  };
}

const OUTSIDE = 'outside:';

/** A flow with the outside, keyed by workload identity, direction, peer and port, with its change as `diff` lists it. */
interface OutsideFlow {
  readonly identity: string;
  readonly direction: 'egress' | 'ingress';
  readonly probes: readonly FlowPeer[];
  readonly port: number;
  readonly protocol: Protocol;
  readonly change: FlowChange;
}

/** The flows between the cluster's workloads and the outside's named peers, one per port (any port: per protocol). */
function outsideFlows(cluster: Cluster, evaluator: Evaluator, cutBy: Cluster): Map<string, OutsideFlow> {
  const nameOf = endpointNamer(cluster);
  const view = externalView(cluster, evaluator, cutBy);
  const probes = new Map(view.peers.map(p => [p.name, p.probes]));
  const out = new Map<string, OutsideFlow>();
  for (const f of view.flows) {
    const workload = nameOf(f.workload);
    const peer = `${OUTSIDE}${f.peer}`;
    const [from, to] = f.direction === 'egress' ? [workload, peer] : [peer, workload];
    for (const text of f.ports.flatMap(p => (p === ANY_PORT_TEXT ? [`${ANY_PORT_TEXT}/TCP`, `${ANY_PORT_TEXT}/UDP`] : [p]))) {
      const [portText, protocol] = text.split('/') as [string, Protocol];
      const anyPort = portText === ANY_PORT_TEXT;
      // Any port is shown, and traced, on 443/TCP or 53/UDP.
      const port = anyPort ? 0 : Number(portText);
      const listed: FlowChange = { from, to, port, ...(anyPort ? { anyPort: true as const } : {}), protocol, trace: [] };
      const key = JSON.stringify([identity(f.workload), f.direction, f.peer, text]);
      const probed = { identity: identity(f.workload), direction: f.direction, probes: probes.get(f.peer)!, port: anyPort ? (protocol === 'UDP' ? 53 : 443) : port, protocol };
      out.set(key, { ...probed, change: { ...listed, trace: outsideTrace(evaluator, f.workload, probed) } });
    }
  }
  return out;
}

/** The trace of a flow with a named peer: for the first of its probes the evaluator allows, or its first probe. */
function outsideTrace(evaluator: Evaluator, w: Endpoint, f: { direction: 'egress' | 'ingress'; probes: readonly FlowPeer[]; port: number; protocol: Protocol }): readonly Effect[] {
  const self = { kind: 'endpoint' as const, endpoint: w };
  const verdicts = f.probes.map(other => evaluator.evaluate(f.direction === 'egress'
    ? { from: self, to: other, port: f.port, protocol: f.protocol }
    : { from: other, to: self, port: f.port, protocol: f.protocol }));
  return (verdicts.find(v => v.allowed) ?? verdicts[0]).trace;
}

interface NamedFlow {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly names: readonly [string, string];
  readonly port: number;
  readonly protocol: Protocol;
  readonly portName?: string;
  readonly certain?: false;
}

/** The matrix's flows by `from>to:port/protocol` of the workloads' identities, each once. */
function flowsOf(cluster: Cluster, entries: readonly MatrixEntry[]): Map<string, NamedFlow> {
  const nameOf = endpointNamer(cluster);
  const flows = new Map<string, NamedFlow>();
  for (const e of entries) {
    const key = `${identity(e.from)}>${identity(e.to)}:${e.port}/${e.protocol}`;
    if (flows.has(key)) continue;
    flows.set(key, {
      from: e.from,
      to: e.to,
      names: [nameOf(e.from), nameOf(e.to)],
      port: e.port,
      protocol: e.protocol,
      ...(e.portName ? { portName: e.portName } : {}),
      ...(e.certain === false ? { certain: false as const } : {}),
    });
  }
  return flows;
}

function change(flow: NamedFlow, trace: readonly Effect[]): FlowChange {
  return {
    from: flow.names[0],
    to: flow.names[1],
    port: flow.port,
    protocol: flow.protocol,
    ...(flow.portName ? { portName: flow.portName } : {}),
    ...(flow.certain === false ? { certain: false as const } : {}),
    trace,
  };
}

/** A workload's identity on both sides of a change. */
function identity(e: Endpoint): string {
  return JSON.stringify([e.namespace, e.kind, e.name]);
}

function policyChanges(before: readonly PolicyDocument[], after: readonly PolicyDocument[]): PolicyChanges {
  const byKey = (docs: readonly PolicyDocument[]) => new Map(docs.map(d => [policyName(d), d]));
  const was = byKey(before);
  const is = byKey(after);
  const added = [...is.keys()].filter(k => !was.has(k)).sort(compareText);
  const removed = [...was.keys()].filter(k => !is.has(k)).sort(compareText);
  const changed = [...is.keys()].filter(k => {
    const old = was.get(k);
    const now = is.get(k)!;
    return old !== undefined && policyContent(old) !== policyContent(now);
  }).sort(compareText);
  return { added, removed, changed };
}

/** `NetworkPolicy shop/db-ingress`, `GlobalNetworkPolicy default-deny`. */
function policyName(doc: PolicyDocument): string {
  return `${doc.kind} ${doc.namespace ? `${doc.namespace}/` : ''}${doc.name}`;
}

function compareChanges(a: FlowChange, b: FlowChange): number {
  return compareText(a.from, b.from) || compareText(a.to, b.to) || a.port - b.port || compareText(a.protocol, b.protocol);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
