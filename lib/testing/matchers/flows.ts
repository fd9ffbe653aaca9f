import { knownEndpointsText, peerRefIn, HOW_TO_DECIDE, MatcherContextLike, MatcherResult, cannotEvaluate, indent, matcherHint } from './support';
import { explainText } from '../../analyzer';
import { ProtocolName, badProtocolText, protocolOf } from '../../analyzer/declared/protocol-name';
import { LookupError, parseFlowPeer } from '../../analyzer/endpoints';
import { Cluster, Flow, FlowPeer, Protocol } from '../../analyzer/types';
import { analyze, NetpolTarget } from '../workloads';

/** A connection to assert, as users write it. */
export interface FlowSpec {
  /** `ns/name`, `ns/Kind/name`, or an IP address. */
  readonly from: string;
  /** `ns/name`, `ns/Kind/name`, or an IP address. */
  readonly to: string;
  /** The destination's container port: a number, or a port name the destination declares. */
  readonly port: number | string;
  /** Default TCP (or the named port's protocol). */
  readonly protocol?: ProtocolName;
  /** The engine whose semantics to judge by; default: the engine of the target's policies (kubernetes when only NetworkPolicies). */
  readonly engine?: 'kubernetes' | 'calico' | 'calico-crd' | 'cilium' | 'cluster-network-policy';
}

/** A flow side resolved in a cluster, or why it could not be. */
export type Resolved<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Resolves `ref` like parseFlowPeer; an unknown or ambiguous ref explains itself and lists the endpoints known. */
export function resolvePeer(cluster: Cluster, ref: string): Resolved<FlowPeer> {
  try {
    return { ok: true, value: parseFlowPeer(cluster, ref) };
  } catch (e) {
    if (!(e instanceof LookupError)) throw e;
    return { ok: false, message: `${e.message}\n${knownEndpointsText(cluster)}` };
  }
}

/** The port and protocol of a flow to `to`: a number as given, a name as the destination declares it. */
export function resolvePort(
  cluster: Cluster, to: FlowPeer, port: number | string, protocol?: ProtocolName,
): Resolved<{ port: number; protocol: Protocol }> {
  const wanted = protocol === undefined ? undefined : protocolOf(protocol);
  if (protocol !== undefined && !wanted) return { ok: false, message: badProtocolText(protocol) };
  if (typeof port === 'number') {
    if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, message: `port ${port} is not in 1-65535` };
    return { ok: true, value: { port, protocol: wanted ?? 'TCP' } };
  }
  if (to.kind !== 'endpoint') return { ok: false, message: `port "${port}" is a name, but ${to.ip} is an address: give a number` };
  const named = to.endpoint.ports.filter(p => p.name === port && (wanted === undefined || p.protocol === wanted));
  if (named.length === 0) {
    const declared = to.endpoint.ports.map(p => `${p.name ?? '(unnamed)'} ${p.port}/${p.protocol}`).join(', ') || 'none';
    return { ok: false, message: `${peerRefIn(cluster, to)} declares no container port named "${port}"${wanted ? ` on ${wanted}` : ''} (ports: ${declared})` };
  }
  return { ok: true, value: { port: named[0].port, protocol: named[0].protocol } };
}

/** The flow a spec describes, or why it names nothing. */
export function resolveFlow(cluster: Cluster, spec: FlowSpec): Resolved<Flow> {
  const from = resolvePeer(cluster, spec.from);
  if (!from.ok) return from;
  const to = resolvePeer(cluster, spec.to);
  if (!to.ok) return to;
  const port = resolvePort(cluster, to.value, spec.port, spec.protocol);
  if (!port.ok) return port;
  return { ok: true, value: { from: from.value, to: to.value, ...port.value } };
}

/**
 * Passes when the policies of `target` allow the flow (both the source's egress and the destination's ingress).
 * An uncertain verdict (it depends on where a pod without declared IPs sits in the pod CIDRs) fails, with `.not` too.
 */
export function toAllow(this: MatcherContextLike, target: NetpolTarget, flow: FlowSpec): MatcherResult {
  return judgeFlow(this, 'toAllow', target, flow, true);
}

/** Passes when the policies of `target` deny the flow (on either side). An uncertain verdict fails, with `.not` too. */
export function toDeny(this: MatcherContextLike, target: NetpolTarget, flow: FlowSpec): MatcherResult {
  return judgeFlow(this, 'toDeny', target, flow, false);
}

function judgeFlow(ctx: MatcherContextLike, name: string, target: NetpolTarget, spec: FlowSpec, wantAllowed: boolean): MatcherResult {
  const hint = matcherHint(ctx, name, flowSpecText(spec));
  const { cluster, evaluator } = analyze(target, spec.engine);
  const flow = resolveFlow(cluster, spec);
  if (!flow.ok) return cannotEvaluate(ctx, hint, flow.message);
  const verdict = evaluator.evaluate(flow.value);
  const f = flow.value;
  const text = `${peerRefIn(cluster, f.from)} -> ${peerRefIn(cluster, f.to)} ${f.port}/${f.protocol}`;
  const wanted = (ctx.isNot ? !wantAllowed : wantAllowed) ? 'allowed' : 'denied';
  if (verdict.certain === false) {
    // Neither answer is proven, so neither the assertion nor its negation may pass.
    return {
      pass: ctx.isNot,
      message: () => `${hint}\n\nExpected ${text} to be ${wanted}, but the verdict is uncertain:\n  ${verdict.assumption}\n${HOW_TO_DECIDE}\n`
        + `The trace for a pod in no address peer:\n${indent(explainText(f, { ...verdict, certain: true }), '  ')}`,
    };
  }
  const actual = verdict.allowed ? 'allowed' : 'denied';
  return {
    pass: verdict.allowed === wantAllowed,
    message: () => `${hint}\n\nExpected ${text} to be ${wanted}, but it is ${actual}:\n${indent(explainText(f, verdict), '  ')}`,
  };
}

function flowSpecText(spec: FlowSpec): string {
  const protocol = spec.protocol ? `, protocol: '${spec.protocol}'` : '';
  const port = typeof spec.port === 'string' ? `'${spec.port}'` : String(spec.port);
  return `{ from: '${spec.from}', to: '${spec.to}', port: ${port}${protocol} }`;
}
