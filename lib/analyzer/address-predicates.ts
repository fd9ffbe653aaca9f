import * as ipaddr from 'ipaddr.js';
import { normalizedPolicies } from './compile';
import { CalicoAddressesForm, IpBlockPeerForm, NetworksPeerForm } from './compile/form';
import { ParsedCidr, ipInCidr } from './ip-match';
import { ipBlockText, networksText } from './peers';
import { PolicyFamily } from './policy-family';
import { Cluster } from './types';

/** An address as ipaddr.js parses it. */
export type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * A test on one address that an evaluator uses to match a pod by its IPs: a NetworkPolicy `ipBlock`, an admin
 * policy's `networks`, a Calico rule's `nets`/`notNets`. A pod matches when one of its IPs passes.
 */
export interface AddressPredicate {
  /** The peer as traces print it: `ipBlock(10.0.0.0/8 except 10.1.0.0/16)`, `networks(...)`, `nets(...) notNets(...)`. */
  readonly text: string;
  /** The policy holding it, named as evaluators name it: `NetworkPolicy prod/db-ingress`, `AdminNetworkPolicy x`... */
  readonly policy: string;
  /** Every network it names: where membership may change. */
  readonly cidrs: readonly ParsedCidr[];
  /** What the evaluator answers for a pod whose IPs are not known. */
  readonly whenUnknown: boolean;
  holds(address: Address): boolean;
}

/**
 * The families of policies each engine's evaluator reads and matches pods by address in. Cilium matches pods by
 * identity only: its CIDR rules (and NetworkPolicy ipBlocks under Cilium) never select a pod.
 */
const ADDRESS_FAMILIES: Readonly<Record<string, readonly PolicyFamily[]>> = {
  'kubernetes': ['kubernetes', 'admin'],
  'cluster-network-policy': ['kubernetes', 'admin'],
  'calico': ['kubernetes', 'admin', 'calico'],
  'calico-crd': ['kubernetes', 'admin', 'calico'],
  'cilium': [],
};

/** Every address predicate in the policies `engine` reads, once per policy and text, in the order the policies write them. */
export function addressPredicatesOf(cluster: Cluster, engine: string): AddressPredicate[] {
  // An engine this table does not know: read every family that matches by address, so nothing is missed.
  const families = ADDRESS_FAMILIES[engine] ?? ['kubernetes', 'admin', 'calico'];
  const found = new Map<string, AddressPredicate>();
  for (const form of normalizedPolicies(cluster)) {
    if (form.failure !== undefined || !families.includes(form.family)) continue;
    const policy = form.id;
    const add = (p: Omit<AddressPredicate, 'policy'> | undefined) => {
      if (p !== undefined) found.set(JSON.stringify([policy, p.text]), { ...p, policy });
    };
    switch (form.family) {
      case 'kubernetes':
        form.addressPeers.forEach(peer => add(ipBlockPredicate(peer)));
        break;
      case 'admin':
        form.addressPeers.forEach(peer => add(networksPredicate(peer)));
        break;
      case 'calico':
        form.addressPeers.forEach(addresses => add(netsPredicate(addresses)));
        break;
    }
  }
  return [...found.values()];
}

/** `cidr` minus every `except`; an unreadable CIDR makes the peer match nothing, as the evaluators read it. */
function ipBlockPredicate(peer: IpBlockPeerForm): Omit<AddressPredicate, 'policy'> | undefined {
  const range = peer.range;
  if (range === undefined) return undefined;
  return {
    text: ipBlockText(peer),
    cidrs: [range.cidr, ...range.except],
    whenUnknown: false,
    holds: a => ipInCidr(a, range.cidr) && !range.except.some(x => ipInCidr(a, x)),
  };
}

/** Any of the networks; unreadable ones match nothing. */
function networksPredicate(peer: NetworksPeerForm): Omit<AddressPredicate, 'policy'> {
  const cidrs = peer.cidrs;
  return {
    text: networksText(peer),
    cidrs,
    whenUnknown: false,
    holds: a => cidrs.some(c => ipInCidr(a, c)),
  };
}

/**
 * A Calico entity's `nets` and `notNets` (a bare address is a /32 or /128; unreadable entries are left out, as
 * the Calico evaluator reads them). A pod without IPs is in no net: it fails `nets` and passes `notNets` alone.
 */
function netsPredicate(addresses: CalicoAddressesForm): Omit<AddressPredicate, 'policy'> {
  const nets = addresses.nets?.cidrs;
  const notNets = addresses.notNets?.cidrs;
  const text = [
    addresses.nets ? `nets(${addresses.nets.written.join(',')})` : '',
    addresses.notNets ? `notNets(${addresses.notNets.written.join(',')})` : '',
  ].filter(Boolean).join(' ');
  return {
    text,
    cidrs: [...nets ?? [], ...notNets ?? []],
    whenUnknown: nets === undefined,
    holds: a => (nets === undefined || nets.some(c => ipInCidr(a, c))) && (notNets === undefined || !notNets.some(c => ipInCidr(a, c))),
  };
}
