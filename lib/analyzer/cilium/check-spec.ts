import { ipInCidr, parseCidr, parseIp } from '../ip-match';
import { SELECTOR_OPERATORS } from './labels';
import { KNOWN_ENTITIES } from './peers';
import { checkLabelKey } from '../../model/syntax';
import { describeValue, isMapping } from '../loading/describe';
import { Fail, problemText } from '../loading/fields';

// The checks the API server (cilium.io/v2 CRD schema) and the Cilium agent (pkg/policy/api Sanitize)
// apply before a policy takes effect. A malformed policy is refused, never read as "matches nothing".
// Unknown fields are refused too: the API server prunes them, so a typo (`toPort`) silently changes
// what a rule matches (an L3 rule without ports allows every port).

const RULE_FIELDS = ['endpointSelector', 'nodeSelector', 'ingress', 'ingressDeny', 'egress', 'egressDeny', 'enableDefaultDeny', 'labels', 'description', 'log'];
const INGRESS_L3 = ['fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromNodes', 'fromGroups'];
const EGRESS_L3 = ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toFQDNs', 'toNodes', 'toGroups'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP', 'VRRP', 'IGMP', 'ANY'];
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const PORT_NAME = /^([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*$/;
const FQDN_NAME = /^([-a-zA-Z0-9_]+[.]?)+$/;
const FQDN_PATTERN = /^([-a-zA-Z0-9_*]+[.]?)+$/;
const MAX_PORTS = 40;

/**
 * Checks a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy. `spec` is either the manifest's `spec`
 * (one rule), or an object holding `spec` and/or `specs` (the manifest itself will do). Fields in
 * messages are `spec.<...>` or `specs[i].<...>`.
 */
export function checkCiliumPolicySpec(kind: string, spec: unknown, fail: Fail): void {
  const wrapper = isMapping(spec) && ('spec' in spec || 'specs' in spec || 'apiVersion' in spec || 'metadata' in spec);
  const rules: { field: string; rule: unknown }[] = [];
  if (!wrapper) {
    rules.push({ field: 'spec', rule: spec });
  } else {
    const w = spec as Record<string, unknown>;
    if (w.spec !== undefined && w.spec !== null) rules.push({ field: 'spec', rule: w.spec });
    if (w.specs !== undefined && w.specs !== null) {
      if (!Array.isArray(w.specs)) fail('specs', `must be a list of rules, got ${describeValue(w.specs)}`);
      w.specs.forEach((rule, i) => rules.push({ field: `specs[${i}]`, rule }));
    }
    if (rules.length === 0) fail('spec', 'is missing: a Cilium policy needs spec or specs');
  }
  for (const { field, rule } of rules) checkRule(kind, rule, field, fail);
}

function checkRule(kind: string, rule: unknown, field: string, fail: Fail): void {
  if (!isMapping(rule)) fail(field, `must be a mapping, got ${describeValue(rule)}`);
  knownFields(rule, RULE_FIELDS, field, fail);
  const hasEndpoints = rule.endpointSelector !== undefined && rule.endpointSelector !== null;
  const hasNodes = rule.nodeSelector !== undefined && rule.nodeSelector !== null;
  if (hasEndpoints === hasNodes) fail(field, hasEndpoints ? 'cannot set both endpointSelector and nodeSelector' : 'must set endpointSelector (or nodeSelector for a host policy)');
  if (hasNodes && kind !== 'CiliumClusterwideNetworkPolicy') fail(`${field}.nodeSelector`, 'is only valid in a CiliumClusterwideNetworkPolicy');
  if (hasEndpoints) checkSelector(rule.endpointSelector, `${field}.endpointSelector`, fail);
  if (hasNodes) checkSelector(rule.nodeSelector, `${field}.nodeSelector`, fail);
  const edd = rule.enableDefaultDeny;
  if (edd !== undefined && edd !== null) {
    if (!isMapping(edd)) fail(`${field}.enableDefaultDeny`, `must be a mapping, got ${describeValue(edd)}`);
    knownFields(edd, ['ingress', 'egress'], `${field}.enableDefaultDeny`, fail);
    for (const d of ['ingress', 'egress']) {
      if (edd[d] !== undefined && edd[d] !== null && typeof edd[d] !== 'boolean') fail(`${field}.enableDefaultDeny.${d}`, `must be true or false, got ${describeValue(edd[d])}`);
    }
  }
  let count = 0;
  for (const [list, ingress, deny] of [['ingress', true, false], ['ingressDeny', true, true], ['egress', false, false], ['egressDeny', false, true]] as const) {
    listOf(rule[list], `${field}.${list}`, fail).forEach((r, i) => {
      count++;
      checkDirectionRule(r, `${field}.${list}[${i}]`, ingress, deny, fail);
    });
  }
  if (count === 0) fail(field, 'must have at least one rule in ingress, ingressDeny, egress or egressDeny (an empty rule `{}` is a default deny)');
  if (hasNodes) {
    for (const list of ['ingress', 'egress']) {
      (rule[list] as any[] ?? []).forEach((r, i) => (Array.isArray(r.toPorts) ? r.toPorts : []).forEach((p: any, j: number) => {
        if (isMapping(p) && p.rules !== undefined && p.rules !== null) fail(`${field}.${list}[${i}].toPorts[${j}].rules`, 'host policies (nodeSelector) do not support L7 rules');
      }));
    }
  }
}

function checkDirectionRule(rule: Record<string, any>, field: string, ingress: boolean, deny: boolean, fail: Fail): void {
  const l3 = ingress ? INGRESS_L3 : EGRESS_L3.filter(f => !(deny && f === 'toFQDNs'));
  const fields = [...l3, ingress ? 'fromRequires' : 'toRequires', 'toPorts', 'icmps', ...(deny ? [] : ['authentication'])];
  if (deny && rule.toFQDNs !== undefined) fail(`${field}.toFQDNs`, 'deny rules do not support toFQDNs (docs "Deny Policies")');
  knownFields(rule, fields, field, fail);
  for (const f of [...l3, ingress ? 'fromRequires' : 'toRequires']) {
    const items = listOf(rule[f], `${field}.${f}`, fail, true);
    items.forEach((item, i) => checkPeer(f, item, `${field}.${f}[${i}]`, fail));
  }
  const toPorts = listOf(rule.toPorts, `${field}.toPorts`, fail);
  toPorts.forEach((p, i) => checkPortRule(p, `${field}.toPorts[${i}]`, ingress, deny, fail));
  const icmps = listOf(rule.icmps, `${field}.icmps`, fail);
  icmps.forEach((p, i) => checkIcmp(p, `${field}.icmps[${i}]`, fail));
  if (rule.authentication !== undefined && rule.authentication !== null) {
    const a = rule.authentication;
    if (!isMapping(a) || !['disabled', 'required', 'test-always-fail'].includes(a.mode as string)) {
      fail(`${field}.authentication.mode`, 'must be disabled, required or test-always-fail');
    }
  }
  if (deny) return;
  // Agent-side checks (pkg/policy/api rule_validation.go); Cilium refuses the whole policy otherwise.
  const used = l3.filter(f => Array.isArray(rule[f]) && rule[f].length > 0);
  if (used.length > 1) fail(field, `cannot combine ${used.join(' and ')} in one rule (Cilium refuses it); use one rule per peer kind`);
  if (icmps.length > 0 && toPorts.length > 0) fail(field, 'cannot combine icmps and toPorts in one rule (Cilium refuses it); use two rules');
  if (!ingress && used.includes('toServices') && toPorts.length > 0) fail(field, 'cannot combine toServices and toPorts in one rule (Cilium refuses it)');
}

function checkPeer(kind: string, item: unknown, field: string, fail: Fail): void {
  switch (kind) {
    case 'fromCIDR':
    case 'toCIDR':
      if (typeof item !== 'string' || (parseCidr(item) === undefined && parseIp(item) === undefined) || (item.includes('/') && parseCidr(item) === undefined)) {
        fail(field, `must be a CIDR such as 10.0.0.0/8 or an address, got ${describeValue(item)}`);
      }
      return;
    case 'fromCIDRSet':
    case 'toCIDRSet':
      return checkCidrRule(item, field, fail);
    case 'fromEntities':
    case 'toEntities':
      if (typeof item !== 'string' || !KNOWN_ENTITIES.includes(item)) fail(field, `must be one of ${KNOWN_ENTITIES.join(', ')}, got ${describeValue(item)}`);
      return;
    case 'toFQDNs':
      return checkFqdn(item, field, fail);
    case 'toServices':
    case 'fromGroups':
    case 'toGroups':
      if (!isMapping(item)) fail(field, `must be a mapping, got ${describeValue(item)}`);
      return;
    default: // endpoints, nodes, requires
      checkSelector(item, field, fail);
  }
}

function checkCidrRule(item: unknown, field: string, fail: Fail): void {
  if (!isMapping(item)) fail(field, `must be a mapping, got ${describeValue(item)}`);
  knownFields(item, ['cidr', 'cidrGroupRef', 'cidrGroupSelector', 'except'], field, fail);
  const set = ['cidr', 'cidrGroupRef', 'cidrGroupSelector'].filter(k => item[k] !== undefined && item[k] !== null);
  if (set.length !== 1) fail(field, 'must set exactly one of cidr, cidrGroupRef or cidrGroupSelector');
  if (item.cidrGroupSelector !== undefined && item.cidrGroupSelector !== null) checkSelector(item.cidrGroupSelector, `${field}.cidrGroupSelector`, fail);
  const except = listOf(item.except, `${field}.except`, fail, true);
  if (item.cidr === undefined || item.cidr === null) {
    if (except.length > 0) fail(`${field}.except`, 'is only supported beside cidr (not with a CIDR group)');
    return;
  }
  const block = typeof item.cidr === 'string' && item.cidr.includes('/') ? parseCidr(item.cidr) : undefined;
  if (block === undefined) fail(`${field}.cidr`, `must be a CIDR such as 10.0.0.0/8, got ${describeValue(item.cidr)}`);
  except.forEach((e, i) => {
    const x = typeof e === 'string' && e.includes('/') ? parseCidr(e) : undefined;
    if (x === undefined) fail(`${field}.except[${i}]`, `must be a CIDR such as 10.96.0.0/12, got ${describeValue(e)}`);
    if (!ipInCidr(x.range[0], block)) fail(`${field}.except[${i}]`, `${e} is not inside ${item.cidr as string} (Cilium refuses it)`);
  });
}

function checkFqdn(item: unknown, field: string, fail: Fail): void {
  if (!isMapping(item)) fail(field, `must be a mapping, got ${describeValue(item)}`);
  knownFields(item, ['matchName', 'matchPattern'], field, fail);
  const set = ['matchName', 'matchPattern'].filter(k => item[k] !== undefined && item[k] !== null);
  if (set.length !== 1) fail(field, 'must set exactly one of matchName or matchPattern');
  const key = set[0];
  const value = item[key];
  const pattern = key === 'matchName' ? FQDN_NAME : FQDN_PATTERN;
  if (typeof value !== 'string' || value.length > 255 || !pattern.test(value)) fail(`${field}.${key}`, `must be a DNS name${key === 'matchPattern' ? ' pattern (letters, digits, "-", "_", "*" and ".")' : ''}, got ${describeValue(value)}`);
}

function checkPortRule(rule: Record<string, any>, field: string, ingress: boolean, deny: boolean, fail: Fail): void {
  knownFields(rule, deny ? ['ports'] : ['ports', 'rules', 'serverNames', 'listener', 'terminatingTLS', 'originatingTLS'], field, fail);
  const ports = listOf(rule.ports, `${field}.ports`, fail);
  if (ports.length > MAX_PORTS) fail(`${field}.ports`, `lists ${ports.length} ports; Cilium accepts at most ${MAX_PORTS}`);
  const l7 = rule.rules;
  const l7Kinds = isMapping(l7) ? ['http', 'kafka', 'dns', 'l7proto'].filter(k => l7[k] !== undefined && l7[k] !== null) : [];
  if (l7 !== undefined && l7 !== null) {
    if (!isMapping(l7)) fail(`${field}.rules`, `must be a mapping, got ${describeValue(l7)}`);
    knownFields(l7, ['http', 'kafka', 'dns', 'l7proto', 'l7'], `${field}.rules`, fail);
    if (l7Kinds.length > 1) fail(`${field}.rules`, `sets ${l7Kinds.join(' and ')}; one L7 protocol per port rule`);
    if (l7.l7 !== undefined && l7.l7proto === undefined) fail(`${field}.rules.l7`, 'needs l7proto');
    if (l7Kinds.includes('dns') && ingress) fail(`${field}.rules.dns`, 'DNS rules are not allowed on ingress');
    if (l7Kinds.includes('dns') && ports.length === 0) fail(`${field}.rules.dns`, 'needs ports (53)');
  }
  if (rule.listener !== undefined && rule.listener !== null) {
    if (ingress) fail(`${field}.listener`, 'is not allowed on ingress');
    if (l7Kinds.length > 0) fail(`${field}.listener`, 'cannot be combined with L7 rules');
  }
  if (Array.isArray(rule.serverNames) && rule.serverNames.length > 0 && l7Kinds.length > 0 && !rule.terminatingTLS) {
    fail(`${field}.serverNames`, 'cannot be combined with L7 rules without terminatingTLS');
  }
  ports.forEach((p, i) => {
    const f = `${field}.ports[${i}]`;
    knownFields(p, ['port', 'endPort', 'protocol'], f, fail);
    if (p.protocol !== undefined && p.protocol !== null && !PROTOCOLS.includes(p.protocol)) fail(`${f}.protocol`, `must be one of ${PROTOCOLS.join(', ')}, got ${describeValue(p.protocol)}`);
    const port = p.port;
    if (port === undefined || port === null || port === '') fail(`${f}.port`, 'is missing');
    if (typeof port !== 'string') fail(`${f}.port`, `must be a string (quote it: "${String(port)}"), got ${describeValue(port)}`);
    const numeric = /^[0-9]+$/.test(port);
    if (numeric && port !== String(Number(port))) fail(`${f}.port`, `must not have leading zeros (Cilium reads them as octal), got ${describeValue(port)}`);
    if (numeric && Number(port) > 65535) fail(`${f}.port`, `must be a port number 0..65535 (0 is every port) or a port name, got ${describeValue(port)}`);
    if (!numeric && (port.length > 15 || !PORT_NAME.test(port))) fail(`${f}.port`, `must be a port number or a port name such as "http", got ${describeValue(port)}`);
    if (p.endPort !== undefined && p.endPort !== null) {
      if (!numeric) fail(`${f}.endPort`, 'needs a numeric port (Cilium ignores endPort on a named port)');
      if (!Number.isInteger(p.endPort) || p.endPort < Number(port) || p.endPort > 65535) fail(`${f}.endPort`, `must be a whole number from ${port} to 65535, got ${describeValue(p.endPort)}`);
    }
    if (l7Kinds.length > 0 && numeric && Number(port) === 0) fail(`${f}.port`, 'L7 rules cannot be used with port 0');
    if (l7Kinds.includes('dns') && p.endPort !== undefined && p.endPort !== null && p.endPort > Number(port)) fail(`${f}.endPort`, 'DNS rules do not support port ranges');
    if (l7Kinds.length > 0 && !l7Kinds.includes('dns') && p.protocol !== 'TCP') fail(`${f}.protocol`, 'L7 rules other than DNS need protocol TCP');
  });
}

function checkIcmp(item: Record<string, any>, field: string, fail: Fail): void {
  knownFields(item, ['fields'], field, fail);
  const fields = listOf(item.fields, `${field}.fields`, fail);
  if (fields.length > MAX_PORTS) fail(`${field}.fields`, `lists ${fields.length} types; Cilium accepts at most ${MAX_PORTS}`);
  fields.forEach((f, i) => {
    knownFields(f, ['family', 'type'], `${field}.fields[${i}]`, fail);
    if (f.family !== undefined && f.family !== 'IPv4' && f.family !== 'IPv6') fail(`${field}.fields[${i}].family`, 'must be IPv4 or IPv6');
    if (typeof f.type !== 'number' && typeof f.type !== 'string') fail(`${field}.fields[${i}].type`, 'must be an ICMP type number or name');
  });
}

/** A Cilium endpoint selector: keys may carry a source (`k8s:`, `any:`, `reserved:`...); values are label values. */
function checkSelector(selector: unknown, field: string, fail: Fail): void {
  if (!isMapping(selector)) fail(field, `must be a label selector mapping, got ${describeValue(selector)}`);
  knownFields(selector, ['matchLabels', 'matchExpressions'], field, fail);
  const labels = selector.matchLabels;
  if (labels !== undefined && labels !== null) {
    if (!isMapping(labels)) fail(`${field}.matchLabels`, `must map label keys to values, got ${describeValue(labels)}`);
    for (const [k, v] of Object.entries(labels)) {
      const at = `${field}.matchLabels[${JSON.stringify(k)}]`;
      checkKey(k, at, fail);
      if (typeof v !== 'string') fail(at, `must be a string, got ${describeValue(v)}; quote it in YAML`);
      if (v.length > 63 || !LABEL_VALUE.test(v)) fail(at, `must be a label value (at most 63 of [A-Za-z0-9-_.], alphanumeric at both ends), got ${describeValue(v)}`);
    }
  }
  listOf(selector.matchExpressions, `${field}.matchExpressions`, fail).forEach((e, i) => {
    const f = `${field}.matchExpressions[${i}]`;
    knownFields(e, ['key', 'operator', 'values'], f, fail);
    if (typeof e.key !== 'string' || e.key === '') fail(`${f}.key`, `must be a label key, got ${describeValue(e.key)}`);
    checkKey(e.key, `${f}.key`, fail);
    if (!SELECTOR_OPERATORS.includes(e.operator)) fail(`${f}.operator`, `must be one of ${SELECTOR_OPERATORS.join(', ')}, got ${describeValue(e.operator)}`);
    const values = e.values ?? [];
    if (!Array.isArray(values) || values.some((v: unknown) => typeof v !== 'string')) fail(`${f}.values`, 'must be a list of strings');
    const needsValues = e.operator === 'In' || e.operator === 'NotIn';
    if (needsValues !== values.length > 0) fail(`${f}.values`, needsValues ? `must not be empty for ${e.operator}` : `must be empty for ${e.operator}`);
  });
}

/** `[source:]key`: the key part must be a Kubernetes label key (Cilium turns selectors into Kubernetes selectors). */
function checkKey(raw: string, field: string, fail: Fail): void {
  const key = raw.replace(/^\$/, '').replace(/^[A-Za-z0-9_-]+:/, '');
  const problems = checkLabelKey(key);
  if (problems.length > 0) fail(field, problemText(problems[0]));
}

function knownFields(value: Record<string, unknown>, known: readonly string[], field: string, fail: Fail): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) fail(`${field}.${key}`, `is not a field the analyzer reads here (expected ${known.join(', ')}); the API server drops unknown fields, which would change what the rule matches`);
  }
}

/** A list (absent or null is empty) of mappings, or of scalars when `scalars`; anything else fails. */
function listOf(value: unknown, field: string, fail: Fail, scalars = false): any[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(field, `must be a list, got ${describeValue(value)}`);
  if (!scalars) value.forEach((item, i) => { if (!isMapping(item)) fail(`${field}[${i}]`, `must be a mapping, got ${describeValue(item)}`); });
  return value;
}
