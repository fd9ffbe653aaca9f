import { knownEndpointsText, peerRefIn } from './peer-ref';
import { ProtocolName, badProtocolText, protocolOf } from '../analyzer/declared/protocol-name';
import { LookupError, parseFlowPeer } from '../analyzer/endpoints';
import { Cluster, Flow, FlowPeer, Protocol } from '../analyzer/types';

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
