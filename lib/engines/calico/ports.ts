import { Port, Protocol } from '../../model';

/** The ports of one Calico rule: one protocol, and its ports (none: every port of the protocol). */
export interface CalicoPortGroup {
  /** The rule's protocol; undefined for a rule on every protocol and port. */
  readonly protocol?: Protocol;
  /** `destination.ports`: numbers, `'first:last'` ranges, named ports; undefined for every port of the protocol. */
  readonly ports?: (number | string)[];
}

/**
 * Splits an intent rule's ports into Calico rules: a Calico rule has one protocol, so ports are
 * grouped by protocol, in canonical port order (whatever order they come in). `Port.allPorts()` is one group with neither
 * protocol nor ports (Calico: any protocol, any port, as a Kubernetes rule without `ports`);
 * `Port.allTcp()` makes its protocol's group portless, which already covers that protocol's other ports.
 */
export function calicoPortGroups(ports: readonly Port[]): CalicoPortGroup[] {
  if (ports.some(p => p.isAllPorts)) return [{}];
  const groups = new Map<Protocol, { all: boolean; ports: (number | string)[] }>();
  for (const port of [...ports].sort((a, b) => a._compare(b))) {
    const protocol = port.protocol ?? Protocol.TCP;
    const group = groups.get(protocol) ?? { all: false, ports: [] };
    groups.set(protocol, group);
    const value = calicoPort(port);
    if (value === undefined) group.all = true;
    else group.ports.push(value);
  }
  return [...groups.entries()].map(([protocol, g]) => g.all ? { protocol } : { protocol, ports: g.ports });
}

// Calico port syntax: an integer, a `start:end` string, or a named port string
// (docs.tigera.io Calico reference, NetworkPolicy "Ports"). Undefined for every port of the protocol.
function calicoPort(port: Port): number | string | undefined {
  if (port.name !== undefined) return port.name;
  if (port.portNumber === undefined) return undefined;
  if (port.endPort !== undefined && port.endPort !== port.portNumber) return `${port.portNumber}:${port.endPort}`;
  return port.portNumber;
}
