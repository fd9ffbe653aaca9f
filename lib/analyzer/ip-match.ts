import * as ipaddr from 'ipaddr.js';

/** A parsed CIDR; host bits are ignored, as the API server's matching does. */
export interface ParsedCidr {
  readonly text: string;
  readonly range: [ipaddr.IPv4 | ipaddr.IPv6, number];
}

/** Parses a CIDR leniently (host bits allowed); undefined when it is not a CIDR at all. */
export function parseCidr(text: string): ParsedCidr | undefined {
  try {
    const range = ipaddr.parseCIDR(String(text));
    return { text: String(text), range };
  } catch {
    return undefined;
  }
}

/** Parses an IP address; IPv4-mapped IPv6 addresses count as their IPv4 address. */
export function parseIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  try {
    return ipaddr.process(String(text));
  } catch {
    return undefined;
  }
}

/** True when `ip` lies in `cidr` (different families never match). */
export function ipInCidr(ip: ipaddr.IPv4 | ipaddr.IPv6, cidr: ParsedCidr): boolean {
  return ip.kind() === cidr.range[0].kind() && ip.match(cidr.range);
}
