import { CLUSTER_ONLY_ENGINES, NAMESPACED_ENGINES, expectNamespacedRefused, NAMESPACED_KIND, chartFor, engineWarnings, kindOf, objectNamed, synthesize } from './support';
import { Engine, Selector, Subject, ThreeTierApp } from '../../../lib';
import { declareWorkloads, installMatchers } from '../../../lib/testing';

installMatchers();

const tiers = {
  frontend: Subject.pods(Selector.labels({ tier: 'frontend' })),
  api: Subject.pods(Selector.labels({ tier: 'api' })),
  database: Subject.pods(Selector.labels({ tier: 'database' })),
};

const NAMES = [
  'default-deny-all',
  'allow-dns',
  'frontend-ingress-from-ingress-nginx',
  'frontend-egress-to-api',
  'api-ingress-from-frontend',
  'api-egress-to-database',
  'database-ingress-from-api',
  'api-egress-to-internet',
];

// The rule that lets the api reach the database, on the database's side, in each dialect.
const DATABASE_INGRESS: Record<string, any> = {
  'kubernetes': { ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'api' } } }], ports: [{ port: 5432, protocol: 'TCP' }] }], podSelector: { matchLabels: { tier: 'database' } }, policyTypes: ['Ingress'] },
  'calico': { ingress: [{ action: 'Allow', destination: { ports: [5432] }, protocol: 'TCP', source: { selector: "tier == 'api'" } }], selector: "tier == 'database'", types: ['Ingress'] },
  'calico-crd': { ingress: [{ action: 'Allow', destination: { ports: [5432] }, protocol: 'TCP', source: { selector: "tier == 'api'" } }], selector: "tier == 'database'", types: ['Ingress'] },
  'cilium': {
    enableDefaultDeny: { egress: false, ingress: true },
    endpointSelector: { matchLabels: { tier: 'database' } },
    ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'shop', 'tier': 'api' } }], toPorts: [{ ports: [{ port: '5432', protocol: 'TCP' }] }] }],
  },
};

describe('ThreeTierApp', () => {
  test.each(CLUSTER_ONLY_ENGINES)('cannot render a namespaced ThreeTierApp for %s: ENGINE_NO_NAMESPACE_SCOPE', (_name, engine) => {
    // A ClusterNetworkPolicy deny is final, where a namespaced isolation adds up with the namespace's other policies.
    expectNamespacedRefused(chart => new ThreeTierApp(chart, 'Shop', { ...tiers, apiExternalEgress: {}, engine }), 'Shop/DefaultDeny');
  });

  test.each(NAMESPACED_ENGINES)('can build a zero-trust namespace with external egress for %s', (name, engine) => {
    // GIVEN
    const chart = chartFor('shop');
    // WHEN
    new ThreeTierApp(chart, 'Shop', { ...tiers, apiExternalEgress: {}, engine });
    // THEN eight policies of the engine's namespaced kind, all valid, named as on every engine
    const { objects, warnings } = synthesize(chart);
    expect(objects.map(o => [kindOf(o), o.metadata.namespace, o.metadata.name])).toEqual(NAMES.map(n => [NAMESPACED_KIND[name], 'shop', n]));
    expect(objectNamed(objects, 'database-ingress-from-api').spec).toEqual(DATABASE_INGRESS[name]);
    // Cilium: "external" excepts RFC 1918 but still reaches 100.64.0.0/10, where CIDR rules never match pods.
    expect(warnings).toEqual(engine === Engine.CILIUM ? ['CILIUM_CIDR_NOT_PODS'] : engineWarnings(engine, 8));
    expect(objects).toMatchSnapshot();

    // AND under the engine's semantics: the ingress controller -> frontend -> api -> database, DNS, and nothing else
    declareWorkloads(chart, [
      { namespace: 'shop', name: 'frontend', labels: { tier: 'frontend' }, ports: [{ port: 8080 }] },
      { namespace: 'shop', name: 'api', labels: { tier: 'api' }, ports: [{ port: 8080 }] },
      { namespace: 'shop', name: 'database', labels: { tier: 'database' }, ports: [{ port: 5432 }] },
      { namespace: 'ingress-nginx', name: 'controller', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
      { namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' }, ports: [{ port: 53, protocol: 'UDP' }] },
    ]);
    const shop = ['shop/frontend', 'shop/api', 'shop/database'];
    const clients = [...shop, 'ingress-nginx/controller'];
    expect(chart).toHaveReachability({ engine: name, port: 8080, from: clients, to: shop, allowed: ['ingress-nginx/controller -> shop/frontend', 'shop/frontend -> shop/api'] });
    expect(chart).toHaveReachability({ engine: name, port: 5432, from: clients, to: shop, allowed: ['shop/api -> shop/database'] });
    expect(chart).toHaveReachability({
      engine: name, port: 53, protocol: 'UDP', from: shop, to: ['kube-system/coredns'], allowed: shop.map(s => `${s} -> kube-system/coredns`),
    });
    expect(chart).toHaveReachability({
      engine: name, port: 443, from: shop, to: ['203.0.113.10', '10.1.2.3'], allowed: ['shop/api -> 203.0.113.10'],
    });
  });
});
