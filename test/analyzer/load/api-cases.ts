import { ApiCode } from '../../../lib/analyzer/load';

// Manifests the API server refuses that the loader used to read as something else ("any port", "matches
// nothing", "selects every pod"), with the code and the text of the refusal. Shared by the loader's tests
// and the CLI's.

export const np = (spec: unknown) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'prod' }, spec });
export const cnp = (ingressRule: Record<string, unknown>) => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha2',
  kind: 'ClusterNetworkPolicy',
  metadata: { name: 'db' },
  spec: { tier: 'Admin', priority: 10, subject: { namespaces: {} }, ingress: [{ action: 'Accept', from: [{ namespaces: {} }], ...ingressRule }] },
});
export const anp = (ingressRule: Record<string, unknown>) => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  kind: 'AdminNetworkPolicy',
  metadata: { name: 'db' },
  spec: { priority: 10, subject: { namespaces: {} }, ingress: [{ action: 'Allow', from: [{ namespaces: {} }], ...ingressRule }] },
});
export const ciliumPortRule = (rules: unknown) => ({
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumNetworkPolicy',
  metadata: { name: 'api', namespace: 'prod' },
  spec: { endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules }] }] },
});
export const gnp = (spec: Record<string, unknown>) => ({ apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'g' }, spec });

/** [what, manifest, code, text the one-line refusal contains]. */
export const API_CASES: readonly [string, unknown, string, string][] = [
  // ClusterNetworkPolicy protocols: was "any port" or "matches nothing".
  ['CNP protocols as a mapping', cnp({ protocols: { tcp: { destinationPort: { number: 5432 } } } }), ApiCode.API_TYPE, 'spec.ingress[0].protocols: must be a list, got a mapping'],
  ['CNP protocols [{}]', cnp({ protocols: [{}] }), ApiCode.API_SIZE, 'spec.ingress[0].protocols[0]: must set at least 1 field, got 0'],
  ['CNP protocols [null]', cnp({ protocols: [null] }), ApiCode.API_TYPE, 'spec.ingress[0].protocols[0]: must be a mapping, got null'],
  ['CNP protocols [5432]', cnp({ protocols: [5432] }), ApiCode.API_TYPE, 'spec.ingress[0].protocols[0]: must be a mapping, got the number 5432'],
  ['CNP port "5432"', cnp({ protocols: [{ tcp: { destinationPort: { number: '5432' } } }] }), ApiCode.API_TYPE,
    'spec.ingress[0].protocols[0].tcp.destinationPort.number: must be a whole number, got the string "5432". Fix: write the number without quotes: 5432'],
  ['CNP port range start after end', cnp({ protocols: [{ tcp: { destinationPort: { range: { start: 90, end: 80 } } } }] }), ApiCode.API_PORT,
    'spec.ingress[0].protocols[0].tcp.destinationPort.range: start (90) must be less than end (80)'],
  // AdminNetworkPolicy ports.
  ['ANP ports as a mapping', anp({ ports: { portNumber: { port: 5432, protocol: 'TCP' } } }), ApiCode.API_TYPE, 'spec.ingress[0].ports: must be a list, got a mapping'],
  ['ANP ports [{}]', anp({ ports: [{}] }), ApiCode.API_SIZE, 'spec.ingress[0].ports[0]: must set at least 1 field, got 0'],
  ['ANP ports [null]', anp({ ports: [null] }), ApiCode.API_TYPE, 'spec.ingress[0].ports[0]: must be a mapping, got null'],
  ['ANP ports [5432]', anp({ ports: [5432] }), ApiCode.API_TYPE, 'spec.ingress[0].ports[0]: must be a mapping, got the number 5432'],
  ['ANP port "5432"', anp({ ports: [{ portNumber: { port: '5432', protocol: 'TCP' } }] }), ApiCode.API_TYPE, 'spec.ingress[0].ports[0].portNumber.port: must be a whole number, got the string "5432"'],
  ['ANP protocol tcp', anp({ ports: [{ portNumber: { port: 5432, protocol: 'tcp' } }] }), ApiCode.API_ENUM, 'spec.ingress[0].ports[0].portNumber.protocol: must be TCP, UDP or SCTP'],
  // NetworkPolicy: the rules of pkg/apis/networking/validation.
  ['except equal to the cidr', np({ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] } }] }] }), ApiCode.API_EXCEPT_NOT_INSIDE,
    'spec.egress[0].to[0].ipBlock.except[0]: must be strictly inside cidr 10.0.0.0/8, got "10.0.0.0/8"'],
  ['except outside the cidr', np({ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] } }] }] }), ApiCode.API_EXCEPT_NOT_INSIDE,
    'spec.egress[0].to[0].ipBlock.except[0]: must be strictly inside cidr 10.0.0.0/8, got "192.168.0.0/16": it lies outside the block'],
  ['except of the other family', np({ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['fd00::/64'] } }] }] }), ApiCode.API_EXCEPT_NOT_INSIDE,
    'an IPv6 network in an IPv4 block'],
  ['a cidr that is not one', np({ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0' } }] }] }), ApiCode.API_CIDR, 'spec.egress[0].to[0].ipBlock.cidr: must be a CIDR such as 10.0.0.0/8'],
  ['a port "5432"', np({ ingress: [{ ports: [{ port: '5432' }] }] }), ApiCode.API_PORT,
    'spec.ingress[0].ports[0].port: must be a port number or a port name (IANA_SVC_NAME'],
  ['a port name too long', np({ ingress: [{ ports: [{ port: 'a-very-long-port-name' }] }] }), ApiCode.API_PORT, 'a port name must be 1-15 characters'],
  ['an endPort with a named port', np({ ingress: [{ ports: [{ port: 'http', endPort: 90 }] }] }), ApiCode.API_END_PORT, 'spec.ingress[0].ports[0].endPort: needs a numeric port'],
  ['an endPort below the port', np({ ingress: [{ ports: [{ port: 90, endPort: 80 }] }] }), ApiCode.API_END_PORT, 'spec.ingress[0].ports[0].endPort: must be at least port (90), got 80'],
  ['a protocol ICMP', np({ ingress: [{ ports: [{ protocol: 'ICMP' }] }] }), ApiCode.API_ENUM, 'spec.ingress[0].ports[0].protocol: must be TCP, UDP or SCTP'],
  ['a matchExpressions key "app name!"', np({ podSelector: { matchExpressions: [{ key: 'app name!', operator: 'Exists' }] } }), ApiCode.API_SELECTOR,
    'spec.podSelector.matchExpressions[0].key: label key name must be 1-63 characters'],
  ['an unknown operator', np({ podSelector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['a'] }] } }), ApiCode.API_SELECTOR,
    'spec.podSelector.matchExpressions[0].operator: must be one of In, NotIn, Exists, DoesNotExist'],
  ['three policyTypes', np({ policyTypes: ['Ingress', 'Egress', 'Ingress'] }), ApiCode.API_SIZE, 'spec.policyTypes: may list at most two policy types, got 3'],
  ['a policy type twice', np({ policyTypes: ['Egress', 'Egress'] }), ApiCode.API_DUPLICATE, 'spec.policyTypes[1]: lists Egress twice'],
  ['egress rule with from', np({ podSelector: {}, egress: [{ from: [{ podSelector: {} }] }] }), ApiCode.API_UNKNOWN_FIELD,
    'spec.egress[0].from: is not a field of spec.egress[0]. Fix: remove it, or move it where it belongs (fields here: ports, to)'],
  ['podSelektor', np({ podSelektor: { matchLabels: { app: 'web' } } }), ApiCode.API_UNKNOWN_FIELD, 'spec.podSelektor: is not a field of spec. Fix: did you mean "podSelector"?'],
  ['ports directly under spec', np({ podSelector: {}, ports: [{ port: 80 }] }), ApiCode.API_UNKNOWN_FIELD, 'spec.ports: is not a field of spec'],
  ['an empty peer', np({ ingress: [{ from: [{}] }] }), ApiCode.API_PEER, 'spec.ingress[0].from[0]: must specify a peer'],
  ['a field beside spec', { ...np({}), sepc: {} }, ApiCode.API_UNKNOWN_FIELD, 'sepc: is not a field of the object. Fix: did you mean "spec"?'],
  // Cilium L7 rules: the restriction disappeared.
  ['Cilium http as a mapping', ciliumPortRule({ http: { method: 'GET' } }), ApiCode.API_TYPE, 'spec.ingress[0].toPorts[0].rules.http: must be a list, got a mapping'],
  ['Cilium http [{methd}]', ciliumPortRule({ http: [{ methd: 'GET' }] }), ApiCode.API_UNKNOWN_FIELD,
    'spec.ingress[0].toPorts[0].rules.http[0].methd: is not a field of spec.ingress[0].toPorts[0].rules.http[0]. Fix: did you mean "method"?'],
  // Calico: the CRD's schema and CEL rules.
  ['Calico action in lower case', gnp({ ingress: [{ action: 'allow' }] }), ApiCode.API_ENUM, 'spec.ingress[0].action: must be one of Allow, Deny, Log, Pass, got the string "allow". Fix: write "Allow"'],
  ['Calico http on a Deny rule', gnp({ ingress: [{ action: 'Deny', http: { methods: ['GET'] } }] }), ApiCode.API_INVALID, 'spec.ingress[0].http: is only allowed on Allow rules'],
  ['Calico preDNAT with egress', gnp({ preDNAT: true, applyOnForward: true, egress: [{ action: 'Allow' }] }), ApiCode.API_INVALID, 'spec.egress: must be empty when preDNAT is true'],
  ['Calico Tier default not Deny', { apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: 'default' }, spec: { defaultAction: 'Pass' } }, ApiCode.API_INVALID,
    'spec.defaultAction: must be Deny for the reserved tier "default"'],
];
