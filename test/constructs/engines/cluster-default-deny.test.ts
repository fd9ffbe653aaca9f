import { App, Chart, Testing } from 'cdk8s';
import { ENGINES, MANAGED_BY, chartFor, clusterChart, engineWarnings, idOf, meaningOf, objectNamed, synthesize, violations } from './support';
import { AllowDns, AllowFlow, CalicoGlobalDeny, CiliumClusterwideDeny, ClusterDefaultDeny, ClusterDefaultDenyProps, DefaultEngine, Diagnostics, Engine, ErrorCode, Port, Selector, Subject } from '../../../lib';
import { EngineName } from '../../../lib/analyzer/evaluators';
import { WorkloadSpec, declareWorkloads, installMatchers } from '../../../lib/testing';
import { netpolError } from '../../support/helpers';

installMatchers();

// The default exempt list, sorted: AKS's system namespaces (the Istio add-on's included) and calico-apiserver.
const SYSTEM = [
  'aks-command', 'aks-istio-egress', 'aks-istio-ingress', 'aks-istio-system', 'app-routing-system', 'calico-apiserver', 'calico-system',
  'gatekeeper-system', 'kube-node-lease', 'kube-public', 'kube-system', 'tigera-operator',
];
const CALICO_SYSTEM = `kubernetes.io/metadata.name not in {${SYSTEM.map(n => `'${n}'`).join(', ')}}`;
const KUBE_DNS_CALICO = { namespaceSelector: "kubernetes.io/metadata.name == 'kube-system'", ports: [53], selector: "k8s-app == 'kube-dns'" };
const CALICO_SPEC = {
  egress: [
    { action: 'Allow', destination: KUBE_DNS_CALICO, protocol: 'TCP' },
    { action: 'Allow', destination: KUBE_DNS_CALICO, protocol: 'UDP' },
  ],
  namespaceSelector: CALICO_SYSTEM,
  // After Kubernetes NetworkPolicies (order 1000 in tier default), so they open holes; no blanket Allow.
  order: 2000,
  selector: 'all()',
  types: ['Ingress', 'Egress'],
};
const CILIUM_SPEC = {
  egress: [{
    toEndpoints: [{ matchLabels: { 'k8s-app': 'kube-dns', 'k8s:io.kubernetes.pod.namespace': 'kube-system' } }],
    toPorts: [{ ports: [{ port: '53', protocol: 'TCP' }, { port: '53', protocol: 'UDP' }] }],
  }],
  enableDefaultDeny: { egress: true, ingress: true },
  // Pods of every namespace (the namespace key exists) but the system ones.
  endpointSelector: {
    matchExpressions: [
      { key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' },
      { key: 'k8s:io.kubernetes.pod.namespace', operator: 'NotIn', values: SYSTEM },
    ],
  },
  ingress: [{}],
};

// Tier Baseline, last in it: every NetworkPolicy comes first and opens holes. Rules are first-match: DNS, then the isolation.
const CLUSTER_NETWORK_POLICY_SPEC = {
  egress: [
    {
      action: 'Accept',
      name: 'egress-0',
      protocols: [{ tcp: { destinationPort: { number: 53 } } }, { udp: { destinationPort: { number: 53 } } }],
      to: [{ pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } } }],
    },
    { action: 'Deny', name: 'isolate-egress', to: [{ namespaces: {} }, { networks: ['0.0.0.0/0', '::/0'] }] },
  ],
  ingress: [{ action: 'Deny', from: [{ namespaces: {} }], name: 'isolate-ingress' }],
  priority: 1000,
  subject: { namespaces: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: SYSTEM }] } },
  tier: 'Baseline',
};

/** The one cluster-scoped object each cluster-wide engine renders. */
const CLUSTER_SCOPED: Record<string, any> = {
  'calico': { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', spec: CALICO_SPEC },
  'calico-crd': { apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkPolicy', spec: CALICO_SPEC },
  'cilium': { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', spec: CILIUM_SPEC },
  'cluster-network-policy': { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', spec: CLUSTER_NETWORK_POLICY_SPEC },
};

/**
 * What a cluster default deny warns about beyond the engine's own notices. ClusterNetworkPolicy: ingress isolation
 * covers pod sources only, and a NetworkPolicy that selects a pod for egress replaces the Baseline tier's DNS allow.
 */
const DEFAULT_DENY_WARNINGS: Record<string, string[]> = {
  'cluster-network-policy': [ErrorCode.CLUSTER_NETWORK_POLICY_INGRESS_PODS_ONLY, ErrorCode.CLUSTER_NETWORK_POLICY_BASELINE_AFTER_NETWORK_POLICIES],
};

/** What the kubernetes engine renders instead: a default deny and DNS in each listed namespace. */
const PER_NAMESPACE = ['team-a', 'team-b'].flatMap(ns => [
  `networking.k8s.io/v1/NetworkPolicy ${ns}/default-deny-all`,
  `networking.k8s.io/v1/NetworkPolicy ${ns}/allow-dns`,
]);

/** Checks the rendering of a cluster default deny for `engine` in a chart without namespace. */
function expectRendered(name: EngineName, engine: Engine, build: (chart: Chart) => void): any[] {
  // GIVEN a chart for cluster-wide objects (no namespace)
  const chart = clusterChart();
  // WHEN
  build(chart);
  // THEN
  const { objects, ids, warnings } = synthesize(chart);
  if (name === 'kubernetes') {
    expect(ids).toEqual(PER_NAMESPACE);
    expect(objectNamed(objects.filter(o => o.metadata.namespace === 'team-b'), 'default-deny-all').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(objectNamed(objects.filter(o => o.metadata.namespace === 'team-b'), 'allow-dns').spec.egress[0].ports).toEqual([{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
  } else {
    expect(objects).toHaveLength(1);
    expect(meaningOf(objects[0])).toEqual(CLUSTER_SCOPED[name]);
    expect(objects[0].metadata).toEqual({ labels: MANAGED_BY, name: 'cluster-default-deny' });
  }
  expect(warnings).toEqual(DEFAULT_DENY_WARNINGS[name] ?? engineWarnings(engine, 1));
  return objects;
}

// The cluster the isolation is judged on: two team namespaces and kube-system, whose coredns is the cluster DNS.
const WORKLOADS: WorkloadSpec[] = [
  { namespace: 'team-a', name: 'web', labels: { app: 'web' } },
  { namespace: 'team-a', name: 'api', labels: { app: 'api' }, ports: [{ port: 8080 }] },
  { namespace: 'team-b', name: 'worker', labels: { app: 'worker' }, ports: [{ port: 8080 }] },
  { namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }] },
  { namespace: 'kube-system', name: 'metrics-server', labels: { 'k8s-app': 'metrics-server' }, ports: [{ port: 8080 }] },
];
const PODS = WORKLOADS.map(w => `${w.namespace}/${w.name}`);
const EXTERNAL = '203.0.113.10';
// kube-system is exempt: its pods reach each other and the outside, and are reached from it.
const KUBE_SYSTEM_FLOWS = [
  'kube-system/coredns -> kube-system/coredns', 'kube-system/coredns -> kube-system/metrics-server', `kube-system/coredns -> ${EXTERNAL}`,
  'kube-system/metrics-server -> kube-system/coredns', 'kube-system/metrics-server -> kube-system/metrics-server', `kube-system/metrics-server -> ${EXTERNAL}`,
  `${EXTERNAL} -> kube-system/coredns`, `${EXTERNAL} -> kube-system/metrics-server`,
];

/**
 * An App with the cluster default deny in a platform chart, and, in team-a's own chart, a Kubernetes NetworkPolicy
 * pair (AllowFlow on engine kubernetes) opening web -> api on 8080 unless `hole` is false. Workloads declared.
 */
function clusterWith(addDeny: (platform: Chart) => void, hole = true): App {
  const app = Testing.app();
  Diagnostics.acknowledge(app, ErrorCode.CALICO_CRD_MANAGED, 'judged offline');
  addDeny(new Chart(app, 'platform'));
  const teamA = new Chart(app, 'team-a', { namespace: 'team-a' });
  if (hole) {
    new AllowFlow(teamA, 'WebToApi', {
      source: Subject.pods(Selector.labels({ app: 'web' })),
      destination: Subject.pods(Selector.labels({ app: 'api' })),
      ports: [Port.tcp(8080)],
      engine: Engine.KUBERNETES,
    });
  }
  declareWorkloads(app, WORKLOADS);
  return app;
}

/** Where an engine's cluster deny knowingly means less than the intent; each gap is a warning of the engine. */
interface IsolationGaps {
  /** Ingress from outside the cluster stays open to pods no NetworkPolicy isolates (ClusterNetworkPolicy ingress peers are pods). */
  readonly externalIngress?: boolean;
  /** A pod whose own NetworkPolicy isolates its egress loses the deny's DNS allow (tier Baseline comes after NetworkPolicies). */
  readonly dnsOnlyWithoutOwnEgressPolicy?: boolean;
}

/** The three facts of a cluster default deny, under `engine`'s semantics, but for the engine's documented gaps. */
function describeIsolation(engine: EngineName, addDeny: (platform: Chart) => void, gaps: IsolationGaps = {}): void {
  // team-a/api is isolated for ingress by its own NetworkPolicy (the hole), which denies external sources too.
  const externalIn = gaps.externalIngress ? [`${EXTERNAL} -> team-a/web`, `${EXTERNAL} -> team-b/worker`] : [];

  test(`can isolate a namespace without NetworkPolicies except DNS to kube-dns under ${engine}`, () => {
    // GIVEN the cluster default deny; team-b has no policy of its own
    const app = clusterWith(addDeny);
    // THEN team-b's pod resolves names on UDP and TCP 53 at the cluster DNS, and on nothing else
    expect(app).toAllow({ engine, from: 'team-b/worker', to: 'kube-system/coredns', port: 53, protocol: 'UDP' });
    expect(app).toAllow({ engine, from: 'team-b/worker', to: 'kube-system/coredns', port: 53, protocol: 'TCP' });
    expect(app).toDeny({ engine, from: 'team-b/worker', to: 'kube-system/metrics-server', port: 53, protocol: 'UDP' });
    expect(app).toDeny({ engine, from: 'team-b/worker', to: EXTERNAL, port: 53, protocol: 'UDP' });
    expect(app).toDeny({ engine, from: 'team-b/worker', to: 'kube-system/coredns', port: 8080 });
    // AND nothing else goes in or out of team-b (nor of team-a but its hole)
    for (const port of [8080, 443]) {
      expect(app).toHaveReachability({
        engine,
        port,
        among: [...PODS, EXTERNAL],
        allowed: [...(port === 8080 ? ['team-a/web -> team-a/api'] : []), ...KUBE_SYSTEM_FLOWS, ...externalIn],
      });
    }
  });

  test(`can be opened by a Kubernetes NetworkPolicy for exactly the flow it names under ${engine}`, () => {
    // GIVEN the cluster default deny alone, then with team-a's NetworkPolicies for web -> api on 8080
    const without = clusterWith(addDeny, false);
    const withHole = clusterWith(addDeny);
    // THEN the NetworkPolicies open web -> api on 8080, and only that
    expect(without).toDeny({ engine, from: 'team-a/web', to: 'team-a/api', port: 8080 });
    expect(withHole).toAllow({ engine, from: 'team-a/web', to: 'team-a/api', port: 8080 });
    const teams = PODS.filter(p => p.startsWith('team-'));
    expect(withHole).toHaveReachability({ engine, port: 8080, among: [...teams, EXTERNAL], allowed: ['team-a/web -> team-a/api', ...externalIn] });
    expect(withHole).toHaveReachability({ engine, port: 9090, among: [...teams, EXTERNAL], allowed: externalIn });
    // AND the pods it names still resolve names, unless their own egress NetworkPolicy decides alone
    if (gaps.dnsOnlyWithoutOwnEgressPolicy) {
      expect(withHole).toDeny({ engine, from: 'team-a/web', to: 'kube-system/coredns', port: 53, protocol: 'UDP' });
      expect(withHole).toAllow({ engine, from: 'team-a/api', to: 'kube-system/coredns', port: 53, protocol: 'UDP' });
    } else {
      expect(withHole).toAllow({ engine, from: 'team-a/web', to: 'kube-system/coredns', port: 53, protocol: 'UDP' });
    }
  });

  if (gaps.dnsOnlyWithoutOwnEgressPolicy) {
    test(`can keep DNS for a pod with its own egress NetworkPolicy when the namespace allows DNS too under ${engine}`, () => {
      // GIVEN the hole, and team-a's own AllowDns (a NetworkPolicy, as the warning's fix says)
      const app = clusterWith(addDeny);
      new AllowDns(app.charts.find(c => c.node.id === 'team-a')!, 'Dns', { engine: Engine.KUBERNETES });
      // THEN web resolves names again, and still reaches nothing else
      expect(app).toAllow({ engine, from: 'team-a/web', to: 'kube-system/coredns', port: 53, protocol: 'UDP' });
      expect(app).toDeny({ engine, from: 'team-a/web', to: 'kube-system/metrics-server', port: 8080 });
    });
  }

  test(`cannot touch kube-system under ${engine}`, () => {
    // GIVEN
    const app = clusterWith(addDeny);
    // THEN kube-system's pods reach each other and the outside, and are reached from it, on any port
    for (const port of [53, 8080, 10250]) {
      expect(app).toHaveReachability({ engine, port, from: ['kube-system/coredns', 'kube-system/metrics-server', EXTERNAL], to: ['kube-system/coredns', 'kube-system/metrics-server', EXTERNAL], allowed: KUBE_SYSTEM_FLOWS });
    }
    // AND the isolated namespaces stay closed to kube-system's pods
    expect(app).toDeny({ engine, from: 'kube-system/metrics-server', to: 'team-b/worker', port: 8080 });
    expect(app).toDeny({ engine, from: 'team-b/worker', to: 'kube-system/metrics-server', port: 8080 });
  });
}

describe('ClusterDefaultDeny', () => {
  test.each(ENGINES)('can isolate every namespace but the system ones, DNS open, for %s', (name, engine) => {
    // kubernetes: one policy pair per listed namespace
    const objects = expectRendered(name, engine, chart => new ClusterDefaultDeny(chart, 'Deny', {
      engine, ...(name === 'kubernetes' ? { namespaces: ['team-a', 'team-b'] } : {}),
    }));
    expect(objects).toMatchSnapshot();
  });

  test.each(ENGINES.filter(([name]) => name !== 'kubernetes'))('can exempt the namespaces it is given and isolate ingress only for %s', (name, engine) => {
    // GIVEN
    const chart = clusterChart();
    // WHEN only ingress, exempting kube-system (the DNS namespace must stay open) and one more, at order 500 where the engine has an order
    new ClusterDefaultDeny(chart, 'Deny', { engine, exemptNamespaces: ['kube-system', 'platform'], egress: false, priority: name === 'cilium' ? undefined : 500 });
    // THEN
    const [policy] = synthesize(chart).objects;
    if (name === 'cluster-network-policy') {
      expect(policy.spec).toEqual({
        ingress: [{ action: 'Deny', from: [{ namespaces: {} }], name: 'isolate-ingress' }],
        priority: 500,
        subject: { namespaces: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'platform'] }] } },
        tier: 'Baseline',
      });
    } else if (name === 'cilium') {
      expect(policy.spec).toEqual({
        enableDefaultDeny: { egress: false, ingress: true },
        endpointSelector: { matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' }, { key: 'k8s:io.kubernetes.pod.namespace', operator: 'NotIn', values: ['kube-system', 'platform'] }] },
        ingress: [{}],
      });
    } else {
      expect(policy.spec).toEqual({ namespaceSelector: "kubernetes.io/metadata.name not in {'kube-system', 'platform'}", order: 500, selector: 'all()', types: ['Ingress'] });
    }
  });

  test('throws NAMESPACES_IGNORED when a cluster-wide engine is given a namespace list', () => {
    const error = netpolError(() => new ClusterDefaultDeny(clusterChart(), 'Deny', { engine: Engine.CALICO, namespaces: ['team-a'] }));
    expect([error.code, error.path, error.field]).toEqual([ErrorCode.NAMESPACES_IGNORED, 'test/Deny', 'namespaces']);
  });

  // cdk8s gives every ApiObject its Chart's namespace; a cluster-scoped GlobalNetworkPolicy /
  // CiliumClusterwideNetworkPolicy must carry none (the validator and a strict apply refuse it).
  test.each(ENGINES.filter(([name]) => name !== 'kubernetes'))('can render a cluster-scoped object without namespace from a namespaced chart for %s', (_name, engine) => {
    const chart = chartFor('platform');
    Diagnostics.acknowledge(chart, ErrorCode.CALICO_CRD_MANAGED, 'managed Calico');
    new ClusterDefaultDeny(chart, 'Deny', { engine });
    const objects = Testing.synth(chart);
    expect(objects.map(o => o.metadata.namespace)).toEqual([undefined]);
    expect(violations(objects)).toEqual([]);
  });

  describe('with namespaces listed, on kubernetes', () => {
    describeIsolation('kubernetes', chart => new ClusterDefaultDeny(chart, 'Deny', { engine: Engine.KUBERNETES, namespaces: ['team-a', 'team-b'] }));
  });

  // Tier Baseline: below every NetworkPolicy, so a namespace's NetworkPolicies open holes, as over a Calico order-2000 deny.
  describe('on cluster-network-policy', () => {
    describeIsolation('cluster-network-policy', chart => new ClusterDefaultDeny(chart, 'Deny', { engine: Engine.CLUSTER_NETWORK_POLICY }),
      { externalIngress: true, dnsOnlyWithoutOwnEgressPolicy: true });
  });
});

describe('CalicoGlobalDeny', () => {
  test.each(ENGINES.filter(([name]) => name.startsWith('calico')))('can render for %s', (name, engine) => {
    const objects = expectRendered(name, engine, chart => new CalicoGlobalDeny(chart, 'Deny', { engine }));
    expect(objects).toMatchSnapshot();
  });

  test.each(ENGINES.filter(([name]) => !name.startsWith('calico')))('throws ENGINE_MISMATCH when given %s', (name, engine) => {
    const error = netpolError(() => new CalicoGlobalDeny(clusterChart(), 'Deny', { engine }));
    expect([error.code, error.field, error.value]).toEqual([ErrorCode.ENGINE_MISMATCH, 'engine', name]);
    expect(error.fix).toContain('ClusterDefaultDeny');
  });

  test('can render a projectcalico.org/v3 GlobalNetworkPolicy without an engine, whatever the scope\'s default', () => {
    // GIVEN a chart whose default engine is kubernetes (the global default)
    const chart = clusterChart();
    // WHEN
    new CalicoGlobalDeny(chart, 'Deny');
    // THEN
    expect(synthesize(chart).ids).toEqual(['projectcalico.org/v3/GlobalNetworkPolicy cluster-default-deny']);
  });

  // On managed Calico (AKS) the app says `DefaultEngine.set(app, Engine.CALICO_CRD)`: the construct follows that flavor.
  test('can follow a calico-crd default engine set on the App', () => {
    const app = Testing.app();
    DefaultEngine.set(app, Engine.CALICO_CRD);
    const chart = clusterChart(app);
    Diagnostics.acknowledge(app, ErrorCode.CALICO_CRD_MANAGED, 'managed Calico');
    new CalicoGlobalDeny(chart, 'Deny');
    expect(Testing.synth(chart).map(idOf)).toEqual(['crd.projectcalico.org/v1/GlobalNetworkPolicy cluster-default-deny']);
  });

  describeIsolation('calico', chart => new CalicoGlobalDeny(chart, 'Deny'));

  describe('on managed Calico', () => {
    describeIsolation('calico-crd', chart => new CalicoGlobalDeny(chart, 'Deny', { engine: Engine.CALICO_CRD }));
  });
});

describe('CiliumClusterwideDeny', () => {
  test('can render a CiliumClusterwideNetworkPolicy', () => {
    const props: ClusterDefaultDenyProps = { engine: Engine.CILIUM };
    const objects = expectRendered('cilium', Engine.CILIUM, chart => new CiliumClusterwideDeny(chart, 'Deny', props));
    expect(objects).toMatchSnapshot();
  });

  test.each(ENGINES.filter(([name]) => name !== 'cilium'))('throws ENGINE_MISMATCH when given %s', (name, engine) => {
    const error = netpolError(() => new CiliumClusterwideDeny(clusterChart(), 'Deny', { engine }));
    expect([error.code, error.field, error.value]).toEqual([ErrorCode.ENGINE_MISMATCH, 'engine', name]);
  });

  describeIsolation('cilium', chart => new CiliumClusterwideDeny(chart, 'Deny'));
});
