// Equivalence classes of endpoints under one engine's policies: two endpoints are in one class when no policy the
// engine reads can tell them apart, so a verdict between two classes' representatives holds for every member.

import * as ipaddr from 'ipaddr.js';
import { Address, AddressPredicate, addressPredicatesOf } from './address-predicates';
import { NAMESPACE_LABELS_PREFIX, POD_NAMESPACE_LABEL, SERVICE_ACCOUNT_LABEL, parseSelectorKey } from './cilium/labels';
import { normalizedPolicies } from './compile';
import {
  CalicoEntityForm, CalicoPolicyForm, CiliumPolicyForm, LabelSelector, NetworkPolicyForm, AdminPolicyForm, PolicyForm, PortForm,
} from './compile/form';
import { ParsedCidr, parseIp } from './ip-match';
import { PolicyFamily } from './policy-family';
import { Cluster, Endpoint, Labels } from './types';
import { calicoSelectorKeys, CalicoSelector } from '../engines/calico/selector-language';

/** Endpoints no policy of the engine can tell apart. */
export interface EndpointClass {
  /** Position in `EndpointClasses.classes`. */
  readonly index: number;
  /** The first member, in the cluster's order: verdicts are computed for it. */
  readonly representative: Endpoint;
  /** In the cluster's order. */
  readonly members: readonly Endpoint[];
}

/** What tells endpoints apart under an engine's policies; each part is read from the normalized policies. */
export interface ClassFeatures {
  /**
   * Label keys some selector reads on a pod; undefined when every label counts (an engine these classes do not
   * know). Namespaces always count: every engine scopes policies or peers to namespaces.
   */
  readonly labelKeys?: ReadonlySet<string>;
  /** Whether a selector reads the pod's service account (Calico and Cilium can). */
  readonly serviceAccount: boolean;
  /** Whether a named port is resolved on the destination's declared ports: then those ports tell pods apart. */
  readonly ports: boolean;
  /** The tests an engine matches a pod's IPs with (ipBlock, networks, nets), each once: a pod's IPs count only through them. */
  readonly addresses: readonly AddressPredicate[];
  /** Whether a rule reads the family of a pod's IPs (a Calico `ipVersion`), or pod addresses count at all. */
  readonly families: boolean;
}

/** The classes of a cluster's endpoints under one engine. */
export interface EndpointClasses {
  readonly engine: string;
  readonly features: ClassFeatures;
  /** In the order of their representatives in the cluster. */
  readonly classes: readonly EndpointClass[];
  /** The class of an endpoint of the cluster. */
  classOf(endpoint: Endpoint): EndpointClass;
}

/** The policy families each engine's evaluator reads. */
const FAMILIES: Readonly<Record<string, readonly PolicyFamily[]>> = {
  'kubernetes': ['kubernetes', 'admin'],
  'cluster-network-policy': ['kubernetes', 'admin'],
  'calico': ['kubernetes', 'admin', 'calico'],
  'calico-crd': ['kubernetes', 'admin', 'calico'],
  'cilium': ['kubernetes', 'cilium'],
};

const CALICO_SERVICE_ACCOUNT_KEYS = (key: string) => key.startsWith('pcsa.') || key === 'projectcalico.org/serviceaccount';

/**
 * Groups the cluster's endpoints into classes no policy `engine` reads can tell apart: same namespace, same values
 * of the labels some selector reads (Kubernetes label selectors, Calico selector expressions with their `has()`,
 * `in` and `!`, Cilium endpoint selectors, Service selectors Calico rules name), the same service account when a
 * selector reads it, the same answers of the engine's address tests on their IPs (never on Cilium, which matches
 * pods by identity), and the same declared ports when a named port is resolved on them. An engine these classes do
 * not know keeps every label, IP, account and port.
 */
export function endpointClasses(cluster: Cluster, engine: string): EndpointClasses {
  const features = classFeatures(cluster, engine);
  const byKey = new Map<string, { index: number; representative: Endpoint; members: Endpoint[] }>();
  const classes: { index: number; representative: Endpoint; members: Endpoint[] }[] = [];
  const of = new Map<Endpoint, EndpointClass>();
  const keyOf = classKey(features);
  for (const e of cluster.endpoints) {
    const key = keyOf(e);
    let found = byKey.get(key);
    if (found === undefined) {
      found = { index: classes.length, representative: e, members: [] };
      byKey.set(key, found);
      classes.push(found);
    }
    found.members.push(e);
    of.set(e, found);
  }
  return {
    engine,
    features,
    classes,
    classOf(endpoint) {
      const found = of.get(endpoint);
      if (found === undefined) throw new Error(`endpoint ${endpoint.namespace}/${endpoint.name} is not of the cluster`);
      return found;
    },
  };
}

/** What tells endpoints apart under `engine`, read from the normalized policies it reads. */
export function classFeatures(cluster: Cluster, engine: string): ClassFeatures {
  const families = FAMILIES[engine];
  if (families === undefined) {
    // An evaluator of unknown semantics: only endpoints alike in everything are alike.
    return { serviceAccount: true, ports: true, addresses: [], families: true };
  }
  const reader = new FeatureReader();
  for (const form of normalizedPolicies(cluster)) {
    if (form.failure !== undefined || !families.includes(form.family)) continue;
    reader.read(form, engine);
  }
  // Pods' IPs count only where the engine matches pods by address (never on Cilium).
  const seen = new Set<string>();
  const addresses = addressPredicatesOf(cluster, engine).filter(p => {
    const key = `${p.text}\u0000${p.whenUnknown}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    labelKeys: reader.labelKeys,
    serviceAccount: reader.serviceAccount,
    ports: reader.namedPorts,
    addresses,
    families: reader.ipVersion || addresses.length > 0,
  };
}

/** Collects what the policies read on pods. */
class FeatureReader {
  public readonly labelKeys = new Set<string>();
  public serviceAccount = false;
  public namedPorts = false;
  public ipVersion = false;

  public read(form: Exclude<PolicyForm, { failure: string }>, engine: string): void {
    switch (form.family) {
      case 'kubernetes': return this.networkPolicy(form);
      case 'admin': return this.adminPolicy(form);
      case 'calico': return this.calicoPolicy(form);
      case 'cilium': return engine === 'cilium' ? this.ciliumPolicy(form) : undefined;
    }
  }

  private networkPolicy(form: NetworkPolicyForm): void {
    this.labelSelector(form.podSelector);
    for (const rule of [...form.ingress, ...form.egress]) {
      for (const peer of rule.peers ?? []) if (peer.kind === 'pods') this.labelSelector(peer.podSelector);
      this.ports(rule.ports);
    }
  }

  private adminPolicy(form: AdminPolicyForm): void {
    if (form.subject.kind === 'pods') this.labelSelector(form.subject.podSelector);
    for (const rule of [...form.ingress, ...form.egress]) {
      for (const peer of rule.peers ?? []) if (peer.kind === 'pods') this.labelSelector(peer.podSelector);
      this.ports(rule.ports);
    }
  }

  private calicoPolicy(form: CalicoPolicyForm): void {
    if (form.subject.kind === 'endpoints') {
      this.calicoSelector(form.subject.selector);
      if (form.subject.serviceAccountSelector !== undefined) this.serviceAccount = true;
    }
    for (const rule of [...form.ingress, ...form.egress]) {
      if (rule.ipVersion !== undefined) this.ipVersion = true;
      this.calicoEntity(rule.source);
      this.calicoEntity(rule.destination);
    }
  }

  private calicoEntity(entity: CalicoEntityForm): void {
    this.calicoSelector(entity.selector);
    this.calicoSelector(entity.notSelector);
    if (entity.serviceAccounts !== undefined) this.serviceAccount = true;
    if (entity.services !== undefined) {
      // A Service's pods by its selector; as a destination, its target ports, which may be names.
      Object.keys(entity.services.service?.selector ?? {}).forEach(k => this.labelKeys.add(k));
      this.namedPorts = true;
    }
    for (const ports of [entity.ports, entity.notPorts]) {
      if (ports?.ports.some(p => p.kind === 'named')) this.namedPorts = true;
    }
  }

  private calicoSelector(selector: CalicoSelector | undefined): void {
    if (selector === undefined) return;
    for (const key of calicoSelectorKeys(selector)) {
      // `pcns.*` are the namespace's (namespaces always count), `pcsa.*` the service account's; a pod may carry
      // a label of that key itself, which then wins: keep the key too.
      if (CALICO_SERVICE_ACCOUNT_KEYS(key)) this.serviceAccount = true;
      this.labelKeys.add(key);
    }
  }

  private ciliumPolicy(form: CiliumPolicyForm): void {
    for (const set of form.ruleSets) {
      if (set.subject.kind === 'endpoints') this.ciliumSelector(set.subject.selector);
      for (const rule of [...set.ingress, ...set.egress]) {
        for (const peer of rule.peers ?? []) if (peer.kind === 'endpoints') this.ciliumSelector(peer.selector);
        if (rule.ports?.some(p => p.kind === 'named')) this.namedPorts = true;
      }
      [...set.requires.ingress, ...set.requires.egress].forEach(s => this.ciliumSelector(s));
    }
  }

  /** A Cilium endpoint selector reads identity labels: the pod's own, its namespace's and its service account. */
  private ciliumSelector(selector: any): void {
    if (selector === null || typeof selector !== 'object') return;
    const raw = [
      ...Object.keys(selector.matchLabels ?? {}),
      ...(Array.isArray(selector.matchExpressions) ? selector.matchExpressions.map((e: any) => String(e?.key)) : []),
    ];
    for (const { source, key } of raw.map(parseSelectorKey)) {
      if (source === 'reserved') continue;
      if (key === SERVICE_ACCOUNT_LABEL) this.serviceAccount = true;
      // The namespace's name and labels are the namespace's, which always counts.
      if (key === POD_NAMESPACE_LABEL || key.startsWith(NAMESPACE_LABELS_PREFIX)) continue;
      this.labelKeys.add(key);
    }
  }

  private labelSelector(selector: LabelSelector | undefined): void {
    if (selector === undefined || selector === null || typeof selector !== 'object') return;
    Object.keys(selector.matchLabels ?? {}).forEach(k => this.labelKeys.add(k));
    if (Array.isArray(selector.matchExpressions)) selector.matchExpressions.forEach(e => this.labelKeys.add(String(e?.key)));
  }

  private ports(ports: readonly PortForm[] | undefined): void {
    if (ports?.some(p => p.kind === 'named')) this.namedPorts = true;
  }
}

/** The key of an endpoint's class: equal keys, equal verdicts. */
function classKey(features: ClassFeatures): (e: Endpoint) => string {
  const { labelKeys, serviceAccount, ports, addresses, families } = features;
  const places = addresses.length > 0 || families ? addressPlaces(addresses) : undefined;
  const sortedKeys = labelKeys === undefined ? undefined : [...labelKeys].sort();
  // The read keys a pod carries, in order: by the read keys when they are fewer than its labels, else by its labels.
  const readLabels = (labels: Labels): string[] => {
    if (sortedKeys === undefined) return Object.keys(labels).sort();
    const own = Object.keys(labels);
    if (sortedKeys.length <= own.length) return sortedKeys.filter(k => Object.prototype.hasOwnProperty.call(labels, k));
    return own.filter(k => labelKeys!.has(k)).sort();
  };
  // Every string is JSON-quoted and the separators sit outside the quotes: equal keys, equal parts.
  const text = JSON.stringify;
  return e => {
    let key = text(e.namespace);
    for (const k of readLabels(e.labels)) key += `,${text(k)}:${text(e.labels[k])}`;
    if (serviceAccount) key += `;sa:${text(e.serviceAccount ?? 'default')}`;
    if (ports) key += `;ports:${text(e.ports.map(p => [p.port, p.protocol, p.name ?? null]))}`;
    if (labelKeys === undefined) {
      key += `;ips:${text([...e.ips].sort())}`;
    } else if (places !== undefined) {
      // Where its IPs sit among the address tests' networks: equal places pass the same tests.
      const at = new Set<string>();
      for (const ip of e.ips) {
        const address = addressOf(ip);
        if (address !== undefined) at.add(places(address));
      }
      key += `;ips:${e.ips.length === 0 ? 'none' : [...at].sort().join(' ')}`;
    }
    return key;
  };
}

/**
 * The place of an address among the networks the address tests name: the address space of each family cut at every
 * first address and every address after the last of each network. Every test answers alike for the addresses of one
 * place (each of its networks holds all of them or none), so a pod's places stand for its IPs. Found by binary
 * search: the classes cost the pods' IPs and the networks, not their product.
 */
function addressPlaces(predicates: readonly AddressPredicate[]): (address: Address) => string {
  const cuts = { ipv4: new Set<bigint>(), ipv6: new Set<bigint>() };
  for (const cidr of predicates.flatMap(p => p.cidrs)) {
    const { family, first, last } = rangeOf(cidr);
    cuts[family].add(first);
    cuts[family].add(last + 1n);
  }
  // IPv4 addresses fit in a double: compared as numbers, the common case skips bigints.
  const v4 = [...cuts.ipv4].map(Number).sort((a, b) => a - b);
  const v6 = [...cuts.ipv6].sort(compareBig);
  const place = <T>(list: readonly T[], value: T): number => {
    // The number of cuts at or below the address.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (list[mid] <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return address => {
    if (address.kind() === 'ipv4') {
      const [a, b, c, d] = address.toByteArray();
      return `4:${place(v4, ((a * 256 + b) * 256 + c) * 256 + d)}`;
    }
    return `6:${place(v6, addressValue(address))}`;
  };
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const DOTTED_QUAD = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** An IP as `parseIp` reads it, plain dotted quads (most pod IPs) without its general parser. */
function addressOf(ip: string): Address | undefined {
  const quad = DOTTED_QUAD.exec(ip);
  return quad ? new ipaddr.IPv4([Number(quad[1]), Number(quad[2]), Number(quad[3]), Number(quad[4])]) : parseIp(ip);
}

/** An address as a number. */
export function addressValue(address: Address): bigint {
  let n = 0n;
  for (const byte of address.toByteArray()) n = n * 256n + BigInt(byte);
  return n;
}

/** The first and last address of a network, as numbers; host bits are ignored, as matching ignores them. */
export function rangeOf(cidr: ParsedCidr): { family: 'ipv4' | 'ipv6'; first: bigint; last: bigint } {
  const [address, prefix] = cidr.range;
  const family = address.kind();
  const bits = family === 'ipv4' ? 32 : 128;
  const size = 2n ** BigInt(bits - prefix);
  const first = (addressValue(address) / size) * size;
  return { family, first, last: first + size - 1n };
}
