import { normalizedPolicies } from './compile';
import { Cluster } from './types';

/** How a probe of "every other port" is written. */
export const ANY_PORT_TEXT = 'any port';

/** The ports to probe egress on: every number the cluster declares or its policies name, 53, 80, 443, and one more. */
export function probePortsOf(cluster: Cluster): number[] {
  const ports = new Set<number>([53, 80, 443]);
  for (const e of cluster.endpoints) for (const p of e.ports) ports.add(p.port);
  collectPorts(normalizedPolicies(cluster), ports, new Set());
  const sorted = [...ports].filter(p => Number.isInteger(p) && p >= 1 && p <= 65535).sort((a, b) => a - b);
  // A port nothing names stands for every other: the first free one.
  let other = 1;
  while (ports.has(other)) other++;
  return [...sorted, other];
}

/** Port numbers the normalized policies name (`port`, `first`, `last`, `endPort`), wherever a form holds them. */
function collectPorts(value: unknown, into: Set<number>, seen: Set<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach(v => collectPorts(v, into, seen));
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if ((key === 'port' || key === 'first' || key === 'last' || key === 'endPort') && typeof v === 'number') into.add(v);
    else collectPorts(v, into, seen);
  }
}

