import { checkObjectName } from '../../model/syntax';
import { calicoProtocolNumber, parseCalicoPort, protocolSupportsPorts } from '../calico/rule-fields';
import { tryParseCalicoSelector } from '../calico/selector';
import { parseCidr } from '../ip-match';
import { describeValue, isMapping } from './describe';
import { Fail, problemText } from './fields';

// The checks Calico's validator applies before it stores a NetworkPolicy or GlobalNetworkPolicy
// (libcalico-go/lib/validator/v3): a policy Calico would refuse is refused here, never read as "matches nothing".

const ACTIONS = ['Allow', 'Deny', 'Log', 'Pass'];

/** Checks the spec of a Calico `NetworkPolicy` (namespaced) or `GlobalNetworkPolicy`. */
export function checkCalicoPolicySpec(kind: string, spec: Record<string, any>, fail: Fail): void {
  const global = kind === 'GlobalNetworkPolicy';
  if (spec.tier !== undefined && spec.tier !== null) checkTierName(spec.tier, 'spec.tier', fail);
  if (spec.order !== undefined && spec.order !== null && (typeof spec.order !== 'number' || !Number.isFinite(spec.order))) {
    fail('spec.order', `must be a number, got ${describeValue(spec.order)}`);
  }
  checkSelector(spec.selector, 'spec.selector', fail);
  checkSelector(spec.serviceAccountSelector, 'spec.serviceAccountSelector', fail);
  if (global) {
    checkSelector(spec.namespaceSelector, 'spec.namespaceSelector', fail);
  } else if (spec.namespaceSelector !== undefined) {
    fail('spec.namespaceSelector', 'is not a field of a namespaced Calico NetworkPolicy, which selects only pods of its own namespace; use a GlobalNetworkPolicy');
  }
  for (const flag of ['doNotTrack', 'preDNAT', 'applyOnForward']) {
    if (spec[flag] !== undefined && spec[flag] !== null && typeof spec[flag] !== 'boolean') fail(`spec.${flag}`, `must be true or false, got ${describeValue(spec[flag])}`);
  }
  const types = listOf(spec.types, 'spec.types', fail, true);
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') fail(`spec.types[${i}]`, `must be Ingress or Egress, got ${describeValue(t)}`);
    if (types.indexOf(t) !== i) fail(`spec.types[${i}]`, `${t} is listed twice`);
  });
  for (const direction of ['ingress', 'egress']) {
    listOf(spec[direction], `spec.${direction}`, fail).forEach((rule, i) => checkRule(rule, `spec.${direction}[${i}]`, fail));
  }
}

/** Checks the spec of a Calico `Tier`. */
export function checkTierSpec(spec: Record<string, any>, fail: Fail): void {
  if (spec.order !== undefined && spec.order !== null && (typeof spec.order !== 'number' || !Number.isFinite(spec.order))) {
    fail('spec.order', `must be a number, got ${describeValue(spec.order)}`);
  }
  if (spec.defaultAction !== undefined && spec.defaultAction !== null && spec.defaultAction !== 'Deny' && spec.defaultAction !== 'Pass') {
    fail('spec.defaultAction', `must be Deny or Pass, got ${describeValue(spec.defaultAction)}`);
  }
}

/** A tier name: a DNS subdomain, as Calico names its resources. */
export function checkTierName(value: unknown, field: string, fail: Fail): void {
  if (typeof value !== 'string' || value === '') fail(field, `must be the name of a Tier, got ${describeValue(value)}`);
  const problems = checkObjectName(value);
  if (problems.length > 0) fail(field, problemText(problems[0]));
}

function checkRule(rule: Record<string, any>, field: string, fail: Fail): void {
  if (!ACTIONS.includes(rule.action)) fail(`${field}.action`, `must be one of ${ACTIONS.join(', ')}, got ${describeValue(rule.action)}`);
  for (const key of ['protocol', 'notProtocol']) {
    if (rule[key] !== undefined && rule[key] !== null && calicoProtocolNumber(rule[key]) === undefined) {
      fail(`${field}.${key}`, `must be TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a protocol number from 1 to 255, got ${describeValue(rule[key])}`);
    }
  }
  for (const key of ['icmp', 'notICMP']) checkIcmp(rule[key], `${field}.${key}`, fail);
  if (rule.icmp !== undefined && rule.icmp !== null && rule.protocol !== 'ICMP' && rule.protocol !== 'ICMPv6') {
    fail(`${field}.icmp`, `needs protocol ICMP or ICMPv6 on the rule (got ${rule.protocol === undefined ? 'no protocol' : describeValue(rule.protocol)}); Calico refuses ICMP fields without one`);
  }
  for (const [name, version] of [['ICMP', 4], ['ICMPv6', 6]] as const) {
    const ipVersionSet = rule.ipVersion !== undefined && rule.ipVersion !== null;
    if ((rule.protocol === name || rule.notProtocol === name) && ipVersionSet && rule.ipVersion !== version) {
      fail(`${field}.ipVersion`, `must be ${version} with protocol ${name}, got ${describeValue(rule.ipVersion)}`);
    }
  }
  if (rule.ipVersion !== undefined && rule.ipVersion !== null && rule.ipVersion !== 4 && rule.ipVersion !== 6) {
    fail(`${field}.ipVersion`, `must be 4 or 6, got ${describeValue(rule.ipVersion)}`);
  }
  if (rule.http !== undefined && rule.http !== null) checkHttp(rule.http, field, fail);
  const families = new Set<number>();
  for (const side of ['source', 'destination']) {
    const entity = rule[side];
    if (entity === undefined || entity === null) continue;
    if (!isMapping(entity)) fail(`${field}.${side}`, `must be a mapping, got ${describeValue(entity)}`);
    checkEntity(entity, `${field}.${side}`, fail, families);
    for (const key of ['ports', 'notPorts']) {
      if (!Array.isArray(entity[key]) || entity[key].length === 0) continue;
      const noProtocol = rule.protocol === undefined || rule.protocol === null;
      // validateRule: without a protocol, named ports only (each matches the container port's own protocol).
      if (noProtocol ? !entity[key].every(isNamedPort) : !protocolSupportsPorts(rule.protocol)) {
        const refused = noProtocol ? 'numeric ports and port ranges without one (named ports alone need none)' : 'ports without one';
        fail(`${field}.${side}.${key}`, `needs protocol TCP, UDP or SCTP on the rule (got ${noProtocol ? 'no protocol' : describeValue(rule.protocol)}); Calico refuses ${refused}`);
      }
    }
  }
  if (families.size > 1) fail(field, 'mixes IPv4 and IPv6 CIDRs in one rule; Calico refuses it: write one rule per IP version');
  if (families.size === 1 && (rule.ipVersion === 4 || rule.ipVersion === 6) && !families.has(rule.ipVersion)) {
    fail(`${field}.ipVersion`, `is ${rule.ipVersion} but the rule's CIDRs are IPv${[...families][0]}`);
  }
}

/** A port written as a name (`http`), which Calico matches without a rule protocol. */
function isNamedPort(port: unknown): boolean {
  const parsed = parseCalicoPort(port);
  return !('error' in parsed) && parsed.kind === 'named';
}

function checkEntity(entity: Record<string, any>, field: string, fail: Fail, families: Set<number>): void {
  for (const key of ['selector', 'notSelector', 'namespaceSelector']) checkSelector(entity[key], `${field}.${key}`, fail);
  for (const key of ['nets', 'notNets']) {
    listOf(entity[key], `${field}.${key}`, fail, true).forEach((net, i) => {
      const parsed = typeof net === 'string' ? parseCidr(net.includes('/') ? net : `${net}/${net.includes(':') ? 128 : 32}`) : undefined;
      if (parsed === undefined) fail(`${field}.${key}[${i}]`, `must be a CIDR such as 10.0.0.0/8 or an IP address, got ${describeValue(net)}`);
      families.add(parsed.range[0].kind() === 'ipv4' ? 4 : 6);
    });
  }
  for (const key of ['ports', 'notPorts']) {
    listOf(entity[key], `${field}.${key}`, fail, true).forEach((port, i) => {
      const parsed = parseCalicoPort(port);
      if ('error' in parsed) fail(`${field}.${key}[${i}]`, parsed.error);
    });
  }
  const accounts = entity.serviceAccounts;
  if (accounts !== undefined && accounts !== null) {
    if (!isMapping(accounts)) fail(`${field}.serviceAccounts`, `must be a mapping, got ${describeValue(accounts)}`);
    listOf(accounts.names, `${field}.serviceAccounts.names`, fail, true).forEach((name, i) => {
      if (typeof name !== 'string' || name === '') fail(`${field}.serviceAccounts.names[${i}]`, `must be a service account name, got ${describeValue(name)}`);
    });
    checkSelector(accounts.selector, `${field}.serviceAccounts.selector`, fail);
  }
  const services = entity.services;
  if (services !== undefined && services !== null) {
    if (!isMapping(services)) fail(`${field}.services`, `must be a mapping, got ${describeValue(services)}`);
    if (typeof services.name !== 'string' || services.name === '') fail(`${field}.services.name`, `must be the name of a Service, got ${describeValue(services.name)}`);
    if (services.namespace !== undefined && services.namespace !== null && typeof services.namespace !== 'string') {
      fail(`${field}.services.namespace`, `must be a namespace name, got ${describeValue(services.namespace)}`);
    }
    // validateEntityRule: a Service match names its endpoints itself.
    const others = ['namespaceSelector', 'selector', 'notSelector', 'serviceAccounts', 'nets', 'notNets']
      .filter(k => entity[k] !== undefined && entity[k] !== null && entity[k] !== '' && !(Array.isArray(entity[k]) && entity[k].length === 0));
    if (others.length > 0) fail(`${field}.services`, `cannot be combined with ${others.join(', ')} in one entity rule (Calico refuses it)`);
  }
}

/** An HTTP match (application-layer policy): ingress only, methods once each, each path exact or a prefix. */
function checkHttp(http: unknown, rule: string, fail: Fail): void {
  const field = `${rule}.http`;
  if (!isMapping(http)) fail(field, `must be a mapping, got ${describeValue(http)}`);
  if (rule.startsWith('spec.egress')) fail(field, 'is not allowed in egress rules (Calico matches HTTP on ingress only)');
  listOf(http.methods, `${field}.methods`, fail, true).forEach((method, i, methods) => {
    if (methods.indexOf(method) !== i) fail(`${field}.methods[${i}]`, `${describeValue(method)} is listed twice`);
  });
  listOf(http.paths, `${field}.paths`, fail).forEach((path, i) => {
    const set = ['exact', 'prefix'].filter(k => typeof path[k] === 'string' && path[k] !== '');
    if (set.length !== 1) fail(`${field}.paths[${i}]`, 'must set exactly one of exact or prefix');
    const value: string = path[set[0]];
    if (!value.startsWith('/') || /[? #]/.test(value)) fail(`${field}.paths[${i}].${set[0]}`, `must start with "/" and hold no "?", "#" or space, got ${describeValue(value)}`);
  });
}

function checkIcmp(value: unknown, field: string, fail: Fail): void {
  if (value === undefined || value === null) return;
  if (!isMapping(value)) fail(field, `must be a mapping, got ${describeValue(value)}`);
  const { type, code } = value as { type?: unknown; code?: unknown };
  if (type !== undefined && (!Number.isInteger(type) || (type as number) < 0 || (type as number) > 254)) fail(`${field}.type`, `must be a whole number from 0 to 254, got ${describeValue(type)}`);
  if (code !== undefined && (!Number.isInteger(code) || (code as number) < 0 || (code as number) > 255)) fail(`${field}.code`, `must be a whole number from 0 to 255, got ${describeValue(code)}`);
  if (code !== undefined && type === undefined) fail(`${field}.code`, 'needs a type: Calico refuses an ICMP code without an ICMP type');
}

function checkSelector(value: unknown, field: string, fail: Fail): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') fail(field, `must be a Calico selector string such as "app == 'web'", got ${describeValue(value)}`);
  const parsed = tryParseCalicoSelector(value);
  if ('error' in parsed) fail(field, `is not a Calico selector: ${parsed.error.message} in ${JSON.stringify(value)}`);
}

/** A list (absent or null is empty) of mappings, or of anything when `scalars`. */
function listOf(value: unknown, field: string, fail: Fail, scalars = false): any[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(field, `must be a list, got ${describeValue(value)}`);
  if (!scalars) value.forEach((item, i) => { if (!isMapping(item)) fail(`${field}[${i}]`, `must be a mapping, got ${describeValue(item)}`); });
  return value;
}
