import * as ipaddr from 'ipaddr.js';

/** A CIDR as Go's net.ParseCIDR reads it: the address as written (host bits kept) and the prefix length. */
export interface GoCidr {
  readonly family: 'IPv4' | 'IPv6';
  readonly bytes: readonly number[];
  readonly prefix: number;
}

/**
 * Reads a CIDR as the API server does (Go's net.ParseCIDR / netip.ParsePrefix): an IPv4 or IPv6 address, `/`,
 * a decimal prefix length. Host bits are accepted (Kubernetes 1.35 only warns; matching ignores them).
 * Refused: leading zeros (Kubernetes reads `010` as decimal 10, other tools as octal 8; 1.36 refuses it) and
 * IPv4-mapped or -embedded IPv6 (which netip refuses, and whose family tools disagree on).
 */
export function readCidr(text: string): GoCidr | { readonly error: string } {
  const slash = text.indexOf('/');
  if (slash < 0) return { error: 'the prefix length is missing (write "10.0.0.0/8", or "/32" for one address)' };
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const family = address.includes(':') ? 'IPv6' : 'IPv4';
  const bits = family === 'IPv4' ? 32 : 128;
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > bits) {
    return { error: `the prefix length must be a number from 0 to ${bits} without leading zeros` };
  }
  const bytes = family === 'IPv4' ? ipv4Bytes(address) : ipv6Bytes(address);
  if ('error' in bytes) return bytes;
  return { family, bytes, prefix: Number(prefixText) };
}

/** True when `inner` is the same family as `outer`, has a longer prefix and lies in it: Go's `Contains(except.IP) && len(cidr) < len(except)`. */
export function strictlyInside(inner: GoCidr, outer: GoCidr): boolean {
  if (inner.family !== outer.family || inner.prefix <= outer.prefix) return false;
  for (let bit = 0; bit < outer.prefix; bit++) {
    if (bitAt(inner.bytes, bit) !== bitAt(outer.bytes, bit)) return false;
  }
  return true;
}

/** Bit `index` of an address, counted from the most significant. */
function bitAt(bytes: readonly number[], index: number): number {
  return Math.floor(bytes[Math.floor(index / 8)] / 2 ** (7 - index % 8)) % 2;
}

function ipv4Bytes(address: string): number[] | { error: string } {
  if (!/^[0-9]{1,3}(\.[0-9]{1,3}){3}$/.test(address)) return { error: 'the address is not four decimal numbers from 0 to 255' };
  const octets = address.split('.');
  if (octets.some(o => Number(o) > 255)) return { error: 'an IPv4 octet is larger than 255' };
  if (octets.some(o => o.length > 1 && o.startsWith('0'))) return { error: 'an IPv4 octet has a leading zero, which tools read as decimal or octal' };
  return octets.map(Number);
}

function ipv6Bytes(address: string): number[] | { error: string } {
  if (address.includes('%')) return { error: 'an IPv6 zone (%...) is not part of a CIDR' };
  if (address.includes('.')) return { error: 'IPv4-embedded IPv6 addresses are refused; write the IPv4 network in IPv4 form' };
  if (!ipaddr.IPv6.isValid(address)) return { error: 'the address is not an IPv6 address' };
  const ip = ipaddr.IPv6.parse(address);
  if (ip.isIPv4MappedAddress()) return { error: 'IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are refused; write the IPv4 network in IPv4 form' };
  return ip.toByteArray();
}
