import { parseAllDocuments } from 'yaml';
import { checkCiliumPolicySpec } from '../../../lib/analyzer/cilium';

// The shape checks the loader runs on CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy manifests: the
// cilium.io/v2 CRD schema and the agent's Rule.Sanitize (pkg/policy/api/rule_validation.go).

const fail = (field: string, problem: string): never => {
  throw new Error(`${field}: ${problem}`);
};
const check = (manifest: any) => checkCiliumPolicySpec(manifest.kind, manifest, fail);
const docs = (yaml: string): any[] => parseAllDocuments(yaml).map(d => d.toJSON());

/** A CiliumNetworkPolicy whose spec is the given rule. */
const cnp = (spec: any) => ({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p', namespace: 'default' }, spec });
const withEgress = (...egress: any[]) => cnp({ endpointSelector: {}, egress });
const withIngress = (...ingress: any[]) => cnp({ endpointSelector: {}, ingress });
const port = (p: any) => ({ toPorts: [{ ports: [p] }] });

describe('checkCiliumPolicySpec accepts the documentation\'s policies', () => {
  const examples = docs(`
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: l3-rule }
spec:
  endpointSelector: { matchLabels: { role: backend } }
  ingress:
  - fromEndpoints: [{ matchLabels: { role: frontend } }]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: deny-all-egress }
spec:
  endpointSelector: { matchLabels: { role: restricted } }
  egress:
  - {}
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: intercept-all-dns }
spec:
  endpointSelector:
    matchExpressions:
    - { key: io.kubernetes.pod.namespace, operator: NotIn, values: [kube-system] }
  enableDefaultDeny: { egress: false, ingress: false }
  egress:
  - toEndpoints:
    - matchLabels: { io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns }
    toPorts:
    - ports: [{ port: "53", protocol: TCP }, { port: "53", protocol: UDP }]
      rules: { dns: [{ matchPattern: "*" }] }
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: rule1 }
spec:
  endpointSelector: { matchLabels: { app: service } }
  ingress:
  - fromEndpoints: [{ matchLabels: { env: prod } }]
    toPorts:
    - ports: [{ port: "80", protocol: TCP }]
      rules: { http: [{ method: GET, path: /public }] }
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: cidr-rule }
spec:
  endpointSelector: { matchLabels: { app: myService } }
  egress:
  - toCIDR: [20.1.1.1/32, 20.1.1.2]
  - toCIDRSet: [{ cidr: 10.0.0.0/8, except: [10.96.0.0/12] }]
  - toFQDNs: [{ matchName: my-remote-service.com }, { matchPattern: "*.cilium.io" }]
    toPorts: [{ ports: [{ port: "443", protocol: TCP }] }]
  - toPorts: [{ ports: [{ port: "0", protocol: ANY }, { port: "80", endPort: 444 }, { port: http }] }]
  - icmps: [{ fields: [{ type: 8, family: IPv4 }, { type: EchoRequest, family: IPv6 }] }]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: external-lockdown }
spec:
  endpointSelector: {}
  ingressDeny: [{ fromEntities: [world] }]
  ingress: [{ fromEntities: [all] }]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: requires-rule }
specs:
  - description: "For endpoints with env=prod, only allow if source also has label env=prod"
    endpointSelector: { matchLabels: { env: prod } }
    ingress:
    - fromRequires: [{ matchLabels: { env: prod } }]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: host }
specs:
- nodeSelector: { matchLabels: { node-role.kubernetes.io/control-plane: "" } }
  ingress: [{ fromEntities: [remote-node], toPorts: [{ ports: [{ port: "6443", protocol: TCP }] }] }]
- endpointSelector: { matchLabels: { "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name": prod, "reserved:init": "" } }
  egressDeny: [{ toEntities: [world], toPorts: [{ ports: [{ port: "25" }] }] }]
`);
  test.each(examples.map(e => [e.metadata.name, e]))('%s', (_name, manifest) => {
    expect(() => check(manifest)).not.toThrow();
  });

  test('the bare spec (one rule) is accepted too', () => {
    expect(() => checkCiliumPolicySpec('CiliumNetworkPolicy', { endpointSelector: {}, ingress: [{}] }, fail)).not.toThrow();
  });
});

describe('checkCiliumPolicySpec refuses', () => {
  const cases: Array<[string, any, string]> = [
    ['a policy without spec or specs', { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p' } }, 'spec: is missing'],
    ['specs that is not a list', { kind: 'CiliumNetworkPolicy', metadata: {}, specs: {} }, 'specs: must be a list'],
    ['a rule selecting nothing', cnp({ ingress: [{}] }), 'spec: must set endpointSelector'],
    ['both selectors', { kind: 'CiliumClusterwideNetworkPolicy', metadata: {}, spec: { endpointSelector: {}, nodeSelector: {}, ingress: [{}] } }, 'cannot set both'],
    ['a nodeSelector in a namespaced policy', cnp({ nodeSelector: {}, ingress: [{}] }), 'spec.nodeSelector: is only valid in a CiliumClusterwideNetworkPolicy'],
    ['a rule without rules', cnp({ endpointSelector: {}, ingress: [] }), 'must have at least one rule'],
    ['an unknown field (a typo that the API server would drop)', withEgress({ toEndpoints: [{}], toPort: [] }), 'spec.egress[0].toPort: is not a field'],
    ['an unknown field in a selector', cnp({ endpointSelector: { matchLabel: { app: 'x' } }, ingress: [{}] }), 'spec.endpointSelector.matchLabel'],
    ['a selector with an unknown operator', withIngress({ fromEndpoints: [{ matchExpressions: [{ key: 'a', operator: 'Like' }] }] }), 'operator: must be one of'],
    ['In without values', withIngress({ fromEndpoints: [{ matchExpressions: [{ key: 'a', operator: 'In' }] }] }), 'values: must not be empty'],
    ['a selector key that is no label key', withIngress({ fromEndpoints: [{ matchLabels: { 'k8s:bad key': 'x' } }] }), 'label key'],
    ['a non-string label value', withIngress({ fromEndpoints: [{ matchLabels: { app: 5 } }] }), 'must be a string'],
    ['enableDefaultDeny that is not a boolean', cnp({ endpointSelector: {}, enableDefaultDeny: { ingress: 'no' }, ingress: [{}] }), 'enableDefaultDeny.ingress: must be true or false'],
    ['two kinds of peer in one allow rule', withEgress({ toEndpoints: [{}], toCIDR: ['10.0.0.0/8'] }), 'cannot combine toEndpoints and toCIDR'],
    ['icmps with toPorts', withEgress({ icmps: [{ fields: [{ type: 8 }] }], ...port({ port: '80' }) }), 'cannot combine icmps and toPorts'],
    ['toServices with toPorts', withEgress({ toServices: [{ k8sService: { serviceName: 'a' } }], ...port({ port: '80' }) }), 'cannot combine toServices and toPorts'],
    ['a numeric port', withEgress(port({ port: 80 })), 'port: must be a string (quote it: "80")'],
    ['a missing port', withEgress(port({ protocol: 'TCP' })), 'port: is missing'],
    ['a port above 65535', withEgress(port({ port: '70000' })), 'must be a port number 0..65535'],
    ['a port with leading zeros', withEgress(port({ port: '080' })), 'leading zeros'],
    ['a port name too long', withEgress(port({ port: 'a-very-long-port-name' })), 'port name'],
    ['endPort below port', withEgress(port({ port: '90', endPort: 80 })), 'endPort: must be a whole number from 90 to 65535'],
    ['endPort with a named port', withEgress(port({ port: 'http', endPort: 90 })), 'endPort: needs a numeric port'],
    ['an unknown protocol', withEgress(port({ port: '80', protocol: 'tcp' })), 'protocol: must be one of TCP, UDP, SCTP, VRRP, IGMP, ANY'],
    ['more than 40 ports', withEgress({ toPorts: [{ ports: Array.from({ length: 41 }, (_, i) => ({ port: String(i + 1) })) }] }), 'at most 40'],
    ['DNS rules on ingress', withIngress({ toPorts: [{ ports: [{ port: '53' }], rules: { dns: [{ matchPattern: '*' }] } }] }), 'DNS rules are not allowed on ingress'],
    ['DNS rules with a port range', withEgress({ toPorts: [{ ports: [{ port: '53', endPort: 54 }], rules: { dns: [{ matchPattern: '*' }] } }] }), 'DNS rules do not support port ranges'],
    ['HTTP rules on UDP', withIngress({ toPorts: [{ ports: [{ port: '80', protocol: 'UDP' }], rules: { http: [{}] } }] }), 'L7 rules other than DNS need protocol TCP'],
    ['L7 rules on port 0', withIngress({ toPorts: [{ ports: [{ port: '0', protocol: 'TCP' }], rules: { http: [{}] } }] }), 'L7 rules cannot be used with port 0'],
    ['two L7 protocols in one port rule', withEgress({ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{}], kafka: [{}] } }] }), 'one L7 protocol per port rule'],
    ['L7 rules in a host policy', { kind: 'CiliumClusterwideNetworkPolicy', metadata: {}, spec: { nodeSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{}] } }] }] } }, 'host policies'],
    ['a listener on ingress', withIngress({ toPorts: [{ ports: [{ port: '80' }], listener: { name: 'l', envoyConfig: { name: 'c' } } }] }), 'listener: is not allowed on ingress'],
    ['L7 rules in a deny rule', cnp({ endpointSelector: {}, ingressDeny: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{}] } }] }] }), 'ingressDeny[0].toPorts[0].rules: is not a field'],
    ['toFQDNs in a deny rule', cnp({ endpointSelector: {}, egressDeny: [{ toFQDNs: [{ matchName: 'a.com' }] }] }), 'deny rules do not support toFQDNs'],
    ['a CIDR that is not one', withEgress({ toCIDR: ['10.0.0.0/33'] }), 'must be a CIDR'],
    ['a CIDRSet without a prefix length', withEgress({ toCIDRSet: [{ cidr: '10.0.0.1' }] }), 'cidr: must be a CIDR'],
    ['except outside cidr', withEgress({ toCIDRSet: [{ cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] }] }), 'is not inside 10.0.0.0/8'],
    ['except beside a CIDR group', withEgress({ toCIDRSet: [{ cidrGroupRef: 'g', except: ['10.0.0.0/8'] }] }), 'only supported beside cidr'],
    ['an unknown entity', withEgress({ toEntities: ['galaxy'] }), 'must be one of all, world'],
    ['an FQDN selector with both names', withEgress({ toFQDNs: [{ matchName: 'a.com', matchPattern: '*.a.com' }] }), 'exactly one of matchName or matchPattern'],
    ['an FQDN pattern with a bad character', withEgress({ toFQDNs: [{ matchPattern: 'a/b' }] }), 'must be a DNS name pattern'],
    ['an unknown authentication mode', withEgress({ toEndpoints: [{}], authentication: { mode: 'maybe' } }), 'authentication.mode'],
  ];
  test.each(cases)('%s', (_name, manifest, message) => {
    expect(() => check(manifest)).toThrow(message);
  });

  test('fields are named after specs[i] for a policy with specs', () => {
    const manifest = { kind: 'CiliumNetworkPolicy', metadata: {}, specs: [{ endpointSelector: {}, ingress: [{}] }, { endpointSelector: {}, egress: [port({ port: 80 })] }] };
    expect(() => check(manifest)).toThrow('specs[1].egress[0].toPorts[0].ports[0].port: must be a string');
  });
});
