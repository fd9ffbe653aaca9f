import * as ipaddr from 'ipaddr.js';
import { ParsedCidr, ipInCidr, parseCidr } from './ip-match';
import { PolicyFamily, policyFamily } from './policy-family';
import { Cluster, PolicyDocument } from './types';

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

/** Every address predicate in the policies `engine` reads, once per policy and text. */
export function addressPredicatesOf(cluster: Cluster, engine: string): AddressPredicate[] {
  // An engine this table does not know: read every family that matches by address, so nothing is missed.
  const families = ADDRESS_FAMILIES[engine] ?? ['kubernetes', 'admin', 'calico'];
  const found = new Map<string, AddressPredicate>();
  for (const doc of cluster.policies) {
    const family = policyFamily(doc);
    if (!families.includes(family)) continue;
    const policy = policyId(doc, family);
    const add = (p: Omit<AddressPredicate, 'policy'> | undefined) => {
      if (p !== undefined) found.set(JSON.stringify([policy, p.text]), { ...p, policy });
    };
    walk(doc.spec, node => {
      if (family === 'kubernetes' && node.ipBlock !== undefined) add(ipBlockPredicate(node.ipBlock));
      if (family === 'admin' && Array.isArray(node.networks)) add(networksPredicate(node.networks));
      if (family === 'calico' && (Array.isArray(node.nets) || Array.isArray(node.notNets))) add(netsPredicate(node));
    });
  }
  return [...found.values()];
}

/** `cidr` minus every `except`; an unreadable CIDR makes the peer match nothing, as the evaluators read it. */
function ipBlockPredicate(block: any): Omit<AddressPredicate, 'policy'> | undefined {
  const except: unknown[] = Array.isArray(block?.except) ? block.except : [];
  const cidr = parseCidr(block?.cidr);
  const excluded = except.map(x => parseCidr(String(x)));
  if (cidr === undefined || excluded.some(x => x === undefined)) return undefined;
  const exceptions = excluded as ParsedCidr[];
  return {
    text: `ipBlock(${block.cidr}${except.length ? ` except ${except.join(',')}` : ''})`,
    cidrs: [cidr, ...exceptions],
    whenUnknown: false,
    holds: a => ipInCidr(a, cidr) && !exceptions.some(x => ipInCidr(a, x)),
  };
}

/** Any of the networks; unreadable ones match nothing. */
function networksPredicate(networks: unknown[]): Omit<AddressPredicate, 'policy'> {
  const cidrs = networks.map(n => parseCidr(String(n))).filter((c): c is ParsedCidr => c !== undefined);
  return {
    text: `networks(${networks.join(',')})`,
    cidrs,
    whenUnknown: false,
    holds: a => cidrs.some(c => ipInCidr(a, c)),
  };
}

/**
 * A Calico entity's `nets` and `notNets` (a bare address is a /32 or /128; unreadable entries are left out, as
 * the Calico evaluator reads them). A pod without IPs is in no net: it fails `nets` and passes `notNets` alone.
 */
function netsPredicate(entity: any): Omit<AddressPredicate, 'policy'> {
  const list = (key: 'nets' | 'notNets'): ParsedCidr[] | undefined => {
    if (!Array.isArray(entity[key]) || entity[key].length === 0) return undefined;
    return entity[key].map((n: unknown) => String(n))
      .map((n: string) => parseCidr(n.includes('/') ? n : `${n}/${n.includes(':') ? 128 : 32}`))
      .filter((c: ParsedCidr | undefined): c is ParsedCidr => c !== undefined);
  };
  const nets = list('nets');
  const notNets = list('notNets');
  const text = [nets ? `nets(${entity.nets.join(',')})` : '', notNets ? `notNets(${entity.notNets.join(',')})` : ''].filter(Boolean).join(' ');
  return {
    text,
    cidrs: [...nets ?? [], ...notNets ?? []],
    whenUnknown: nets === undefined,
    holds: a => (nets === undefined || nets.some(c => ipInCidr(a, c))) && (notNets === undefined || !notNets.some(c => ipInCidr(a, c))),
  };
}

/** The policy's name as the evaluators' traces start it. */
function policyId(doc: PolicyDocument, family: PolicyFamily): string {
  if (family === 'kubernetes') return `NetworkPolicy ${doc.namespace ?? 'default'}/${doc.name}`;
  if (family === 'calico' && doc.kind !== 'GlobalNetworkPolicy') return `Calico NetworkPolicy ${doc.namespace ?? 'default'}/${doc.name}`;
  return `${doc.kind} ${doc.name}`;
}

/** Visits every object under `x`. */
function walk(x: unknown, visit: (node: any) => void): void {
  if (Array.isArray(x)) {
    x.forEach(item => walk(item, visit));
  } else if (x !== null && typeof x === 'object') {
    visit(x);
    Object.values(x).forEach(value => walk(value, visit));
  }
}
