import { ParsedCidr, ipInCidr, parseCidr, parseIp } from '../ip-match';
import { Endpoint, Flow, FlowPeer, Service } from '../types';
import { CALICO_NAME_LABEL, CalicoLabels } from './labels';
import { CalicoPort, calicoPortText, parseCalicoPort } from './rule-fields';
import { CalicoScope, CalicoSelector, calicoSelectorKeys, calicoSelectorText, matchesCalicoSelector, tryParseCalicoSelector } from './selector';

/** A three-valued match: `unknown` when the manifests cannot tell (a source port, an HTTP path). */
export type Match = 'yes' | 'no' | 'unknown';

/** What a rule's `source` or `destination` requires of its side of a flow. */
export interface EntityMatcher {
  /** `selector(app == "web") ports(8080)`; empty when the entity requires nothing. */
  readonly text: string;
  match(flow: Flow): Match;
}

/** What compiling a rule needs to know about the policy and the cluster. */
export interface EntityContext {
  readonly labels: CalicoLabels;
  readonly services: readonly Service[];
  /** The namespace of a namespaced policy; undefined for a GlobalNetworkPolicy. */
  readonly namespace?: string;
  /** Where unreadable or partly read parts are reported. */
  readonly problems: string[];
}

type PeerTest = (peer: FlowPeer, flow: Flow) => Match;

/**
 * Compiles an EntityRule the way Calico does (updateprocessors/rules.go `GetEntityRuleSelector`): `selector`
 * and `serviceAccounts` select endpoints, scoped to the `namespaceSelector`'s namespaces or else, in a namespaced
 * policy, to the policy's namespace as soon as any selector field is set; `notSelector` is not scoped; `nets`,
 * `notNets`, `ports` and `notPorts` match addresses and ports. Every criterion given must hold.
 */
export function compileEntity(entity: any, side: 'source' | 'destination', field: string, ctx: EntityContext): EntityMatcher {
  if (entity === undefined || entity === null || typeof entity !== 'object') return { text: '', match: () => 'yes' };
  const parts: string[] = [];
  const tests: PeerTest[] = [];
  const peerOf = (flow: Flow) => side === 'source' ? flow.from : flow.to;

  const identity = identityTest(entity, field, ctx, parts);
  if (identity) tests.push(identity);
  const addresses = addressTest(entity, parts);
  if (addresses) tests.push(addresses);
  if (entity.services) tests.push(serviceTest(entity.services, side, field, ctx, parts));
  for (const key of ['ports', 'notPorts'] as const) {
    if (!Array.isArray(entity[key]) || entity[key].length === 0) continue;
    const ports = entity[key].map(parseCalicoPort).filter((p: unknown): p is CalicoPort => !(p as any).error);
    parts.push(`${key}(${ports.map(calicoPortText).join(',')})`);
    if (ports.length !== entity[key].length) {
      ctx.problems.push(`${field}.${key}: unreadable ports; the rule decides only when it denies`);
      tests.push(() => 'unknown');
    } else if (side === 'source') {
      // A flow names its destination port only: the source port is the client's, usually ephemeral.
      ctx.problems.push(`${field}.${key}: source ports are not known for a flow; the rule decides only when it denies`);
      tests.push(() => 'unknown');
    } else {
      const negate = key === 'notPorts';
      tests.push((peer, flow) => ports.some((p: CalicoPort) => portMatches(p, flow, peer)) !== negate ? 'yes' : 'no');
    }
  }
  return {
    text: parts.join(' '),
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

function identityTest(entity: any, field: string, ctx: EntityContext, parts: string[]): PeerTest | undefined {
  const texts: Record<string, unknown> = {
    'selector': entity.selector,
    'notSelector': entity.notSelector,
    'namespaceSelector': entity.namespaceSelector,
    'serviceAccounts.selector': entity.serviceAccounts?.selector,
  };
  const parsed: Record<string, CalicoSelector | undefined> = {};
  let broken = false;
  for (const [key, text] of Object.entries(texts)) {
    if (typeof text !== 'string') continue;
    const result = tryParseCalicoSelector(text);
    if ('error' in result) {
      ctx.problems.push(`${field}.${key}: ${result.error.message}; the rule decides only when it denies`);
      broken = true;
    } else {
      parsed[key] = result.selector;
    }
  }
  if (broken) return () => 'unknown';
  const { selector, notSelector, namespaceSelector } = parsed;
  const accountSelector = parsed['serviceAccounts.selector'];
  const names: string[] = Array.isArray(entity.serviceAccounts?.names) ? entity.serviceAccounts.names : [];
  if (accountSelector && calicoSelectorKeys(accountSelector).some(k => k !== CALICO_NAME_LABEL)) {
    ctx.problems.push(`${field}.serviceAccounts.selector: ServiceAccount labels are not read; only ${CALICO_NAME_LABEL} (the account's name) is known`);
  }

  const positive: ((e: Endpoint) => boolean)[] = [];
  if (names.length > 0 || accountSelector) {
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
  if (notSelector) parts.push(`notSelector(${calicoSelectorText(notSelector)})`);
  if (positive.length === 0 && !notSelector) return undefined;
  return peer => {
    const e = peer.kind === 'endpoint' ? peer.endpoint : undefined;
    // Selectors match endpoints only: an address outside the cluster is never selected.
    if (positive.length > 0 && (e === undefined || !positive.every(p => p(e)))) return 'no';
    if (notSelector && e !== undefined && matchesCalicoSelector(notSelector, ctx.labels.endpoint(e))) return 'no';
    return 'yes';
  };
}

/**
 * `nets` and `notNets` against the side's address: the IP, or a pod's IPs. A pod whose IPs the manifests do not
 * give is in no CIDR, as the Kubernetes evaluator reads ipBlocks.
 */
function addressTest(entity: any, parts: string[]): PeerTest | undefined {
  const cidrs = (key: string): ParsedCidr[] | undefined => {
    if (!Array.isArray(entity[key]) || entity[key].length === 0) return undefined;
    const list = entity[key].map((n: unknown) => String(n)).map((n: string) => parseCidr(n.includes('/') ? n : `${n}/${n.includes(':') ? 128 : 32}`));
    parts.push(`${key}(${entity[key].join(',')})`);
    return list.filter((c: ParsedCidr | undefined): c is ParsedCidr => c !== undefined);
  };
  const nets = cidrs('nets');
  const notNets = cidrs('notNets');
  if (!nets && !notNets) return undefined;
  return peer => {
    const addresses = (peer.kind === 'ip' ? [peer.ip] : peer.endpoint.ips).map(parseIp).filter(a => a !== undefined);
    const fits = (a: NonNullable<ReturnType<typeof parseIp>>) =>
      (!nets || nets.some(c => ipInCidr(a, c))) && (!notNets || !notNets.some(c => ipInCidr(a, c)));
    if (addresses.length === 0) return nets ? 'no' : 'yes';
    return addresses.some(fits) ? 'yes' : 'no';
  };
}

/** `services`: the Service's pods, chosen by its selector; as a destination, on the Service's target ports. */
function serviceTest(services: any, side: 'source' | 'destination', field: string, ctx: EntityContext, parts: string[]): PeerTest {
  const namespace = typeof services.namespace === 'string' && services.namespace !== '' ? services.namespace : ctx.namespace ?? 'default';
  parts.push(`service(${namespace}/${services.name})`);
  const service = ctx.services.find(s => s.namespace === namespace && s.name === services.name);
  if (!service || Object.keys(service.selector).length === 0) {
    ctx.problems.push(`${field}.services: Service ${namespace}/${services.name} ${service ? 'has no selector' : 'is not in the manifests'}; its pods are not known`);
    return () => 'unknown';
  }
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

/** A destination port: a number or range, or a name the destination pod declares for the flow's protocol. */
function portMatches(port: CalicoPort, flow: Flow, destination: FlowPeer): boolean {
  if (port.kind === 'range') return flow.port >= port.first && flow.port <= port.last;
  return destination.kind === 'endpoint'
    && destination.endpoint.ports.some(c => c.name === port.name && c.protocol === flow.protocol && c.port === flow.port);
}
