import { CalicoAddressesForm, CalicoEntityForm, CalicoNetworkSetForm, CalicoServiceForm } from '../compile/form';
import { ipInCidr, parseIp } from '../ip-match';
import { NamespaceSet, PeerBound } from '../peer-reach';
import { Endpoint, Flow, FlowPeer } from '../types';
import { CalicoLabels } from './labels';
import { CalicoPort, calicoPortText } from './rule-fields';
import { CalicoScope, calicoSelectorText, matchesCalicoSelector } from './selector';

/** A three-valued match: `unknown` when the manifests cannot tell (a source port, an HTTP path). */
export type Match = 'yes' | 'no' | 'unknown';

/** What a rule's `source` or `destination` requires of its side of a flow. */
export interface EntityMatcher {
  /** `selector(app == "web") ports(8080)`; empty when the entity requires nothing. */
  readonly text: string;
  /** As a `source`: where the endpoints it may match are (undefined: anywhere), for the matrix. */
  readonly bound?: PeerBound;
  match(flow: Flow): Match;
}

/** What compiling a rule needs to know about the policy and the cluster. */
export interface EntityContext {
  readonly labels: CalicoLabels;
  /** The namespace of a namespaced policy; undefined for a GlobalNetworkPolicy. */
  readonly namespace?: string;
}

type PeerTest = (peer: FlowPeer, flow: Flow) => Match;

/**
 * Compiles a normalized EntityRule the way Calico does (updateprocessors/rules.go `GetEntityRuleSelector`):
 * `selector` and `serviceAccounts` select endpoints and network sets, scoped to the `namespaceSelector`'s namespaces
 * or else, in a namespaced policy, to the policy's namespace as soon as any selector field is set; `notSelector` is
 * not scoped; `nets`, `notNets`, `ports` and `notPorts` match addresses and ports. Every criterion given must hold.
 * Selectors match by address, as felix's IP sets do: a side whose address lies in a selected network set is selected,
 * be it an address outside the cluster or a pod. A named port is a container port of a pod the selector matches
 * itself (felix/calc/rule_scanner.go: network sets have no ports); without a rule protocol, of any protocol.
 */
export function compileEntity(entity: CalicoEntityForm, side: 'source' | 'destination', ctx: EntityContext): EntityMatcher {
  const parts: string[] = [];
  const tests: PeerTest[] = [];
  const peerOf = (flow: Flow) => side === 'source' ? flow.from : flow.to;

  const identity = identityTest(entity, ctx, parts);
  if (identity) tests.push(identity.test);
  const bound = entity.services?.service ? { namespaces: [{ names: [entity.services.namespace] }], networks: [] }
    : entity.addresses?.nets ? { namespaces: [], networks: entity.addresses.nets.cidrs }
      : identity?.bound;
  const selectsPod = identity?.selectsPod;
  const addresses = entity.addresses ? addressTest(entity.addresses, parts) : undefined;
  if (addresses) tests.push(addresses);
  if (entity.services) tests.push(serviceTest(entity.services, side, parts));
  for (const key of ['ports', 'notPorts'] as const) {
    const form = entity[key];
    if (form === undefined) continue;
    const ports = form.ports;
    parts.push(`${key}(${ports.map(calicoPortText).join(',')})`);
    if (form.unreadable || side === 'source') {
      // A flow names its destination port only: the source port is the client's, usually ephemeral.
      tests.push(() => 'unknown');
    } else {
      const negate = key === 'notPorts';
      tests.push((peer, flow) => ports.some(p => portMatches(p, flow, peer, selectsPod)) !== negate ? 'yes' : 'no');
    }
  }
  if (tests.length === 0) return { text: parts.join(' '), match: () => 'yes' };
  return {
    text: parts.join(' '),
    ...(bound === undefined ? {} : { bound }),
    match(flow) {
      const peer = peerOf(flow);
      let result: Match = 'yes';
      for (const test of tests) {
        const m = test(peer, flow);
        if (m === 'no') return 'no';
        if (m === 'unknown') result = 'unknown';
      }
      return result;
    },
  };
}

/** An entity's identity test, and whether its positive expression matches a pod by its labels (for named ports). */
interface IdentityTest {
  readonly test: PeerTest;
  readonly selectsPod?: (e: Endpoint) => boolean;
  /** Where the endpoints it may match are: its namespaces, or the selected network sets' networks. */
  readonly bound?: PeerBound;
}

function identityTest(entity: CalicoEntityForm, ctx: EntityContext, parts: string[]): IdentityTest | undefined {
  if (entity.unreadableSelector) return { test: () => 'unknown' };
  const { selector, notSelector, namespaceSelector, serviceAccounts } = entity;
  const positive: ((e: Endpoint) => boolean)[] = [];
  if (serviceAccounts) {
    const { names, selector: accountSelector } = serviceAccounts;
    positive.push(e => (names.length === 0 || names.includes(e.serviceAccount ?? 'default'))
      && (accountSelector === undefined || matchesCalicoSelector(accountSelector, ctx.labels.serviceAccount(e))));
    parts.push(`serviceAccounts(${[names.length ? `names=${names.join(',')}` : '', accountSelector ? calicoSelectorText(accountSelector) : ''].filter(Boolean).join(' ')})`);
  }
  if (selector) {
    positive.push(e => matchesCalicoSelector(selector, ctx.labels.endpoint(e)));
    parts.push(`selector(${calicoSelectorText(selector)})`);
  }
  const namespaceScope: CalicoScope = { namespaces: true };
  const inNamespaces = namespaceSelector
    ? (e: Endpoint) => matchesCalicoSelector(namespaceSelector, ctx.labels.namespace(e.namespace), namespaceScope)
    : ctx.namespace !== undefined ? (e: Endpoint) => e.namespace === ctx.namespace : undefined;
  if (namespaceSelector) parts.push(`namespaceSelector(${calicoSelectorText(namespaceSelector)})`);
  // Scoped to namespaces as soon as any selector field is used, notSelector included.
  if (inNamespaces && (positive.length > 0 || notSelector || namespaceSelector)) {
    positive.unshift(inNamespaces);
    if (!namespaceSelector) parts.push(`in namespace ${ctx.namespace}`);
  }
  const selected = entity.selectedSets ?? [];
  const notSelected = entity.notSelectedSets ?? [];
  if (selected.length > 0) parts.push(`or in networkSets(${selected.map(setName).join(',')})`);
  if (notSelector) parts.push(`notSelector(${calicoSelectorText(notSelector)})`);
  if (notSelected.length > 0) parts.push(`nor in networkSets(${notSelected.map(setName).join(',')})`);
  if (positive.length === 0 && !notSelector) return undefined;
  const selectsPod = positive.length > 0 ? (e: Endpoint) => positive.every(p => p(e)) : undefined;
  const scope: NamespaceSet | undefined = !inNamespaces || !selectsPod ? undefined
    : namespaceSelector ? { key: `calico:${calicoSelectorText(namespaceSelector)}`, matches: ns => matchesCalicoSelector(namespaceSelector, ctx.labels.namespace(ns), namespaceScope) }
      : { names: [ctx.namespace!] };
  return {
    selectsPod,
    ...(scope === undefined ? {} : { bound: { namespaces: [scope], networks: selected.flatMap(set => set.nets.cidrs) } }),
    test: peer => {
      const e = peer.kind === 'endpoint' ? peer.endpoint : undefined;
      // A pod by its labels, or any address (outside the cluster, or a pod's) in a selected network set.
      if (selectsPod && !(e !== undefined && selectsPod(e)) && !inSets(peer, selected)) return 'no';
      if (notSelector && ((e !== undefined && matchesCalicoSelector(notSelector, ctx.labels.endpoint(e))) || inSets(peer, notSelected))) return 'no';
      return 'yes';
    },
  };
}

type Address = NonNullable<ReturnType<typeof parseIp>>;
const parsedIps = new WeakMap<readonly string[], readonly Address[]>();

/**
 * The side's readable addresses: the IP, or a pod's IPs, parsed once per list of IPs. The pod's `ips` is read every
 * time: the pod-address uncertainty wrapper notes that read.
 */
function addressesOf(peer: FlowPeer): readonly Address[] {
  if (peer.kind === 'ip') {
    const address = parseIp(peer.ip);
    return address === undefined ? [] : [address];
  }
  const ips = peer.endpoint.ips;
  let found = parsedIps.get(ips);
  if (found === undefined) {
    found = ips.map(parseIp).filter(a => a !== undefined);
    parsedIps.set(ips, found);
  }
  return found;
}

/** Whether the side's address (a pod's: any of its IPs) lies in one of the network sets. */
function inSets(peer: FlowPeer, sets: readonly CalicoNetworkSetForm[]): boolean {
  if (sets.length === 0) return false;
  // A pod whose IPs the manifests do not give is in no set, as it is in no `nets`.
  const addresses = addressesOf(peer);
  return addresses.some(a => sets.some(set => set.nets.cidrs.some(c => ipInCidr(a, c))));
}

/** `staging/external-database`, `ip-protect`: a network set as traces name it (a global one has no namespace). */
function setName(set: CalicoNetworkSetForm): string {
  return set.id.replace(/^(Global)?NetworkSet /, '');
}

/**
 * `nets` and `notNets` against the side's address: the IP, or a pod's IPs. A pod whose IPs the manifests do not
 * give is in no CIDR, as the Kubernetes evaluator reads ipBlocks.
 */
function addressTest(addresses: CalicoAddressesForm, parts: string[]): PeerTest {
  const { nets, notNets } = addresses;
  if (nets) parts.push(`nets(${nets.written.join(',')})`);
  if (notNets) parts.push(`notNets(${notNets.written.join(',')})`);
  return peer => {
    const parsed = addressesOf(peer);
    const fits = (a: Address) =>
      (!nets || nets.cidrs.some(c => ipInCidr(a, c))) && (!notNets || !notNets.cidrs.some(c => ipInCidr(a, c)));
    if (parsed.length === 0) return nets ? 'no' : 'yes';
    return parsed.some(fits) ? 'yes' : 'no';
  };
}

/** `services`: the Service's pods, chosen by its selector; as a destination, on the Service's target ports. */
function serviceTest(services: CalicoServiceForm, side: 'source' | 'destination', parts: string[]): PeerTest {
  const { namespace, service } = services;
  parts.push(`service(${namespace}/${services.name})`);
  if (!service) return () => 'unknown';
  return (peer, flow) => {
    if (peer.kind !== 'endpoint' || peer.endpoint.namespace !== namespace) return 'no';
    const e = peer.endpoint;
    if (!Object.entries(service.selector).every(([k, v]) => e.labels[k] === v)) return 'no';
    if (side === 'source') return 'yes';
    return service.ports.some(p => p.protocol === flow.protocol && (typeof p.targetPort === 'string'
      ? e.ports.some(c => c.name === p.targetPort && c.protocol === flow.protocol && c.port === flow.port)
      : (p.targetPort ?? p.port) === flow.port)) ? 'yes' : 'no';
  };
}

/**
 * A destination port: a number or range, or a name that the destination pod declares for the flow's protocol. A
 * named port is looked up on the pods the entity's positive expression matches by their labels (`selectsPod`;
 * every pod without one): network sets have no ports.
 */
function portMatches(port: CalicoPort, flow: Flow, destination: FlowPeer, selectsPod: ((e: Endpoint) => boolean) | undefined): boolean {
  if (port.kind === 'range') return flow.port >= port.first && flow.port <= port.last;
  return destination.kind === 'endpoint' && (selectsPod === undefined || selectsPod(destination.endpoint))
    && destination.endpoint.ports.some(c => c.name === port.name && c.protocol === flow.protocol && c.port === flow.port);
}
