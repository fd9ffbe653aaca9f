import * as ipaddr from 'ipaddr.js';
import { ENDPOINT_KINDS } from './loading/kinds';
import { Cluster, Endpoint, FlowPeer } from './types';

/** A reference to an endpoint or an address that names nothing, or more than one thing. */
export class LookupError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'LookupError';
  }
}

// Candidates listed in a "not found" message.
const MAX_LISTED = 10;

/** `ns/Kind/name`: unique in a cluster. */
export function endpointId(e: Endpoint): string {
  return `${e.namespace}/${e.kind}/${e.name}`;
}

/**
 * `ns/name`: how people name workloads. With `cluster`, `ns/Kind/name` when another endpoint of
 * the namespace has the same name, so that `findEndpoint(cluster, endpointRef(e, cluster))` is `e`.
 */
export function endpointRef(e: Endpoint, cluster?: Cluster): string {
  const shared = cluster?.endpoints.some(o => o !== e && o.namespace === e.namespace && o.name === e.name) ?? false;
  return shared ? endpointId(e) : `${e.namespace}/${e.name}`;
}

/**
 * The endpoint that `ref` names: `ns/name`, or `ns/Kind/name` (Kind in any case) when the name is
 * shared by several kinds in the namespace.
 *
 * @throws LookupError when the reference is malformed, names nothing (the message lists names of the
 *   namespace), or is ambiguous (the message lists the `ns/Kind/name` candidates)
 */
export function findEndpoint(cluster: Cluster, ref: string): Endpoint {
  const parts = ref.split('/');
  if ((parts.length !== 2 && parts.length !== 3) || parts.some(p => p === '')) {
    throw new LookupError(`"${ref}" is not an endpoint reference: use "namespace/name" or "namespace/Kind/name"`);
  }
  const [namespace, name] = [parts[0], parts[parts.length - 1]];
  const kind = parts.length === 3 ? canonicalKind(parts[1], ref) : undefined;
  const found = cluster.endpoints.filter(e => e.namespace === namespace && e.name === name && (kind === undefined || e.kind === kind));
  if (found.length === 1) return found[0];
  if (found.length > 1) {
    throw new LookupError(`"${ref}" is ambiguous: it names ${found.map(endpointId).join(', ')}; use one of these`);
  }
  throw new LookupError(`no endpoint "${ref}": ${namespaceContents(cluster, namespace)}`);
}

/**
 * A flow side: an IPv4 or IPv6 address (outside the cluster's endpoints), or an endpoint reference
 * as `findEndpoint` reads it.
 *
 * @throws LookupError for a malformed address, a network (CIDR) instead of an address, or a reference that names nothing
 */
export function parseFlowPeer(cluster: Cluster, ref: string): FlowPeer {
  const ip = addressOf(ref);
  if (ip !== undefined) return { kind: 'ip', ip };
  return { kind: 'endpoint', endpoint: findEndpoint(cluster, ref) };
}

/** The canonical text of an address, undefined when `ref` does not look like one. */
function addressOf(ref: string): string | undefined {
  const slash = ref.indexOf('/');
  const head = slash < 0 ? ref : ref.slice(0, slash);
  const v4 = ipaddr.IPv4.isValidFourPartDecimal(head);
  const v6 = head.includes(':') && !head.includes('%') && ipaddr.IPv6.isValid(head);
  if (slash >= 0) {
    if (v4 || v6) throw new LookupError(`"${ref}" is a network: a flow goes to one address, e.g. "${head}"`);
    return undefined;
  }
  if (v4) return ipaddr.IPv4.parse(ref).toString();
  if (v6) {
    const parsed = ipaddr.IPv6.parse(ref);
    if (ref.includes('.') || parsed.isIPv4MappedAddress()) {
      throw new LookupError(`"${ref}" is an IPv4-mapped IPv6 address, which Kubernetes does not accept: write the IPv4 address`);
    }
    return parsed.toRFC5952String();
  }
  // Endpoint references always have a "/": anything else that resembles an address is a typo of one.
  if (/^[0-9.]+$/.test(ref)) throw new LookupError(`"${ref}" is not an IPv4 address: write four decimal numbers from 0 to 255, e.g. "10.0.0.1"`);
  if (ref.includes(':')) throw new LookupError(`"${ref}" is not an IPv6 address`);
  return undefined;
}

function canonicalKind(kind: string, ref: string): string {
  const known = ENDPOINT_KINDS.find(k => k.toLowerCase() === kind.toLowerCase());
  if (known === undefined) throw new LookupError(`"${ref}": "${kind}" is not a workload kind; use one of ${ENDPOINT_KINDS.join(', ')}`);
  return known;
}

function namespaceContents(cluster: Cluster, namespace: string): string {
  const refs = cluster.endpoints.filter(e => e.namespace === namespace).map(e => endpointRef(e, cluster));
  if (refs.length === 0) {
    const namespaces = [...new Set(cluster.endpoints.map(e => e.namespace))];
    if (namespaces.length === 0) return 'the manifests declare no workloads';
    return `namespace "${namespace}" has no workloads; namespaces with workloads: ${listed(namespaces)}`;
  }
  return `namespace "${namespace}" has ${listed(refs)}`;
}

function listed(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).join(', ');
  return items.length > MAX_LISTED ? `${shown} and ${items.length - MAX_LISTED} more` : shown;
}
