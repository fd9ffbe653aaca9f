/**
 * Calico NetworkPolicy, GlobalNetworkPolicy and Tier (`projectcalico.org/v3` and `crd.projectcalico.org/v1`):
 * the CEL rules of the v3.32.1 CRDs (see cel.ts) and the rules of libcalico-go `lib/validator/v3` that
 * are cheap and certain. Both API groups get the same spec rules: the v1 CRDs are Calico's storage of
 * the same types, read by Felix with the same meaning.
 *
 * Ported from libcalico-go (besides CEL): policy and tier names, selector syntax and `global()`
 * placement, protocol names/numbers, ports (`80`, `"80"`, `"1000:2000"`, port names) and the protocols
 * that allow them, `icmp` needing an ICMP protocol and a matching `ipVersion`, `nets`/`notNets` (one
 * address family per rule, matching `ipVersion`), HTTP matches (Allow only, ingress only, paths and
 * methods), service matches (direction, name, namespace, exclusive with other selectors), duplicate types.
 *
 * Not ported: the reserved-tier orders (`default`, `kube-admin`, `kube-baseline`: their values moved
 * between releases and renderers do not write reserved tiers), staged kinds, the tier-name prefix of
 * policy names in older releases, and rules on fields a renderer does not write (`performanceHints`,
 * `serviceAccountSelector` beyond selector syntax).
 * Stricter than Calico: CIDRs must carry a prefix length and be in strict, canonical form (Calico also
 * takes a bare address); protocol names are case-sensitive as in v3.
 */
import { isOnlyGlobal, selectorError } from './calico-selector';
import { parseStrictCidr, ParsedCidr } from './cidr';
import { Errors, isObject, isString, objectsOf, stringsOf } from './errors';
import { checkDns1123Label, checkDns1123Subdomain, dnsLabelName, dnsSubdomainName, NameRule, validateObjectMeta } from './meta';
import { checkPortName } from './ports';

export type CalicoApiVersion = 'projectcalico.org/v3' | 'crd.projectcalico.org/v1';

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN = `${LABEL}(\\.${LABEL})*`;
// libcalico-go networkPolicyNameRegex / globalNetworkPolicyNameRegex (v3.30+: at most one dot; older releases allowed none).
const NETWORK_POLICY_NAME = new RegExp(`^((${LABEL})(\\.${LABEL})?|((?:knp|ossg)\\.default\\.(${SUBDOMAIN})))$`);
const GLOBAL_NETWORK_POLICY_NAME = new RegExp(`^(${LABEL}\\.)?${LABEL}$`);
const PROTOCOL_NAMES = ['TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP', 'UDPLite'];
const PORT_PROTOCOLS = ['TCP', 'UDP', 'SCTP', 6, 17, 132];
const GLOBAL = 'global()';

/** Calico's rule for policy names (v3): a DNS-1123 subdomain of at most two labels (or a `knp.default.` name). */
function calicoPolicyName(pattern: RegExp): NameRule {
  return (errors, at, name) => {
    checkDns1123Subdomain(errors, at, name);
    if (name.length <= 253 && !pattern.test(name)) {
      errors.invalid(at, name, 'a Calico policy name must be a lowercase RFC 1123 label, or two joined by a single \'.\'');
    }
  };
}

export function calicoNetworkPolicyRules(apiVersion: CalicoApiVersion): (obj: any) => string[] {
  return obj => policyRules(obj, { namespaced: true, name: apiVersion === 'projectcalico.org/v3' ? calicoPolicyName(NETWORK_POLICY_NAME) : dnsSubdomainName });
}

export function calicoGlobalNetworkPolicyRules(apiVersion: CalicoApiVersion): (obj: any) => string[] {
  return obj => policyRules(obj, { namespaced: false, name: apiVersion === 'projectcalico.org/v3' ? calicoPolicyName(GLOBAL_NETWORK_POLICY_NAME) : dnsSubdomainName });
}

/** Tier: a cluster-scoped object named by a DNS label (it appears inside policy names and label values). */
export function calicoTierRules(obj: any): string[] {
  const errors = new Errors();
  validateObjectMeta(errors, obj.metadata, { namespaced: false, name: dnsLabelName });
  const name = obj.metadata?.name;
  if (isObject(obj.spec)) {
    // CEL, evaluated after defaulting: `defaultAction` defaults to Deny.
    const action = obj.spec.defaultAction ?? 'Deny';
    const wanted = name === 'default' ? 'Deny' : name === 'kube-admin' || name === 'kube-baseline' ? 'Pass' : undefined;
    if (wanted && action !== wanted) errors.invalid('spec.defaultAction', action, `The '${name}' tier must have default action '${wanted}'`);
  }
  return errors.list;
}

function policyRules(obj: any, meta: { namespaced: boolean; name: NameRule }): string[] {
  const errors = new Errors();
  validateObjectMeta(errors, obj.metadata, meta);
  const spec = obj.spec;
  if (!isObject(spec)) return errors.list;
  const global = !meta.namespaced;
  if (isString(spec.tier) && spec.tier !== '') checkDns1123Label(errors, 'spec.tier', spec.tier);
  checkSelector(errors, 'spec.selector', spec.selector, false);
  checkSelector(errors, 'spec.serviceAccountSelector', spec.serviceAccountSelector, false);
  if (global) checkSelector(errors, 'spec.namespaceSelector', spec.namespaceSelector, false);
  for (const direction of ['ingress', 'egress'] as const) {
    for (const [rule, i] of objectsOf(spec[direction])) validateRule(errors, `spec.${direction}[${i}]`, rule, direction, global);
  }
  if (global) globalSpecRules(errors, spec);
  return errors.list;
}

/** CEL of GlobalNetworkPolicySpec (libcalico-go validateGlobalNetworkPolicySpec says the same). */
function globalSpecRules(errors: Errors, spec: { [key: string]: any }): void {
  const { preDNAT, doNotTrack, applyOnForward } = spec;
  if (doNotTrack === true && preDNAT === true) errors.forbidden('spec', 'preDNAT and doNotTrack cannot both be true');
  if (preDNAT === true && Array.isArray(spec.egress) && spec.egress.length > 0) errors.forbidden('spec.egress', 'preDNAT policy cannot have any egress rules');
  if (preDNAT === true && Array.isArray(spec.types) && spec.types.includes('Egress')) errors.forbidden('spec.types', 'preDNAT policy cannot have \'Egress\' type');
  if (applyOnForward !== true && (doNotTrack === true || preDNAT === true)) errors.invalid('spec.applyOnForward', applyOnForward, 'applyOnForward must be true if either preDNAT or doNotTrack is true');
}

/** A Rule: CEL of the CRD, then libcalico-go validateRule and validateEntityRule. */
function validateRule(errors: Errors, at: string, rule: { [key: string]: any }, direction: 'ingress' | 'egress', global: boolean): void {
  const protocol = checkProtocol(errors, `${at}.protocol`, rule.protocol);
  checkProtocol(errors, `${at}.notProtocol`, rule.notProtocol);
  const source = isObject(rule.source) ? rule.source : {};
  const destination = isObject(rule.destination) ? rule.destination : {};

  // Ports need a protocol that has ports; without a protocol, named ports alone are allowed (validateRule:
  // numorstring.AllPortsAreNamed, since Calico v3.32).
  for (const [side, entity] of [['source', source], ['destination', destination]] as const) {
    for (const field of ['ports', 'notPorts'] as const) {
      if (!Array.isArray(entity[field])) continue;
      entity[field].forEach((port: unknown, i: number) => checkPort(errors, `${at}.${side}.${field}[${i}]`, port));
      if (rule.protocol === undefined) {
        if (!entity[field].every(isNamedPort)) {
          errors.invalid(`${at}.${side}.${field}`, entity[field], 'rules with numeric port or port range must set protocol to TCP or UDP or SCTP');
        }
      } else if (entity[field].length > 0 && !PORT_PROTOCOLS.includes(protocol as string | number)) {
        errors.invalid(`${at}.${side}.${field}`, entity[field], 'rules that specify ports must set protocol to TCP or UDP or SCTP');
      }
    }
  }

  // ICMP.
  validateIcmp(errors, `${at}.icmp`, rule.icmp);
  validateIcmp(errors, `${at}.notICMP`, rule.notICMP);
  if (rule.icmp !== undefined && protocol !== 'ICMP' && protocol !== 'ICMPv6') {
    errors.invalid(`${at}.icmp`, rule.icmp, 'rules that specify ICMP fields must set protocol to ICMP');
  }
  for (const [name, version] of [['ICMP', 4], ['ICMPv6', 6]] as const) {
    if ((rule.protocol === name || rule.notProtocol === name) && rule.ipVersion !== undefined && rule.ipVersion !== version) {
      errors.invalid(`${at}.ipVersion`, rule.ipVersion, `must set ipVersion to '${version}' with protocol ${name}`);
    }
  }

  // HTTP (CEL: TCP or no protocol; Allow only. libcalico-go: not on egress rules).
  if (rule.http !== undefined) {
    if (rule.protocol !== undefined && rule.protocol !== 'TCP' && rule.protocol !== 6) errors.invalid(`${at}.protocol`, rule.protocol, 'rules with HTTP match must have protocol TCP or unset');
    if (rule.action !== 'Allow') errors.forbidden(`${at}.http`, 'HTTP match is only valid on Allow rules');
    if (direction === 'egress') errors.forbidden(`${at}.http`, 'not allowed in egress rules');
    if (isObject(rule.http)) validateHttp(errors, `${at}.http`, rule.http);
  }

  // Nets: one address family per rule, matching ipVersion.
  const families = new Set<string>();
  for (const [side, entity] of [['source', source], ['destination', destination]] as const) {
    for (const field of ['nets', 'notNets'] as const) {
      const fieldAt = `${at}.${side}.${field}`;
      const parsed = stringsOf(entity[field]).map(([text, i]) => parseStrictCidr(errors, `${fieldAt}[${i}]`, text)).filter((c): c is ParsedCidr => c !== undefined);
      const here = new Set(parsed.map(c => c.family));
      if (rule.ipVersion !== undefined && [...here].some(f => f !== (rule.ipVersion === 4 ? 'IPv4' : 'IPv6'))) {
        errors.invalid(fieldAt, entity[field], 'rule IP version doesn\'t match CIDR version');
      }
      here.forEach(f => families.add(f));
      if (here.size > 0 && families.size > 1) errors.invalid(fieldAt, entity[field], 'rule contains both IPv4 and IPv6 CIDRs');
    }
  }

  // Entity rules: selectors, services.
  for (const [side, entity] of [['source', source], ['destination', destination]] as const) {
    const sideAt = `${at}.${side}`;
    checkSelector(errors, `${sideAt}.selector`, entity.selector, false);
    checkSelector(errors, `${sideAt}.notSelector`, entity.notSelector, false);
    checkSelector(errors, `${sideAt}.namespaceSelector`, entity.namespaceSelector, true);
    if (isObject(entity.serviceAccounts)) checkSelector(errors, `${sideAt}.serviceAccounts.selector`, entity.serviceAccounts.selector, false);
    if (entity.services !== undefined) validateServices(errors, sideAt, entity, global);
  }
  if (destination.services !== undefined && ((destination.ports ?? []).length > 0 || (destination.notPorts ?? []).length > 0)) {
    errors.forbidden(`${at}.destination.services`, 'ports and notPorts cannot be specified with services');
  }
  if (direction === 'egress' && source.services !== undefined) errors.forbidden(`${at}.source.services`, 'not allowed in egress rule source');
  if (direction === 'ingress' && destination.services !== undefined) errors.forbidden(`${at}.destination.services`, 'not allowed in ingress rule destination');
}

/** validateEntityRule, for `services`. */
function validateServices(errors: Errors, at: string, entity: { [key: string]: any }, global: boolean): void {
  const services = entity.services;
  if (!isObject(services)) return;
  if (!isString(services.name) || services.name === '') errors.required(`${at}.services.name`, 'must specify a service name');
  if (global && (!isString(services.namespace) || services.namespace === '')) errors.required(`${at}.services.namespace`, 'must specify a namespace');
  const others = ['namespaceSelector', 'selector', 'notSelector', 'serviceAccounts', 'nets', 'notNets'].filter(k => {
    const value = entity[k];
    return value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  });
  if (others.length > 0) errors.forbidden(`${at}.services`, `cannot be combined with ${others.join(', ')} in the same entity rule`);
}

/** ICMPFields: CEL (code needs a type). */
function validateIcmp(errors: Errors, at: string, icmp: unknown): void {
  if (isObject(icmp) && icmp.code !== undefined && icmp.type === undefined) errors.invalid(`${at}.code`, icmp.code, 'ICMP code specified without an ICMP type');
}

/** validateHTTPRule: no duplicate methods; each path sets exactly one of exact/prefix, starting with `/`, without `?`, `#` or spaces. */
function validateHttp(errors: Errors, at: string, http: { [key: string]: any }): void {
  stringsOf(http.methods).forEach(([method, i]) => {
    if (http.methods.indexOf(method) !== i) errors.duplicate(`${at}.methods[${i}]`, method);
  });
  for (const [path, i] of objectsOf(http.paths)) {
    const pathAt = `${at}.paths[${i}]`;
    const set = (['exact', 'prefix'] as const).filter(k => isString(path[k]) && path[k] !== '');
    if (set.length !== 1) {
      errors.invalid(pathAt, path, 'exactly one of `exact` or `prefix` must be set');
      continue;
    }
    const value: string = path[set[0]];
    if (!value.startsWith('/') || /[? #]/.test(value)) errors.invalid(`${pathAt}.${set[0]}`, value, 'must start with `/` and not contain `?`, `#` or spaces');
  }
}

/** numorstring.Protocol: a name of Calico's list, or a number 1-255. Returns the name or number when valid. */
function checkProtocol(errors: Errors, at: string, protocol: unknown): string | number | undefined {
  if (protocol === undefined) return undefined;
  if (typeof protocol === 'number') {
    if (!Number.isInteger(protocol) || protocol < 1 || protocol > 255) errors.invalid(at, protocol, 'protocol number must be between 1 and 255');
    return protocol;
  }
  if (!isString(protocol)) return undefined;
  // numorstring reads a numeric string as the number.
  if (/^[0-9]+$/.test(protocol)) return checkProtocol(errors, at, Number(protocol));
  if (!PROTOCOL_NAMES.includes(protocol)) errors.notSupported(at, protocol, PROTOCOL_NAMES);
  return protocol;
}

/** numorstring.Port: a number 1-65535, a range `"min:max"` with min <= max, or a port name. */
/** A port that numorstring reads as a name: a string that is neither a number nor a range. */
function isNamedPort(port: unknown): boolean {
  return isString(port) && !/^[0-9]+(?::[0-9]+)?$/.test(port);
}

function checkPort(errors: Errors, at: string, port: unknown): void {
  const inRange = (n: number) => Number.isInteger(n) && n >= 1 && n <= 65535;
  if (typeof port === 'number') {
    if (!inRange(port)) errors.invalid(at, port, 'port number must be between 1 and 65535');
  } else if (isString(port)) {
    const range = /^([0-9]+)(?::([0-9]+))?$/.exec(port);
    if (!range) {
      checkPortName(errors, at, port);
      return;
    }
    const min = Number(range[1]);
    const max = range[2] === undefined ? min : Number(range[2]);
    if (!inRange(min) || !inRange(max)) errors.invalid(at, port, 'port number must be between 1 and 65535');
    else if (min > max) errors.invalid(at, port, 'port range invalid: the first port must not be greater than the last');
  }
}

/** A selector field: Calico's parser accepts it; `global()` only as a whole entity-rule namespaceSelector. */
function checkSelector(errors: Errors, at: string, selector: unknown, entityNamespaceSelector: boolean): void {
  if (!isString(selector)) return;
  const error = selectorError(selector);
  if (error) {
    errors.invalid(at, selector, `invalid selector: ${error}`);
    return;
  }
  if (!entityNamespaceSelector) {
    if (selector.includes(GLOBAL)) errors.invalid(at, selector, `${GLOBAL} can only be used in an EntityRule namespaceSelector`);
  } else if (selector.includes('global(') && !isOnlyGlobal(selector)) {
    errors.invalid(at, selector, `${GLOBAL} cannot be combined with other selectors`);
  }
}
