/**
 * CIDRs, parsed here and checked strictly: apimachinery's strict form (no leading zeros, no bits set
 * beyond the prefix, no IPv4-mapped IPv6) plus RFC 5952 canonical IPv6 text, for every engine.
 *
 * Addresses are parsed here, not with ipaddr.js: the library uses ipaddr.js, which reads an embedded
 * dotted quad such as `::1.2.3.4` as `::ffff:1.2.3.4`, and a validator sharing that parser would share its mistakes.
 */
import { Errors } from './errors';

export interface ParsedCidr {
  readonly family: 'IPv4' | 'IPv6';
  readonly bits: number;
  readonly network: bigint;
  readonly prefix: number;
}

const INVALID_CIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/**
 * apimachinery parseCIDR with strict validation (StrictIPCIDRValidation, on by default from Kubernetes 1.36;
 * a warning on 1.35), plus the API server's RFC 5952 warning as an error. Engines that accept more
 * (Calico and Cilium take a bare address; Cilium and CEL `isCIDR` take host bits) are held to the same
 * form: rendered output is canonical.
 */
export function parseStrictCidr(errors: Errors, at: string, text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? '' : text.slice(slash + 1);
  const ip = address.includes(':') ? parseIpv6(address) : parseIpv4(address);
  const bits = address.includes(':') ? 128 : 32;
  if (!ip || !/^[0-9]+$/.test(prefixText) || Number(prefixText) > bits) {
    errors.invalid(at, text, INVALID_CIDR);
    return undefined;
  }
  const family = bits === 32 ? 'IPv4' : 'IPv6';
  const prefix = Number(prefixText);
  const value = ip.bytes.reduce((n, b) => n * 256n + BigInt(b), 0n);
  const network = networkOf(value, bits, prefix);
  if (ip.leadingZeros || (prefixText.length > 1 && prefixText.startsWith('0'))) {
    errors.invalid(at, text, 'must not have leading 0s in IP or prefix length');
  } else if (family === 'IPv6' && value / 2n ** 32n === 0xffffn) {
    errors.invalid(at, text, 'must not have an IPv4-mapped IPv6 address');
  } else if (network !== value) {
    errors.invalid(at, text, 'must not have bits set beyond the prefix length');
  } else if (family === 'IPv6') {
    const canonical = `${rfc5952(ip.bytes)}/${prefix}`;
    // The API server accepts it with a warning; rendered output must be canonical, so it is an error here.
    if (canonical !== text) errors.invalid(at, text, `should be in RFC 5952 canonical format ("${canonical}")`);
  }
  return { family, bits, network, prefix };
}

/** Checks that `exceptText` is a strict CIDR strictly inside `cidr` (same family, longer prefix). */
export function checkExcept(errors: Errors, at: string, exceptText: string, cidr: ParsedCidr | undefined): void {
  const except = parseStrictCidr(errors, at, exceptText);
  if (!cidr || !except) return;
  if (except.family !== cidr.family) {
    errors.invalid(at, exceptText, `must be a strict subset of \`cidr\` (an ${except.family} network in an ${cidr.family} block)`);
  } else if (!(except.prefix > cidr.prefix && networkOf(except.network, except.bits, cidr.prefix) === cidr.network)) {
    errors.invalid(at, exceptText, 'must be a strict subset of `cidr`');
  }
}

/**
 * Go's `net.ParseCIDR`: an address (no leading zeros, no zone), `/`, a decimal prefix length. This is
 * what the API server's `format: cidr` accepts; the strict checks above come on top.
 */
export function isGoCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const ip = address.includes(':') ? parseIpv6(address) : parseIpv4(address);
  return ip !== undefined && !ip.leadingZeros && /^[0-9]{1,3}$/.test(prefixText) && Number(prefixText) <= (address.includes(':') ? 128 : 32);
}

interface ParsedIp {
  readonly bytes: number[];
  /** An IPv4 octet has a leading 0 (accepted by the legacy parser, refused by the strict one). */
  readonly leadingZeros: boolean;
}

/** Four decimal octets 0-255, as Go's sloppy parser reads them (leading zeros allowed, but reported). */
function parseIpv4(text: string): ParsedIp | undefined {
  if (!/^[0-9]{1,3}(\.[0-9]{1,3}){3}$/.test(text)) return undefined;
  const octets = text.split('.');
  if (octets.some(o => Number(o) > 255)) return undefined;
  return { bytes: octets.map(Number), leadingZeros: octets.some(o => o.length > 1 && o.startsWith('0')) };
}

/** Eight hex groups, at most one `::`, optionally ending in a dotted quad (the last 32 bits). */
function parseIpv6(text: string): ParsedIp | undefined {
  let groupsText = text;
  let tailBytes: number[] = [];
  let leadingZeros = false;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const quad = parseIpv4(tail);
    if (!quad) return undefined;
    tailBytes = quad.bytes;
    leadingZeros = quad.leadingZeros;
    // `::1.2.3.4` keeps its `::`; `1:2:3:4:5:6:1.2.3.4` drops the separator before the quad.
    groupsText = text.slice(0, text.endsWith(`::${tail}`) ? lastColon + 1 : lastColon);
  }
  const halves = groupsText.split('::');
  if (halves.length > 2) return undefined;
  const split = (part: string) => part === '' ? [] : part.split(':');
  const left = split(halves[0]);
  const right = halves.length === 2 ? split(halves[1]) : [];
  const wanted = tailBytes.length === 4 ? 6 : 8;
  const given = left.length + right.length;
  if ([...left, ...right].some(g => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
  if (halves.length === 1 ? given !== wanted : given > wanted - 1) return undefined;
  const groups = [...left, ...Array(wanted - given).fill('0'), ...right].map(g => parseInt(g, 16));
  return { bytes: [...groups.flatMap(g => [Math.floor(g / 256), g % 256]), ...tailBytes], leadingZeros };
}

/** RFC 5952 text of 16 bytes: lowercase, no leading zeros, the longest (leftmost) run of two or more zero groups as `::`. */
function rfc5952(bytes: number[]): string {
  const groups = Array.from({ length: 8 }, (_, i) => bytes[2 * i] * 256 + bytes[2 * i + 1]);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = Math.max(i, j);
  }
  const hex = (gs: number[]) => gs.map(g => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

function networkOf(value: bigint, bits: number, prefix: number): bigint {
  const size = 2n ** BigInt(bits - prefix);
  return value - value % size;
}
