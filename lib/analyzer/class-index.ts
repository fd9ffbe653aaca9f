// Finds the classes inside a rule's peer bound (its namespaces, its networks) without walking every class.

import { EndpointClass, EndpointClasses, addressValue, rangeOf } from './classes';
import { ParsedCidr, parseIp } from './ip-match';
import { NamespaceSet, PeerBound } from './peer-reach';

/** The classes of a cluster by namespace and by their representatives' IPs. */
export interface ClassIndex {
  /** The classes in the bound's namespaces or with an IP in its networks, each once, in the classes' order. */
  within(bound: PeerBound): readonly EndpointClass[];
}

interface Located {
  readonly value: bigint;
  readonly c: EndpointClass;
}

export function classIndex(classes: EndpointClasses): ClassIndex {
  const byNamespace = new Map<string, EndpointClass[]>();
  for (const c of classes.classes) {
    const list = byNamespace.get(c.representative.namespace);
    if (list) list.push(c);
    else byNamespace.set(c.representative.namespace, [c]);
  }
  const namespaces = [...byNamespace.keys()];
  // A selector's namespaces, found once per selector text: many rules name the same namespaces.
  const selected = new Map<string, readonly string[]>();
  const namesOf = (set: NamespaceSet): readonly string[] => {
    if ('names' in set) return set.names;
    let found = selected.get(set.key);
    if (found === undefined) {
      found = namespaces.filter(ns => set.matches(ns));
      selected.set(set.key, found);
    }
    return found;
  };
  let sorted: { ipv4: Located[]; ipv6: Located[] } | undefined;
  const inNetworks = (cidrs: readonly ParsedCidr[], out: Set<EndpointClass>) => {
    if (sorted === undefined) sorted = sortedByAddress(classes);
    for (const cidr of cidrs) {
      const { family, first, last } = rangeOf(cidr);
      const list = sorted[family];
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (list[mid].value < first) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < list.length && list[i].value <= last; i++) out.add(list[i].c);
    }
  };
  return {
    within(bound) {
      // One namespace (a namespaced policy's own): its classes, already in order.
      if (bound.networks.length === 0 && bound.namespaces.length === 1) {
        const names = namesOf(bound.namespaces[0]);
        if (names.length === 1) return byNamespace.get(names[0]) ?? [];
      }
      const found = new Set<EndpointClass>();
      for (const set of bound.namespaces) {
        for (const ns of namesOf(set)) for (const c of byNamespace.get(ns) ?? []) found.add(c);
      }
      if (bound.networks.length > 0) inNetworks(bound.networks, found);
      return [...found].sort((a, b) => a.index - b.index);
    },
  };
}

/** The representatives' IPs, as numbers, sorted per family. */
function sortedByAddress(classes: EndpointClasses): { ipv4: Located[]; ipv6: Located[] } {
  const sorted: { ipv4: Located[]; ipv6: Located[] } = { ipv4: [], ipv6: [] };
  for (const c of classes.classes) {
    for (const ip of c.representative.ips) {
      const address = parseIp(ip);
      if (address !== undefined) sorted[address.kind()].push({ value: addressValue(address), c });
    }
  }
  const byValue = (a: Located, b: Located) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  sorted.ipv4.sort(byValue);
  sorted.ipv6.sort(byValue);
  return sorted;
}
