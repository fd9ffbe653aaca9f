import { KNOWN_ENTITIES } from '../cilium/entities';
import { NAMESPACE_LABELS_PREFIX, POD_NAMESPACE_LABEL, parseSelectorKey, readsKey, readsReserved, selectorProblems } from '../cilium/labels';
import { ParsedCidr, parseCidr, parseIp } from '../ip-match';
import { selectorText } from '../selector-text';
import { PolicyDocument, Protocol } from '../types';
import { DEFAULT_NAMESPACE } from './defaults';
import { CiliumPeerForm, CiliumPolicyForm, CiliumPortForm, CiliumRuleForm, CiliumRuleSetForm, CiliumSubjectForm, Direction, LabelSelector } from './form';
import { listOf } from './read';

/** The L3 fields of a rule, by direction, in the order explanations list them. */
const L3_FIELDS: Readonly<Record<Direction, readonly string[]>> = {
  ingress: ['fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromNodes', 'fromGroups'],
  egress: ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toFQDNs', 'toNodes', 'toGroups'],
};
const REQUIRES: Readonly<Record<Direction, string>> = { ingress: 'fromRequires', egress: 'toRequires' };

const TRANSPORT: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
/** Protocols Cilium accepts in toPorts that carry no transport port: they never match a TCP/UDP/SCTP flow. */
const NON_TRANSPORT = ['VRRP', 'IGMP', 'ICMP', 'ICMPV6'];

const K8S_NAMESPACE_KEY = `k8s:${POD_NAMESPACE_LABEL}`;

/** Where a policy lives: a namespace (CiliumNetworkPolicy, NetworkPolicy) or the whole cluster. */
export type PolicyScope = { readonly namespace: string } | { readonly clusterwide: true };

/** A selector as Cilium scopes it, and what scoping added. */
export interface ScopedSelector {
  readonly selector: any;
  /** `namespace`: the policy's namespace was added; `cluster`: "has a namespace" was added. */
  readonly added?: 'namespace' | 'cluster';
}

/**
 * Reads a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy (cilium.io/v2) into one rule set per
 * `spec`/`specs[]` entry. Host policies (`nodeSelector`) select nodes, which the analyzer does not model: they
 * select nothing, with a problem. Unreadable parts are kept as such (an allow matches nothing, a deny everything:
 * fail closed) and listed in `problems`.
 */
export function readCiliumPolicy(doc: PolicyDocument): CiliumPolicyForm {
  const clusterwide = doc.kind === 'CiliumClusterwideNetworkPolicy';
  const namespace = clusterwide ? undefined : doc.namespace ?? DEFAULT_NAMESPACE;
  const scope: PolicyScope = namespace === undefined ? { clusterwide: true } : { namespace };
  const objects = ciliumRuleObjects(doc.spec);
  const ruleSets = objects.length === 0
    ? [emptyRuleSet(['spec: neither spec nor specs; the policy selects nothing'])]
    : objects.map(({ prefix, rule }) => readRuleSet(scope, prefix, rule));
  return {
    id: clusterwide ? `${doc.kind} ${doc.name}` : `${doc.kind} ${namespace}/${doc.name}`,
    kind: doc.kind,
    family: 'cilium',
    apiVersion: doc.apiVersion,
    name: doc.name,
    ...(namespace === undefined ? {} : { namespace }),
    ...(doc.source === undefined ? {} : { source: doc.source }),
    problems: ruleSets.flatMap(r => r.problems),
    ruleSets,
  };
}

/** The rule objects of a Cilium policy document with their label prefix: `spec` -> `''`, `specs[i]` -> `specs[i].`. */
function ciliumRuleObjects(spec: any): { prefix: string; rule: any }[] {
  const isWrapper = spec !== null && typeof spec === 'object' && !Array.isArray(spec)
    && ('specs' in spec || 'spec' in spec || 'apiVersion' in spec || 'metadata' in spec);
  if (!isWrapper) return [{ prefix: '', rule: spec }];
  const out: { prefix: string; rule: any }[] = [];
  if (spec.spec !== undefined && spec.spec !== null) out.push({ prefix: '', rule: spec.spec });
  if (Array.isArray(spec.specs)) spec.specs.forEach((rule: any, i: number) => out.push({ prefix: `specs[${i}].`, rule }));
  return out;
}

function emptyRuleSet(problems: string[]): CiliumRuleSetForm {
  return {
    subject: { kind: 'none' },
    ingress: [],
    egress: [],
    enableDefaultDeny: {},
    requires: { ingress: [], egress: [] },
    problems,
  };
}

function readRuleSet(scope: PolicyScope, prefix: string, spec: any): CiliumRuleSetForm {
  const problems: string[] = [];
  const at = (field: string) => (p: string) => problems.push(`${prefix}${field}: ${p}`);
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    return emptyRuleSet([`${prefix || 'spec'}: not a mapping; the rule selects nothing`]);
  }
  if (spec.nodeSelector !== undefined && spec.nodeSelector !== null && (spec.endpointSelector === undefined || spec.endpointSelector === null)) {
    return emptyRuleSet([`${prefix}nodeSelector: a host policy selects nodes, which the analyzer does not model; ignored`]);
  }
  const subject = readSubject(spec.endpointSelector, scope, at('endpointSelector'));

  const lists = {
    ingress: listAt(spec, 'ingress', at),
    ingressDeny: listAt(spec, 'ingressDeny', at),
    egress: listAt(spec, 'egress', at),
    egressDeny: listAt(spec, 'egressDeny', at),
  };
  const rulesOf = (direction: Direction): CiliumRuleForm[] => [
    ...lists[`${direction}Deny`].map((r, i) => readRule(r, `${prefix}${direction}Deny[${i}]`, direction, true, scope, at(`${direction}Deny[${i}]`))),
    ...lists[direction].map((r, i) => readRule(r, `${prefix}${direction}[${i}]`, direction, false, scope, at(`${direction}[${i}]`))),
  ];
  const ingress = rulesOf('ingress');
  const egress = rulesOf('egress');
  const edd = spec.enableDefaultDeny;
  const enableDefaultDeny = (direction: Direction): { [d in Direction]?: boolean } => {
    const value = edd?.[direction];
    if (value === undefined || value === null) return {};
    if (typeof value !== 'boolean') {
      at(`enableDefaultDeny.${direction}`)(`not a boolean (${JSON.stringify(value)}); read as true (fail closed)`);
      return {};
    }
    return { [direction]: value };
  };
  const defaultDeny = { ...enableDefaultDeny('ingress'), ...enableDefaultDeny('egress') };
  // An unreadable requirement is kept as is: it matches nothing, so the allow rules it constrains allow nothing.
  const requires = (direction: Direction): LabelSelector[] => lists[direction].flatMap((r: any, i: number) =>
    listOf(r?.[REQUIRES[direction]]).map((s: any, j: number) => {
      const bad = selectorProblems(s);
      if (bad.length > 0) at(`${direction}[${i}].${REQUIRES[direction]}[${j}]`)(`unreadable (${bad.join('; ')}); it lets nothing through`);
      return bad.length > 0 ? s : scopeSelector(s, scope, false).selector;
    }));
  return {
    subject,
    ingress,
    egress,
    enableDefaultDeny: defaultDeny,
    requires: { ingress: requires('ingress'), egress: requires('egress') },
    problems,
  };
}

/** Whom a rule set selects. An unreadable selector is read fail-closed: every pod of the scope, allow rules off. */
function readSubject(selector: any, scope: PolicyScope, problem: (p: string) => void): CiliumSubjectForm {
  if (selector === undefined || selector === null || selectorProblems(selector).length > 0) {
    problem(selector === undefined || selector === null
      ? 'missing; read as every pod of the policy\'s scope with its allow rules ignored (fail closed)'
      : `unreadable (${selectorProblems(selector).join('; ')}); read as every pod of the policy's scope with its allow rules ignored (fail closed)`);
    return { kind: 'unreadable' };
  }
  if ('clusterwide' in scope) return { kind: 'endpoints', selector };
  // A CiliumNetworkPolicy always applies in its own namespace: Cilium overwrites `k8s:io.kubernetes.pod.namespace`.
  const own = { ...selector, matchLabels: { ...(selector.matchLabels ?? {}) } };
  for (const key of Object.keys(own.matchLabels)) {
    const k = parseSelectorKey(key);
    if (k.source === 'k8s' && k.key === POD_NAMESPACE_LABEL) {
      if (own.matchLabels[key] !== scope.namespace) problem(`names namespace ${own.matchLabels[key]}; Cilium applies a CiliumNetworkPolicy in its own namespace only`);
      delete own.matchLabels[key];
    }
  }
  return { kind: 'endpoints', selector: own };
}

/** A rule list field: absent or null is empty; anything but a list is a problem and empty. */
function listAt(spec: any, field: string, at: (field: string) => (p: string) => void): any[] {
  const value = spec[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    at(field)('not a list; ignored');
    return [];
  }
  return value;
}

/**
 * One allow or deny rule. Its peers are the union of its L3 fields; a rule without any L3 field but with
 * `toPorts` (or `icmps`) applies to every peer (an empty list, `fromEndpoints: []`, selects nothing); a
 * rule with neither, `{}`, matches nothing. `icmps` alone match no TCP/UDP/SCTP flow.
 */
function readRule(rule: any, label: string, direction: Direction, deny: boolean, scope: PolicyScope, problem: (p: string) => void): CiliumRuleForm {
  const action = deny ? 'Deny' : 'Allow';
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
    problem(deny ? 'not a mapping; read as denying everything (fail closed)' : 'not a mapping; it allows nothing');
    return deny ? { label, action, failClosed: 'unreadable rule' } : { label, action, peers: [] };
  }
  const l3Present = L3_FIELDS[direction].filter(f => rule[f] !== undefined && rule[f] !== null);
  const nonEmpty = l3Present.filter(f => !Array.isArray(rule[f]) || rule[f].length > 0);
  if (!deny && nonEmpty.length > 1) problem(`Cilium refuses a rule combining ${nonEmpty.join(' and ')}; read as their union`);
  const peers = l3Present.flatMap(f => readPeers(f, rule[f], deny, scope, p => problem(`${f}: ${p}`)));
  const toPorts = rule.toPorts;
  const hasPorts = Array.isArray(toPorts) && toPorts.length > 0;
  const hasIcmps = Array.isArray(rule.icmps) && rule.icmps.length > 0;
  if (toPorts !== undefined && toPorts !== null && !Array.isArray(toPorts)) problem('toPorts: not a list; ignored');
  const requires = Array.isArray(rule[REQUIRES[direction]]) && rule[REQUIRES[direction]].length > 0;
  const ports = hasPorts ? readToPorts(toPorts, 'toPorts', deny, problem) : hasIcmps ? [] : undefined;
  const withPorts = ports ? { ports } : {};
  if (l3Present.length > 0) return { label, action, peers, ...withPorts };
  if ((hasPorts || hasIcmps) && !requires) return { label, action, ...withPorts };
  return { label, action, peers: [], ...withPorts };
}

function readPeers(field: string, value: any, deny: boolean, scope: PolicyScope, problem: (p: string) => void): CiliumPeerForm[] {
  const unreadable = (text: string): CiliumPeerForm => ({ kind: 'unreadable', text });
  if (!Array.isArray(value)) {
    problem('not a list');
    return [unreadable(field)];
  }
  switch (field) {
    case 'fromEndpoints':
    case 'toEndpoints':
      return value.map(s => {
        const bad = selectorProblems(s);
        if (bad.length > 0) {
          problem(`unreadable endpoint selector (${bad.join('; ')})`);
          return unreadable(`endpoints(${selectorText(s)})`);
        }
        const scoped = scopeSelector(s, scope);
        return { kind: 'endpoints', written: s ?? {}, selector: scoped.selector, ...(scoped.added ? { added: scoped.added } : {}) };
      });
    case 'fromCIDR':
    case 'toCIDR':
      return value.map(c => cidrPeer(c, [], true, problem));
    case 'fromCIDRSet':
    case 'toCIDRSet':
      return value.map(c => {
        if (c?.cidrGroupRef !== undefined || c?.cidrGroupSelector !== undefined) {
          problem('CiliumCIDRGroup references are not read');
          return unreadable(`cidrGroup(${c.cidrGroupRef ?? selectorText(c.cidrGroupSelector)})`);
        }
        return cidrPeer(c?.cidr, listOf(c?.except), false, problem);
      });
    case 'fromEntities':
    case 'toEntities':
      return value.map(e => {
        if (typeof e !== 'string' || !KNOWN_ENTITIES.includes(e)) {
          problem(`unknown entity ${JSON.stringify(e)}`);
          return unreadable(`entity(${String(e)})`);
        }
        return { kind: 'entity', name: e };
      });
    case 'toFQDNs':
      if (deny) {
        problem('deny rules do not support toFQDNs');
        return [unreadable('fqdn')];
      }
      return [{
        kind: 'fqdn',
        fqdns: value.map(s => ({
          ...(s?.matchName !== undefined ? { matchName: s.matchName } : {}),
          ...(s?.matchPattern !== undefined ? { matchPattern: s.matchPattern } : {}),
        })),
      }];
    case 'fromNodes':
    case 'toNodes':
      return value.map(s => ({ kind: 'nodes', selector: s ?? {} }));
    default: // toServices, fromGroups, toGroups
      problem('not evaluated by the analyzer');
      return [unreadable(`${field}(${value.length})`)];
  }
}

/**
 * The selector Cilium actually uses for a `fromEndpoints`/`toEndpoints`/`*Requires` entry
 * (pkg/k8s/apis/cilium.io/utils getEndpointSelector): a selector naming `io.kubernetes.pod.namespace`
 * (with `k8s:`, `any:` or no source) is kept; one with `reserved:` keys is kept (for peers, not for
 * requirements); otherwise a CiliumNetworkPolicy adds its own namespace (unless the selector reads
 * `io.cilium.k8s.namespace.labels.*`) and a clusterwide policy adds "has a namespace", so `{}` is every
 * pod of the namespace, or every pod of the cluster, never an address outside it.
 */
export function scopeSelector(selector: any, scope: PolicyScope, peer = true): ScopedSelector {
  const base = selector ?? {};
  if (peer && readsReserved(base)) return { selector: base };
  if (readsKey(base, k => k === POD_NAMESPACE_LABEL)) return { selector: base };
  if ('clusterwide' in scope) {
    const matchExpressions = [...(base.matchExpressions ?? []), { key: K8S_NAMESPACE_KEY, operator: 'Exists' }];
    return { selector: { ...base, matchExpressions }, added: 'cluster' };
  }
  if (readsKey(base, k => k.startsWith(NAMESPACE_LABELS_PREFIX))) return { selector: base };
  return { selector: { ...base, matchLabels: { ...(base.matchLabels ?? {}), [K8S_NAMESPACE_KEY]: scope.namespace } }, added: 'namespace' };
}

/** `10.0.0.0/8`, or a bare address as a host prefix (fromCIDR/toCIDR accept both; CIDRSet needs a prefix). */
function readCidr(text: unknown, allowBareIp: boolean): ParsedCidr | undefined {
  const s = String(text);
  if (s.includes('/')) return parseCidr(s);
  if (!allowBareIp) return undefined;
  const ip = parseIp(s);
  return ip === undefined ? undefined : parseCidr(`${s}/${ip.kind() === 'ipv4' ? 32 : 128}`);
}

/** The text Cilium peers of a CIDR print: `cidr(10.0.0.0/8 except 10.1.0.0/16)`. */
export function cidrText(cidr: string, except: readonly string[]): string {
  return `cidr(${cidr}${except.length ? ` except ${except.join(',')}` : ''})`;
}

/** A CIDR peer; unreadable (listed in problems) when a CIDR cannot be read. */
function cidrPeer(cidr: unknown, except: readonly unknown[], allowBareIp: boolean, problem: (p: string) => void): CiliumPeerForm {
  const texts = { cidr: String(cidr), except: except.map(String) };
  const text = cidrText(texts.cidr, texts.except);
  const block = readCidr(cidr, allowBareIp);
  const excluded = except.map(e => readCidr(e, false));
  if (block === undefined || excluded.some(e => e === undefined)) {
    problem(`unreadable CIDR in ${text}`);
    return { kind: 'unreadable', text };
  }
  return { kind: 'cidr', ...texts, range: { cidr: block, except: excluded as ParsedCidr[] } };
}

/** A rule's `toPorts`, flattened: every port of every port rule, each with its rule's L7 text. */
function readToPorts(toPorts: readonly any[], field: string, deny: boolean, problem: (p: string) => void): CiliumPortForm[] {
  return toPorts.flatMap((portRule, i): CiliumPortForm[] => {
    const ports = portRule?.ports;
    if (!Array.isArray(ports) || ports.length === 0) {
      if (deny) {
        problem(`${field}[${i}] lists no ports; read as every port (fail closed)`);
        return [{ kind: 'unreadable', reason: 'no ports listed' }];
      }
      problem(`${field}[${i}] lists no ports; it matches nothing`);
      return [];
    }
    const l7 = deny ? undefined : l7Text(portRule);
    return ports.map((p: any, j: number) => readPort(p, l7, why => problem(`${field}[${i}].ports[${j}]: ${why}`)));
  });
}

/**
 * One `toPorts[].ports[]` entry (pkg/policy/api PortProtocol): `port` is a number (`"0"` is every port) or
 * an IANA service name resolved on the destination pod's container ports (case-insensitive); `endPort`
 * makes a range (Cilium 1.16+); `protocol` TCP, UDP, SCTP, or ANY/empty for all three.
 */
function readPort(entry: any, l7: string | undefined, problem: (p: string) => void): CiliumPortForm {
  const unreadable = (reason: string): CiliumPortForm => {
    problem(reason);
    return { kind: 'unreadable', reason };
  };
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return unreadable('a port entry is not a mapping');
  const protocol = entry.protocol === undefined || entry.protocol === null || entry.protocol === '' ? 'ANY' : String(entry.protocol).toUpperCase();
  if (protocol !== 'ANY' && !TRANSPORT.includes(protocol as Protocol) && !NON_TRANSPORT.includes(protocol)) {
    return unreadable(`unknown protocol ${JSON.stringify(entry.protocol)}`);
  }
  const raw = entry.port;
  if (raw === undefined || raw === null || raw === '') return unreadable('a port entry has no port');
  const protocols: readonly Protocol[] = protocol === 'ANY' ? TRANSPORT : TRANSPORT.includes(protocol as Protocol) ? [protocol as Protocol] : [];
  const withL7 = l7 ? { l7 } : {};
  if (typeof raw === 'number' || /^[0-9]+$/.test(String(raw))) {
    // Go's ParseUint with base 0, as Cilium parses it: a leading 0 is octal.
    const text = String(raw);
    const port = typeof raw === 'number' ? raw : /^0[0-7]+$/.test(text) ? parseInt(text, 8) : /^0[0-9]+$/.test(text) ? NaN : Number(text);
    if (!Number.isInteger(port) || port < 0 || port > 65535) return unreadable(`port ${JSON.stringify(raw)} is out of range`);
    if (port === 0) return { kind: 'all', protocol, protocols, ...withL7 };
    const last = typeof entry.endPort === 'number' && entry.endPort > port ? Math.min(entry.endPort, 65535) : port;
    return { kind: 'range', protocol, protocols, first: port, last, ...withL7 };
  }
  if (typeof raw !== 'string') return unreadable(`port ${JSON.stringify(raw)} is neither a number nor a name`);
  return { kind: 'named', protocol, protocols, name: raw.toLowerCase(), ...withL7 };
}

/** The L7 part of a port rule as one phrase: `http GET /public`, `dns matchPattern=*`, `kafka role=produce topic=t`. */
function l7Text(portRule: any): string | undefined {
  const rules = portRule?.rules;
  const parts: string[] = [];
  if (rules && typeof rules === 'object') {
    for (const h of Array.isArray(rules.http) ? rules.http : []) {
      parts.push(['http', h?.method || '*', h?.path || '*', h?.host ? `host=${h.host}` : undefined].filter(Boolean).join(' '));
    }
    for (const d of Array.isArray(rules.dns) ? rules.dns : []) {
      parts.push(`dns ${d?.matchName !== undefined ? `matchName=${d.matchName}` : `matchPattern=${d?.matchPattern}`}`);
    }
    for (const k of Array.isArray(rules.kafka) ? rules.kafka : []) {
      const fields = ['role', 'apiKey', 'apiVersion', 'clientID', 'topic'].filter(f => k?.[f] !== undefined).map(f => `${f}=${k[f]}`);
      parts.push(['kafka', ...fields].join(' '));
    }
    if (rules.l7proto) parts.push(`l7 ${rules.l7proto}`);
  }
  if (Array.isArray(portRule?.serverNames) && portRule.serverNames.length > 0) parts.push(`tls sni ${portRule.serverNames.join(',')}`);
  if (portRule?.listener?.name) parts.push(`envoy listener ${portRule.listener.name}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}
