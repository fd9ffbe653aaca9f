import { App, Chart, Testing } from 'cdk8s';
import { AksNetworkBaseline, AksNetworkBaselineProps, AksNetworkPolicy, Diagnostics, Engine, ErrorCode, NetpolErrors } from '../../lib';
import { Protocol, parseFlowPeer } from '../../lib/analyzer';
import { EngineName, evaluatorFor } from '../../lib/analyzer/evaluators';
import { l7Fields } from '../../lib/constructs/l7-fields';
import { EXTERNAL, expectedWithDefaultDeny, reachability, sampleCluster } from '../support/aks-reachability';
import { netpolError } from '../support/helpers';
import { registerIfSchemas, validateManifest } from '../support/kube-validator';

/** Each AKS engine, the engine it renders with and the evaluator that judges it. */
const ENGINES: Array<[AksNetworkPolicy, Engine, EngineName]> = [
  [AksNetworkPolicy.AZURE, Engine.KUBERNETES, 'kubernetes'],
  [AksNetworkPolicy.CALICO, Engine.CALICO_CRD, 'calico-crd'],
  [AksNetworkPolicy.CILIUM, Engine.CILIUM, 'cilium'],
];
const TEAMS = ['team-a', 'team-b'];
const LOCAL_DNS = AksNetworkBaseline.LOCAL_DNS_ADDRESSES;
const REQUIRED_EXEMPT = ['kube-system', 'kube-public', 'kube-node-lease', 'gatekeeper-system', 'aks-command', 'app-routing-system', 'calico-system', 'tigera-operator'];

/** The namespaces prop each engine needs to isolate the team namespaces. */
function namespacesFor(engine: AksNetworkPolicy): Pick<AksNetworkBaselineProps, 'namespaces'> {
  return engine === AksNetworkPolicy.AZURE ? { namespaces: TEAMS } : {};
}

/** A chart without namespace holding the baseline; returns the chart and its objects, validations run. */
function render(props: AksNetworkBaselineProps): { chart: Chart; baseline: AksNetworkBaseline; objects: any[] } {
  const chart = new Chart(Testing.app(), 'aks');
  const baseline = new AksNetworkBaseline(chart, 'Baseline', props);
  return { chart, baseline, objects: Testing.synth(chart) };
}

/** `apiVersion/kind namespace/name` of each object. */
function ids(objects: any[]): string[] {
  return objects.map(o => `${o.apiVersion}/${o.kind} ${o.metadata.namespace ?? '(cluster)'}/${o.metadata.name}`);
}

/** Keys of the L7 parts of a Cilium policy, wherever they are. */
function l7Keys(x: any): string[] {
  if (Array.isArray(x)) return x.flatMap(l7Keys);
  if (x === null || typeof x !== 'object') return [];
  return Object.entries(x).flatMap(([k, v]) => ['rules', 'toFQDNs', 'l7Proto', 'l7'].includes(k) ? [k] : l7Keys(v));
}

describe('AksNetworkBaseline', () => {
  describe.each(ENGINES)('on %s', (aks, engine, evaluator) => {
    test('can render the default deny (snapshot)', () => {
      // WHEN
      const { objects, baseline } = render({ networkPolicy: aks, defaultDeny: true, ...namespacesFor(aks) });
      // THEN the bytes are the reviewed ones, and they mean what the baseline promises (the expected matrix is written
      // out by hand in test/support/aks-reachability.ts)
      expect(baseline.engine).toBe(engine);
      expect(objects).toMatchSnapshot();
      expect(reachability(sampleCluster(objects), evaluator)).toEqual(expectedWithDefaultDeny());
    });

    test('can render the default deny with LocalDNS and more exempt namespaces (snapshot)', () => {
      const { objects } = render({
        networkPolicy: aks,
        defaultDeny: true,
        ...namespacesFor(aks),
        exemptNamespaces: [...AksNetworkBaseline.SYSTEM_NAMESPACES, 'ingress-nginx'],
        nodeLocalDnsAddresses: AksNetworkBaseline.LOCAL_DNS_ADDRESSES,
      });
      expect(objects).toMatchSnapshot();
    });

    test('renders nothing without defaultDeny (the default)', () => {
      // WHEN the flag is left off, with every other prop given
      const { objects, baseline } = render({ networkPolicy: aks, ...namespacesFor(aks), nodeLocalDnsAddresses: ['169.254.10.11'] });
      // THEN no object, no intent: any policy selecting a pod would isolate it
      expect(objects).toEqual([]);
      expect(baseline.policies).toEqual([]);
      expect(render({ networkPolicy: aks, defaultDeny: false }).objects).toEqual([]);
    });

    test('can isolate the team namespaces except DNS to CoreDNS, and leave kube-system and the outside open', () => {
      // GIVEN the sample cluster with the baseline
      const { objects } = render({ networkPolicy: aks, defaultDeny: true, ...namespacesFor(aks) });
      // THEN the whole matrix is the expected one: team pods reach CoreDNS on 53 UDP/TCP only, nothing reaches them
      expect(reachability(sampleCluster(objects), evaluator)).toEqual(expectedWithDefaultDeny());
    });

    test('cannot change reachability without defaultDeny: the whole matrix is that of no policy', () => {
      const { objects } = render({ networkPolicy: aks, ...namespacesFor(aks) });
      const none = reachability(sampleCluster([]), evaluator);
      expect(reachability(sampleCluster(objects), evaluator)).toEqual(none);
      // No policy at all: everything is allowed.
      expect(Object.values(none).every(Boolean)).toBe(true);
    });

    test('can let the team pods query the LocalDNS addresses on 53 only', () => {
      const { objects } = render({ networkPolicy: aks, defaultDeny: true, ...namespacesFor(aks), nodeLocalDnsAddresses: LOCAL_DNS });
      const cluster = sampleCluster(objects);
      const judge = evaluatorFor(evaluator, cluster);
      const allowed = (to: string, port: number, protocol: Protocol) =>
        judge.evaluate({ from: parseFlowPeer(cluster, 'team-a/web'), to: parseFlowPeer(cluster, to), port, protocol }).allowed;
      for (const address of AksNetworkBaseline.LOCAL_DNS_ADDRESSES) {
        expect([allowed(address, 53, 'UDP'), allowed(address, 53, 'TCP'), allowed(address, 8080, 'TCP')]).toEqual([true, true, false]);
      }
      expect(allowed(EXTERNAL, 53, 'UDP')).toBe(false);
    });

    test('leaves no warning unacknowledged (managed Calico is the point, not a risk)', () => {
      const { chart } = render({ networkPolicy: aks, defaultDeny: true, ...namespacesFor(aks) });
      expect(Diagnostics.of(chart).filter(d => d.acknowledged === undefined)).toEqual([]);
    });

    test('throws NAMESPACE_NAME_INVALID for a bad exempt namespace, naming its index, flag on or off', () => {
      for (const defaultDeny of [true, false]) {
        const error = netpolError(() => render({ networkPolicy: aks, defaultDeny, ...namespacesFor(aks), exemptNamespaces: ['kube-system', 'Ingress_Nginx'] }));
        expect([error.code, error.path, error.field, error.value]).toEqual([ErrorCode.NAMESPACE_NAME_INVALID, 'aks/Baseline', 'exemptNamespaces[1]', 'Ingress_Nginx']);
      }
    });

    test('throws CIDR_MALFORMED for a bad node-local DNS address, flag on or off', () => {
      for (const defaultDeny of [true, false]) {
        const error = netpolError(() => render({ networkPolicy: aks, defaultDeny, ...namespacesFor(aks), nodeLocalDnsAddresses: ['169.254.10.10', '169.254.10.300'] }));
        expect([error.code, error.path, error.field, error.value]).toEqual([ErrorCode.CIDR_MALFORMED, 'aks/Baseline', 'nodeLocalDnsAddresses[1]', '169.254.10.300']);
      }
    });

    test('throws KUBE_SYSTEM_NOT_EXEMPT when the exempt list drops kube-system where it would be isolated', () => {
      // GIVEN kube-system not exempt, and on azure listed to isolate
      const azure = aks === AksNetworkPolicy.AZURE;
      const namespaces = azure ? { namespaces: ['team-a', 'kube-system'] } : {};
      // WHEN
      const error = netpolError(() => render({ networkPolicy: aks, defaultDeny: true, exemptNamespaces: ['ingress-nginx'], ...namespaces }));
      // THEN azure names the listing to drop; the cluster-wide engines, the exempt list to extend
      expect(NetpolErrors.codesOf(error)).toEqual([ErrorCode.KUBE_SYSTEM_NOT_EXEMPT]);
      expect([error.path, error.field]).toEqual(['aks/Baseline', azure ? 'namespaces[1]' : 'exemptNamespaces']);
      expect(error.fix).toContain(azure ? '`namespaces`' : 'AksNetworkBaseline.SYSTEM_NAMESPACES');
    });
  });

  describe('on azure', () => {
    test('can isolate each listed namespace with a default deny and DNS, and nothing else', () => {
      const { objects } = render({ networkPolicy: AksNetworkPolicy.AZURE, defaultDeny: true, namespaces: ['team-b', 'team-a', 'team-b'] });
      // Listed twice, rendered once.
      expect(ids(objects)).toEqual([
        'networking.k8s.io/v1/NetworkPolicy team-b/default-deny-all', 'networking.k8s.io/v1/NetworkPolicy team-b/allow-dns',
        'networking.k8s.io/v1/NetworkPolicy team-a/default-deny-all', 'networking.k8s.io/v1/NetworkPolicy team-a/allow-dns',
      ]);
      expect(objects[0].spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      expect(objects[1].spec.egress[0].ports).toEqual([{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
    });

    test('can leave a namespace it does not list open', () => {
      const { objects } = render({ networkPolicy: AksNetworkPolicy.AZURE, defaultDeny: true, namespaces: ['team-a'] });
      const matrix = reachability(sampleCluster(objects), 'kubernetes');
      expect(matrix['team-b/worker -> kube-system/metrics-server 443/TCP']).toBe(true);
      expect(matrix['team-a/web -> team-b/worker 8080/TCP']).toBe(false);
      expect(matrix['team-b/worker -> team-a/api 8080/TCP']).toBe(false);
    });

    test('throws NAMESPACES_REQUIRED with defaultDeny and no namespaces, and accepts none without it', () => {
      const error = netpolError(() => render({ networkPolicy: AksNetworkPolicy.AZURE, defaultDeny: true }));
      expect([error.code, error.path, error.field, error.value]).toEqual([ErrorCode.NAMESPACES_REQUIRED, 'aks/Baseline', 'namespaces', '[]']);
      expect(error.fix).toContain('`namespaces`');
      expect(render({ networkPolicy: AksNetworkPolicy.AZURE }).objects).toEqual([]);
    });

    test('throws NAMESPACE_NAME_INVALID for a bad namespace to isolate, naming its index as given', () => {
      const error = netpolError(() => render({ networkPolicy: AksNetworkPolicy.AZURE, defaultDeny: true, namespaces: ['team-a', 'team-a', 'Team_B'] }));
      expect([error.code, error.field, error.value]).toEqual([ErrorCode.NAMESPACE_NAME_INVALID, 'namespaces[2]', 'Team_B']);
    });

    test('throws NAMESPACE_ISOLATED_AND_EXEMPT for a namespace listed to isolate that is exempt', () => {
      const error = netpolError(() => render({ networkPolicy: AksNetworkPolicy.AZURE, defaultDeny: true, namespaces: ['team-a', 'gatekeeper-system'] }));
      expect([error.code, error.path, error.field, error.value]).toEqual([ErrorCode.NAMESPACE_ISOLATED_AND_EXEMPT, 'aks/Baseline', 'namespaces[1]', 'gatekeeper-system']);
    });

    test('can drop kube-system from the exempt list when it is not isolated', () => {
      const { objects } = render({ networkPolicy: AksNetworkPolicy.AZURE, defaultDeny: true, namespaces: ['team-a'], exemptNamespaces: [] });
      expect(objects).toHaveLength(2);
    });
  });

  describe.each([AksNetworkPolicy.CALICO, AksNetworkPolicy.CILIUM])('on %s', (aks) => {
    test('throws NAMESPACES_IGNORED for a namespace list, flag on or off', () => {
      for (const defaultDeny of [true, false]) {
        const error = netpolError(() => render({ networkPolicy: aks, defaultDeny, namespaces: ['team-a'] }));
        expect([error.code, error.path, error.field, error.value]).toEqual([ErrorCode.NAMESPACES_IGNORED, 'aks/Baseline', 'namespaces', 'team-a']);
        expect(error.fix).toContain('`exemptNamespaces`');
      }
    });

    test('can render one cluster-scoped object without namespace, also from a namespaced chart', () => {
      const chart = new Chart(Testing.app(), 'platform', { namespace: 'platform' });
      new AksNetworkBaseline(chart, 'Baseline', { networkPolicy: aks, defaultDeny: true });
      const objects = Testing.synth(chart);
      expect(objects).toHaveLength(1);
      expect(objects[0].metadata.namespace).toBeUndefined();
      expect(objects[0].metadata.name).toEqual('cluster-default-deny');
    });
  });

  describe('on calico', () => {
    test('can render a crd.projectcalico.org/v1 GlobalNetworkPolicy with explicit types, after the NetworkPolicies', () => {
      const [gnp] = render({ networkPolicy: AksNetworkPolicy.CALICO, defaultDeny: true }).objects;
      expect([gnp.apiVersion, gnp.kind]).toEqual(['crd.projectcalico.org/v1', 'GlobalNetworkPolicy']);
      expect(gnp.spec.types).toEqual(['Ingress', 'Egress']);
      expect(gnp.spec.order).toEqual(2000);
      expect(gnp.spec.egress.map((r: any) => r.action)).toEqual(['Allow', 'Allow']);
      for (const rule of gnp.spec.egress) expect(rule.destination.ports).toEqual([53]);
    });
  });

  describe('on cilium', () => {
    test('cannot render an L7 rule: no toFQDNs, no rules under toPorts', () => {
      for (const nodeLocalDnsAddresses of [undefined, AksNetworkBaseline.LOCAL_DNS_ADDRESSES]) {
        const [ccnp] = render({ networkPolicy: AksNetworkPolicy.CILIUM, defaultDeny: true, nodeLocalDnsAddresses }).objects;
        expect([ccnp.apiVersion, ccnp.kind]).toEqual(['cilium.io/v2', 'CiliumClusterwideNetworkPolicy']);
        expect(l7Keys(ccnp)).toEqual([]);
      }
    });

    test('finds every L7 part a rendered Cilium policy could carry, which the baseline refuses with ENGINE_NO_L7', () => {
      // The renderer never adds one to this baseline (test above); the guard is held to a manifest that has them.
      const manifest = {
        spec: {
          egress: [
            { toEndpoints: [{}], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } }] },
            { toFQDNs: [{ matchName: 'api.example.com' }] },
          ],
          ingress: [{ fromEntities: ['world'], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }],
        },
      };
      expect(l7Fields(manifest)).toEqual(['spec.egress[0].toPorts[0].rules', 'spec.egress[1].toFQDNs']);
      expect(l7Fields({ spec: { egress: [{ toPorts: [{ ports: [{ port: '53' }] }] }] } })).toEqual([]);
    });
  });

  test('SYSTEM_NAMESPACES covers the namespaces of AKS and its add-ons', () => {
    expect(AksNetworkBaseline.SYSTEM_NAMESPACES).toEqual(expect.arrayContaining(REQUIRED_EXEMPT));
    expect(AksNetworkBaseline.SYSTEM_NAMESPACES).toEqual(expect.arrayContaining(['aks-istio-system', 'aks-istio-ingress', 'aks-istio-egress']));
    expect(new Set(AksNetworkBaseline.SYSTEM_NAMESPACES).size).toBe(AksNetworkBaseline.SYSTEM_NAMESPACES.length);
    expect(AksNetworkBaseline.LOCAL_DNS_ADDRESSES).toEqual(['169.254.10.10', '169.254.10.11']);
  });

  test('throws ENGINE_UNKNOWN for an engine AKS does not have (JavaScript callers)', () => {
    const error = netpolError(() => render({ networkPolicy: 'weave' as AksNetworkPolicy, defaultDeny: true }));
    expect([error.code, error.field, error.value]).toEqual([ErrorCode.ENGINE_UNKNOWN, 'networkPolicy', 'weave']);
    expect(error.fix).toContain('azure, calico, cilium');
  });

  describe('engine, the deprecated name of networkPolicy', () => {
    test.each(ENGINES)('can still render %s given as engine, the same objects as networkPolicy', (aks, engine) => {
      // WHEN
      const { objects, baseline } = render({ engine: aks, defaultDeny: true, ...namespacesFor(aks) });
      // THEN
      expect(baseline.engine).toBe(engine);
      expect(objects).toEqual(render({ networkPolicy: aks, defaultDeny: true, ...namespacesFor(aks) }).objects);
    });

    test('throws NETWORK_POLICY_AMBIGUOUS given both, even when they agree', () => {
      const error = netpolError(() => render({ networkPolicy: AksNetworkPolicy.CALICO, engine: AksNetworkPolicy.CALICO, defaultDeny: true }));
      expect([error.code, error.field, error.value]).toEqual([ErrorCode.NETWORK_POLICY_AMBIGUOUS, 'networkPolicy', 'networkPolicy: calico, engine: calico']);
      expect(error.fix).toBe('drop `engine`: `networkPolicy` is its new name');
    });

    test('throws NETWORK_POLICY_AMBIGUOUS given neither, with every other problem', () => {
      const error = netpolError(() => render({ defaultDeny: true, exemptNamespaces: ['Kube-System'] }));
      expect(NetpolErrors.codesOf(error)).toEqual([ErrorCode.NETWORK_POLICY_AMBIGUOUS, ErrorCode.NAMESPACE_NAME_INVALID]);
      expect([error.field, error.value]).toEqual(['networkPolicy', 'undefined']);
      expect(error.fix).toBe('give `networkPolicy`, one of AksNetworkPolicy.AZURE, AksNetworkPolicy.CALICO, AksNetworkPolicy.CILIUM');
    });

    test('names engine in ENGINE_UNKNOWN when the engine came through it', () => {
      const error = netpolError(() => render({ engine: 'weave' as AksNetworkPolicy }));
      expect([error.code, error.field]).toEqual([ErrorCode.ENGINE_UNKNOWN, 'engine']);
    });
  });

  test('can render every engine side by side in one App (no name collision)', () => {
    const app: App = Testing.app();
    for (const [aks] of ENGINES) new AksNetworkBaseline(new Chart(app, aks), 'Baseline', { networkPolicy: aks, defaultDeny: true, ...namespacesFor(aks) });
    expect(app.charts.flatMap(c => c.toJson())).toHaveLength(6);
  });

  describe('every object passes the API server (and agent) validation', () => {
    registerIfSchemas(() => {
      test.each(ENGINES)('%s', (aks) => {
        const { objects } = render({ networkPolicy: aks, defaultDeny: true, ...namespacesFor(aks), nodeLocalDnsAddresses: LOCAL_DNS });
        expect(objects.length).toBeGreaterThan(0);
        expect(objects.flatMap(o => validateManifest(o).map(v => `${ids([o])[0]}: ${v}`))).toEqual([]);
      });
    });
  });
});
