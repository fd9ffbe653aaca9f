import { Endpoint } from '../types';

/** `ns/Kind/name`: unique in a cluster, the subject of endpoint findings (same form as the loader's `endpointId`). */
export function endpointSubject(e: Endpoint): string {
  return `${e.namespace}/${e.kind}/${e.name}`;
}

/** `Namespace ns`. */
export function namespaceSubject(namespace: string): string {
  return `Namespace ${namespace}`;
}
