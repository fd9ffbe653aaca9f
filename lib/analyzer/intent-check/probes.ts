import { Port, Protocol as ModelProtocol } from '../../model';
import { ContainerPort, FlowPeer, Protocol } from '../types';

/** A port a check tries: a number, or a container port name the destination resolves. */
export type PortProbe =
  | { readonly kind: 'number'; readonly port: number; readonly protocol: Protocol }
  | { readonly kind: 'named'; readonly name: string; readonly protocol?: Protocol };

/** Numeric ports the app's intents name, per protocol, sorted: where a whole-protocol or range allow is tried. */
export type AppPorts = ReadonlyMap<Protocol, readonly number[]>;

// A port no intent names, to try whether the other side is open on every port.
const UNNAMED_PORT = 65535;
// Where a representative destination declares a named port: any number works, the flow only needs one.
const REPRESENTATIVE_NAMED_PORT = 65000;
// A range or a whole protocol is tried on at most this many ports.
const MAX_PROBES = 32;

/** The ports the app's intents name, per protocol. */
export function appPortsOf(ports: readonly Port[]): AppPorts {
  const byProtocol = new Map<Protocol, Set<number>>();
  for (const port of ports) {
    if (port.portNumber === undefined || port.isAllPorts) continue;
    const protocol = (port.protocol ?? ModelProtocol.TCP) as Protocol;
    const set = byProtocol.get(protocol) ?? new Set<number>();
    set.add(port.portNumber);
    if (port.endPort !== undefined) set.add(port.endPort);
    byProtocol.set(protocol, set);
  }
  return new Map([...byProtocol].map(([protocol, set]) => [protocol, [...set].sort((a, b) => a - b)]));
}

/** The ports an allow on `port` is tried on: a flow on any of them that gets through shows the allow is not dead. */
export function portProbes(port: Port, appPorts: AppPorts): PortProbe[] {
  const number = (p: number, protocol: Protocol): PortProbe => ({ kind: 'number', port: p, protocol });
  if (port.name !== undefined) {
    return [{ kind: 'named', name: port.name, ...(port.protocol ? { protocol: port.protocol as Protocol } : {}) }];
  }
  const protocols: Protocol[] = port.isAllPorts ? ['TCP', 'UDP'] : [port.protocol as Protocol];
  const single = port.portNumber !== undefined && (port.endPort === undefined || port.endPort === port.portNumber);
  if (single) return [number(port.portNumber!, protocols[0])];
  const first = port.portNumber ?? 1;
  const last = port.endPort ?? UNNAMED_PORT;
  return protocols.flatMap(protocol => {
    const named = (appPorts.get(protocol) ?? []).filter(p => p >= first && p <= last);
    const tried = [...new Set([first, ...named, last])].slice(0, MAX_PROBES);
    return tried.map(p => number(p, protocol));
  });
}

/** The container ports a representative destination declares so that the named probes resolve on it. */
export function declaredPorts(probes: readonly PortProbe[]): ContainerPort[] {
  return probes.flatMap(p => p.kind === 'named' ? [{ name: p.name, port: REPRESENTATIVE_NAMED_PORT, protocol: p.protocol ?? 'TCP' }] : []);
}

/** The port and protocol of each flow a probe makes to `destination`: a named port resolves on the destination pod. */
export function flowPorts(probe: PortProbe, destination: FlowPeer): { port: number; protocol: Protocol }[] {
  if (probe.kind === 'number') return [{ port: probe.port, protocol: probe.protocol }];
  if (destination.kind !== 'endpoint') return [];
  return destination.endpoint.ports
    .filter(c => c.name === probe.name && (probe.protocol === undefined || c.protocol === probe.protocol))
    .map(c => ({ port: c.port, protocol: c.protocol }));
}
