/**
 * network-policy-api: AdminNetworkPolicy and BaselineAdminNetworkPolicy (`policy.networking.k8s.io/v1alpha1`,
 * v0.1.8) and ClusterNetworkPolicy (`v1alpha2`, v0.2.0), standard channel. Cluster-scoped.
 *
 * Ported CEL (see cel.ts): `networks` items are CIDRs (held to the strict form), the
 * BaselineAdminNetworkPolicy is named `default`, a ClusterNetworkPolicy port range has start < end.
 * Added, from the API's documented meaning (no webhook enforces them): label selectors as apimachinery
 * reads them (operators, values, keys), v1alpha1 port protocols are TCP, UDP or SCTP, a v1alpha1 port
 * range has start < end, a v1alpha2 `destinationNamedPort` is a port name.
 */
import { parseStrictCidr } from './cidr';
import { Errors, isObject, isString, objectsOf, stringsOf } from './errors';
import { validateLabelSelector } from './label-selector';
import { dnsSubdomainName, validateObjectMeta } from './meta';
import { checkPortName } from './ports';

export type AdminPolicyKind = 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy' | 'ClusterNetworkPolicy';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

export function adminNetworkPolicyRules(kind: AdminPolicyKind): (obj: any) => string[] {
  return obj => {
    const errors = new Errors();
    validateObjectMeta(errors, obj.metadata, { namespaced: false, name: dnsSubdomainName });
    const name = obj.metadata?.name;
    if (kind === 'BaselineAdminNetworkPolicy' && isString(name) && name !== 'default') {
      errors.invalid('metadata.name', name, 'Only one baseline admin network policy with metadata.name="default" can be created in the cluster');
    }
    const spec = obj.spec;
    if (!isObject(spec)) return errors.list;
    if (isObject(spec.subject)) validatePeer(errors, 'spec.subject', spec.subject);
    for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
      for (const [rule, i] of objectsOf(spec[direction])) {
        const at = `spec.${direction}[${i}]`;
        for (const [peer, j] of objectsOf(rule[peersKey])) validatePeer(errors, `${at}.${peersKey}[${j}]`, peer);
        if (kind === 'ClusterNetworkPolicy') {
          for (const [protocol, j] of objectsOf(rule.protocols)) validateProtocol(errors, `${at}.protocols[${j}]`, protocol);
        } else {
          for (const [port, j] of objectsOf(rule.ports)) validatePort(errors, `${at}.ports[${j}]`, port);
        }
      }
    }
    return errors.list;
  };
}

/** A subject or peer: `namespaces` (a selector), `pods` (two selectors), `networks` (CIDRs). */
function validatePeer(errors: Errors, at: string, peer: { [key: string]: any }): void {
  validateLabelSelector(errors, `${at}.namespaces`, peer.namespaces);
  if (isObject(peer.pods)) {
    validateLabelSelector(errors, `${at}.pods.namespaceSelector`, peer.pods.namespaceSelector);
    validateLabelSelector(errors, `${at}.pods.podSelector`, peer.pods.podSelector);
  }
  for (const [text, i] of stringsOf(peer.networks)) parseStrictCidr(errors, `${at}.networks[${i}]`, text);
}

/** v1alpha1 `ports` item: `portNumber` or `portRange`. */
function validatePort(errors: Errors, at: string, port: { [key: string]: any }): void {
  for (const key of ['portNumber', 'portRange'] as const) {
    const value = port[key];
    if (!isObject(value)) continue;
    if (value.protocol !== undefined && !PROTOCOLS.includes(value.protocol)) errors.notSupported(`${at}.${key}.protocol`, value.protocol, PROTOCOLS);
  }
  checkRange(errors, `${at}.portRange`, port.portRange);
}

/** v1alpha2 `protocols` item: `tcp`/`udp`/`sctp` destination ports, or `destinationNamedPort`. */
function validateProtocol(errors: Errors, at: string, protocol: { [key: string]: any }): void {
  for (const key of ['tcp', 'udp', 'sctp'] as const) {
    const value = protocol[key];
    if (isObject(value) && isObject(value.destinationPort)) checkRange(errors, `${at}.${key}.destinationPort.range`, value.destinationPort.range);
  }
  if (isString(protocol.destinationNamedPort)) checkPortName(errors, `${at}.destinationNamedPort`, protocol.destinationNamedPort);
}

function checkRange(errors: Errors, at: string, range: unknown): void {
  if (isObject(range) && typeof range.start === 'number' && typeof range.end === 'number' && !(range.start < range.end)) {
    errors.invalid(at, range, 'Start port must be less than End port');
  }
}
