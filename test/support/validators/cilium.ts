/**
 * CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (`cilium.io/v2`): the checks the Cilium agent
 * makes when it reads a policy (pkg/k8s/apis/cilium.io/v2 `Parse`, pkg/policy/api `Rule.Sanitize`), which
 * the API server does not: an accepted object the agent refuses enforces nothing.
 *
 * Ported: `spec` or `specs` present; no `nodeSelector` on a namespaced policy; one kind of L3 peer per
 * rule ("Combining X and Y is not supported yet"); `toServices` without `toPorts`; `icmps` without
 * `toPorts`; DNS rules only on egress, with ports and without port ranges; non-DNS L7 rules only on TCP;
 * no L7 rules in host policies; `serverNames` with L7 rules need `terminatingTLS`; no `listener` on
 * ingress or beside L7 rules; `except` inside its `cidr` and not beside a CIDR group; ports and `endPort`;
 * label-selector values per operator and keys (after Cilium's source prefix, `k8s:`; the schema has the
 * operator enum and the label-value pattern).
 * Not ported: checks that depend on agent flags (L7 proxy, ICMP rules, node selector labels) and limits
 * the schema already carries (40 ports, 40 ICMP fields).
 * Port "0" is accepted: it is Cilium's own "every port of the protocol" (its translation of a Kubernetes
 * port without a number writes it; `endPort` is ignored before Cilium 1.16, cilium/cilium#28684), but not
 * with `endPort` or L7 rules ("L7 rules can not be used when a port is 0").
 * Stricter than Cilium: no leading zeros (ParseUint base 0 reads "010" as 8 and refuses "08080");
 * CIDRs are in strict, canonical form.
 */
import { checkExcept, isGoCidr, parseStrictCidr } from './cidr';
import { Errors, isObject, isString, objectsOf, stringsOf } from './errors';
import { validateLabelSelector } from './label-selector';
import { dnsSubdomainName, validateObjectMeta } from './meta';
import { checkPortName } from './ports';

type Direction = 'ingress' | 'ingressDeny' | 'egress' | 'egressDeny';

const INGRESS_PEERS = ['fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromNodes', 'fromGroups'];
const EGRESS_PEERS = ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toFQDNs', 'toGroups', 'toNodes'];
const L7_KINDS = ['http', 'kafka', 'dns', 'l7proto'];

/** A Cilium label key is `[source:]key`; the key part must be a qualified name. */
const ciliumKey = (key: string): string => key.replace(/^[A-Za-z0-9_-]+:/, '');
// The schema has the operator enum and the label-value pattern; the keys are checked here.
const CILIUM_SELECTOR = { key: ciliumKey, schemaChecksValues: true };

export function ciliumRules(clusterwide: boolean): (obj: any) => string[] {
  return obj => {
    const errors = new Errors();
    validateObjectMeta(errors, obj.metadata, { namespaced: !clusterwide, name: dnsSubdomainName });
    const specs = Array.isArray(obj.specs) ? obj.specs : [];
    if (obj.spec === undefined && specs.length === 0) errors.required('spec', 'a policy needs `spec` or a non-empty `specs` (Cilium refuses an empty policy)');
    if (isObject(obj.spec)) validateRule(errors, 'spec', obj.spec, clusterwide);
    for (const [rule, i] of objectsOf(obj.specs)) validateRule(errors, `specs[${i}]`, rule, clusterwide);
    return errors.list;
  };
}

/** Rule.Sanitize (and Parse's NodeSelector check) for one rule. */
function validateRule(errors: Errors, at: string, rule: { [key: string]: any }, clusterwide: boolean): void {
  const hostPolicy = rule.nodeSelector !== undefined;
  if (hostPolicy && !clusterwide) errors.forbidden(`${at}.nodeSelector`, 'only a CiliumClusterwideNetworkPolicy may select nodes (Cilium: "rule cannot have NodeSelector")');
  validateLabelSelector(errors, `${at}.endpointSelector`, rule.endpointSelector, CILIUM_SELECTOR);
  validateLabelSelector(errors, `${at}.nodeSelector`, rule.nodeSelector, CILIUM_SELECTOR);
  for (const direction of ['ingress', 'ingressDeny', 'egress', 'egressDeny'] as const) {
    for (const [item, i] of objectsOf(rule[direction])) validateDirectionalRule(errors, `${at}.${direction}[${i}]`, item, direction, hostPolicy);
  }
}

function validateDirectionalRule(errors: Errors, at: string, rule: { [key: string]: any }, direction: Direction, hostPolicy: boolean): void {
  const ingress = direction.startsWith('ingress');
  const present = (ingress ? INGRESS_PEERS : EGRESS_PEERS).filter(k => Array.isArray(rule[k]) && rule[k].length > 0);
  if (present.length > 1) errors.forbidden(at, `combining ${present.join(' and ')} is not supported (Cilium: one kind of peer per rule)`);
  const toPorts = Array.isArray(rule.toPorts) && rule.toPorts.length > 0;
  if (toPorts && Array.isArray(rule.toServices) && rule.toServices.length > 0) errors.forbidden(`${at}.toPorts`, 'combining toServices and toPorts is not supported');
  if (toPorts && Array.isArray(rule.icmps) && rule.icmps.length > 0) errors.forbidden(`${at}.icmps`, 'the icmps block may only be present without toPorts; define a separate rule to use toPorts');

  for (const key of ingress ? ['fromEndpoints', 'fromRequires', 'fromNodes'] : ['toEndpoints', 'toRequires', 'toNodes']) {
    for (const [selector, i] of objectsOf(rule[key])) validateLabelSelector(errors, `${at}.${key}[${i}]`, selector, CILIUM_SELECTOR);
  }
  for (const [service, i] of objectsOf(rule.toServices)) {
    if (isObject(service.k8sServiceSelector)) validateLabelSelector(errors, `${at}.toServices[${i}].k8sServiceSelector.selector`, service.k8sServiceSelector.selector, { schemaChecksValues: true });
  }
  const cidrKey = ingress ? 'fromCIDR' : 'toCIDR';
  for (const [text, i] of stringsOf(rule[cidrKey])) checkCidr(errors, `${at}.${cidrKey}[${i}]`, text);
  const setKey = ingress ? 'fromCIDRSet' : 'toCIDRSet';
  for (const [cidrRule, i] of objectsOf(rule[setKey])) validateCidrRule(errors, `${at}.${setKey}[${i}]`, cidrRule);
  for (const [portRule, i] of objectsOf(rule.toPorts)) validatePortRule(errors, `${at}.toPorts[${i}]`, portRule, ingress, hostPolicy);
}

/** CIDRRule.sanitize: `except` entries inside `cidr`, and not beside a CIDR group. */
function validateCidrRule(errors: Errors, at: string, cidrRule: { [key: string]: any }): void {
  const cidr = isString(cidrRule.cidr) ? checkCidr(errors, `${at}.cidr`, cidrRule.cidr) : undefined;
  const excepts = stringsOf(cidrRule.except);
  if (excepts.length > 0 && !isString(cidrRule.cidr)) {
    errors.forbidden(`${at}.except`, 'except is only supported beside `cidr` (not with cidrGroupRef or cidrGroupSelector)');
    return;
  }
  for (const [text, i] of excepts) {
    if (isGoCidr(text)) checkExcept(errors, `${at}.except[${i}]`, text, cidr);
  }
}

/** The strict form of a CIDR the schema's `format: cidr` accepted (a malformed one is the schema's to report). */
function checkCidr(errors: Errors, at: string, text: string): ReturnType<typeof parseStrictCidr> {
  return isGoCidr(text) ? parseStrictCidr(errors, at, text) : undefined;
}

/** PortRule.sanitize and PortProtocol.sanitize. */
function validatePortRule(errors: Errors, at: string, portRule: { [key: string]: any }, ingress: boolean, hostPolicy: boolean): void {
  const rules = isObject(portRule.rules) ? portRule.rules : undefined;
  const l7 = rules !== undefined && L7_KINDS.some(k => rules[k] !== undefined);
  const dns = rules !== undefined && Array.isArray(rules.dns) && rules.dns.length > 0;
  if (dns && ingress) errors.forbidden(`${at}.rules.dns`, 'DNS rules are not allowed on ingress');
  if (l7 && hostPolicy) errors.forbidden(`${at}.rules`, 'host policies (nodeSelector) do not support L7 rules');
  if (l7 && Array.isArray(portRule.serverNames) && portRule.serverNames.length > 0 && portRule.terminatingTLS === undefined) {
    errors.forbidden(`${at}.serverNames`, 'serverNames are not allowed with L7 rules without terminatingTLS');
  }
  if (portRule.listener !== undefined) {
    if (ingress) errors.forbidden(`${at}.listener`, 'a listener is not allowed on ingress');
    if (l7) errors.forbidden(`${at}.listener`, 'a listener is not allowed with L7 rules');
  }
  const ports = objectsOf(portRule.ports);
  if (dns && ports.length === 0) errors.required(`${at}.ports`, 'DNS rules need the DNS port (53) in `ports`');
  for (const [port, i] of ports) {
    const portAt = `${at}.ports[${i}]`;
    const number = checkCiliumPort(errors, portAt, port);
    if (dns && number !== undefined && typeof port.endPort === 'number' && port.endPort > number) errors.forbidden(`${portAt}.endPort`, 'DNS rules do not support port ranges');
    if (l7 && number === 0) errors.forbidden(`${portAt}.port`, 'L7 rules can not be used when a port is 0');
    if (l7 && !dns && port.protocol !== 'TCP') errors.invalid(`${portAt}.protocol`, port.protocol ?? 'ANY', 'L7 rules can only apply to TCP, except for DNS rules');
  }
}

/**
 * PortProtocol: `port` is a number string 0-65535 ("0": every port) or a port name; `endPort` only after a
 * non-zero number, and not below it. Returns the number.
 */
function checkCiliumPort(errors: Errors, at: string, port: { [key: string]: any }): number | undefined {
  const { endPort } = port;
  if (!isString(port.port)) return undefined;
  if (!/^[0-9]+$/.test(port.port)) {
    checkPortName(errors, `${at}.port`, port.port);
    if (endPort !== undefined) errors.invalid(`${at}.endPort`, endPort, 'may not be specified when `port` is a name');
    return undefined;
  }
  const number = Number(port.port);
  if (number > 65535) {
    errors.invalid(`${at}.port`, port.port, 'must be between 0 (every port) and 65535, inclusive');
  } else if (port.port !== String(number)) {
    errors.invalid(`${at}.port`, port.port, 'must not have leading zeros (Cilium parses them as octal)');
  }
  if (number === 0 && endPort !== undefined && endPort !== 0) {
    errors.invalid(`${at}.endPort`, endPort, 'may not be specified when `port` is "0" (every port)');
  } else if (typeof endPort === 'number' && endPort !== 0 && endPort < number) {
    errors.invalid(`${at}.endPort`, endPort, 'must be greater than or equal to `port`');
  }
  return number;
}
