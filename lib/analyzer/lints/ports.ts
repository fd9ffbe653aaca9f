import { Endpoint, Protocol } from '../types';

/**
 * Whether a rule's `ports` list lets `port`/`protocol` through (Kubernetes semantics: absent or empty
 * means every port; protocol defaults to TCP; a named port resolves on the destination's container ports).
 */
export function portsAllow(ports: unknown, port: number, protocol: Protocol, destination?: Endpoint): boolean {
  if (!Array.isArray(ports) || ports.length === 0) return true;
  return ports.some(p => portAllows(p, port, protocol, destination));
}

function portAllows(p: any, port: number, protocol: Protocol, destination?: Endpoint): boolean {
  if ((p?.protocol ?? 'TCP') !== protocol) return false;
  if (p.port == null) return true;
  if (typeof p.port === 'number') return typeof p.endPort === 'number' ? p.port <= port && port <= p.endPort : p.port === port;
  return destination !== undefined && destination.ports.some(c => c.name === p.port && c.protocol === protocol && c.port === port);
}
