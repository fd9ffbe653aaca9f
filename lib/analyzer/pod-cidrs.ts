import * as ipaddr from 'ipaddr.js';
import { Cluster } from './types';

/**
 * Where pods get their IPs when nothing says otherwise: the private ranges (RFC 1918 and the IPv6 unique local
 * addresses, RFC 4193), which hold every common pod CIDR (10.244.0.0/16, 192.168.0.0/16, 10.0.0.0/8...).
 */
export const DEFAULT_POD_CIDRS: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'];

/** The pod CIDRs of a cluster: those it declares, else `DEFAULT_POD_CIDRS`. */
export function podCidrsOf(cluster: Cluster): readonly string[] {
  return cluster.podCidrs ?? DEFAULT_POD_CIDRS;
}

/**
 * Checks pod CIDRs as users give them (`declareWorkloads` options, `--pod-cidr`): a non-empty list of networks
 * written `address/prefix`. Returns them unchanged.
 *
 * @throws Error naming `where` and the first bad value
 */
export function checkPodCidrs(cidrs: unknown, where: string): readonly string[] {
  if (!Array.isArray(cidrs) || cidrs.length === 0) {
    throw new Error(`${where}: expected a non-empty list of CIDRs such as ["10.244.0.0/16"], got ${describe(cidrs)}`);
  }
  for (const cidr of cidrs) {
    const problem = podCidrProblem(cidr);
    if (problem) throw new Error(`${where}: ${describe(cidr)} is not a pod CIDR: ${problem}`);
  }
  return cidrs;
}

/** What is wrong with one pod CIDR, or undefined when it is a network written `address/prefix`. */
export function podCidrProblem(cidr: unknown): string | undefined {
  if (typeof cidr !== 'string') return 'write it as a string such as "10.244.0.0/16"';
  if (!cidr.includes('/')) return `a CIDR has a prefix length, e.g. "${cidr}/16"`;
  try {
    const [address] = ipaddr.parseCIDR(cidr);
    // Kubernetes does not accept IPv4-mapped IPv6 addresses; pods never have them.
    if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) return 'it is an IPv4-mapped IPv6 network; write the IPv4 network';
    if (address.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(cidr.split('/')[0])) return 'write IPv4 addresses as four decimal numbers, e.g. "10.244.0.0/16"';
    return undefined;
  } catch {
    return 'expected an IPv4 or IPv6 network such as "10.244.0.0/16" or "fd00:10:244::/56"';
  }
}

function describe(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x);
  if (Array.isArray(x)) return `a list of ${x.length}`;
  return x === null || typeof x !== 'object' ? String(x) : 'an object';
}
