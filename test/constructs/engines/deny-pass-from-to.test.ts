import { CLUSTER_ONLY_ENGINES, expectNamespacedRefused, chartFor, clusterChart, idOf, synthesize } from './support';
import { AllowFrom, AllowTo, DenyFrom, DenyTo, Diagnostics, Engine, ErrorCode, PassFrom, PassTo, Peer, Port, Selector, Subject } from '../../../lib';
import { declareWorkloads, installMatchers } from '../../../lib/testing';

installMatchers();

const api = Subject.pods(Selector.labels({ app: 'api' }));
const web = Peer.pods(Selector.labels({ app: 'web' }));
const prometheus = Peer.podsInNamespace('monitoring', Selector.labels({ app: 'prometheus' }));
const metadata = Peer.ipBlock('169.254.169.254/32').withDisplayName('cloud-metadata');
const everyPeerEveryPort = { subject: api, peers: [Peer.anywhere()], ports: [Port.allPorts()] };

describe('DenyFrom', () => {
  test.each(CLUSTER_ONLY_ENGINES)('cannot render a namespaced DenyFrom for %s: ENGINE_NO_NAMESPACE_SCOPE', (_name, engine) => {
    expectNamespacedRefused(chart => new DenyFrom(chart, 'NoWeb', { subject: api, peers: [web], ports: [Port.tcp(80)], engine }), 'NoWeb');
  });

  test('can deny ingress without isolating it on cilium (ingressDeny, enableDefaultDeny false) and says so', () => {
    // GIVEN
    const chart = chartFor('prod');
    // WHEN
    new DenyFrom(chart, 'NoWeb', { subject: api, peers: [web], ports: [Port.tcp(80)], engine: Engine.CILIUM });
    // THEN a deny rule, and the direction explicitly not default-deny
    const { objects, warnings } = synthesize(chart);
    expect(objects[0].metadata.name).toBe('api-deny-ingress-from-web');
    expect(objects[0].spec).toEqual({
      enableDefaultDeny: { egress: false, ingress: false },
      endpointSelector: { matchLabels: { app: 'api' } },
      ingressDeny: [{
        fromEndpoints: [{ matchLabels: { 'app': 'web', 'k8s:io.kubernetes.pod.namespace': 'prod' } }],
        toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }],
      }],
    });
    // Releases without enableDefaultDeny would make this policy a default deny.
    expect(warnings).toEqual(['CILIUM_DENY_WITHOUT_ISOLATION']);
  });

  test('can win over an allow of the same peers on cilium', () => {
    // GIVEN web and prometheus allowed to the api on 8080
    const chart = chartFor('prod');
    Diagnostics.acknowledge(chart, ErrorCode.CILIUM_DENY_WITHOUT_ISOLATION, 'the allow policy isolates the api for ingress');
    new AllowFrom(chart, 'Clients', { subject: api, peers: [web, prometheus], ports: [Port.tcp(8080)], engine: Engine.CILIUM });
    // WHEN web is denied
    new DenyFrom(chart, 'NoWeb', { subject: api, peers: [web], ports: [Port.tcp(8080)], engine: Engine.CILIUM });
    // THEN only prometheus gets in
    declareWorkloads(chart, [
      { namespace: 'prod', name: 'api', labels: { app: 'api' } },
      { namespace: 'prod', name: 'web', labels: { app: 'web' } },
      { namespace: 'monitoring', name: 'prometheus', labels: { app: 'prometheus' } },
    ]);
    expect(chart).toHaveReachability({ engine: 'cilium', port: 8080, to: ['prod/api'], allowed: ['monitoring/prometheus -> prod/api'] });
  });

  test('can deny every peer ahead of Kubernetes policies on calico with a priority', () => {
    // GIVEN
    const chart = chartFor('prod');
    // WHEN a catch-all rule at order 100, before Kubernetes NetworkPolicies (order 1000)
    new DenyFrom(chart, 'All', { ...everyPeerEveryPort, priority: 100, engine: Engine.CALICO });
    // THEN one rule without peer or port constraint, and the order
    const { objects, warnings } = synthesize(chart);
    expect(objects[0].metadata.name).toBe('api-deny-ingress-from-anywhere');
    expect(objects[0].spec).toEqual({ ingress: [{ action: 'Deny' }], order: 100, selector: "app == 'api'", types: ['Ingress'] });
    expect(warnings).toEqual([]);
    expect(objects).toMatchSnapshot();
  });
});

describe('DenyTo', () => {
  test.each(CLUSTER_ONLY_ENGINES)('cannot render a namespaced DenyTo for %s: ENGINE_NO_NAMESPACE_SCOPE', (_name, engine) => {
    expectNamespacedRefused(chart => new DenyTo(chart, 'NoMetadata', { subject: api, peers: [metadata], ports: [Port.allPorts()], engine }), 'NoMetadata');
  });

  test('can deny egress to an address on every port on cilium (egressDeny), whatever an allow says', () => {
    // GIVEN the api allowed to every IPv4 address
    const chart = chartFor('prod');
    Diagnostics.acknowledge(chart, ErrorCode.CILIUM_DENY_WITHOUT_ISOLATION, 'the allow policy isolates the api for egress');
    new AllowTo(chart, 'Anywhere', { subject: api, peers: [Peer.anyIpv4()], ports: [Port.allPorts()], engine: Engine.CILIUM });
    // WHEN
    new DenyTo(chart, 'NoMetadata', { subject: api, peers: [metadata], ports: [Port.allPorts()], engine: Engine.CILIUM });
    // THEN
    const { objects } = synthesize(chart);
    const deny = objects.find(o => o.metadata.name === 'api-deny-egress-to-cloud-metadata');
    expect(deny.spec).toEqual({
      egressDeny: [{ toCIDRSet: [{ cidr: '169.254.169.254/32' }] }],
      enableDefaultDeny: { egress: false, ingress: false },
      endpointSelector: { matchLabels: { app: 'api' } },
    });
    // AND the metadata endpoint is the one address the api cannot reach
    declareWorkloads(chart, [{ namespace: 'prod', name: 'api', labels: { app: 'api' } }]);
    expect(chart).toHaveReachability({ engine: 'cilium', port: 80, from: ['prod/api'], to: ['203.0.113.10', '169.254.169.254'], allowed: ['prod/api -> 203.0.113.10'] });
  });

  test('can deny every peer on calico-crd with a priority', () => {
    const chart = chartFor('prod');
    new DenyTo(chart, 'All', { ...everyPeerEveryPort, priority: 100, engine: Engine.CALICO_CRD });
    const { objects } = synthesize(chart);
    expect(objects.map(o => [o.apiVersion, o.metadata.name])).toEqual([['crd.projectcalico.org/v1', 'api-deny-egress-to-anywhere']]);
    expect(objects[0].spec).toEqual({ egress: [{ action: 'Deny' }], order: 100, selector: "app == 'api'", types: ['Egress'] });
  });
});

describe('PassFrom', () => {
  test('can pass every peer ahead of Kubernetes policies on calico with a priority', () => {
    // GIVEN
    const chart = chartFor('prod');
    // WHEN a catch-all rule at order 100, before Kubernetes NetworkPolicies (order 1000)
    new PassFrom(chart, 'All', { ...everyPeerEveryPort, priority: 100, engine: Engine.CALICO });
    // THEN one rule without peer or port constraint, and the order
    const { objects, warnings } = synthesize(chart);
    expect(objects[0].metadata.name).toBe('api-pass-ingress-from-anywhere');
    expect(objects[0].spec).toEqual({ ingress: [{ action: 'Pass' }], order: 100, selector: "app == 'api'", types: ['Ingress'] });
    expect(warnings).toEqual([]);
    expect(objects).toMatchSnapshot();
  });

  test.each(CLUSTER_ONLY_ENGINES)('cannot render a namespaced PassFrom for %s: ENGINE_NO_NAMESPACE_SCOPE', (_name, engine) => {
    expectNamespacedRefused(chart => new PassFrom(chart, 'All', { ...everyPeerEveryPort, engine }), 'All');
  });
});

describe('PassTo', () => {
  test('can pass every peer to the next tier on calico with a priority', () => {
    const chart = chartFor('prod');
    new PassTo(chart, 'All', { ...everyPeerEveryPort, priority: 10, engine: Engine.CALICO });
    const { objects, warnings } = synthesize(chart);
    expect(objects.map(o => [o.apiVersion, o.metadata.name])).toEqual([['projectcalico.org/v3', 'api-pass-egress-to-anywhere']]);
    expect(objects[0].spec).toEqual({ egress: [{ action: 'Pass' }], order: 10, selector: "app == 'api'", types: ['Egress'] });
    expect(warnings).toEqual([]);
  });

  test.each(CLUSTER_ONLY_ENGINES)('cannot render a namespaced PassTo for %s: ENGINE_NO_NAMESPACE_SCOPE', (_name, engine) => {
    expectNamespacedRefused(chart => new PassTo(chart, 'All', { ...everyPeerEveryPort, engine }), 'All');
  });
});

describe('cluster-wide DenyFrom and DenyTo (namespaceSelector)', () => {
  const teams = Selector.labels({ tenant: 'shared' });

  test('can deny ingress to the subject in every selected namespace as a ClusterNetworkPolicy (one Deny rule)', () => {
    // GIVEN a chart without namespace, for cluster-scoped objects
    const chart = clusterChart();
    // WHEN the api pods of every shared-tenant namespace refuse the web pods of any namespace
    new DenyFrom(chart, 'NoWeb', {
      subject: api,
      namespaceSelector: teams,
      peers: [Peer.podsInNamespaces(Selector.labels({ app: 'web' }), Selector.all())],
      ports: [Port.tcp(8080)],
      engine: Engine.CLUSTER_NETWORK_POLICY,
    });
    // THEN one cluster-scoped object, the subject's namespaces and pods, one Deny rule
    const { objects } = synthesize(chart);
    expect(objects.map(idOf)).toEqual(['policy.networking.k8s.io/v1alpha2/ClusterNetworkPolicy api-deny-ingress-from-all-namespaces-web']);
    const spec = objects[0].spec;
    expect(spec.subject).toEqual({ pods: { namespaceSelector: { matchLabels: { tenant: 'shared' } }, podSelector: { matchLabels: { app: 'api' } } } });
    expect(spec.ingress).toHaveLength(1);
    expect([spec.tier, spec.ingress[0].action]).toEqual(['Admin', 'Deny']);
    expect(spec.ingress[0].from).toEqual([{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'web' } } } }]);
  });

  test.each([
    ['cilium', Engine.CILIUM, 'CiliumClusterwideNetworkPolicy'],
    ['calico', Engine.CALICO, 'GlobalNetworkPolicy'],
  ])('can render a cluster-wide deny for %s (one %s, no namespace)', (_name, engine, kind) => {
    // GIVEN a chart without namespace, for cluster-scoped objects
    const chart = clusterChart();
    Diagnostics.acknowledge(chart, ErrorCode.CILIUM_DENY_WITHOUT_ISOLATION, 'the namespaces\' own policies isolate');
    // WHEN every pod of every namespace is denied egress to everything
    new DenyTo(chart, 'NoMetadata', {
      subject: Subject.allPods(), namespaceSelector: Selector.all(), peers: [Peer.anywhere()], ports: [Port.allPorts()], engine,
    });
    // THEN one cluster-scoped object of the engine's cluster-wide kind
    const { objects } = synthesize(chart);
    expect(objects.map(o => [o.kind, o.metadata.name, o.metadata.namespace])).toEqual([[kind, 'all-pods-deny-egress-to-anywhere', undefined]]);
  });

  test('cannot name a namespace and a namespace selector at once: SCOPE_AMBIGUOUS', () => {
    // GIVEN a namespaced chart, WHEN the deny also names namespaces, THEN it is refused
    const chart = chartFor('prod');
    expect(() => new DenyFrom(chart, 'Both', {
      subject: api, namespaceName: 'prod', namespaceSelector: teams, peers: [web], ports: [Port.tcp(80)], engine: Engine.CILIUM,
    })).toThrow(/SCOPE_AMBIGUOUS/);
  });

  test('cannot render a cluster-wide deny for kubernetes, which has neither deny nor cluster scope', () => {
    // GIVEN a cluster chart, WHEN the deny is for kubernetes, THEN it is refused
    const chart = clusterChart();
    expect(() => new DenyFrom(chart, 'NoWeb', { subject: api, namespaceSelector: teams, peers: [web], ports: [Port.tcp(80)], engine: Engine.KUBERNETES }))
      .toThrow(/ENGINE_NO_DENY|ENGINE_NO_CLUSTER_SCOPE/);
  });
});
