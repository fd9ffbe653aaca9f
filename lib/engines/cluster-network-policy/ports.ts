import { Port } from '../../model';

/**
 * The `protocols` of one intent rule, in canonical port order; undefined for every port of every protocol (the
 * rule then leaves `protocols` out, which matches any protocol and port).
 * - A port is `{tcp|udp|sctp: {destinationPort: {number}}}`, a range `{range: {start, end}}` (the CRD wants start < end,
 *   so a one-port range is a number).
 * - Every port of a protocol is the range 1-65535: the CRD refuses `tcp: {}` (minProperties 1) and port 0 is never a
 *   destination.
 * - A named port is `destinationNamedPort`, which carries no protocol: the named container port's own protocol applies
 *   (clusterNetworkPolicyWarnings reports `CLUSTER_NETWORK_POLICY_NAMED_PORT_ANY_PROTOCOL`).
 */
export function clusterNetworkPolicyProtocols(ports: readonly Port[]): any[] | undefined {
  if (ports.some(p => p.isAllPorts)) return undefined;
  return ports.map(protocolOf);
}

function protocolOf(port: Port): any {
  if (port.name !== undefined) return { destinationNamedPort: port.name };
  const key = (port.protocol ?? 'TCP').toLowerCase();
  const start = port.portNumber ?? 1;
  const end = port.portNumber === undefined ? 65535 : port.endPort ?? port.portNumber;
  return { [key]: { destinationPort: end === start ? { number: start } : { range: { end, start } } } };
}
