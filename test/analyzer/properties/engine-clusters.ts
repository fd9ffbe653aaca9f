import * as fc from 'fast-check';
import { policyArb, selectorArb } from './clusters';
import { EngineName } from '../../../lib/analyzer/evaluators';
import { Cluster, Endpoint, Namespace, NetworkSet, PolicyDocument, PolicyKind, Tier } from '../../../lib/analyzer/types';

// Random small clusters for every engine, as compact plain data (so a shrunk counterexample reads well), and the
// Cluster they describe. Pods repeat labels often, so classes have several members; some pods have no IP, so
// verdicts may be uncertain where an address peer reaches into the pod CIDRs.

const NS = ['ns0', 'ns1', 'ns2'];
const POD_LABELS = { app: ['web', 'db'], tier: ['fe', 'be'] };
const NS_LABELS = { team: ['red', 'blue'] };

/** The ports a pod may declare, by index: names that rules use, numbers they match, one pod with none. */
const PORT_SETS = [
  [{ name: 'http', port: 80, protocol: 'TCP' }],
  [{ name: 'http', port: 8080, protocol: 'TCP' }],
  [{ name: 'dns', port: 53, protocol: 'UDP' }],
  [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'metrics', port: 81, protocol: 'TCP' }],
  [{ port: 80, protocol: 'TCP' }],
  [],
] as const;

/** One pod: namespace index, labels, service account, index into PORT_SETS, IP (none: where it sits is unknown). */
export interface PodSpec {
  readonly ns: number;
  readonly labels: Record<string, string>;
  readonly sa: string;
  readonly ports: number;
  readonly ip?: string;
}

/** A cluster: pods, namespace teams, policy manifests, Calico tiers. */
export interface ClusterSpec {
  readonly pods: readonly PodSpec[];
  readonly teams: readonly (string | null)[];
  readonly policies: readonly any[];
  readonly tiers?: readonly Tier[];
  /** Calico: whether the cluster has its network sets (NETWORK_SETS), which rule selectors match by label. */
  readonly networkSets?: boolean;
}

/** Sets whose labels the Calico selectors read: a pod whose IP is in one is selected as the set is. */
const NETWORK_SETS: NetworkSet[] = [
  { name: 'web-range', labels: { app: 'web' }, nets: ['10.0.1.0/24'] },
  { namespace: 'ns0', name: 'be-host', labels: { tier: 'be' }, nets: ['10.0.0.2/32'] },
];

const labelsArb = (choices: Record<string, string[]>): fc.Arbitrary<Record<string, string>> =>
  fc.record(Object.fromEntries(Object.entries(choices).map(([k, vs]) => [k, fc.option(fc.constantFrom(...vs), { nil: undefined })])))
    .map(r => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, string>);

const ipArb = fc.option(fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.1.7', '10.0.1.8', '192.168.3.4', 'fd00::5'), { nil: undefined, freq: 3 });

/** A workload: 1-3 replicas alike but for their IPs. */
const workloadArb: fc.Arbitrary<PodSpec[]> = fc.record({
  // Few namespaces and label sets, so workloads often differ in one thing only (a service account, an IP).
  ns: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(2) }),
  labels: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<Record<string, string>>({ app: 'web' }, { app: 'db' }, { app: 'web', tier: 'be' }, {}) },
    { weight: 1, arbitrary: labelsArb(POD_LABELS) },
  ),
  sa: fc.constantFrom('default', 'sa1'),
  ports: fc.nat(PORT_SETS.length - 1),
  ips: fc.array(ipArb, { minLength: 1, maxLength: 3 }),
}).map(({ ips, ...pod }) => ips.map(ip => (ip === undefined ? pod : { ...pod, ip })));

const podsArb = fc.array(workloadArb, { minLength: 1, maxLength: 5 }).map(ws => ws.flat());
const teamsArb = fc.array(fc.option(fc.constantFrom(...NS_LABELS.team), { nil: null }), { minLength: 3, maxLength: 3 });

/** The Cluster a spec describes; every pod also carries a label no policy reads. */
export function clusterOf(spec: ClusterSpec): Cluster {
  const namespaces = new Map<string, Namespace>(NS.map((name, i) => [name, {
    name,
    labels: { 'kubernetes.io/metadata.name': name, ...(spec.teams[i] ? { team: spec.teams[i]! } : {}) },
    declared: true,
  }]));
  const endpoints: Endpoint[] = spec.pods.map((p, i) => ({
    kind: 'Pod',
    name: `p${i}`,
    namespace: NS[p.ns],
    labels: { ...p.labels, 'pod-template-hash': `h${i}` },
    ips: p.ip === undefined ? [] : [p.ip],
    ports: PORT_SETS[p.ports].map(port => ({ ...port })),
    serviceAccount: p.sa,
  }));
  const policies: PolicyDocument[] = spec.policies.map(m => ({
    apiVersion: m.apiVersion,
    kind: m.kind as PolicyKind,
    name: m.metadata.name,
    ...(m.metadata.namespace === undefined ? {} : { namespace: m.metadata.namespace }),
    spec: m.spec,
  }));
  return {
    namespaces,
    endpoints,
    services: [],
    policies,
    ...(spec.tiers ? { tiers: spec.tiers } : {}),
    ...(spec.networkSets ? { networkSets: NETWORK_SETS } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Admin policies: AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1), ClusterNetworkPolicy (v1alpha2).

const adminPodsArb = fc.record({ namespaceSelector: selectorArb(NS_LABELS), podSelector: selectorArb(POD_LABELS) });
const adminSubjectArb = fc.oneof(selectorArb(NS_LABELS).map(namespaces => ({ namespaces })), adminPodsArb.map(pods => ({ pods })));
const adminPeerArb = (direction: 'ingress' | 'egress'): fc.Arbitrary<any> => fc.oneof(
  selectorArb(NS_LABELS).map(namespaces => ({ namespaces })),
  adminPodsArb.map(pods => ({ pods })),
  ...(direction === 'egress' ? [fc.constantFrom({ networks: ['10.0.0.0/24'] }, { networks: ['0.0.0.0/0'] }, { networks: ['10.0.0.2/32'] })] : []),
);
const v1PortsArb = fc.array(fc.constantFrom<any>(
  { portNumber: { protocol: 'TCP', port: 80 } }, { portNumber: { protocol: 'UDP', port: 53 } }, { namedPort: 'http' },
  { portRange: { protocol: 'TCP', start: 80, end: 8080 } },
), { minLength: 1, maxLength: 2 });
const v2ProtocolsArb = fc.array(fc.constantFrom<any>(
  { tcp: { destinationPort: { number: 80 } } }, { udp: {} }, { destinationNamedPort: 'http' },
  { tcp: { destinationPort: { range: { start: 80, end: 8080 } } } },
), { minLength: 1, maxLength: 2 });

const adminRulesArb = (direction: 'ingress' | 'egress', actions: string[], v2: boolean): fc.Arbitrary<any[]> => fc.array(fc.record({
  action: fc.constantFrom(...actions),
  peers: fc.array(adminPeerArb(direction), { minLength: 1, maxLength: 2 }),
  ports: fc.option(v2 ? v2ProtocolsArb : v1PortsArb, { nil: undefined }),
}).map((r ) => ({
  action: r.action,
  [direction === 'ingress' ? 'from' : 'to']: r.peers,
  ...(r.ports === undefined ? {} : { [v2 ? 'protocols' : 'ports']: r.ports }),
})), { maxLength: 2 });

const withNames = (rules: any[], prefix: string) => rules.map((r, i) => ({ name: `${prefix}${i}`, ...r }));

const anpArb = (name: string) => fc.record({
  priority: fc.nat(3),
  subject: adminSubjectArb,
  ingress: adminRulesArb('ingress', ['Allow', 'Deny', 'Pass', 'Pass'], false),
  egress: adminRulesArb('egress', ['Allow', 'Deny', 'Pass', 'Pass'], false),
}).map(s => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  kind: 'AdminNetworkPolicy',
  metadata: { name },
  spec: { ...s, ingress: withNames(s.ingress, 'i'), egress: withNames(s.egress, 'e') },
}));

const banpArb = fc.record({
  subject: adminSubjectArb, ingress: adminRulesArb('ingress', ['Allow', 'Deny'], false), egress: adminRulesArb('egress', ['Allow', 'Deny'], false),
}).map(s => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  kind: 'BaselineAdminNetworkPolicy',
  metadata: { name: 'default' },
  spec: { ...s, ingress: withNames(s.ingress, 'i'), egress: withNames(s.egress, 'e') },
}));

const cnpArb = (name: string) => fc.record({
  tier: fc.constantFrom('Admin', 'Baseline'),
  priority: fc.nat(3),
  subject: adminSubjectArb,
  ingress: adminRulesArb('ingress', ['Accept', 'Deny', 'Pass', 'Pass'], true),
  egress: adminRulesArb('egress', ['Accept', 'Deny', 'Pass', 'Pass'], true),
}).map(s => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha2',
  kind: 'ClusterNetworkPolicy',
  metadata: { name },
  spec: { ...s, ingress: withNames(s.ingress, 'i'), egress: withNames(s.egress, 'e') },
}));

/** 0..max NetworkPolicies np0, np1... */
const networkPoliciesArb = (max: number) => fc.integer({ min: 0, max })
  .chain(n => fc.tuple(...Array.from({ length: n }, (_, i) => policyArb(`np${i}`))))
  .map(ps => [...ps]);

const named = <T>(max: number, arb: (name: string) => fc.Arbitrary<T>, prefix: string) => fc.integer({ min: 0, max })
  .chain(n => fc.tuple(...Array.from({ length: n }, (_, i) => arb(`${prefix}${i}`))))
  .map(ps => [...ps]);

// ---------------------------------------------------------------------------------------------------------------
// Calico: NetworkPolicy and GlobalNetworkPolicy, with Kubernetes NetworkPolicies beside them.

const CALICO_POD_SELECTORS = [
  "app == 'web'", "app == 'db'", 'has(tier)', '!has(app)', "app in {'web', 'db'}", "tier != 'fe'", 'all()',
  "projectcalico.org/serviceaccount == 'sa1'", "pcns.team == 'red'", "app == 'web' && tier == 'be'", "app == 'db' || has(tier)",
];
const CALICO_NS_SELECTORS = ["team == 'red'", 'all()', "projectcalico.org/name == 'ns1'", '!has(team)'];

/** Absent three times in four: entities and rules that require everything at once match nothing. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const calicoEntityArb = (side: 'source' | 'destination'): fc.Arbitrary<any> => fc.record({
  selector: sometimes(fc.constantFrom(...CALICO_POD_SELECTORS)),
  notSelector: sometimes(fc.constantFrom("app == 'db'", 'has(tier)')),
  namespaceSelector: sometimes(fc.constantFrom(...CALICO_NS_SELECTORS)),
  serviceAccounts: sometimes(fc.constant({ names: ['sa1'] })),
  nets: fc.option(fc.constantFrom(['10.0.0.0/24'], ['192.168.0.0/16'], ['10.0.0.2']), { nil: undefined, freq: 2 }),
  notNets: sometimes(fc.constantFrom(['10.0.0.2/32'])),
  ports: side === 'destination' ? sometimes(fc.constantFrom<any>([80], ['http'], ['80:8080'], [53])) : fc.constant(undefined),
}, { requiredKeys: [] }).map(e => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)));

const calicoRuleArb: fc.Arbitrary<any> = fc.record({
  action: fc.constantFrom('Allow', 'Deny', 'Pass', 'Log'),
  protocol: sometimes(fc.constantFrom('TCP', 'UDP')),
  ipVersion: sometimes(fc.constantFrom(4, 6)),
  source: fc.option(calicoEntityArb('source'), { nil: undefined, freq: 2 }),
  destination: fc.option(calicoEntityArb('destination'), { nil: undefined, freq: 2 }),
}).map(r => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)))
  // Ports need a protocol that has them.
  .map(r => (r.destination?.ports && !r.protocol ? { ...r, protocol: 'TCP' } : r));

const calicoPolicyArb = (apiVersion: string) => (name: string): fc.Arbitrary<any> => fc.record({
  global: fc.boolean(),
  namespace: fc.constantFrom(NS[0], NS[1]),
  tier: fc.constantFrom('default', 'security'),
  order: fc.option(fc.constantFrom(10, 100, 1000), { nil: undefined }),
  selector: fc.option(fc.constantFrom(...CALICO_POD_SELECTORS), { nil: undefined }),
  namespaceSelector: fc.option(fc.constantFrom(...CALICO_NS_SELECTORS), { nil: undefined }),
  serviceAccountSelector: fc.option(fc.constantFrom("projectcalico.org/name == 'sa1'"), { nil: undefined }),
  types: fc.option(fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress']), { nil: undefined }),
  ingress: fc.array(calicoRuleArb, { maxLength: 2 }),
  egress: fc.array(calicoRuleArb, { maxLength: 2 }),
}).map(p => {
  const spec: any = Object.fromEntries(Object.entries({
    tier: p.tier === 'default' ? undefined : p.tier,
    order: p.order,
    selector: p.selector,
    types: p.types,
    serviceAccountSelector: p.serviceAccountSelector,
    namespaceSelector: p.global ? p.namespaceSelector : undefined,
    ingress: p.ingress.length > 0 ? p.ingress : undefined,
    egress: p.egress.length > 0 ? p.egress : undefined,
  }).filter(([, v]) => v !== undefined));
  const fullName = p.tier === 'default' ? name : `${p.tier}.${name}`;
  return p.global
    ? { apiVersion, kind: 'GlobalNetworkPolicy', metadata: { name: fullName }, spec }
    : { apiVersion, kind: 'NetworkPolicy', metadata: { name: fullName, namespace: p.namespace }, spec };
});

const tiersArb: fc.Arbitrary<Tier[]> = fc.constantFrom<'Deny' | 'Pass'>('Deny', 'Pass').map(defaultAction => [{ name: 'security', order: 100, defaultAction }]);

// ---------------------------------------------------------------------------------------------------------------
// Cilium: CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy, with Kubernetes NetworkPolicies beside them.

const CILIUM_SELECTORS: any[] = [
  {}, { matchLabels: { app: 'web' } }, { matchLabels: { 'k8s:app': 'db' } }, { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
  { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
  { matchLabels: { 'k8s:io.cilium.k8s.policy.serviceaccount': 'sa1' } },
  { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ns1' } },
  { matchLabels: { 'io.cilium.k8s.namespace.labels.team': 'red', 'app': 'web' } },
];
const ciliumPortsArb = fc.array(fc.constantFrom<any>(
  { port: '80', protocol: 'TCP' }, { port: 'http' }, { port: '53', protocol: 'UDP' }, { port: '0', protocol: 'ANY' }, { port: '80', endPort: 8080, protocol: 'TCP' },
), { minLength: 1, maxLength: 2 });

const ciliumRuleArb = (direction: 'ingress' | 'egress', deny: boolean): fc.Arbitrary<any> => {
  const [endpoints, entities, cidr, requires] = direction === 'ingress'
    ? ['fromEndpoints', 'fromEntities', 'fromCIDR', 'fromRequires'] : ['toEndpoints', 'toEntities', 'toCIDR', 'toRequires'];
  const l3 = fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.constantFrom(...CILIUM_SELECTORS), { minLength: 1, maxLength: 2 }).map(s => ({ [endpoints]: s })) },
    { weight: 1, arbitrary: fc.constantFrom('cluster', 'world', 'all').map(e => ({ [entities]: [e] })) },
    { weight: 1, arbitrary: fc.constant({ [cidr]: ['10.0.0.0/24'] }) },
    { weight: 1, arbitrary: fc.constant({}) },
  );
  return fc.record({
    l3,
    ports: fc.option(ciliumPortsArb, { nil: undefined }),
    requires: deny ? fc.constant(undefined) : fc.option(fc.constantFrom([{ matchLabels: { tier: 'be' } }]), { nil: undefined, freq: 6 }),
  }).map(r => ({
    ...r.l3,
    ...(r.ports ? { toPorts: [{ ports: r.ports }] } : {}),
    ...(r.requires ? { [requires]: r.requires } : {}),
  })).filter(r => Object.keys(r).length > 0);
};

const ciliumPolicyArb = (name: string): fc.Arbitrary<any> => fc.record({
  clusterwide: fc.boolean(),
  namespace: fc.constantFrom(NS[0], NS[1]),
  endpointSelector: fc.constantFrom(...CILIUM_SELECTORS),
  ingress: fc.array(ciliumRuleArb('ingress', false), { maxLength: 2 }),
  ingressDeny: fc.array(ciliumRuleArb('ingress', true), { maxLength: 1 }),
  egress: fc.array(ciliumRuleArb('egress', false), { maxLength: 2 }),
  egressDeny: fc.array(ciliumRuleArb('egress', true), { maxLength: 1 }),
  enableDefaultDeny: fc.option(fc.record({ ingress: fc.boolean() }), { nil: undefined, freq: 5 }),
}).map(p => {
  const spec: any = { endpointSelector: p.endpointSelector };
  for (const list of ['ingress', 'ingressDeny', 'egress', 'egressDeny'] as const) if (p[list].length > 0) spec[list] = p[list];
  if (p.enableDefaultDeny) spec.enableDefaultDeny = p.enableDefaultDeny;
  return p.clusterwide
    ? { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name }, spec }
    : { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace: p.namespace }, spec };
});

// ---------------------------------------------------------------------------------------------------------------

/** A random cluster whose policies the engine reads (and, for Calico and Cilium, NetworkPolicies beside them). */
export function clusterSpecArb(engine: EngineName): fc.Arbitrary<ClusterSpec> {
  const policies: fc.Arbitrary<any[]> = (() => {
    switch (engine) {
      case 'kubernetes':
        return fc.tuple(networkPoliciesArb(3), named(3, anpArb, 'anp'), fc.option(banpArb, { nil: undefined }))
          .map(([nps, anps, banp]) => [...nps, ...anps, ...(banp ? [banp] : [])]);
      case 'cluster-network-policy':
        return fc.tuple(networkPoliciesArb(3), named(3, cnpArb, 'cnp')).map(([nps, cnps]) => [...nps, ...cnps]);
      case 'calico':
      case 'calico-crd': {
        const apiVersion = engine === 'calico' ? 'projectcalico.org/v3' : 'crd.projectcalico.org/v1';
        return fc.tuple(networkPoliciesArb(2), named(3, calicoPolicyArb(apiVersion), 'cp')).map(([nps, cps]) => [...nps, ...cps]);
      }
      case 'cilium':
        return fc.tuple(networkPoliciesArb(2), named(3, ciliumPolicyArb, 'cnp')).map(([nps, cnps]) => [...nps, ...cnps]);
    }
  })();
  const calico = engine === 'calico' || engine === 'calico-crd';
  return fc.record({
    pods: podsArb,
    teams: teamsArb,
    policies,
    tiers: calico ? tiersArb : fc.constant(undefined),
    networkSets: calico ? fc.boolean() : fc.constant(undefined),
  }).map(s => (s.tiers === undefined ? { pods: s.pods, teams: s.teams, policies: s.policies } : s));
}
