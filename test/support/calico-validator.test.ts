import { registerIfSchemas, validateManifest } from './kube-validator';

/** A GlobalNetworkPolicy as a renderer would emit it: tiered, ordered, both directions, every action. */
function goodGlobalPolicy(apiVersion = 'projectcalico.org/v3'): any {
  return {
    apiVersion,
    kind: 'GlobalNetworkPolicy',
    metadata: { name: 'platform.allow-web', labels: { 'app.kubernetes.io/managed-by': 'cdk-netpol' } },
    spec: {
      tier: 'platform',
      order: 100,
      selector: 'has(app) && app == \'web\'',
      namespaceSelector: 'kubernetes.io/metadata.name in {\'prod\', \'staging\'}',
      types: ['Ingress', 'Egress'],
      ingress: [
        {
          action: 'Allow',
          protocol: 'TCP',
          source: { selector: 'all()', namespaceSelector: 'global()' },
          destination: { ports: [8080, '443', '30000:30100', 'http-alt'] },
          http: { methods: ['GET', 'POST'], paths: [{ prefix: '/api' }, { exact: '/healthz' }] },
        },
        { action: 'Deny', source: { nets: ['10.0.0.0/8', '192.168.0.0/16'], notNets: ['10.1.0.0/16'] } },
        { action: 'Allow', protocol: 'ICMP', icmp: { type: 8, code: 0 }, ipVersion: 4 },
        { action: 'Pass', source: { serviceAccounts: { names: ['ingress-nginx'], selector: 'team == \'edge\'' } } },
      ],
      egress: [
        {
          action: 'Allow',
          protocol: 'UDP',
          destination: { selector: 'k8s-app == \'kube-dns\'', namespaceSelector: 'projectcalico.org/name == \'kube-system\'', ports: [53] },
        },
        { action: 'Allow', destination: { nets: ['fd00::/8'] } },
        { action: 'Allow', destination: { services: { name: 'kubernetes', namespace: 'default' } } },
        { action: 'Log' },
        { action: 'Deny' },
      ],
    },
  };
}

/** A namespaced NetworkPolicy as a renderer would emit it. */
function goodNetworkPolicy(apiVersion = 'projectcalico.org/v3'): any {
  return {
    apiVersion,
    kind: 'NetworkPolicy',
    metadata: { name: 'allow-web', namespace: 'prod' },
    spec: {
      order: 500,
      selector: 'app == \'api\'',
      types: ['Ingress'],
      ingress: [{ action: 'Allow', protocol: 'TCP', source: { selector: 'app == \'web\'' }, destination: { ports: [8080] } }],
    },
  };
}

function goodTier(apiVersion = 'projectcalico.org/v3'): any {
  return { apiVersion, kind: 'Tier', metadata: { name: 'platform' }, spec: { order: 100, defaultAction: 'Pass' } };
}

/** `make()` changed by `edit`. */
function edited(make: () => any, edit: (p: any) => void): any {
  const p = make();
  edit(p);
  return p;
}

/** The violations of a v3 GlobalNetworkPolicy whose rules are these. */
function withIngress(...ingress: any[]): string[] {
  return validateManifest(edited(goodGlobalPolicy, p => p.spec.ingress = ingress));
}

function withEgress(...egress: any[]): string[] {
  return validateManifest(edited(goodGlobalPolicy, p => p.spec.egress = egress));
}

describe('Calico validator', () => {
  registerIfSchemas(() => {
    describe('valid manifests', () => {
      test('can pass a projectcalico.org/v3 GlobalNetworkPolicy, NetworkPolicy and Tier', () => {
        expect(validateManifest(goodGlobalPolicy())).toEqual([]);
        expect(validateManifest(goodNetworkPolicy())).toEqual([]);
        expect(validateManifest(goodTier())).toEqual([]);
      });

      test('can pass the same kinds in crd.projectcalico.org/v1', () => {
        expect(validateManifest(goodGlobalPolicy('crd.projectcalico.org/v1'))).toEqual([]);
        expect(validateManifest(goodNetworkPolicy('crd.projectcalico.org/v1'))).toEqual([]);
        expect(validateManifest(goodTier('crd.projectcalico.org/v1'))).toEqual([]);
      });

      test('can pass minimal policies and the reserved tiers with their actions', () => {
        expect(validateManifest({ apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'deny-all' }, spec: {} })).toEqual([]);
        expect(validateManifest({ apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', metadata: { name: 'deny-all' } })).toEqual([]);
        expect(validateManifest({ apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: 'default' }, spec: {} })).toEqual([]);
        expect(validateManifest({ apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: 'kube-admin' }, spec: { defaultAction: 'Pass' } })).toEqual([]);
      });
    });

    describe('schema (strict)', () => {
      test('throws if a field is unknown, at any depth', () => {
        expect(validateManifest(edited(goodGlobalPolicy, p => {
          p.status = {};
          p.spec.selectr = 'all()';
          p.spec.ingress[0].destination.port = [80];
          p.spec.ingress[0].http.path = '/';
          p.metadata.label = {};
        }))).toEqual([
          'unknown field "status"',
          'unknown field "metadata.label"',
          'unknown field "spec.selectr"',
          'unknown field "spec.ingress[0].destination.port"',
          'unknown field "spec.ingress[0].http.path"',
        ]);
        expect(validateManifest(edited(goodTier, p => p.spec.defaultActon = 'Pass'))).toEqual(['unknown field "spec.defaultActon"']);
      });

      test('throws if an enum value is wrong', () => {
        expect(withIngress({ action: 'allow' })).toEqual(['spec.ingress[0].action: Unsupported value: "allow": supported values: "Allow", "Deny", "Log", "Pass"']);
        expect(validateManifest(edited(goodGlobalPolicy, p => p.spec.types = ['Ingress', 'Both']))).toEqual([
          'spec.types[1]: Unsupported value: "Both": supported values: "Ingress", "Egress"',
        ]);
        expect(withIngress({ action: 'Allow', ipVersion: 5 })).toEqual(['spec.ingress[0].ipVersion: Unsupported value: 5: supported values: 4, 6']);
        // The schema's two enums intersect: a tier's default action is Pass or Deny.
        expect(validateManifest(edited(goodTier, p => p.spec.defaultAction = 'Allow'))).toEqual([
          'spec.defaultAction: Unsupported value: "Allow": supported values: "Pass", "Deny"',
        ]);
      });

      test('throws if a type is wrong', () => {
        expect(validateManifest(edited(goodGlobalPolicy, p => p.spec.order = '100'))).toEqual(['spec.order: must be number']);
        expect(validateManifest(edited(goodGlobalPolicy, p => p.spec.selector = { app: 'web' }))).toEqual(['spec.selector: must be string']);
        expect(withIngress({ action: 'Allow', protocol: 'TCP', destination: { ports: [true] } })).toEqual(['spec.ingress[0].destination.ports[0]: must be integer,string']);
        expect(validateManifest(edited(goodNetworkPolicy, p => p.spec.types = 'Ingress'))).toEqual(['spec.types: must be array']);
      });

      test('throws if a required field is missing', () => {
        expect(withIngress({ protocol: 'TCP' })).toEqual(['spec.ingress[0].action: Required value: required by the schema']);
        expect(validateManifest(edited(goodNetworkPolicy, p => delete p.spec))).toEqual(['spec: Required value: required by the schema']);
        expect(validateManifest(edited(goodTier, p => delete p.spec))).toEqual(['spec: Required value: required by the schema']);
        // crd.projectcalico.org/v1 does not require spec on policies.
        expect(validateManifest(edited(() => goodNetworkPolicy('crd.projectcalico.org/v1'), p => delete p.spec))).toEqual([]);
      });

      test('throws if a list that is a set repeats an item', () => {
        expect(validateManifest(edited(goodGlobalPolicy, p => p.spec.types = ['Egress', 'Egress']))).toEqual(['spec.types[1]: Duplicate value: "Egress"']);
        expect(withIngress({ action: 'Deny', source: { nets: ['10.0.0.0/8', '10.0.0.0/8'] } })).toEqual(['spec.ingress[0].source.nets[1]: Duplicate value: "10.0.0.0/8"']);
      });

      test('throws if there are more than two types or an ICMP type is out of range', () => {
        expect(validateManifest(edited(goodGlobalPolicy, p => p.spec.types = []))).toEqual(['spec.types: Invalid value: []: must have at least 1 item']);
        expect(withIngress({ action: 'Allow', protocol: 'ICMP', icmp: { type: 255 } })).toEqual(['spec.ingress[0].icmp.type: Invalid value: 255: must be less than or equal to 254']);
      });
    });

    describe('metadata', () => {
      test('throws if a cluster-scoped kind has a namespace', () => {
        const forbidden = 'metadata.namespace: Forbidden: not allowed on this type (the kind is cluster-scoped)';
        expect(validateManifest(edited(goodGlobalPolicy, p => p.metadata.namespace = 'prod'))).toEqual([forbidden]);
        expect(validateManifest(edited(goodTier, p => p.metadata.namespace = 'prod'))).toEqual([forbidden]);
        expect(validateManifest(edited(() => goodGlobalPolicy('crd.projectcalico.org/v1'), p => p.metadata.namespace = 'prod'))).toEqual([forbidden]);
      });

      test('throws if a v3 policy name has more than one dot', () => {
        const detail = 'a Calico policy name must be a lowercase RFC 1123 label, or two joined by a single \'.\'';
        expect(validateManifest(edited(goodNetworkPolicy, p => p.metadata.name = 'prod.api.allow-web'))).toEqual([`metadata.name: Invalid value: "prod.api.allow-web": ${detail}`]);
        expect(validateManifest(edited(goodGlobalPolicy, p => p.metadata.name = 'a.b.c'))).toEqual([`metadata.name: Invalid value: "a.b.c": ${detail}`]);
        expect(validateManifest(edited(goodNetworkPolicy, p => p.metadata.name = 'knp.default.a.b.c'))).toEqual([]);
        // crd.projectcalico.org/v1 names are DNS subdomains, like every custom resource.
        expect(validateManifest(edited(() => goodNetworkPolicy('crd.projectcalico.org/v1'), p => p.metadata.name = 'prod.api.allow-web'))).toEqual([]);
      });

      test('throws if a name is not a DNS subdomain', () => {
        expect(validateManifest(edited(goodNetworkPolicy, p => p.metadata.name = 'Allow_Web'))).toEqual([
          'metadata.name: Invalid value: "Allow_Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character',
          'metadata.name: Invalid value: "Allow_Web": a Calico policy name must be a lowercase RFC 1123 label, or two joined by a single \'.\'',
        ]);
        expect(validateManifest(edited(() => goodNetworkPolicy('crd.projectcalico.org/v1'), p => delete p.metadata.name))).toEqual([
          'metadata.name: Required value: name or generateName is required',
        ]);
      });

      test('throws if a tier name or a policy\'s tier is not a DNS label', () => {
        const detail = 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character';
        expect(validateManifest(edited(goodTier, p => p.metadata.name = 'platform.core'))).toEqual([`metadata.name: Invalid value: "platform.core": ${detail}`]);
        expect(validateManifest(edited(goodGlobalPolicy, p => p.spec.tier = 'Platform'))).toEqual([`spec.tier: Invalid value: "Platform": ${detail}`]);
      });
    });

    describe('CEL rules of the CRDs', () => {
      test('throws if a reserved tier has the wrong default action (after defaulting to Deny)', () => {
        const tier = (name: string, spec: any, apiVersion = 'projectcalico.org/v3') => validateManifest({ apiVersion, kind: 'Tier', metadata: { name }, spec });
        expect(tier('default', { defaultAction: 'Pass' })).toEqual(['spec.defaultAction: Invalid value: "Pass": The \'default\' tier must have default action \'Deny\'']);
        expect(tier('kube-admin', {})).toEqual(['spec.defaultAction: Invalid value: "Deny": The \'kube-admin\' tier must have default action \'Pass\'']);
        expect(tier('kube-baseline', { defaultAction: 'Deny' }, 'crd.projectcalico.org/v1')).toEqual([
          'spec.defaultAction: Invalid value: "Deny": The \'kube-baseline\' tier must have default action \'Pass\'',
        ]);
      });

      test('throws if an HTTP match is on a non-TCP or non-Allow rule', () => {
        expect(withIngress({ action: 'Allow', protocol: 'UDP', http: { methods: ['GET'] } })).toEqual([
          'spec.ingress[0].protocol: Invalid value: "UDP": rules with HTTP match must have protocol TCP or unset',
        ]);
        expect(withIngress({ action: 'Deny', http: { methods: ['GET'] } })).toEqual(['spec.ingress[0].http: Forbidden: HTTP match is only valid on Allow rules']);
        expect(withIngress({ action: 'Allow', protocol: 6, http: { paths: [{ prefix: '/' }] } })).toEqual([]);
      });

      test('throws if destination services come with ports', () => {
        expect(withEgress({ action: 'Allow', protocol: 'TCP', destination: { services: { name: 'api', namespace: 'prod' }, ports: [443] } })).toEqual([
          'spec.egress[0].destination.services: Forbidden: ports and notPorts cannot be specified with services',
        ]);
      });

      test('throws if an ICMP code has no type', () => {
        expect(withIngress({ action: 'Allow', protocol: 'ICMP', icmp: { code: 0 } })).toEqual(['spec.ingress[0].icmp.code: Invalid value: 0: ICMP code specified without an ICMP type']);
        expect(withIngress({ action: 'Deny', protocol: 'ICMP', notICMP: { code: 1 } })).toEqual(['spec.ingress[0].notICMP.code: Invalid value: 1: ICMP code specified without an ICMP type']);
      });

      test('throws if preDNAT, doNotTrack and applyOnForward disagree', () => {
        const spec = (extra: any) => validateManifest(edited(goodGlobalPolicy, p => Object.assign(p.spec, extra)));
        expect(spec({ preDNAT: true, doNotTrack: true, applyOnForward: true, egress: [], types: ['Ingress'] })).toEqual(['spec: Forbidden: preDNAT and doNotTrack cannot both be true']);
        expect(spec({ preDNAT: true, applyOnForward: true })).toEqual([
          'spec.egress: Forbidden: preDNAT policy cannot have any egress rules',
          'spec.types: Forbidden: preDNAT policy cannot have \'Egress\' type',
        ]);
        expect(spec({ doNotTrack: true })).toEqual(['spec.applyOnForward: Invalid value: undefined: applyOnForward must be true if either preDNAT or doNotTrack is true']);
        expect(spec({ doNotTrack: true, applyOnForward: true })).toEqual([]);
      });
    });

    describe('selectors', () => {
      test('throws if a selector does not parse', () => {
        expect(validateManifest(edited(goodGlobalPolicy, p => p.spec.selector = 'app == \'web'))).toEqual([
          'spec.selector: Invalid value: "app == \'web": invalid selector: unterminated string',
        ]);
        expect(validateManifest(edited(goodGlobalPolicy, p => p.spec.selector = '(has(app) && app == \'web\''))).toEqual([
          'spec.selector: Invalid value: "(has(app) && app == \'web\'": invalid selector: expected )',
        ]);
        expect(withIngress({ action: 'Allow', source: { selector: 'app = \'web\'' } })).toEqual([
          'spec.ingress[0].source.selector: Invalid value: "app = \'web\'": invalid selector: expected ==',
        ]);
        expect(withIngress({ action: 'Allow', destination: { notSelector: 'app == web || has(x)' } })).toEqual([
          'spec.ingress[0].destination.notSelector: Invalid value: "app == web || has(x)": invalid selector: expected string',
        ]);
        // Calico's tokenizer finds no identifier that runs to the end of the input.
        expect(withIngress({ action: 'Allow', destination: { notSelector: 'app == web' } })).toEqual([
          'spec.ingress[0].destination.notSelector: Invalid value: "app == web": invalid selector: unexpected characters',
        ]);
      });

      test('throws if global() is anywhere but alone in an entity rule namespaceSelector', () => {
        expect(validateManifest(edited(goodGlobalPolicy, p => p.spec.selector = 'global()'))).toEqual([
          'spec.selector: Invalid value: "global()": global() can only be used in an EntityRule namespaceSelector',
        ]);
        expect(withIngress({ action: 'Allow', source: { namespaceSelector: 'global() && has(a)' } })).toEqual([
          'spec.ingress[0].source.namespaceSelector: Invalid value: "global() && has(a)": global() cannot be combined with other selectors',
        ]);
        expect(withIngress({ action: 'Allow', source: { selector: 'global()' } })).toEqual([
          'spec.ingress[0].source.selector: Invalid value: "global()": global() can only be used in an EntityRule namespaceSelector',
        ]);
      });
    });

    describe('ports and protocols', () => {
      test('throws if a port is out of range, a range is reversed or a name is invalid', () => {
        const port = (p: any) => withIngress({ action: 'Allow', protocol: 'TCP', destination: { ports: [p] } });
        const at = 'spec.ingress[0].destination.ports[0]';
        expect(port(0)).toEqual([`${at}: Invalid value: 0: port number must be between 1 and 65535`]);
        expect(port('70000')).toEqual([`${at}: Invalid value: "70000": port number must be between 1 and 65535`]);
        expect(port('0:80')).toEqual([`${at}: Invalid value: "0:80": port number must be between 1 and 65535`]);
        expect(port('8080:8000')).toEqual([`${at}: Invalid value: "8080:8000": port range invalid: the first port must not be greater than the last`]);
        expect(port('Http')).toEqual([`${at}: Invalid value: "Http": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`]);
        expect(port('80-90')).toEqual([`${at}: Invalid value: "80-90": must contain at least one letter (a-z)`]);
        expect(port('8000:8000')).toEqual([]);
      });

      test('throws if ports come without a protocol that has ports (named ports alone need none)', () => {
        // libcalico-go/lib/validator/v3/validator.go validateRule, v3.32.1: protocolSingleOrRangePortsMsg without a
        // protocol unless numorstring.AllPortsAreNamed, protocolPortsMsg with a protocol that has no ports.
        expect(withIngress({ action: 'Allow', destination: { ports: [80] } })).toEqual([
          'spec.ingress[0].destination.ports: Invalid value: [80]: rules with numeric port or port range must set protocol to TCP or UDP or SCTP',
        ]);
        expect(withEgress({ action: 'Allow', destination: { notPorts: ['metrics', '8000:8080'] } })).toEqual([
          'spec.egress[0].destination.notPorts: Invalid value: ["metrics","8000:8080"]: rules with numeric port or port range must set protocol to TCP or UDP or SCTP',
        ]);
        expect(withEgress({ action: 'Allow', destination: { notPorts: ['metrics'] }, source: { ports: ['web', 'dns'] } })).toEqual([]);
        expect(withIngress({ action: 'Allow', protocol: 'ICMP', destination: { ports: ['metrics'] } })).toEqual([
          'spec.ingress[0].destination.ports: Invalid value: ["metrics"]: rules that specify ports must set protocol to TCP or UDP or SCTP',
        ]);
        expect(withIngress({ action: 'Allow', protocol: 'ICMP', source: { notPorts: [80] } })).toEqual([
          'spec.ingress[0].source.notPorts: Invalid value: [80]: rules that specify ports must set protocol to TCP or UDP or SCTP',
        ]);
        expect(withIngress({ action: 'Allow', protocol: 132, destination: { ports: [9] } })).toEqual([]);
      });

      test('throws if a protocol is unknown or out of range', () => {
        expect(withIngress({ action: 'Allow', protocol: 'tcp' })).toEqual([
          'spec.ingress[0].protocol: Unsupported value: "tcp": supported values: "TCP", "UDP", "ICMP", "ICMPv6", "SCTP", "UDPLite"',
        ]);
        expect(withIngress({ action: 'Allow', notProtocol: 256 })).toEqual(['spec.ingress[0].notProtocol: Invalid value: 256: protocol number must be between 1 and 255']);
        expect(withIngress({ action: 'Allow', protocol: 'UDPLite' }, { action: 'Allow', protocol: 47 })).toEqual([]);
      });

      test('throws if ICMP fields come without an ICMP protocol or with the other IP version', () => {
        expect(withIngress({ action: 'Allow', protocol: 'TCP', icmp: { type: 8 } })).toEqual([
          'spec.ingress[0].icmp: Invalid value: {"type":8}: rules that specify ICMP fields must set protocol to ICMP',
        ]);
        expect(withIngress({ action: 'Allow', protocol: 'ICMPv6', icmp: { type: 128 }, ipVersion: 4 })).toEqual([
          'spec.ingress[0].ipVersion: Invalid value: 4: must set ipVersion to \'6\' with protocol ICMPv6',
        ]);
      });
    });

    describe('nets', () => {
      test('throws if a CIDR is malformed or not in strict form', () => {
        const nets = (...n: string[]) => withIngress({ action: 'Deny', source: { nets: n } });
        expect(nets('10.0.0.0/33')).toEqual(['spec.ingress[0].source.nets[0]: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']);
        expect(nets('10.0.0.1')).toEqual(['spec.ingress[0].source.nets[0]: Invalid value: "10.0.0.1": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']);
        expect(nets('10.0.0.1/8')).toEqual(['spec.ingress[0].source.nets[0]: Invalid value: "10.0.0.1/8": must not have bits set beyond the prefix length']);
        expect(nets('FD00::/8')).toEqual(['spec.ingress[0].source.nets[0]: Invalid value: "FD00::/8": should be in RFC 5952 canonical format ("fd00::/8")']);
        expect(withEgress({ action: 'Deny', destination: { notNets: ['example.com/32'] } })).toEqual([
          'spec.egress[0].destination.notNets[0]: Invalid value: "example.com/32": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
        ]);
      });

      test('throws if a rule mixes address families or contradicts its ipVersion', () => {
        expect(withIngress({ action: 'Deny', source: { nets: ['10.0.0.0/8'] }, destination: { nets: ['fd00::/8'] } })).toEqual([
          'spec.ingress[0].destination.nets: Invalid value: ["fd00::/8"]: rule contains both IPv4 and IPv6 CIDRs',
        ]);
        expect(withIngress({ action: 'Deny', ipVersion: 6, source: { nets: ['10.0.0.0/8'] } })).toEqual([
          'spec.ingress[0].source.nets: Invalid value: ["10.0.0.0/8"]: rule IP version doesn\'t match CIDR version',
        ]);
      });
    });

    describe('HTTP and services', () => {
      test('throws if an HTTP match is on egress or has bad paths or repeated methods', () => {
        expect(withEgress({ action: 'Allow', http: { methods: ['GET'] } })).toEqual(['spec.egress[0].http: Forbidden: not allowed in egress rules']);
        expect(withIngress({ action: 'Allow', http: { methods: ['GET', 'GET'], paths: [{ exact: '/a', prefix: '/b' }, { prefix: 'api' }, { exact: '/a?b' }] } })).toEqual([
          'spec.ingress[0].http.methods[1]: Duplicate value: "GET"',
          'spec.ingress[0].http.paths[0]: Invalid value: {"exact":"/a","prefix":"/b"}: exactly one of `exact` or `prefix` must be set',
          'spec.ingress[0].http.paths[1].prefix: Invalid value: "api": must start with `/` and not contain `?`, `#` or spaces',
          'spec.ingress[0].http.paths[2].exact: Invalid value: "/a?b": must start with `/` and not contain `?`, `#` or spaces',
        ]);
      });

      test('throws if services are on the wrong side, unnamed, or combined with other matches', () => {
        expect(withIngress({ action: 'Allow', destination: { services: { name: 'api', namespace: 'prod' } } })).toEqual([
          'spec.ingress[0].destination.services: Forbidden: not allowed in ingress rule destination',
        ]);
        expect(withEgress({ action: 'Allow', source: { services: { name: 'api', namespace: 'prod' } } })).toEqual([
          'spec.egress[0].source.services: Forbidden: not allowed in egress rule source',
        ]);
        expect(withEgress({ action: 'Allow', destination: { services: { namespace: 'prod' }, selector: 'all()' } })).toEqual([
          'spec.egress[0].destination.services.name: Required value: must specify a service name',
          'spec.egress[0].destination.services: Forbidden: cannot be combined with selector in the same entity rule',
        ]);
        expect(withEgress({ action: 'Allow', destination: { services: { name: 'api' } } })).toEqual([
          'spec.egress[0].destination.services.namespace: Required value: must specify a namespace',
        ]);
        // In a namespaced policy the service's namespace defaults to the policy's.
        expect(validateManifest(edited(goodNetworkPolicy, p => p.spec.egress = [{ action: 'Allow', destination: { services: { name: 'api' } } }]))).toEqual([]);
      });
    });
  });
});
