import { registerIfSchemas, validateManifest } from './kube-validator';

const NAMESPACE_KEY = 'k8s:io.kubernetes.pod.namespace';

/** A CiliumNetworkPolicy as a renderer would emit it, using every construct renderers reach for. */
function goodPolicy(): any {
  return {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name: 'api.allow-web', namespace: 'prod', labels: { 'app.kubernetes.io/managed-by': 'cdk-netpol' } },
    spec: {
      description: 'web may call the api',
      endpointSelector: { matchLabels: { app: 'api' }, matchExpressions: [{ key: 'k8s:tier', operator: 'In', values: ['backend'] }] },
      enableDefaultDeny: { ingress: true, egress: true },
      ingress: [
        {
          fromEndpoints: [{ matchLabels: { [NAMESPACE_KEY]: 'frontend', app: 'web' } }],
          toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }], rules: { http: [{ method: 'GET', path: '/api/.*' }] } }],
        },
        { fromEntities: ['cluster'], toPorts: [{ ports: [{ port: '9090', endPort: 9099, protocol: 'TCP' }, { port: 'metrics', protocol: 'TCP' }] }] },
      ],
      ingressDeny: [{ fromCIDRSet: [{ cidr: '203.0.113.0/24' }] }],
      egress: [
        { toCIDRSet: [{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
        { toCIDR: ['198.51.100.7/32', '2001:db8::/32'] },
        { toEntities: ['kube-apiserver', 'world'] },
        {
          toEndpoints: [{ matchLabels: { [NAMESPACE_KEY]: 'kube-system', 'k8s:k8s-app': 'kube-dns' } }],
          toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }], rules: { dns: [{ matchPattern: '*' }] } }],
        },
        { toFQDNs: [{ matchName: 'api.example.com' }, { matchPattern: '*.example.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
        { toEndpoints: [{}], icmps: [{ fields: [{ type: 8, family: 'IPv4' }, { type: 'EchoRequest', family: 'IPv6' }] }] },
      ],
      egressDeny: [{ toCIDR: ['169.254.169.254/32'] }],
    },
  };
}

/** A CiliumClusterwideNetworkPolicy with `specs`: an endpoint rule and a host (node) rule. */
function goodClusterwide(): any {
  return {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumClusterwideNetworkPolicy',
    metadata: { name: 'baseline' },
    specs: [
      { endpointSelector: {}, egress: [{ toEndpoints: [{ matchLabels: { [NAMESPACE_KEY]: 'kube-system', 'k8s:k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }] }] },
      { nodeSelector: { matchLabels: { 'node-role.kubernetes.io/control-plane': '' } }, ingress: [{ fromEntities: ['remote-node'], toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }] }] }] },
    ],
  };
}

function edited(make: () => any, edit: (p: any) => void): any {
  const p = make();
  edit(p);
  return p;
}

/** Violations of a minimal policy with these egress rules. */
function withEgress(...egress: any[]): string[] {
  return validateManifest(edited(goodPolicy, p => p.spec = { endpointSelector: {}, egress }));
}

function withIngress(...ingress: any[]): string[] {
  return validateManifest(edited(goodPolicy, p => p.spec = { endpointSelector: {}, ingress }));
}

/** Violations of a minimal policy whose one egress rule has this toPorts entry. */
function withPortRule(portRule: any): string[] {
  return withEgress({ toEntities: ['world'], toPorts: [portRule] });
}

describe('Cilium validator', () => {
  registerIfSchemas(() => {
    describe('valid manifests', () => {
      test('can pass a CiliumNetworkPolicy with every common construct', () => {
        expect(validateManifest(goodPolicy())).toEqual([]);
      });

      test('can pass a CiliumClusterwideNetworkPolicy with specs and a host rule', () => {
        expect(validateManifest(goodClusterwide())).toEqual([]);
      });

      test('can pass a default-deny policy (an empty rule in each direction)', () => {
        expect(validateManifest({
          apiVersion: 'cilium.io/v2',
          kind: 'CiliumNetworkPolicy',
          metadata: { name: 'default-deny' },
          spec: { endpointSelector: {}, ingress: [{}], egress: [{}] },
        })).toEqual([]);
      });
    });

    describe('schema (strict)', () => {
      test('throws if a field is unknown at the root (closed here), in spec or deep in a rule', () => {
        expect(validateManifest(edited(goodPolicy, p => {
          p.extra = true;
          p.spec.endpointSelectr = {};
          p.spec.egress[0].toCIDRSet[0].excepts = [];
          p.spec.ingress[0].toPorts[0].rules.http[0].methods = ['GET'];
        }))).toEqual([
          'unknown field "extra"',
          'unknown field "spec.endpointSelectr"',
          'unknown field "spec.egress[0].toCIDRSet[0].excepts"',
          'unknown field "spec.ingress[0].toPorts[0].rules.http[0].methods"',
        ]);
      });

      test('throws if an enum value is wrong', () => {
        expect(withEgress({ toEntities: ['everything'] })).toEqual([
          'spec.egress[0].toEntities[0]: Unsupported value: "everything": supported values: "all", "world", "cluster", "host", "init", "ingress", "unmanaged", "remote-node", "health", "none", "kube-apiserver"',
        ]);
        expect(withPortRule({ ports: [{ port: '80', protocol: 'tcp' }] })).toEqual([
          'spec.egress[0].toPorts[0].ports[0].protocol: Unsupported value: "tcp": supported values: "TCP", "UDP", "SCTP", "ANY"',
        ]);
        expect(withIngress({ fromEndpoints: [{ matchExpressions: [{ key: 'app', operator: 'Equals', values: ['a'] }] }] })).toEqual([
          'spec.ingress[0].fromEndpoints[0].matchExpressions[0].operator: Unsupported value: "Equals": supported values: "In", "NotIn", "Exists", "DoesNotExist"',
        ]);
      });

      test('throws if a type is wrong', () => {
        expect(withPortRule({ ports: [{ port: 80, protocol: 'TCP' }] })).toEqual(['spec.egress[0].toPorts[0].ports[0].port: must be string']);
        expect(withEgress({ toCIDR: '10.0.0.0/8' })).toEqual(['spec.egress[0].toCIDR: must be array']);
        expect(validateManifest(edited(goodPolicy, p => p.spec.enableDefaultDeny.ingress = 'true'))).toEqual(['spec.enableDefaultDeny.ingress: must be boolean']);
      });

      test('throws if a required field is missing', () => {
        expect(withPortRule({ ports: [{ protocol: 'TCP' }] })).toEqual(['spec.egress[0].toPorts[0].ports[0].port: Required value: required by the schema']);
        expect(validateManifest(edited(goodPolicy, p => delete p.metadata))).toEqual([
          'metadata: Required value: required by the schema',
          'metadata.name: Required value: name or generateName is required',
        ]);
      });

      test('throws if a rule selects neither endpoints nor nodes, or both', () => {
        expect(validateManifest(edited(goodPolicy, p => delete p.spec.endpointSelector))).toEqual([
          'spec: Required value: must specify exactly one of "endpointSelector", "nodeSelector"',
        ]);
        expect(validateManifest(edited(goodClusterwide, p => p.specs[1].endpointSelector = {}))).toEqual([
          'specs[1]: Forbidden: may specify only one of "endpointSelector", "nodeSelector" (found "endpointSelector", "nodeSelector")',
        ]);
      });

      test('throws if a rule has no rule list at all', () => {
        expect(validateManifest(edited(goodPolicy, p => p.spec = { endpointSelector: {}, enableDefaultDeny: { ingress: true } }))).toEqual([
          'spec: Required value: must specify at least one of "ingress", "ingressDeny", "egress", "egressDeny"',
        ]);
      });

      test('throws if L7 rules mix protocols or a FQDN sets both match kinds', () => {
        expect(withPortRule({ ports: [{ port: '53', protocol: 'UDP' }], rules: { dns: [{ matchName: 'a.example' }], http: [{}] } })).toEqual([
          'spec.egress[0].toPorts[0].rules: Forbidden: may specify only one of "http", "kafka", "dns", "l7proto" (found "http", "dns")',
        ]);
        expect(withEgress({ toFQDNs: [{ matchName: 'a.example', matchPattern: '*.example' }] })).toEqual([
          'spec.egress[0].toFQDNs[0]: Forbidden: may specify only one of "matchName", "matchPattern" (found "matchName", "matchPattern")',
        ]);
      });

      test('throws if a CIDR does not parse (format: cidr)', () => {
        expect(withEgress({ toCIDR: ['10.0.0.0/33'] })).toEqual(['spec.egress[0].toCIDR[0]: Invalid value: "10.0.0.0/33": must be a valid CIDR (format "cidr")']);
        expect(withEgress({ toCIDRSet: [{ cidr: '10.0.0.1' }] })).toEqual(['spec.egress[0].toCIDRSet[0].cidr: Invalid value: "10.0.0.1": must be a valid CIDR (format "cidr")']);
        expect(withIngress({ fromCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0'] }] })).toEqual([
          'spec.ingress[0].fromCIDRSet[0].except[0]: Invalid value: "10.1.0.0": must be a valid CIDR (format "cidr")',
        ]);
      });
    });

    describe('metadata', () => {
      test('throws if the clusterwide kind has a namespace', () => {
        expect(validateManifest(edited(goodClusterwide, p => p.metadata.namespace = 'prod'))).toEqual([
          'metadata.namespace: Forbidden: not allowed on this type (the kind is cluster-scoped)',
        ]);
      });

      test('throws if the name is not a DNS subdomain', () => {
        expect(validateManifest(edited(goodPolicy, p => p.metadata.name = 'Allow Web'))).toEqual([
          'metadata.name: Invalid value: "Allow Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character',
        ]);
      });
    });

    describe('agent checks', () => {
      test('throws if a policy has neither spec nor specs', () => {
        expect(validateManifest({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'empty' } })).toEqual([
          'spec: Required value: a policy needs `spec` or a non-empty `specs` (Cilium refuses an empty policy)',
        ]);
        expect(validateManifest({ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'empty' }, specs: [] })).toEqual([
          'spec: Required value: a policy needs `spec` or a non-empty `specs` (Cilium refuses an empty policy)',
        ]);
      });

      test('throws if a namespaced policy selects nodes', () => {
        expect(validateManifest(edited(goodPolicy, p => p.spec = { nodeSelector: {}, ingress: [{}] }))).toEqual([
          'spec.nodeSelector: Forbidden: only a CiliumClusterwideNetworkPolicy may select nodes (Cilium: "rule cannot have NodeSelector")',
        ]);
      });

      test('throws if a rule combines kinds of peers', () => {
        expect(withEgress({ toEndpoints: [{}], toCIDR: ['10.0.0.0/8'] })).toEqual([
          'spec.egress[0]: Forbidden: combining toEndpoints and toCIDR is not supported (Cilium: one kind of peer per rule)',
        ]);
        expect(withIngress({ fromEntities: ['world'], fromCIDRSet: [{ cidr: '0.0.0.0/0' }] })).toEqual([
          'spec.ingress[0]: Forbidden: combining fromCIDRSet and fromEntities is not supported (Cilium: one kind of peer per rule)',
        ]);
        expect(withEgress({ toServices: [{ k8sService: { serviceName: 'api', namespace: 'prod' } }], toPorts: [{ ports: [{ port: '80' }] }] })).toEqual([
          'spec.egress[0].toPorts: Forbidden: combining toServices and toPorts is not supported',
        ]);
        expect(withEgress({ toEntities: ['world'], icmps: [{ fields: [{ type: 8 }] }], toPorts: [{ ports: [{ port: '80' }] }] })).toEqual([
          'spec.egress[0].icmps: Forbidden: the icmps block may only be present without toPorts; define a separate rule to use toPorts',
        ]);
      });

      test('throws if DNS rules are on ingress, have no ports, or a port range', () => {
        expect(withIngress({ toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } }] })).toEqual([
          'spec.ingress[0].toPorts[0].rules.dns: Forbidden: DNS rules are not allowed on ingress',
        ]);
        expect(withPortRule({ rules: { dns: [{ matchPattern: '*' }] } })).toEqual([
          'spec.egress[0].toPorts[0].ports: Required value: DNS rules need the DNS port (53) in `ports`',
        ]);
        expect(withPortRule({ ports: [{ port: '53', endPort: 54, protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } })).toEqual([
          'spec.egress[0].toPorts[0].ports[0].endPort: Forbidden: DNS rules do not support port ranges',
        ]);
      });

      test('throws if HTTP rules are on a port that is not TCP', () => {
        expect(withPortRule({ ports: [{ port: '80', protocol: 'UDP' }, { port: '8080' }], rules: { http: [{ path: '/' }] } })).toEqual([
          'spec.egress[0].toPorts[0].ports[0].protocol: Invalid value: "UDP": L7 rules can only apply to TCP, except for DNS rules',
          'spec.egress[0].toPorts[0].ports[1].protocol: Invalid value: "ANY": L7 rules can only apply to TCP, except for DNS rules',
        ]);
      });

      test('throws if a host policy has L7 rules, or TLS and listener rules are misused', () => {
        expect(validateManifest(edited(goodClusterwide, p => p.specs[1].ingress[0].toPorts[0].rules = { http: [{}] }))).toEqual([
          'specs[1].ingress[0].toPorts[0].rules: Forbidden: host policies (nodeSelector) do not support L7 rules',
        ]);
        expect(withPortRule({ ports: [{ port: '443', protocol: 'TCP' }], serverNames: ['api.example.com'], rules: { http: [{}] } })).toEqual([
          'spec.egress[0].toPorts[0].serverNames: Forbidden: serverNames are not allowed with L7 rules without terminatingTLS',
        ]);
        expect(withIngress({ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], listener: { name: 'l', envoyConfig: { name: 'e' } } }] })).toEqual([
          'spec.ingress[0].toPorts[0].listener: Forbidden: a listener is not allowed on ingress',
        ]);
      });
    });

    describe('ports', () => {
      const at = 'spec.egress[0].toPorts[0].ports[0]';
      const port = (p: any) => withPortRule({ ports: [p] });

      test('throws if a port number is out of range or not canonical', () => {
        expect(port({ port: '65536' })).toEqual([`${at}.port: Invalid value: "65536": must be between 0 (every port) and 65535, inclusive`]);
        expect(port({ port: '08080' })).toEqual([`${at}.port: Invalid value: "08080": must not have leading zeros (Cilium parses them as octal)`]);
        expect(port({ port: '1', endPort: 65535, protocol: 'TCP' })).toEqual([]);
      });

      test('can accept port "0" (every port of the protocol), but not with endPort or L7 rules', () => {
        expect(port({ port: '0', protocol: 'TCP' })).toEqual([]);
        expect(port({ port: '0', endPort: 100, protocol: 'TCP' })).toEqual([`${at}.endPort: Invalid value: 100: may not be specified when \`port\` is "0" (every port)`]);
        expect(withPortRule({ ports: [{ port: '0', protocol: 'TCP' }], rules: { http: [{}] } })).toEqual([`${at}.port: Forbidden: L7 rules can not be used when a port is 0`]);
      });

      test('throws if a port name is not an IANA service name', () => {
        // The schema's pattern lets "8080-http" through (its alternatives are not anchored together).
        expect(port({ port: 'Metrics' })).toEqual([`${at}.port: Invalid value: "Metrics": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`]);
        expect(port({ port: 'metrics-endpoint-1' })).toEqual([`${at}.port: Invalid value: "metrics-endpoint-1": must be no more than 15 characters`]);
      });

      test('throws if endPort is below port or follows a named port', () => {
        expect(port({ port: '8080', endPort: 8000 })).toEqual([`${at}.endPort: Invalid value: 8000: must be greater than or equal to \`port\``]);
        expect(port({ port: 'http', endPort: 8080 })).toEqual([`${at}.endPort: Invalid value: 8080: may not be specified when \`port\` is a name`]);
        expect(port({ port: '8080', endPort: 70000 })).toEqual([`${at}.endPort: Invalid value: 70000: must be less than or equal to 65535`]);
      });
    });

    describe('CIDRs', () => {
      test('throws if except is outside its cidr, equal to it, or in the other family', () => {
        const at = 'spec.egress[0].toCIDRSet[0].except';
        expect(withEgress({ toCIDRSet: [{ cidr: '10.0.0.0/8', except: ['192.168.0.0/16', '10.0.0.0/8', 'fd00::/8', '10.1.0.0/16'] }] })).toEqual([
          `${at}[0]: Invalid value: "192.168.0.0/16": must be a strict subset of \`cidr\``,
          `${at}[1]: Invalid value: "10.0.0.0/8": must be a strict subset of \`cidr\``,
          `${at}[2]: Invalid value: "fd00::/8": must be a strict subset of \`cidr\` (an IPv6 network in an IPv4 block)`,
        ]);
      });

      test('throws if except comes with a CIDR group', () => {
        expect(withEgress({ toCIDRSet: [{ cidrGroupRef: 'office', except: ['10.1.0.0/16'] }] })).toEqual([
          'spec.egress[0].toCIDRSet[0].except: Forbidden: except is only supported beside `cidr` (not with cidrGroupRef or cidrGroupSelector)',
        ]);
      });

      test('throws if a CIDR is not in strict form', () => {
        expect(withEgress({ toCIDR: ['10.0.0.1/8'] })).toEqual(['spec.egress[0].toCIDR[0]: Invalid value: "10.0.0.1/8": must not have bits set beyond the prefix length']);
        expect(withIngress({ fromCIDR: ['2001:DB8::/32'] })).toEqual(['spec.ingress[0].fromCIDR[0]: Invalid value: "2001:DB8::/32": should be in RFC 5952 canonical format ("2001:db8::/32")']);
      });
    });

    describe('selectors', () => {
      test('throws if a selector key is not a qualified name after its source prefix', () => {
        expect(withIngress({ fromEndpoints: [{ matchLabels: { 'k8s:app name': 'web' } }] })).toEqual([
          'spec.ingress[0].fromEndpoints[0].matchLabels: Invalid value: "k8s:app name": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character',
        ]);
      });

      test('throws if a match expression has the wrong values for its operator', () => {
        expect(validateManifest(edited(goodPolicy, p => p.spec.endpointSelector = { matchExpressions: [{ key: 'app', operator: 'In' }] }))).toEqual([
          'spec.endpointSelector.matchExpressions[0].values: Required value: must be specified when `operator` is \'In\' or \'NotIn\'',
        ]);
      });

      test('throws if a label value breaks the schema pattern (reported once)', () => {
        expect(withIngress({ fromEndpoints: [{ matchLabels: { app: 'web ui' } }] })).toEqual([
          'spec.ingress[0].fromEndpoints[0].matchLabels.app: Invalid value: "web ui": must match the pattern "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$"',
        ]);
      });
    });
  });
});
