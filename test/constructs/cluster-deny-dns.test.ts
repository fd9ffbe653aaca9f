import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Chart, Testing } from 'cdk8s';
import { TerraformStack, Testing as TerraformTesting } from 'cdktf';
import { Construct } from 'constructs';
import {
  AksNetworkBaseline, AksNetworkPolicy, CalicoGlobalDeny, CiliumClusterwideDeny, ClusterDefaultDeny, ClusterDefaultDenyProps,
  Diagnostics, Engine, ErrorCode, NetpolErrors, Peer, Selector,
} from '../../lib';
import { netpolError } from '../support/helpers';

// A cluster deny isolates every namespace but the exempt ones (kubernetes: the listed ones). The DNS pods' namespace
// must stay open whatever the direction: isolated for ingress, pods cannot query them; for egress, they cannot reach
// their upstream resolvers and the API server, which the deny does not allow. So every cluster deny refuses props that
// would isolate it, and names its path, the field, the value and the fix.

const CLUSTER_ENGINES: Array<[string, Engine]> = [
  ['calico', Engine.CALICO], ['calico-crd', Engine.CALICO_CRD], ['cilium', Engine.CILIUM], ['cluster-network-policy', Engine.CLUSTER_NETWORK_POLICY],
];
const COREDNS_IN_DNS = Peer.podsInNamespace('dns', Selector.labels({ app: 'coredns' }));

/** A chart without namespace for cluster-scoped objects, warnings acknowledged: these tests are about errors. */
function clusterChart(): Chart {
  const chart = new Chart(Testing.app(), 'test');
  Diagnostics.acknowledge(chart, ErrorCode.CALICO_CRD_MANAGED, 'managed Calico');
  return chart;
}

/** Builds into a fresh cluster chart and expects a refusal with nothing rendered instead; returns the error. */
function refused(build: (chart: Chart) => unknown): any {
  const chart = clusterChart();
  const error = netpolError(() => build(chart));
  expect(Testing.synth(chart)).toEqual([]);
  return error;
}

/** The one DNS-namespace problem of an error: [codes, path, field, value]. */
function dnsRefusal(error: any): unknown[] {
  return [NetpolErrors.codesOf(error), error.path, error.field, error.value];
}

describe('ClusterDefaultDeny', () => {
  test('throws if kube-system is listed to isolate on kubernetes', () => {
    // GIVEN no namespace exempt, and kube-system among those listed
    // WHEN
    const error = refused(chart => new ClusterDefaultDeny(chart, 'Deny', { engine: Engine.KUBERNETES, namespaces: ['kube-system', 'team'], exemptNamespaces: [] }));
    // THEN the listing is named, and no policy pair is rendered for team either
    expect(dnsRefusal(error)).toEqual([[ErrorCode.KUBE_SYSTEM_NOT_EXEMPT], 'test/Deny', 'namespaces[0]', 'kube-system']);
    expect(error.fix).toContain('`namespaces`');
  });

  test.each(CLUSTER_ENGINES)('throws if kube-system is not exempt on %s', (_name, engine) => {
    // GIVEN an exempt list that replaces the default and drops kube-system
    // WHEN
    const error = refused(chart => new ClusterDefaultDeny(chart, 'Deny', { engine, exemptNamespaces: ['monitoring'] }));
    // THEN
    expect(dnsRefusal(error)).toEqual([[ErrorCode.KUBE_SYSTEM_NOT_EXEMPT], 'test/Deny', 'exemptNamespaces', 'monitoring']);
    expect(error.fix).toContain('ClusterDefaultDeny.SYSTEM_NAMESPACES');
  });

  test('throws if no namespace is exempt on the ClusterNetworkPolicy baseline', () => {
    // GIVEN the tier Baseline ClusterNetworkPolicy, with no exempt namespace at all
    const error = refused(chart => new ClusterDefaultDeny(chart, 'Baseline', { engine: Engine.CLUSTER_NETWORK_POLICY, exemptNamespaces: [] }));
    // THEN
    expect(dnsRefusal(error)).toEqual([[ErrorCode.KUBE_SYSTEM_NOT_EXEMPT], 'test/Baseline', 'exemptNamespaces', '[]']);
  });

  test.each(CLUSTER_ENGINES)('throws if the namespace of a custom dnsPeer is not exempt on %s', (_name, engine) => {
    // GIVEN CoreDNS in namespace dns, and the default exempt list, which does not hold it
    const error = refused(chart => new ClusterDefaultDeny(chart, 'Deny', { engine, dnsPeer: COREDNS_IN_DNS }));
    // THEN
    expect(dnsRefusal(error)).toEqual([[ErrorCode.KUBE_SYSTEM_NOT_EXEMPT], 'test/Deny', 'exemptNamespaces', ClusterDefaultDeny.SYSTEM_NAMESPACES.join(',')]);
    expect(error.fix).toContain('"dns"');
  });

  test('throws if the namespace of a custom dnsPeer is listed to isolate on kubernetes', () => {
    const error = refused(chart => new ClusterDefaultDeny(chart, 'Deny', { engine: Engine.KUBERNETES, namespaces: ['team', 'dns'], dnsPeer: COREDNS_IN_DNS }));
    expect(dnsRefusal(error)).toEqual([[ErrorCode.KUBE_SYSTEM_NOT_EXEMPT], 'test/Deny', 'namespaces[1]', 'dns']);
  });

  test.each([...CLUSTER_ENGINES, ['kubernetes', Engine.KUBERNETES] as [string, Engine]])('can keep DNS in an exempt custom namespace, kube-system isolated, on %s', (name, engine) => {
    // GIVEN CoreDNS in namespace dns, the only exempt namespace
    const chart = clusterChart();
    const props: ClusterDefaultDenyProps = { engine, dnsPeer: COREDNS_IN_DNS, exemptNamespaces: ['dns'] };
    // WHEN
    const deny = new ClusterDefaultDeny(chart, 'Deny', name === 'kubernetes' ? { ...props, namespaces: ['kube-system', 'team'] } : props);
    // THEN it renders: kube-system runs no DNS here
    expect(Testing.synth(chart).length).toBeGreaterThan(0);
    expect(deny.policies.length).toBeGreaterThan(0);
  });

  test.each(CLUSTER_ENGINES)('can use an external resolver with no namespace exempt on %s', (_name, engine) => {
    // GIVEN an ipBlock resolver outside the cluster: there is no DNS namespace to protect
    const chart = clusterChart();
    // WHEN
    new ClusterDefaultDeny(chart, 'Deny', { engine, dnsPeer: Peer.ipBlock('203.0.113.53/32'), exemptNamespaces: [] });
    // THEN
    expect(Testing.synth(chart)).toHaveLength(1);
  });

  test.each([
    ['pods chosen by namespace labels', Peer.podsInNamespaces(Selector.labels({ app: 'coredns' }), Selector.labels({ role: 'dns' }))],
    ['pods of the policy\'s own namespace', Peer.pods(Selector.labels({ app: 'coredns' }))],
  ])('throws if a custom dnsPeer names no namespace: %s', (_what, dnsPeer) => {
    // GIVEN the default exempt list: which namespace to keep open is unknown
    const error = refused(chart => new ClusterDefaultDeny(chart, 'Deny', { engine: Engine.CALICO, dnsPeer }));
    // THEN
    expect(dnsRefusal(error)).toEqual([[ErrorCode.KUBE_SYSTEM_NOT_EXEMPT], 'test/Deny', 'dnsPeer', dnsPeer.toString()]);
    expect(error.fix).toContain('Peer.podsInNamespace');
  });

  test('throws if a namespace is listed to isolate and exempt by default on kubernetes', () => {
    // GIVEN kube-system listed, and exempt by the default list: today nothing would be rendered for it, without a word
    const error = refused(chart => new ClusterDefaultDeny(chart, 'Deny', { engine: Engine.KUBERNETES, namespaces: ['kube-system'] }));
    // THEN
    expect(dnsRefusal(error)).toEqual([[ErrorCode.NAMESPACE_ISOLATED_AND_EXEMPT], 'test/Deny', 'namespaces[0]', 'kube-system']);
  });

  test('throws if a namespace is listed to isolate and in the exempt list given on kubernetes', () => {
    const error = refused(chart => new ClusterDefaultDeny(chart, 'Deny', {
      engine: Engine.KUBERNETES, namespaces: ['team', 'a'], exemptNamespaces: [...ClusterDefaultDeny.SYSTEM_NAMESPACES, 'a'],
    }));
    expect(dnsRefusal(error)).toEqual([[ErrorCode.NAMESPACE_ISOLATED_AND_EXEMPT], 'test/Deny', 'namespaces[1]', 'a']);
  });

  test('throws if a namespace is listed twice on kubernetes', () => {
    // GIVEN team-a twice: its policy pair would get the same construct ids
    const error = refused(chart => new ClusterDefaultDeny(chart, 'Deny', { engine: Engine.KUBERNETES, namespaces: ['team-a', 'team-b', 'team-a'] }));
    // THEN a coded error at the second listing, not the construct library's duplicate-id error
    expect(dnsRefusal(error)).toEqual([[ErrorCode.NAMESPACE_DUPLICATE], 'test/Deny', 'namespaces[2]', 'team-a']);
  });

  test('throws if it isolates neither direction, naming itself rather than a child policy', () => {
    const error = refused(chart => new ClusterDefaultDeny(chart, 'Deny', { engine: Engine.KUBERNETES, namespaces: ['team'], ingress: false, egress: false }));
    expect([NetpolErrors.codesOf(error), error.path]).toEqual([[ErrorCode.POLICY_WITHOUT_DIRECTION], 'test/Deny']);
  });

  test('throws if given a priority on kubernetes, whose per-namespace policies have no order', () => {
    const error = refused(chart => new ClusterDefaultDeny(chart, 'Deny', { engine: Engine.KUBERNETES, namespaces: ['team'], priority: 100 }));
    expect(dnsRefusal(error)).toEqual([[ErrorCode.ENGINE_NO_ORDER], 'test/Deny', 'priority', '100']);
  });

  test('throws if the engine is not an Engine (JavaScript callers)', () => {
    const error = refused(chart => new ClusterDefaultDeny(chart, 'Deny', { engine: 'calico' as unknown as Engine }));
    expect(dnsRefusal(error)).toEqual([[ErrorCode.ENGINE_UNKNOWN], 'test/Deny', 'engine', 'calico']);
  });

  test('throws every problem of its props in one error', () => {
    // GIVEN a bad exempt name, a bad node-local address and a duplicate namespace
    const error = refused(chart => new ClusterDefaultDeny(chart, 'Deny', {
      engine: Engine.KUBERNETES, exemptNamespaces: ['Kube_System'], namespaces: ['team', 'team'], nodeLocalDnsAddresses: ['169.254.20.300'],
    }));
    // THEN all three, each with its field; the DNS-namespace check, which needs well-formed names, stops there
    expect(NetpolErrors.codesOf(error)).toEqual([ErrorCode.NAMESPACE_NAME_INVALID, ErrorCode.NAMESPACE_DUPLICATE, ErrorCode.CIDR_MALFORMED]);
    expect(error.problems.map((p: any) => p.field)).toEqual(['exemptNamespaces[0]', 'namespaces[1]', 'nodeLocalDnsAddresses[0]']);
    expect([NetpolErrors.codeOf(error), error.path]).toEqual([ErrorCode.NAMESPACE_NAME_INVALID, 'test/Deny']);
  });
});

describe('CalicoGlobalDeny', () => {
  test('throws if kube-system is not exempt', () => {
    // GIVEN an exempt list that replaces the default one
    const error = refused(chart => new CalicoGlobalDeny(chart, 'X', { exemptNamespaces: ['monitoring'] }));
    // THEN
    expect(dnsRefusal(error)).toEqual([[ErrorCode.KUBE_SYSTEM_NOT_EXEMPT], 'test/X', 'exemptNamespaces', 'monitoring']);
  });

  test('throws if given another engine, together with its other problems', () => {
    const error = refused(chart => new CalicoGlobalDeny(chart, 'X', { engine: Engine.CILIUM, exemptNamespaces: ['monitoring'] }));
    expect(NetpolErrors.codesOf(error)).toEqual([ErrorCode.ENGINE_MISMATCH, ErrorCode.KUBE_SYSTEM_NOT_EXEMPT]);
    expect([NetpolErrors.codeOf(error), error.path, error.field]).toEqual([ErrorCode.ENGINE_MISMATCH, 'test/X', 'engine']);
  });
});

describe('CiliumClusterwideDeny', () => {
  test('throws if no namespace is exempt', () => {
    const error = refused(chart => new CiliumClusterwideDeny(chart, 'X', { exemptNamespaces: [] }));
    expect(dnsRefusal(error)).toEqual([[ErrorCode.KUBE_SYSTEM_NOT_EXEMPT], 'test/X', 'exemptNamespaces', '[]']);
  });

  test('throws if the engine is not an Engine (JavaScript callers)', () => {
    const error = refused(chart => new CiliumClusterwideDeny(chart, 'X', { engine: 'cilium' as unknown as Engine }));
    expect(dnsRefusal(error)).toEqual([[ErrorCode.ENGINE_UNKNOWN], 'test/X', 'engine', 'cilium']);
  });
});

describe('AksNetworkBaseline', () => {
  test('throws every problem of its props in one error', () => {
    // GIVEN a bad exempt name, a bad node-local address, and a namespace list calico ignores
    const error = refused(chart => new AksNetworkBaseline(chart, 'Baseline', {
      networkPolicy: AksNetworkPolicy.CALICO, defaultDeny: true, exemptNamespaces: ['kube-system', 'Monitoring'], namespaces: ['team-a'], nodeLocalDnsAddresses: ['x'],
    }));
    // THEN
    expect(NetpolErrors.codesOf(error)).toEqual([ErrorCode.NAMESPACE_NAME_INVALID, ErrorCode.CIDR_MALFORMED, ErrorCode.NAMESPACES_IGNORED]);
    expect(error.problems.map((p: any) => p.field)).toEqual(['exemptNamespaces[1]', 'nodeLocalDnsAddresses[0]', 'namespaces']);
    expect(error.path).toBe('test/Baseline');
  });
});

describe('in a cdktf TerraformStack', () => {
  /** A stack with the kubernetes provider, in its own App. */
  function stack(): TerraformStack {
    const s = new TerraformStack(TerraformTesting.app(), 'cluster');
    new KubernetesProvider(s, 'k8s', {});
    return s;
  }

  test.each<[string, (scope: Construct) => unknown, string]>([
    ['CiliumClusterwideDeny', s => new CiliumClusterwideDeny(s, 'X', { exemptNamespaces: [] }), 'exemptNamespaces'],
    ['CalicoGlobalDeny', s => new CalicoGlobalDeny(s, 'X', { exemptNamespaces: ['monitoring'] }), 'exemptNamespaces'],
    ['ClusterDefaultDeny on kubernetes', s => new ClusterDefaultDeny(s, 'X', { engine: Engine.KUBERNETES, namespaces: ['kube-system', 'team'], exemptNamespaces: [] }), 'namespaces[0]'],
  ])('throws if %s would isolate kube-system, and emits no resource', (_name, build, field) => {
    // GIVEN
    const scope = stack();
    // WHEN
    const error = netpolError(() => build(scope));
    // THEN
    expect([NetpolErrors.codesOf(error), error.path, error.field]).toEqual([[ErrorCode.KUBE_SYSTEM_NOT_EXEMPT], 'cluster/X', field]);
    expect(JSON.parse(TerraformTesting.synth(scope)).resource).toBeUndefined();
  });

  test('throws if a namespace is listed twice on kubernetes', () => {
    const error = netpolError(() => new ClusterDefaultDeny(stack(), 'X', { engine: Engine.KUBERNETES, namespaces: ['team', 'team'] }));
    expect([NetpolErrors.codesOf(error), error.path, error.field]).toEqual([[ErrorCode.NAMESPACE_DUPLICATE], 'cluster/X', 'namespaces[1]']);
  });
});
