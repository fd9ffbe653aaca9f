import { Port } from '../../model';
import { HttpMatch } from '../../model/http-match';

/** Cilium refuses a `toPorts` entry with more ports than this (`maxPorts` in `pkg/policy/api/rule_validation.go`). */
export const CILIUM_MAX_PORTS_PER_ENTRY = 40;

/**
 * One Cilium `PortProtocol`: the port as a string (number or container port name), `endPort` for ranges,
 * and the protocol. "Every port of a protocol" is port `"0"`: Cilium wildcards the port when it is 0 and
 * keeps the protocol (its own translation of a Kubernetes NetworkPolicyPort without a port does the same).
 */
export function ciliumPort(port: Port): any {
  const out: any = {};
  if (port.endPort !== undefined && port.endPort !== port.portNumber) out.endPort = port.endPort;
  out.port = port.name ?? String(port.portNumber ?? 0);
  out.protocol = port.protocol;
  return out;
}

/** True for "every port of one protocol" (`Port.allTcp()`), which Cilium writes as port `"0"`. */
export function isWholeProtocol(port: Port): boolean {
  return !port.isAllPorts && port.portNumber === undefined && port.name === undefined;
}

/**
 * The `toPorts` of a rule: its ports in canonical order, in entries of at most 40 ports, each carrying the
 * rule's HTTP matches (entries of one rule are OR'd, so splitting does not change the meaning).
 * `undefined` when the rule matches every port: a Cilium rule without `toPorts` has no L4 restriction.
 */
export function ciliumToPorts(ports: readonly Port[], http: readonly HttpMatch[]): any[] | undefined {
  if (ports.some(p => p.isAllPorts)) return undefined;
  const rules = http.length > 0 ? { http: http.map(ciliumHttpRule) } : undefined;
  const entries: any[] = [];
  for (let i = 0; i < ports.length; i += CILIUM_MAX_PORTS_PER_ENTRY) {
    const entry: any = { ports: ports.slice(i, i + CILIUM_MAX_PORTS_PER_ENTRY).map(ciliumPort) };
    if (rules) entry.rules = rules;
    entries.push(entry);
  }
  return entries;
}

/**
 * One `rules.http` entry. Cilium reads a header as `Name` (must be present) or `Name: value` (exact value),
 * splitting at the first space, so `X-Team:a` would be read as a header named `X-Team:a`: write `Name: value`.
 */
export function ciliumHttpRule(match: HttpMatch): any {
  const out: any = {};
  const headers = (match.headers ?? []).map(ciliumHeader);
  if (headers.length > 0) out.headers = [...new Set(headers)].sort();
  if (match.method !== undefined) out.method = match.method;
  if (match.path !== undefined) out.path = match.path;
  return out;
}

function ciliumHeader(header: string): string {
  const colon = header.indexOf(':');
  if (colon < 0) return header.trim();
  return `${header.slice(0, colon).trim()}: ${header.slice(colon + 1).trim()}`;
}
