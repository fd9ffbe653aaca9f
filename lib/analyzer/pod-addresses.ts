import * as ipaddr from 'ipaddr.js';
import { Address, AddressPredicate } from './address-predicates';
import { ParsedCidr, parseCidr } from './ip-match';

/** An IP family as ipaddr.js names it. */
export type Family = 'ipv4' | 'ipv6';

/** Addresses a pod without a known IP may have: one address, or one of each family for a dual-stack pod. */
export interface PodAddress {
  readonly ips: readonly string[];
  readonly families: readonly Family[];
  /** Per predicate: whether one of the addresses passes it, which is how the evaluators match a pod. */
  readonly matches: readonly boolean[];
}

/** The places a pod without a known IP may be in, as far as the address predicates can tell them apart. */
export interface PodAddressSpace {
  readonly podCidrs: readonly string[];
  readonly predicates: readonly AddressPredicate[];
  /** One representative per distinct outcome of the predicates, single-family first. */
  readonly candidates: readonly PodAddress[];
  /**
   * False when every place in the pod CIDRs passes each predicate exactly as a pod without IPs does (no address
   * peer reaches into the pod CIDRs): then where the pod sits changes nothing.
   */
  readonly matters: boolean;
}

interface Range {
  readonly family: Family;
  readonly first: bigint;
  readonly last: bigint;
}

/**
 * Cuts each pod CIDR at every boundary of every predicate's networks; inside one piece every predicate answers
 * the same, so the first address of each piece stands for the piece. Pieces that answer alike are kept once.
 * With pod CIDRs of both families, a pod may be dual-stack: one address of each family together is a place too.
 */
export function podAddressSpace(podCidrs: readonly string[], predicates: readonly AddressPredicate[]): PodAddressSpace {
  const whenUnknown = predicates.map(p => p.whenUnknown);
  const singles = new Map<string, PodAddress>();
  for (const range of podCidrs.map(parseCidr).filter((c): c is ParsedCidr => c !== undefined).map(rangeOf)) {
    const cuts = new Set<bigint>([range.first]);
    for (const cidr of predicates.flatMap(p => p.cidrs).map(rangeOf)) {
      if (cidr.family !== range.family) continue;
      if (cidr.first > range.first && cidr.first <= range.last) cuts.add(cidr.first);
      if (cidr.last + 1n > range.first && cidr.last + 1n <= range.last) cuts.add(cidr.last + 1n);
    }
    for (const start of cuts) {
      const address = addressOf(start, range.family);
      const matches = predicates.map(p => p.holds(address));
      const key = JSON.stringify([range.family, matches]);
      if (!singles.has(key)) singles.set(key, { ips: [address.toString()], families: [range.family], matches });
    }
  }
  const single = [...singles.values()];
  const matters = single.some(c => c.matches.some((m, i) => m !== whenUnknown[i]));
  const dual = new Map<string, PodAddress>();
  for (const v4 of single.filter(c => c.families[0] === 'ipv4')) {
    for (const v6 of single.filter(c => c.families[0] === 'ipv6')) {
      const matches = v4.matches.map((m, i) => m || v6.matches[i]);
      const key = JSON.stringify(matches);
      if (!dual.has(key)) dual.set(key, { ips: [...v4.ips, ...v6.ips], families: ['ipv4', 'ipv6'], matches });
    }
  }
  return { podCidrs, predicates, candidates: [...single, ...dual.values()], matters };
}

function bitsOf(family: Family): number {
  return family === 'ipv4' ? 32 : 128;
}

/** The first and last address of a network, as numbers; host bits are ignored, as matching ignores them. */
function rangeOf(cidr: ParsedCidr): Range {
  const [address, prefix] = cidr.range;
  const family = address.kind();
  const size = 2n ** BigInt(bitsOf(family) - prefix);
  const first = (numberOf(address) / size) * size;
  return { family, first, last: first + size - 1n };
}

function numberOf(address: Address): bigint {
  return address.toByteArray().reduce((n, byte) => n * 256n + BigInt(byte), 0n);
}

function addressOf(value: bigint, family: Family): Address {
  const bytes: number[] = [];
  for (let i = 0, n = value; i < bitsOf(family) / 8; i++, n /= 256n) bytes.unshift(Number(n % 256n));
  return ipaddr.fromByteArray(bytes);
}
