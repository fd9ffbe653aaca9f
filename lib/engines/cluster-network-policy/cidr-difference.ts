import * as ipaddr from 'ipaddr.js';
import { Cidr } from '../../model';

/**
 * The addresses of `block` outside every `excepts` network, as the fewest CIDRs, in address order: for targets
 * that take plain CIDR lists without exceptions (ClusterNetworkPolicy `networks`). Exact, never wider or
 * narrower. Expects valid CIDRs of one family, as a valid ipBlock peer has.
 */
export function cidrDifference(block: Cidr, excepts: readonly Cidr[]): Cidr[] {
  const out: Cidr[] = [];
  const visit = (net: Cidr): void => {
    if (excepts.some(e => e.contains(net))) return;
    // Two CIDRs overlap only when one contains the other: with no exception inside, the whole network stays.
    if (!excepts.some(e => net.contains(e))) {
      out.push(net);
      return;
    }
    halves(net).forEach(visit);
  };
  visit(block);
  return out;
}

// The two networks one bit longer that make up `net` (its prefix is shorter than the address, since it strictly contains an exception).
function halves(net: Cidr): Cidr[] {
  const [address, prefix] = ipaddr.parseCIDR(net.toString());
  const bytes = address.toByteArray();
  // The network address has the bit after the prefix clear: adding its value sets it.
  const upper = [...bytes];
  upper[Math.floor(prefix / 8)] += 2 ** (7 - (prefix % 8));
  return [bytes, upper].map(b => Cidr.of(`${text(ipaddr.fromByteArray(b))}/${prefix + 1}`));
}

function text(ip: ipaddr.IPv4 | ipaddr.IPv6): string {
  return ip.kind() === 'ipv6' ? (ip as ipaddr.IPv6).toRFC5952String() : ip.toString();
}
