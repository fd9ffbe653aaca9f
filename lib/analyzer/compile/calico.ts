import { CalicoSelector, tryParseCalicoSelector } from '../../engines/calico/selector-language';
import { CalicoNetworkSetView, notSelectedSets, selectedSets } from '../calico/network-sets';
import { CalicoPort, calicoProtocolNumber, parseCalicoPort } from '../calico/rule-fields';
import { DEFAULT_TIER } from '../calico/tiers';
import { ParsedCidr, parseCidr } from '../ip-match';
import { Labels, PolicyDocument, Service } from '../types';
import { DEFAULT_NAMESPACE, calicoPolicyTypes } from './defaults';
import {
  CalicoAction, CalicoAddressesForm, CalicoEntityForm, CalicoNetsForm, CalicoNetworkSetForm, CalicoPolicyForm, CalicoPortsForm, CalicoProtocolForm,
  CalicoRuleForm, CalicoServiceForm, CalicoSubjectForm, Direction,
} from './form';
import { DIRECTIONS, inWrittenOrder, listOf, written } from './read';

const ACTIONS: readonly string[] = ['Allow', 'Deny', 'Log', 'Pass'];

/** The cluster's network sets as Calico's selectors see them, for the rules whose selectors match some. */
export interface CalicoSetsContext {
  readonly sets: readonly CalicoNetworkSetView[];
  /** A namespace's labels as a namespaceSelector reads them (with `projectcalico.org/name`). */
  readonly namespaceLabels: (namespace: string) => Labels;
}

const NO_SETS: CalicoSetsContext = { sets: [], namespaceLabels: () => ({}) };

/** What reading a rule needs to know about the policy and the cluster. */
interface RuleContext {
  readonly services: readonly Service[];
  readonly networkSets: CalicoSetsContext;
  /** The namespace of a namespaced policy; undefined for a GlobalNetworkPolicy. */
  readonly namespace?: string;
  readonly problems: string[];
}

/** A rule's entity that requires nothing. */
const ANY_ENTITY: CalicoEntityForm = { unreadableSelector: false };

/**
 * Reads a Calico `NetworkPolicy` (namespaced) or `GlobalNetworkPolicy`, in `projectcalico.org/v3` or
 * `crd.projectcalico.org/v1`, against the cluster's Services (a rule's `services` names one) and network sets (a
 * rule's selectors match some). Selectors are parsed; parts the manifests cannot decide (a source port, an HTTP
 * match, an unreadable selector) are listed in `problems`.
 */
export function readCalicoPolicy(doc: PolicyDocument, services: readonly Service[], networkSets: CalicoSetsContext = NO_SETS): CalicoPolicyForm {
  const spec = doc.spec ?? {};
  const problems: string[] = [];
  const global = doc.kind === 'GlobalNetworkPolicy';
  const namespace = global ? undefined : doc.namespace ?? DEFAULT_NAMESPACE;
  const ctx: RuleContext = { services, networkSets, namespace, problems };
  const rulesOf = (direction: Direction) => listOf(spec[direction]).map((r, i) => readRule(r, `${direction}[${i}]`, ctx));
  const ingress = rulesOf('ingress');
  const egress = rulesOf('egress');
  // Read after the rules: its problems come last.
  const subject = readSubject(spec, namespace, problems);
  const order = typeof spec.order === 'number' && Number.isFinite(spec.order) ? spec.order : undefined;
  const rules = { ingress, egress };
  const rawRules = { ingress: listOf(spec.ingress), egress: listOf(spec.egress) };
  return {
    id: global ? `GlobalNetworkPolicy ${doc.name}` : `Calico NetworkPolicy ${namespace}/${doc.name}`,
    kind: doc.kind,
    family: 'calico',
    apiVersion: doc.apiVersion,
    name: doc.name,
    ...(namespace === undefined ? {} : { namespace }),
    ...(doc.source === undefined ? {} : { source: doc.source }),
    problems,
    tier: typeof spec.tier === 'string' && spec.tier !== '' ? spec.tier : DEFAULT_TIER,
    ...(order === undefined ? {} : { order }),
    governs: calicoPolicyTypes(doc.apiVersion, spec.types, ingress.length > 0, egress.length > 0),
    subject,
    ingress,
    egress,
    addressPeers: [
      ...inWrittenOrder(spec, DIRECTIONS).flatMap(d => rules[d].flatMap((rule, i) =>
        inWrittenOrder(rawRules[d][i], ['source', 'destination'] as const)
          .map(side => rule[side].addresses)
          .filter((a): a is CalicoAddressesForm => a !== undefined))),
      ...setPeers([...ingress, ...egress]),
    ],
  };
}

/** The nets of every network set a rule's selectors match, each set once, in the order the rules meet them. */
function setPeers(rules: readonly CalicoRuleForm[]): CalicoAddressesForm[] {
  const seen = new Map<string, CalicoAddressesForm>();
  for (const rule of rules) {
    for (const entity of [rule.source, rule.destination]) {
      for (const set of [...entity.selectedSets ?? [], ...entity.notSelectedSets ?? []]) {
        if (!seen.has(set.id) && set.nets.cidrs.length > 0) seen.set(set.id, { kind: 'nets', networkSet: set.id, nets: set.nets });
      }
    }
  }
  return [...seen.values()];
}

/**
 * The pods a policy applies to: `selector` over the pods of its namespace (a NetworkPolicy) or of every namespace
 * (a GlobalNetworkPolicy, also limited by `namespaceSelector`), and `serviceAccountSelector` over their accounts.
 * `doNotTrack` and `preDNAT` policies apply to host endpoints only.
 */
function readSubject(spec: any, namespace: string | undefined, problems: string[]): CalicoSubjectForm {
  if (spec.doNotTrack === true || spec.preDNAT === true) {
    problems.push(`spec.${spec.doNotTrack === true ? 'doNotTrack' : 'preDNAT'}: such policies apply to host endpoints only; it selects no pod`);
    return { kind: 'none' };
  }
  const read = (field: string): CalicoSelector | undefined | false => {
    const text = spec[field];
    if (typeof text !== 'string') return undefined;
    const parsed = tryParseCalicoSelector(text);
    if ('error' in parsed) {
      problems.push(`spec.${field}: ${parsed.error.message}; the policy selects no pod`);
      return false;
    }
    return parsed.selector;
  };
  const selector = read('selector');
  const namespaceSelector = namespace === undefined ? read('namespaceSelector') : undefined;
  const serviceAccountSelector = read('serviceAccountSelector');
  if (selector === false || namespaceSelector === false || serviceAccountSelector === false) return { kind: 'none' };
  return {
    kind: 'endpoints',
    ...(selector === undefined ? {} : { selector }),
    ...(namespaceSelector === undefined ? {} : { namespaceSelector }),
    ...(serviceAccountSelector === undefined ? {} : { serviceAccountSelector }),
  };
}

/** A rule: `protocol`/`notProtocol`, `icmp`, `ipVersion`, `http`, `source` and `destination`. */
function readRule(rule: any, label: string, ctx: RuleContext): CalicoRuleForm {
  const action = ACTIONS.includes(rule?.action) ? rule.action as CalicoAction : undefined;
  if (action === undefined) {
    ctx.problems.push(`${label}.action: ${JSON.stringify(rule?.action)} is not Allow, Deny, Log or Pass; the rule matches nothing`);
    return { label, icmp: false, http: false, source: ANY_ENTITY, destination: ANY_ENTITY };
  }
  const protocols: { protocol?: CalicoProtocolForm; notProtocol?: CalicoProtocolForm } = {};
  for (const key of ['protocol', 'notProtocol'] as const) {
    if (rule[key] === undefined || rule[key] === null) continue;
    const number = calicoProtocolNumber(rule[key]);
    if (number === undefined) ctx.problems.push(`${label}.${key}: unreadable protocol ${JSON.stringify(rule[key])}`);
    protocols[key] = { written: String(rule[key]), ...(number === undefined ? {} : { number }) };
  }
  const http = rule.http !== undefined && rule.http !== null;
  if (http) ctx.problems.push(`${label}.http: HTTP matches need application layer policy and are not evaluated; the rule decides only when it denies`);
  const source = readEntity(rule.source, 'source', `${label}.source`, ctx);
  const destination = readEntity(rule.destination, 'destination', `${label}.destination`, ctx);
  return {
    label,
    action,
    ...protocols,
    icmp: rule.icmp !== undefined && rule.icmp !== null,
    ...(rule.ipVersion === 4 || rule.ipVersion === 6 ? { ipVersion: rule.ipVersion } : {}),
    http,
    source,
    destination,
  };
}

/**
 * An EntityRule as Calico reads it (updateprocessors/rules.go `GetEntityRuleSelector`): `selector`, `notSelector`,
 * `namespaceSelector` and `serviceAccounts` select endpoints; `nets`, `notNets`, `services`, `ports` and `notPorts`
 * match addresses, Services and ports. A selector that cannot be parsed makes the identity unknown.
 */
function readEntity(entity: any, side: 'source' | 'destination', field: string, ctx: RuleContext): CalicoEntityForm {
  if (entity === undefined || entity === null || typeof entity !== 'object') return ANY_ENTITY;
  const identity = readIdentity(entity, field, ctx);
  const nets = netsOf(entity, 'nets');
  const notNets = netsOf(entity, 'notNets');
  const services = entity.services ? readServices(entity.services, field, ctx) : undefined;
  const ports: { ports?: CalicoPortsForm; notPorts?: CalicoPortsForm } = {};
  for (const key of ['ports', 'notPorts'] as const) {
    if (!Array.isArray(entity[key]) || entity[key].length === 0) continue;
    const readable = entity[key].map(parseCalicoPort).filter((p: unknown): p is CalicoPort => !(p as any).error);
    const unreadable = readable.length !== entity[key].length;
    if (unreadable) {
      ctx.problems.push(`${field}.${key}: unreadable ports; the rule decides only when it denies`);
    } else if (side === 'source') {
      // A flow names its destination port only: the source port is the client's, usually ephemeral.
      ctx.problems.push(`${field}.${key}: source ports are not known for a flow; the rule decides only when it denies`);
    }
    ports[key] = { ports: readable, unreadable };
  }
  return {
    ...identity,
    ...(nets || notNets ? { addresses: { kind: 'nets', ...(nets ? { nets } : {}), ...(notNets ? { notNets } : {}) } } : {}),
    ...(services ? { services } : {}),
    ...ports,
  };
}

function readIdentity(entity: any, field: string, ctx: RuleContext): CalicoEntityForm {
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
  if (broken) return { unreadableSelector: true };
  const { selector, notSelector, namespaceSelector } = parsed;
  const accountSelector = parsed['serviceAccounts.selector'];
  const names: string[] = Array.isArray(entity.serviceAccounts?.names) ? entity.serviceAccounts.names : [];
  const serviceAccounts = names.length > 0 || accountSelector ? { names, ...(accountSelector ? { selector: accountSelector } : {}) } : undefined;
  const selectors = { selector, notSelector, namespaceSelector, serviceAccounts };
  const { sets, namespaceLabels } = ctx.networkSets;
  const selected = selectedSets(selectors, ctx.namespace, sets, namespaceLabels);
  const notSelected = notSelectedSets(notSelector, sets);
  return {
    unreadableSelector: false,
    ...(selector ? { selector } : {}),
    ...(notSelector ? { notSelector } : {}),
    ...(namespaceSelector ? { namespaceSelector } : {}),
    ...(serviceAccounts ? { serviceAccounts } : {}),
    ...(selected && selected.length > 0 ? { selectedSets: selected.map(setForm) } : {}),
    ...(notSelected && notSelected.length > 0 ? { notSelectedSets: notSelected.map(setForm) } : {}),
  };
}

function setForm(view: CalicoNetworkSetView): CalicoNetworkSetForm {
  return { id: view.id, nets: { written: view.set.nets, cidrs: view.cidrs } };
}

/** `nets` or `notNets`: a bare address is a /32 or /128; unreadable entries are left out. */
function netsOf(entity: any, key: 'nets' | 'notNets'): CalicoNetsForm | undefined {
  if (!Array.isArray(entity[key]) || entity[key].length === 0) return undefined;
  const list: unknown[] = entity[key];
  const cidrs = list.map(n => String(n))
    .map(n => parseCidr(n.includes('/') ? n : `${n}/${n.includes(':') ? 128 : 32}`))
    .filter((c): c is ParsedCidr => c !== undefined);
  return { written: list.map(written), cidrs };
}

/** `services`: the Service's pods, chosen by its selector; unknown when the Service is not in the manifests or has none. */
function readServices(services: any, field: string, ctx: RuleContext): CalicoServiceForm {
  const namespace = typeof services.namespace === 'string' && services.namespace !== '' ? services.namespace : ctx.namespace ?? DEFAULT_NAMESPACE;
  const service = ctx.services.find(s => s.namespace === namespace && s.name === services.name);
  const usable = service !== undefined && Object.keys(service.selector).length > 0;
  if (!usable) {
    ctx.problems.push(`${field}.services: Service ${namespace}/${services.name} ${service ? 'has no selector' : 'is not in the manifests'}; its pods are not known`);
  }
  return { namespace, name: String(services.name), ...(usable ? { service } : {}) };
}
