import { Cidr, Peer } from '../../model';

/**
 * Address ranges pod networks are usually carved from: RFC 1918, RFC 6598 shared address space (100.64.0.0/10)
 * and IPv6 unique local addresses (fc00::/7).
 */
export const PRIVATE_RANGES: readonly Cidr[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'].map(Cidr.of);

/**
 * The private ranges an ipBlock peer reaches into after its exceptions, in canonical order: each range that
 * overlaps the block, unless an exception covers the whole overlap.
 */
export function privateRangesReached(peer: Peer): Cidr[] {
  const block = peer.cidr;
  if (!block || !block.isValid) return [];
  return PRIVATE_RANGES.filter(range => {
    // Two CIDRs overlap only when one contains the other; the overlap is the smaller one.
    const overlap = block.contains(range) ? range : range.contains(block) ? block : undefined;
    return overlap !== undefined && !peer.exceptCidrs.some(e => e.contains(overlap));
  });
}
