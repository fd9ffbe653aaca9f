import { Cluster, Endpoint } from './types';

/**
 * Names endpoints the way the CLI and the matchers read them back: `ns/name`, or `ns/Kind/name` when two objects in the
 * namespace share the name.
 */
export function endpointNamer(cluster: Cluster): (e: Endpoint) => string {
  const counts = new Map<string, number>();
  for (const e of cluster.endpoints) {
    const key = `${e.namespace}/${e.name}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return e => {
    const short = `${e.namespace}/${e.name}`;
    return (counts.get(short) ?? 0) > 1 ? `${e.namespace}/${e.kind}/${e.name}` : short;
  };
}
