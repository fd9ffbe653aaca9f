import type { PortForm } from './compile/form';
import { FlowPeer, Protocol } from './types';

/** Decides whether a flow's destination port is among a rule's ports. Built once; never throws. */
export interface PortMatcher {
  readonly text: string;
  matches(port: number, protocol: Protocol, destination: FlowPeer): boolean;
}

/** A numeric port or range of one protocol. */
export function numericPort(protocol: Protocol, port: number, endPort?: number): PortMatcher {
  const last = endPort ?? port;
  return {
    text: last !== port ? `${port}-${last}/${protocol}` : `${port}/${protocol}`,
    matches: (p, proto) => proto === protocol && p >= port && p <= last,
  };
}

/** Every port of one protocol. */
export function wholeProtocol(protocol: Protocol): PortMatcher {
  return { text: `*/${protocol}`, matches: (_p, proto) => proto === protocol };
}

/**
 * A named port, resolved on the destination pod's container ports (Kubernetes semantics): it matches
 * when the destination declares a port of that name and protocol whose number is the flow's port.
 * Admin policies name no protocol: the container port's own protocol is used.
 */
export function namedPort(protocol: Protocol | undefined, name: string): PortMatcher {
  return {
    text: protocol ? `${name}/${protocol}` : name,
    matches(p, proto, destination) {
      if ((protocol !== undefined && proto !== protocol) || destination.kind !== 'endpoint') return false;
      return destination.endpoint.ports.some(c => c.name === name && c.protocol === proto && c.port === p);
    },
  };
}

/** Parses a protocol field; unknown text yields undefined so the caller can refuse it. */
export function protocolOf(value: unknown, fallback: Protocol = 'TCP'): Protocol | undefined {
  if (value === undefined || value === null) return fallback;
  return value === 'TCP' || value === 'UDP' || value === 'SCTP' ? value : undefined;
}

/** A port that matches nothing (it could not be read). */
export const NO_PORT: PortMatcher = { text: 'nothing', matches: () => false };

/** The matcher of a NetworkPolicy or admin port (Kubernetes semantics); an unreadable port matches nothing. */
export function portMatcherOf(port: PortForm): PortMatcher {
  switch (port.kind) {
    case 'all': return wholeProtocol(port.protocol);
    case 'number': return numericPort(port.protocol, port.port, port.endPort);
    case 'named': return namedPort(port.protocol, port.name);
    case 'unreadable': return NO_PORT;
  }
}
