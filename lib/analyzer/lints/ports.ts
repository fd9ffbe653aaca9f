import { PortForm } from '../compile/form';
import { readNetworkPolicyPorts } from '../compile/kubernetes';
import { Endpoint, Protocol } from '../types';

/**
 * Whether a rule's normalized ports let `port`/`protocol` through (Kubernetes semantics: undefined means every
 * port; a named port resolves on the destination's container ports; an unreadable port lets nothing through).
 */
export function portFormsAllow(ports: readonly PortForm[] | undefined, port: number, protocol: Protocol, destination?: Endpoint): boolean {
  if (ports === undefined || ports.length === 0) return true;
  return ports.some(p => portAllows(p, port, protocol, destination));
}

/** `portFormsAllow` for a rule's `ports` as written (protocol defaults to TCP; absent or empty means every port). */
export function portsAllow(ports: unknown, port: number, protocol: Protocol, destination?: Endpoint): boolean {
  return portFormsAllow(readNetworkPolicyPorts(ports), port, protocol, destination);
}

function portAllows(p: PortForm, port: number, protocol: Protocol, destination?: Endpoint): boolean {
  switch (p.kind) {
    case 'unreadable': return false;
    case 'all': return p.protocol === protocol;
    case 'number': return p.protocol === protocol && (p.endPort !== undefined ? p.port <= port && port <= p.endPort : p.port === port);
    case 'named':
      return (p.protocol ?? protocol) === protocol && destination !== undefined
        && destination.ports.some(c => c.name === p.name && c.protocol === protocol && c.port === port);
  }
}
