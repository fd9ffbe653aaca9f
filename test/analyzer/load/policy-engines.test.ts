import { manifestError } from './support';
import { buildCluster, parseManifests } from '../../../lib/analyzer/load';
import { policyFamily } from '../../../lib/analyzer/policy-family';

const calicoNp = (apiVersion: string, spec: any, name = 'p') => ({ apiVersion, kind: 'NetworkPolicy', metadata: { name, namespace: 'prod' }, spec });
const gnp = (spec: any, apiVersion = 'projectcalico.org/v3') => ({ apiVersion, kind: 'GlobalNetworkPolicy', metadata: { name: 'g' }, spec });
const tier = (name: string, spec?: any, apiVersion = 'projectcalico.org/v3') => ({ apiVersion, kind: 'Tier', metadata: { name }, ...(spec ? { spec } : {}) });

describe('buildCluster with Calico and Cilium', () => {
  test('can read Calico NetworkPolicy and GlobalNetworkPolicy in both APIs, keyed apart from Kubernetes\' NetworkPolicy', () => {
    // GIVEN
    const docs = parseManifests([
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: prod}\nspec: {podSelector: {}}',
      "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: prod}\nspec: {selector: \"app == 'web'\", order: 10}",
      'apiVersion: crd.projectcalico.org/v1\nkind: NetworkPolicy\nmetadata: {name: q}\nspec: {types: [Ingress]}',
      'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: g}\nspec: {namespaceSelector: has(projectcalico.org/name), ingress: [{action: Allow}]}',
      'apiVersion: crd.projectcalico.org/v1\nkind: GlobalNetworkPolicy\nmetadata: {name: h}\nspec: {}',
    ].join('\n---\n'), 'calico.yaml');

    // WHEN
    const cluster = buildCluster(docs);

    // THEN
    expect(cluster.policies.map(p => `${p.apiVersion} ${p.kind} ${p.namespace ?? '-'}/${p.name} ${policyFamily(p)} ${p.source}`)).toEqual([
      'networking.k8s.io/v1 NetworkPolicy prod/p kubernetes calico.yaml#1',
      'projectcalico.org/v3 NetworkPolicy prod/p calico calico.yaml#2',
      'crd.projectcalico.org/v1 NetworkPolicy default/q calico calico.yaml#3',
      'projectcalico.org/v3 GlobalNetworkPolicy -/g calico calico.yaml#4',
      'crd.projectcalico.org/v1 GlobalNetworkPolicy -/h calico calico.yaml#5',
    ]);
    expect(cluster.policies[1].spec).toEqual({ selector: "app == 'web'", order: 10 });
    expect(cluster.policies[3]).not.toHaveProperty('namespace');
  });

  test('can read Calico Tiers in both APIs into the cluster\'s tiers, sorted by name', () => {
    const cluster = buildCluster([
      tier('security', { order: 300, defaultAction: 'Pass' }),
      tier('app', { order: 500.5 }, 'crd.projectcalico.org/v1'),
      tier('last', {}),
    ]);
    expect(cluster.tiers).toEqual([
      { name: 'app', order: 500.5, source: '<input>#2' },
      { name: 'last', source: '<input>#3' },
      { name: 'security', order: 300, defaultAction: 'Pass', source: '<input>#1' },
    ]);
  });

  test('can read policies in a declared tier or in a tier Calico creates', () => {
    const cluster = buildCluster([
      tier('security', { order: 300 }),
      gnp({ tier: 'security' }),
      calicoNp('projectcalico.org/v3', { tier: 'adminnetworkpolicy' }, 'a'),
      calicoNp('projectcalico.org/v3', { tier: 'baselineadminnetworkpolicy' }, 'b'),
      calicoNp('projectcalico.org/v3', { tier: 'default' }, 'c'),
      calicoNp('projectcalico.org/v3', { tier: 'kube-admin' }, 'd'),
    ]);
    expect(cluster.policies).toHaveLength(5);
  });

  test('throws if a Calico policy names a tier no manifest declares', () => {
    const error = manifestError(() => buildCluster([calicoNp('crd.projectcalico.org/v1', { tier: 'security' })]));
    expect(error.message).toBe('<input>: document 1: Calico NetworkPolicy prod/p: spec.tier: tier "security" is not declared by the manifests read; '
      + 'add its Tier (kind: Tier, apiVersion: crd.projectcalico.org/v1) so its order is known');
  });

  test('can read CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy, with spec, specs or both', () => {
    const rule = { endpointSelector: {}, ingress: [{}] };
    const cluster = buildCluster([
      { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'one', namespace: 'prod' }, spec: rule },
      { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'many', namespace: 'prod' }, specs: [rule, rule] },
      { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'both' }, spec: rule, specs: [rule] },
    ]);
    expect(cluster.policies.map(p => [p.kind, p.namespace, p.name, policyFamily(p)])).toEqual([
      ['CiliumNetworkPolicy', 'prod', 'one', 'cilium'],
      ['CiliumNetworkPolicy', 'prod', 'many', 'cilium'],
      ['CiliumClusterwideNetworkPolicy', undefined, 'both', 'cilium'],
    ]);
    // One rule as the spec; with `specs`, both under one wrapper (lib/analyzer/cilium reads either).
    expect(cluster.policies[0].spec).toEqual(rule);
    expect(cluster.policies[1].spec).toEqual({ spec: undefined, specs: [rule, rule] });
    expect(cluster.policies[2].spec).toEqual({ spec: rule, specs: [rule] });
  });

  test('throws if an object is defined twice in the two Calico APIs, which are one store', () => {
    const error = manifestError(() => buildCluster([calicoNp('projectcalico.org/v3', {}), calicoNp('crd.projectcalico.org/v1', {})]));
    expect(error.message).toBe('<input>: document 2: Calico NetworkPolicy prod/p: defined twice (first at <input>#1)');
    expect(manifestError(() => buildCluster([tier('t', {}), tier('t', {}, 'crd.projectcalico.org/v1')])).message)
      .toBe('<input>: document 2: Tier t: defined twice (first at <input>#1)');
  });

  test.each([
    ['projectcalico.org/v2', 'NetworkPolicy', 'Calico NetworkPolicy: apiVersion projectcalico.org/v2 is not supported; use projectcalico.org/v3'],
    ['projectcalico.org/v1', 'GlobalNetworkPolicy', 'GlobalNetworkPolicy: apiVersion projectcalico.org/v1 is not supported; use projectcalico.org/v3'],
    ['crd.projectcalico.org/v3', 'GlobalNetworkPolicy', 'GlobalNetworkPolicy: apiVersion crd.projectcalico.org/v3 is not supported; use crd.projectcalico.org/v1'],
    ['projectcalico.org/v2', 'Tier', 'Tier: apiVersion projectcalico.org/v2 is not supported; use projectcalico.org/v3'],
    ['cilium.io/v2alpha1', 'CiliumNetworkPolicy', 'CiliumNetworkPolicy: apiVersion cilium.io/v2alpha1 is not supported; use cilium.io/v2'],
    ['cilium.io/v1', 'CiliumClusterwideNetworkPolicy', 'CiliumClusterwideNetworkPolicy: apiVersion cilium.io/v1 is not supported; use cilium.io/v2'],
  ])('throws if a %s %s is read: its semantics are unknown', (apiVersion, kind, message) => {
    expect(manifestError(() => buildCluster([{ apiVersion, kind, metadata: { name: 'x' }, spec: {} }])).message).toBe(`<input>: document 1: ${message}`);
  });
});

describe('buildCluster service accounts', () => {
  const pod = (spec: any) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });

  test.each<[string, any, string]>([
    ['serviceAccountName', { serviceAccountName: 'api' }, 'api'],
    ['the deprecated serviceAccount', { serviceAccount: 'old' }, 'old'],
    ['serviceAccountName before serviceAccount', { serviceAccountName: 'new', serviceAccount: 'old' }, 'new'],
    ['none: default', {}, 'default'],
    ['an empty name: default', { serviceAccountName: '' }, 'default'],
  ])('can read a pod\'s service account from %s', (_what, spec, account) => {
    expect(buildCluster([pod(spec)]).endpoints[0].serviceAccount).toBe(account);
  });

  test('can read a workload template\'s service account', () => {
    const cron = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { jobTemplate: { spec: { template: { spec: { serviceAccountName: 'batch-runner' } } } } },
    };
    expect(buildCluster([cron]).endpoints[0].serviceAccount).toBe('batch-runner');
  });

  test('throws if a service account name is not a name', () => {
    expect(manifestError(() => buildCluster([pod({ serviceAccountName: 'Api_1' })])).message).toContain('Pod default/p: spec.serviceAccountName: object name must be a DNS-1123 subdomain');
    expect(manifestError(() => buildCluster([pod({ serviceAccount: 3 })])).message).toBe('<input>: document 1: Pod default/p: spec.serviceAccount: must be a string, got the number 3');
  });
});

describe('buildCluster Calico policy shapes', () => {
  const refuse = (doc: any) => {
    try {
      buildCluster([doc]);
    } catch (e) {
      return (e as Error).message;
    }
    return 'accepted';
  };
  const rule = (r: any) => gnp({ ingress: [r] });

  // Calico's validator refuses these (libcalico-go/lib/validator/v3); reading them as "matches nothing" would
  // answer ALLOW for a manifest the cluster never runs.
  test.each([
    [gnp({ selector: "app = 'web'" }), 'GlobalNetworkPolicy g: spec.selector: is not a Calico selector: at character 5: expected == in "app = \'web\'"'],
    [gnp({ selector: { matchLabels: { app: 'web' } } }), '[API_TYPE] GlobalNetworkPolicy g: spec.selector: must be a string, got a mapping'],
    [gnp({ namespaceSelector: 'has(' }), 'spec.namespaceSelector: is not a Calico selector: at character 5: expected a label name in has(...)'],
    [gnp({ serviceAccountSelector: 'a in {' }), 'spec.serviceAccountSelector: is not a Calico selector'],
    [calicoNp('projectcalico.org/v3', { namespaceSelector: 'all()' }), '[API_UNKNOWN_FIELD] Calico NetworkPolicy prod/p: spec.namespaceSelector: is not a field of spec'],
    [gnp({ order: '10' }), 'spec.order: must be a number, got the string "10"'],
    [gnp({ tier: 'Security' }), 'spec.tier: object name must be a DNS-1123 subdomain'],
    [gnp({ types: ['Ingress', 'Sideways'] }), '[API_ENUM] GlobalNetworkPolicy g: spec.types[1]: must be one of Ingress, Egress, got the string "Sideways"'],
    [gnp({ types: ['Egress', 'Egress'] }), '[API_DUPLICATE] GlobalNetworkPolicy g: spec.types[1]: repeats entry [0]'],
    [gnp({ doNotTrack: 'yes' }), 'spec.doNotTrack: must be true or false'],
    [gnp({ ingress: {} }), 'spec.ingress: must be a list, got a mapping'],
    [gnp({ egress: ['Allow'] }), 'spec.egress[0]: must be a mapping, got the string "Allow"'],
    [rule({}), '[API_REQUIRED] GlobalNetworkPolicy g: spec.ingress[0].action: is missing'],
    [rule({ action: 'allow' }), 'spec.ingress[0].action: must be one of Allow, Deny, Log, Pass, got the string "allow"'],
    [rule({ action: 'Allow', protocol: 'HTTP' }), 'spec.ingress[0].protocol: must be TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a protocol number from 1 to 255, got the string "HTTP"'],
    [rule({ action: 'Allow', notProtocol: 256 }), 'spec.ingress[0].notProtocol: must be TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a protocol number'],
    [rule({ action: 'Allow', protocol: '6' }), 'spec.ingress[0].protocol: must be TCP'],
    [rule({ action: 'Allow', destination: { ports: [80] } }), 'spec.ingress[0].destination.ports: needs protocol TCP, UDP or SCTP on the rule (got no protocol)'],
    [rule({ action: 'Allow', protocol: 'ICMP', source: { notPorts: [80] } }), 'spec.ingress[0].source.notPorts: needs protocol TCP, UDP or SCTP on the rule (got the string "ICMP")'],
    [rule({ action: 'Allow', protocol: 'TCP', destination: { ports: [0] } }), 'spec.ingress[0].destination.ports[0]: must be a port number from 1 to 65535, a range "first:last" or a port name, got 0'],
    [rule({ action: 'Allow', protocol: 'TCP', destination: { ports: ['90:80'] } }), 'spec.ingress[0].destination.ports[0]: is the range 90:80, whose first port is after its last'],
    [rule({ action: 'Allow', protocol: 'TCP', destination: { ports: ['1:2:3'] } }), 'spec.ingress[0].destination.ports[0]: must be a port number'],
    [rule({ action: 'Allow', protocol: 'TCP', destination: { ports: ['http port'] } }), 'spec.ingress[0].destination.ports[0]: must be a port number'],
    [rule({ action: 'Allow', source: { nets: ['10.0.0.0/33'] } }), 'spec.ingress[0].source.nets[0]: must be a CIDR such as 10.0.0.0/8 or an IP address, got the string "10.0.0.0/33"'],
    [rule({ action: 'Allow', destination: { notNets: 'x' } }), 'spec.ingress[0].destination.notNets: must be a list, got the string "x"'],
    [rule({ action: 'Allow', source: { nets: ['10.0.0.0/8'] }, destination: { nets: ['fd00::/8'] } }), 'spec.ingress[0]: mixes IPv4 and IPv6 CIDRs in one rule'],
    [rule({ action: 'Allow', ipVersion: 6, source: { nets: ['10.0.0.0/8'] } }), 'spec.ingress[0].ipVersion: is 6 but the rule\'s CIDRs are IPv4'],
    [rule({ action: 'Allow', ipVersion: 5 }), '[API_ENUM] GlobalNetworkPolicy g: spec.ingress[0].ipVersion: must be one of 4, 6, got the number 5'],
    [rule({ action: 'Allow', source: { notSelector: '!' } }), 'spec.ingress[0].source.notSelector: is not a Calico selector: at character 2'],
    [rule({ action: 'Allow', source: { serviceAccounts: { names: [''] } } }), 'spec.ingress[0].source.serviceAccounts.names[0]: must be a service account name'],
    [rule({ action: 'Allow', source: { serviceAccounts: { selector: 'a ==' } } }), 'spec.ingress[0].source.serviceAccounts.selector: is not a Calico selector'],
    [rule({ action: 'Allow', destination: { services: { namespace: 'x' } } }), 'spec.ingress[0].destination.services.name: must be the name of a Service'],
    [rule({ action: 'Allow', icmp: { code: 0 } }), 'spec.ingress[0].icmp.code: needs a type'],
    [rule({ action: 'Allow', notICMP: { type: 255 } }), '[API_RANGE] GlobalNetworkPolicy g: spec.ingress[0].notICMP.type: must be at most 254, got 255'],
    [rule({ action: 'Allow', source: [] }), 'spec.ingress[0].source: must be a mapping, got a list'],
    [tier('t', { order: 'first' }), 'Tier t: spec.order: must be a number, got the string "first"'],
    [tier('t', { defaultAction: 'Allow' }), '[API_ENUM] Tier t: spec.defaultAction: must be one of Deny, Pass, got the string "Allow"'],
  ])('throws if a Calico object is malformed: %#', (doc, message) => {
    expect(refuse(doc)).toContain(message);
  });

  test('accepts the shapes Calico accepts', () => {
    expect(refuse(gnp({
      order: 10.5,
      selector: '',
      namespaceSelector: 'global() || all()',
      serviceAccountSelector: "projectcalico.org/name == 'api'",
      types: ['Egress', 'Ingress'],
      doNotTrack: false,
      ingress: [
        { action: 'Log' },
        { action: 'Pass', protocol: 132, destination: { ports: [80, '8000:8080', 'http', '443'], notPorts: ['metrics'] } },
        { action: 'Deny', protocol: 'UDPLite', ipVersion: 6, source: { nets: ['fd00::1', 'fd00::/8'], notNets: ['fd00::2/128'] } },
        { action: 'Allow', protocol: 'ICMPv6', icmp: { type: 128, code: 0 }, notICMP: { type: 1 } },
        { action: 'Allow', source: { selector: 'all()', notSelector: "a == 'b'", namespaceSelector: 'all()', serviceAccounts: { names: ['a'], selector: 'all()' } } },
        { action: 'Allow', http: { methods: ['GET'] }, destination: { services: { name: 'web', namespace: 'prod' } } },
      ],
    }))).toBe('accepted');
    expect(refuse(tier('t', { order: 0, defaultAction: 'Deny' }))).toBe('accepted');
  });
});
