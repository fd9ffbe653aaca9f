import { PortMatcher, namedPort, numericPort, protocolOf, wholeProtocol } from '../ports';
import { FlowPeer, Protocol } from '../types';

/** A port matcher that may carry the L7 rules Cilium enforces on top of the L4 allow. */
export interface CiliumPortMatcher extends PortMatcher {
  /** `http GET /public`: the L7 rules of the port rule, for explanations. */
  readonly l7?: string;
}

const TRANSPORT: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
/** Protocols Cilium accepts in toPorts that carry no transport port: they never match a TCP/UDP/SCTP flow. */
const NON_TRANSPORT = ['VRRP', 'IGMP', 'ICMP', 'ICMPV6'];

/** Every port of every transport protocol (a deny rule's unreadable port, read fail-closed). */
const ANY_PORT: CiliumPortMatcher = { text: '*/ANY', matches: (_p, proto) => TRANSPORT.includes(proto) };

const NO_PORT = (text: string): CiliumPortMatcher => ({ text, matches: () => false });

/**
 * One `toPorts[].ports[]` entry (pkg/policy/api PortProtocol): `port` is a number (`"0"` is every port) or
 * an IANA service name resolved on the destination pod's container ports (case-insensitive); `endPort`
 * makes a range (Cilium 1.16+); `protocol` TCP, UDP, SCTP, or ANY/empty for all three.
 */
export function ciliumPort(entry: any, l7: string | undefined, deny: boolean, problem: (p: string) => void): CiliumPortMatcher {
  const unreadable = (why: string): CiliumPortMatcher => {
    problem(why);
    return deny ? { ...ANY_PORT, text: `*/ANY [${why}: treated as matching, fail closed]` } : NO_PORT(`nothing [${why}]`);
  };
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return unreadable('a port entry is not a mapping');
  const proto = entry.protocol === undefined || entry.protocol === null || entry.protocol === '' ? 'ANY' : String(entry.protocol).toUpperCase();
  if (proto !== 'ANY' && !TRANSPORT.includes(proto as Protocol) && !NON_TRANSPORT.includes(proto)) {
    return unreadable(`unknown protocol ${JSON.stringify(entry.protocol)}`);
  }
  const raw = entry.port;
  if (raw === undefined || raw === null || raw === '') return unreadable('a port entry has no port');
  const protocols: readonly Protocol[] = proto === 'ANY' ? TRANSPORT : TRANSPORT.includes(proto as Protocol) ? [proto as Protocol] : [];
  const withL7 = (m: PortMatcher, text = m.text): CiliumPortMatcher => ({ text, matches: m.matches, ...(l7 ? { l7 } : {}) });
  const text = (port: string) => `${port}/${proto}`;
  if (typeof raw === 'number' || /^[0-9]+$/.test(String(raw))) {
    // Go's ParseUint with base 0, as Cilium parses it: a leading 0 is octal.
    const text0 = String(raw);
    const port = typeof raw === 'number' ? raw : /^0[0-7]+$/.test(text0) ? parseInt(text0, 8) : /^0[0-9]+$/.test(text0) ? NaN : Number(text0);
    if (!Number.isInteger(port) || port < 0 || port > 65535) return unreadable(`port ${JSON.stringify(raw)} is out of range`);
    if (port === 0) return withL7({ text: text('*'), matches: (_p, pr) => protocols.includes(pr) });
    const end = typeof entry.endPort === 'number' && entry.endPort > port ? Math.min(entry.endPort, 65535) : port;
    return withL7({
      text: text(end !== port ? `${port}-${end}` : `${port}`),
      matches: (p, pr) => protocols.includes(pr) && p >= port && p <= end,
    });
  }
  if (typeof raw !== 'string') return unreadable(`port ${JSON.stringify(raw)} is neither a number nor a name`);
  const name = raw.toLowerCase();
  const byName = namedPort(undefined, name);
  return withL7({ text: text(name), matches: (p, pr, dest: FlowPeer) => protocols.includes(pr) && byName.matches(p, pr, dest) });
}

/** The L7 part of a port rule as one phrase: `http GET /public`, `dns matchPattern=*`, `kafka role=produce topic=t`. */
export function l7Text(portRule: any): string | undefined {
  const rules = portRule?.rules;
  const parts: string[] = [];
  if (rules && typeof rules === 'object') {
    for (const h of Array.isArray(rules.http) ? rules.http : []) {
      parts.push(['http', h?.method || '*', h?.path || '*', h?.host ? `host=${h.host}` : undefined].filter(Boolean).join(' '));
    }
    for (const d of Array.isArray(rules.dns) ? rules.dns : []) {
      parts.push(`dns ${d?.matchName !== undefined ? `matchName=${d.matchName}` : `matchPattern=${d?.matchPattern}`}`);
    }
    for (const k of Array.isArray(rules.kafka) ? rules.kafka : []) {
      const fields = ['role', 'apiKey', 'apiVersion', 'clientID', 'topic'].filter(f => k?.[f] !== undefined).map(f => `${f}=${k[f]}`);
      parts.push(['kafka', ...fields].join(' '));
    }
    if (rules.l7proto) parts.push(`l7 ${rules.l7proto}`);
  }
  if (Array.isArray(portRule?.serverNames) && portRule.serverNames.length > 0) parts.push(`tls sni ${portRule.serverNames.join(',')}`);
  if (portRule?.listener?.name) parts.push(`envoy listener ${portRule.listener.name}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** A rule's `toPorts`, flattened: every port of every port rule, each with its rule's L7 text. */
export function ciliumToPorts(toPorts: readonly any[], field: string, deny: boolean, problem: (p: string) => void): CiliumPortMatcher[] {
  return toPorts.flatMap((portRule, i) => {
    const ports = portRule?.ports;
    if (!Array.isArray(ports) || ports.length === 0) {
      if (deny) {
        problem(`${field}[${i}] lists no ports; read as every port (fail closed)`);
        return [{ ...ANY_PORT, text: '*/ANY [no ports listed: treated as matching, fail closed]' }];
      }
      problem(`${field}[${i}] lists no ports; it matches nothing`);
      return [];
    }
    const l7 = deny ? undefined : l7Text(portRule);
    return ports.map((p: any, j: number) => ciliumPort(p, l7, deny, why => problem(`${field}[${i}].ports[${j}]: ${why}`)));
  });
}

/**
 * A NetworkPolicy port as Cilium translates it (pkg/k8s ParsePorts): protocol TCP unless given, no port
 * is every port of the protocol, a name is resolved on the destination pod, `endPort` makes a range.
 */
export function networkPolicyPort(entry: any, problem: (p: string) => void): PortMatcher {
  const protocol = protocolOf(entry?.protocol);
  if (protocol === undefined) {
    problem(`unknown protocol ${JSON.stringify(entry?.protocol)}; it matches nothing`);
    return NO_PORT('nothing');
  }
  if (entry?.port === undefined || entry?.port === null) return wholeProtocol(protocol);
  if (typeof entry.port === 'string') return namedPort(protocol, entry.port);
  return numericPort(protocol, Number(entry.port), typeof entry.endPort === 'number' && entry.endPort > entry.port ? entry.endPort : undefined);
}
