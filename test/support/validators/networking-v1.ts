/**
 * `networking.k8s.io/v1` NetworkPolicy: the rules of k8s `pkg/apis/networking/validation` that the
 * OpenAPI schema does not carry (names, labels, selectors, ports, endPort, policyTypes, peer shape,
 * CIDRs and `except`).
 */
import { checkExcept, parseStrictCidr } from './cidr';
import { Errors, isObject, isString } from './errors';
import { validateLabelSelector } from './label-selector';
import { dnsSubdomainName, validateObjectMeta } from './meta';
import { checkPortName, checkPortNumber } from './ports';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];

export function networkPolicyRules(obj: any): string[] {
  const errors = new Errors();
  validateObjectMeta(errors, obj.metadata, { namespaced: true, name: dnsSubdomainName });
  const spec = obj.spec;
  if (isObject(spec) || spec === undefined) validateSpec(errors, spec ?? {});
  return errors.list;
}

function validateSpec(errors: Errors, spec: { [key: string]: any }): void {
  if (spec.podSelector === undefined) {
    // Optional since Kubernetes 1.34 (kubernetes/kubernetes#131354); the schemas of older releases list it
    // as required, so a manifest without it fails `kubectl apply --validate=strict` there.
    errors.required('spec.podSelector', 'required by Kubernetes up to 1.33; write `podSelector: {}` to select every pod');
  } else {
    validateLabelSelector(errors, 'spec.podSelector', spec.podSelector);
  }
  for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    const rules = spec[direction];
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, i) => {
      if (!isObject(rule)) return;
      const at = `spec.${direction}[${i}]`;
      if (Array.isArray(rule.ports)) rule.ports.forEach((port: any, j: number) => isObject(port) && validatePort(errors, `${at}.ports[${j}]`, port));
      const peers = rule[peersKey];
      if (Array.isArray(peers)) peers.forEach((peer: any, j: number) => isObject(peer) && validatePeer(errors, `${at}.${peersKey}[${j}]`, peer));
    });
  }
  const types = spec.policyTypes;
  if (Array.isArray(types)) {
    if (types.length > POLICY_TYPES.length) {
      errors.invalid('spec.policyTypes', types, 'may not specify more than two policyTypes');
      return;
    }
    types.forEach((type, i) => {
      if (!POLICY_TYPES.includes(type)) errors.notSupported(`spec.policyTypes[${i}]`, type, POLICY_TYPES);
      // The API server accepts ["Ingress", "Ingress"]; it is always a mistake, so it is refused here.
      else if (types.indexOf(type) !== i) errors.duplicate(`spec.policyTypes[${i}]`, type);
    });
  }
}

/** ValidateNetworkPolicyPort. */
function validatePort(errors: Errors, at: string, port: { [key: string]: any }): void {
  const { protocol, endPort } = port;
  if (protocol !== undefined && !PROTOCOLS.includes(protocol)) errors.notSupported(`${at}.protocol`, protocol, PROTOCOLS);
  const value = port.port;
  if (value === undefined) {
    if (endPort !== undefined) errors.invalid(`${at}.endPort`, endPort, 'may not be specified when `port` is not specified');
  } else if (typeof value === 'number') {
    checkPortNumber(errors, `${at}.port`, value);
    if (endPort !== undefined) {
      if (typeof endPort === 'number' && endPort < value) errors.invalid(`${at}.endPort`, endPort, 'must be greater than or equal to `port`');
      checkPortNumber(errors, `${at}.endPort`, endPort);
    }
  } else if (isString(value)) {
    if (endPort !== undefined) errors.invalid(`${at}.endPort`, endPort, 'may not be specified when `port` is non-numeric');
    checkPortName(errors, `${at}.port`, value);
  }
}

/** ValidateNetworkPolicyPeer. */
function validatePeer(errors: Errors, at: string, peer: { [key: string]: any }): void {
  let kinds = 0;
  for (const key of ['podSelector', 'namespaceSelector'] as const) {
    if (peer[key] === undefined || peer[key] === null) continue;
    kinds++;
    validateLabelSelector(errors, `${at}.${key}`, peer[key]);
  }
  const ipBlock = peer.ipBlock;
  if (ipBlock !== undefined && ipBlock !== null) {
    kinds++;
    if (isObject(ipBlock)) validateIpBlock(errors, `${at}.ipBlock`, ipBlock);
  }
  if (kinds === 0) errors.required(at, 'must specify a peer');
  else if (kinds > 1 && ipBlock !== undefined && ipBlock !== null) errors.forbidden(at, 'may not specify both ipBlock and another peer');
}

/** ValidateIPBlock with StrictIPCIDRValidation. */
function validateIpBlock(errors: Errors, at: string, ipBlock: { [key: string]: any }): void {
  const cidrText = ipBlock.cidr;
  if (!isString(cidrText)) return; // missing or not a string: the schema reports it
  if (cidrText === '') {
    errors.required(`${at}.cidr`, '');
    return;
  }
  const cidr = parseStrictCidr(errors, `${at}.cidr`, cidrText);
  if (!Array.isArray(ipBlock.except)) return;
  ipBlock.except.forEach((text: unknown, i: number) => {
    if (isString(text)) checkExcept(errors, `${at}.except[${i}]`, text, cidr);
  });
}
