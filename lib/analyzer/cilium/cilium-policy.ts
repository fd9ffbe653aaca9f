import { selectorText } from '../selector-text';
import { Endpoint, PolicyDocument } from '../types';
import { CiliumPolicy, CiliumRule } from './compiled';
import { Identity, POD_NAMESPACE_LABEL, matchesCiliumSelector, parseSelectorKey, selectorProblems } from './labels';
import {
  CiliumPeer, IdentityOf, PolicyScope, checkedEndpointsPeer, cidrPeer, entityPeer, fqdnPeer, nodesPeer, scopeSelector, unreadablePeer,
} from './peers';
import { ciliumToPorts } from './ports';

type Direction = 'ingress' | 'egress';

/** The L3 fields of a rule, by direction, in the order explanations list them. */
const L3_FIELDS: Readonly<Record<Direction, readonly string[]>> = {
  ingress: ['fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromNodes', 'fromGroups'],
  egress: ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toFQDNs', 'toNodes', 'toGroups'],
};
const REQUIRES: Readonly<Record<Direction, string>> = { ingress: 'fromRequires', egress: 'toRequires' };

/** The rule objects of a Cilium policy document with their label prefix: `spec` -> `''`, `specs[i]` -> `specs[i].`. */
export function ciliumRuleObjects(spec: any): { prefix: string; rule: any }[] {
  const isWrapper = spec !== null && typeof spec === 'object' && !Array.isArray(spec)
    && ('specs' in spec || 'spec' in spec || 'apiVersion' in spec || 'metadata' in spec);
  if (!isWrapper) return [{ prefix: '', rule: spec }];
  const out: { prefix: string; rule: any }[] = [];
  if (spec.spec !== undefined && spec.spec !== null) out.push({ prefix: '', rule: spec.spec });
  if (Array.isArray(spec.specs)) spec.specs.forEach((rule: any, i: number) => out.push({ prefix: `specs[${i}].`, rule }));
  return out;
}

/**
 * Compiles a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy (cilium.io/v2) into one rule set per
 * `spec`/`specs[]` entry. Host policies (`nodeSelector`) select nodes, which the analyzer does not model:
 * they are skipped with a problem. Unreadable parts match nothing in allow rules and everything in deny
 * rules (fail closed); all are listed in `problems`.
 */
export function compileCiliumPolicy(doc: PolicyDocument, identityOf: IdentityOf, podIdentityOf: (e: Endpoint) => Identity): CiliumPolicy[] {
  const clusterwide = doc.kind === 'CiliumClusterwideNetworkPolicy';
  const namespace = clusterwide ? undefined : doc.namespace ?? 'default';
  const id = clusterwide ? `${doc.kind} ${doc.name}` : `${doc.kind} ${namespace}/${doc.name}`;
  const scope: PolicyScope = namespace === undefined ? { clusterwide: true } : { namespace };
  const objects = ciliumRuleObjects(doc.spec);
  if (objects.length === 0) {
    return [emptyPolicy(id, namespace, ['spec: neither spec nor specs; the policy selects nothing'])];
  }
  return objects.map(({ prefix, rule }) => compileRuleSet(id, namespace, scope, prefix, rule, identityOf, podIdentityOf));
}

function emptyPolicy(id: string, namespace: string | undefined, problems: string[]): CiliumPolicy {
  return {
    id,
    tier: 'NetworkPolicy',
    namespace,
    isolatesIngress: false,
    isolatesEgress: false,
    hasIngress: false,
    hasEgress: false,
    ingress: [],
    egress: [],
    requires: { ingress: [], egress: [] },
    problems,
    selects: () => false,
  };
}

function compileRuleSet(
  id: string, namespace: string | undefined, scope: PolicyScope, prefix: string, spec: any,
  identityOf: IdentityOf, podIdentityOf: (e: Endpoint) => Identity,
): CiliumPolicy {
  const problems: string[] = [];
  const at = (field: string) => (p: string) => problems.push(`${prefix}${field}: ${p}`);
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    return emptyPolicy(id, namespace, [`${prefix || 'spec'}: not a mapping; the rule selects nothing`]);
  }
  if (spec.nodeSelector !== undefined && spec.nodeSelector !== null && (spec.endpointSelector === undefined || spec.endpointSelector === null)) {
    return emptyPolicy(id, namespace, [`${prefix}nodeSelector: a host policy selects nodes, which the analyzer does not model; ignored`]);
  }

  // Whom it selects. An unreadable selector is read fail-closed: every pod of the scope, allow rules off.
  const selector = spec.endpointSelector;
  let selectorReadable = true;
  let selects: (e: Endpoint) => boolean;
  if (selector === undefined || selector === null || selectorProblems(selector).length > 0) {
    selectorReadable = false;
    at('endpointSelector')(selector === undefined || selector === null
      ? 'missing; read as every pod of the policy\'s scope with its allow rules ignored (fail closed)'
      : `unreadable (${selectorProblems(selector).join('; ')}); read as every pod of the policy's scope with its allow rules ignored (fail closed)`);
    selects = namespace === undefined ? () => true : e => e.namespace === namespace;
  } else if (namespace === undefined) {
    selects = e => matchesCiliumSelector(selector, podIdentityOf(e));
  } else {
    // A CiliumNetworkPolicy always applies in its own namespace: Cilium overwrites `k8s:io.kubernetes.pod.namespace`.
    const own = { ...selector, matchLabels: { ...(selector.matchLabels ?? {}) } };
    for (const key of Object.keys(own.matchLabels)) {
      const k = parseSelectorKey(key);
      if (k.source === 'k8s' && k.key === POD_NAMESPACE_LABEL) {
        if (own.matchLabels[key] !== namespace) at('endpointSelector')(`names namespace ${own.matchLabels[key]}; Cilium applies a CiliumNetworkPolicy in its own namespace only`);
        delete own.matchLabels[key];
      }
    }
    selects = e => e.namespace === namespace && matchesCiliumSelector(own, podIdentityOf(e));
  }

  const lists = {
    ingress: listAt(spec, 'ingress', at),
    ingressDeny: listAt(spec, 'ingressDeny', at),
    egress: listAt(spec, 'egress', at),
    egressDeny: listAt(spec, 'egressDeny', at),
  };
  const compileDirection = (direction: Direction): CiliumRule[] => {
    const allow = lists[direction];
    const deny = lists[`${direction}Deny`];
    return [
      ...deny.map((r, i) => compileRule(r, `${prefix}${direction}Deny[${i}]`, direction, true, scope, identityOf, at(`${direction}Deny[${i}]`))),
      ...allow.map((r, i) => {
        const rule = compileRule(r, `${prefix}${direction}[${i}]`, direction, false, scope, identityOf, at(`${direction}[${i}]`));
        return selectorReadable ? rule : { ...rule, peers: [] };
      }),
    ];
  };
  const ingress = compileDirection('ingress');
  const egress = compileDirection('egress');
  const hasIngress = ingress.length > 0;
  const hasEgress = egress.length > 0;
  const edd = spec.enableDefaultDeny;
  const defaultDeny = (direction: Direction, has: boolean): boolean => {
    const value = edd?.[direction];
    if (value === undefined || value === null) return has;
    if (typeof value !== 'boolean') {
      at(`enableDefaultDeny.${direction}`)(`not a boolean (${JSON.stringify(value)}); read as true (fail closed)`);
      return has;
    }
    return has && value;
  };
  // An unreadable requirement is kept as is: it matches nothing, so the allow rules it constrains allow nothing.
  const requires = (direction: Direction): any[] => lists[direction].flatMap((r: any, i: number) =>
    (Array.isArray(r?.[REQUIRES[direction]]) ? r[REQUIRES[direction]] : []).map((s: any, j: number) => {
      const bad = selectorProblems(s);
      if (bad.length > 0) at(`${direction}[${i}].${REQUIRES[direction]}[${j}]`)(`unreadable (${bad.join('; ')}); it lets nothing through`);
      return bad.length > 0 ? s : scopeSelector(s, scope, false).selector;
    }));
  return {
    id,
    tier: 'NetworkPolicy',
    namespace,
    selects,
    isolatesIngress: defaultDeny('ingress', hasIngress),
    isolatesEgress: defaultDeny('egress', hasEgress),
    hasIngress,
    hasEgress,
    ingress,
    egress,
    requires: { ingress: requires('ingress'), egress: requires('egress') },
    problems,
  };
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
function compileRule(
  rule: any, label: string, direction: Direction, deny: boolean, scope: PolicyScope, identityOf: IdentityOf, problem: (p: string) => void,
): CiliumRule {
  const action = deny ? 'Deny' : 'Allow';
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
    problem(deny ? 'not a mapping; read as denying everything (fail closed)' : 'not a mapping; it allows nothing');
    return deny ? { label, action, failClosed: 'unreadable rule' } : { label, action, peers: [] };
  }
  const l3Present = L3_FIELDS[direction].filter(f => rule[f] !== undefined && rule[f] !== null);
  const nonEmpty = l3Present.filter(f => !Array.isArray(rule[f]) || rule[f].length > 0);
  if (!deny && nonEmpty.length > 1) problem(`Cilium refuses a rule combining ${nonEmpty.join(' and ')}; read as their union`);
  const peers: CiliumPeer[] = l3Present.flatMap(f => compilePeers(f, rule[f], deny, scope, identityOf, p => problem(`${f}: ${p}`)));
  const toPorts = rule.toPorts;
  const hasPorts = Array.isArray(toPorts) && toPorts.length > 0;
  const hasIcmps = Array.isArray(rule.icmps) && rule.icmps.length > 0;
  if (toPorts !== undefined && toPorts !== null && !Array.isArray(toPorts)) problem('toPorts: not a list; ignored');
  const requires = Array.isArray(rule[REQUIRES[direction]]) && rule[REQUIRES[direction]].length > 0;
  const ports = hasPorts ? ciliumToPorts(toPorts, 'toPorts', deny, problem) : hasIcmps ? [] : undefined;
  // Unreadable peers and ports of a deny rule already match everything and say so in their text.
  const base = { label, action } as const;
  if (l3Present.length > 0) return { ...base, peers, ...(ports ? { ports } : {}) };
  if ((hasPorts || hasIcmps) && !requires) return { ...base, ...(ports ? { ports } : {}) };
  return { ...base, peers: [], ...(ports ? { ports } : {}) };
}

function compilePeers(
  field: string, value: any, deny: boolean, scope: PolicyScope, identityOf: IdentityOf, problem: (p: string) => void,
): CiliumPeer[] {
  if (!Array.isArray(value)) {
    problem('not a list');
    return [unreadablePeer(field, deny)];
  }
  switch (field) {
    case 'fromEndpoints':
    case 'toEndpoints':
      return value.map(s => checkedEndpointsPeer(s, scope, identityOf, deny, problem));
    case 'fromCIDR':
    case 'toCIDR':
      return value.map(c => cidrPeer(c, [], true, deny, problem));
    case 'fromCIDRSet':
    case 'toCIDRSet':
      return value.map(c => {
        if (c?.cidrGroupRef !== undefined || c?.cidrGroupSelector !== undefined) {
          problem('CiliumCIDRGroup references are not read');
          return unreadablePeer(`cidrGroup(${c.cidrGroupRef ?? selectorText(c.cidrGroupSelector)})`, deny);
        }
        return cidrPeer(c?.cidr, Array.isArray(c?.except) ? c.except : [], false, deny, problem);
      });
    case 'fromEntities':
    case 'toEntities':
      return value.map(e => entityPeer(e, deny, problem));
    case 'toFQDNs':
      if (deny) {
        problem('deny rules do not support toFQDNs');
        return [unreadablePeer('fqdn', true)];
      }
      return [fqdnPeer(value)];
    case 'fromNodes':
    case 'toNodes':
      return value.map(s => nodesPeer(s));
    default: // toServices, fromGroups, toGroups
      problem('not evaluated by the analyzer');
      return [unreadablePeer(`${field}(${value.length})`, deny)];
  }
}
