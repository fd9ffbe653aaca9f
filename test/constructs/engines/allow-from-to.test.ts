import { CLUSTER_ONLY_ENGINES, NAMESPACED_ENGINES, expectNamespacedRefused, MANAGED_BY, chartFor, engineWarnings, meaningOf, synthesize } from './support';
import { AllowFrom, AllowTo, Engine, Peer, Port, Selector, Subject, ThreeTierApp } from '../../../lib';
import { declareWorkloads, installMatchers } from '../../../lib/testing';

installMatchers();

const api = Subject.pods(Selector.labels({ app: 'api' }));
const web = Peer.pods(Selector.labels({ app: 'web' }));
const prometheus = Peer.podsInNamespace('monitoring', Selector.labels({ app: 'prometheus' }));

// Ingress to api from web (own namespace) OR prometheus pods of namespace monitoring (one peer: pods AND namespace).
const FROM_WEB_AND_PROMETHEUS_CALICO = {
  ingress: [
    { action: 'Allow', destination: { ports: [8080] }, protocol: 'TCP', source: { namespaceSelector: "kubernetes.io/metadata.name == 'monitoring'", selector: "app == 'prometheus'" } },
    { action: 'Allow', destination: { ports: [8080] }, protocol: 'TCP', source: { selector: "app == 'web'" } },
  ],
  selector: "app == 'api'",
  types: ['Ingress'],
};
const ALLOW_FROM: Record<string, any> = {
  'kubernetes': {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    spec: {
      ingress: [{
        from: [
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } },
          { podSelector: { matchLabels: { app: 'web' } } },
        ],
        ports: [{ port: 8080, protocol: 'TCP' }],
      }],
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
    },
  },
  // One Calico rule per peer; a peer without namespaceSelector is the policy's own namespace.
  'calico': { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', spec: FROM_WEB_AND_PROMETHEUS_CALICO },
  'calico-crd': { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', spec: FROM_WEB_AND_PROMETHEUS_CALICO },
  // Cilium: both peers name their namespace, so neither depends on the implicit own-namespace rule.
  'cilium': {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    spec: {
      enableDefaultDeny: { egress: false, ingress: true },
      endpointSelector: { matchLabels: { app: 'api' } },
      ingress: [{
        fromEndpoints: [
          { matchLabels: { 'app': 'prometheus', 'k8s:io.kubernetes.pod.namespace': 'monitoring' } },
          { matchLabels: { 'app': 'web', 'k8s:io.kubernetes.pod.namespace': 'prod' } },
        ],
        toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }],
      }],
    },
  },
};

// Egress from api to any IPv4 address but the RFC 1918 ranges, on 443.
const TO_INTERNET_CALICO = {
  egress: [{ action: 'Allow', destination: { nets: ['0.0.0.0/0'], notNets: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'], ports: [443] }, protocol: 'TCP' }],
  selector: "app == 'api'",
  types: ['Egress'],
};
const ALLOW_TO: Record<string, any> = {
  'kubernetes': {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    spec: {
      egress: [{ ports: [{ port: 443, protocol: 'TCP' }], to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }] }],
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Egress'],
    },
  },
  'calico': { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', spec: TO_INTERNET_CALICO },
  'calico-crd': { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', spec: TO_INTERNET_CALICO },
  'cilium': {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    spec: {
      egress: [{
        toCIDRSet: [{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] }],
        toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }],
      }],
      enableDefaultDeny: { egress: true, ingress: false },
      endpointSelector: { matchLabels: { app: 'api' } },
    },
  },
};

describe('AllowFrom', () => {
  test.each(CLUSTER_ONLY_ENGINES)('cannot render a namespaced AllowFrom for %s: ENGINE_NO_NAMESPACE_SCOPE', (_name, engine) => {
    // A ClusterNetworkPolicy deny is final, where a namespaced isolation adds up with the namespace's other policies.
    expectNamespacedRefused(chart => new AllowFrom(chart, 'Clients', { subject: api, peers: [web, prometheus], ports: [Port.tcp(8080)], engine }), 'Clients');
  });

  test.each(NAMESPACED_ENGINES)('can allow ingress from several peers (OR) on a port for %s', (name, engine) => {
    // GIVEN
    const chart = chartFor('prod');
    // WHEN
    new AllowFrom(chart, 'Clients', { subject: api, peers: [web, prometheus], ports: [Port.tcp(8080)], engine });
    // THEN
    const { objects, warnings } = synthesize(chart);
    expect(objects).toHaveLength(1);
    expect(meaningOf(objects[0])).toEqual(ALLOW_FROM[name]);
    expect(objects[0].metadata).toEqual({ labels: MANAGED_BY, name: 'api-ingress-from-ns-monitoring-prometheus-and-web', namespace: 'prod' });
    expect(warnings).toEqual(engineWarnings(engine, 1));
    expect(objects).toMatchSnapshot();
    // AND under the engine's own semantics exactly the two peers reach the api
    declareWorkloads(chart, [
      { namespace: 'prod', name: 'api', labels: { app: 'api' }, ports: [{ port: 8080 }] },
      { namespace: 'prod', name: 'web', labels: { app: 'web' } },
      { namespace: 'prod', name: 'batch', labels: { app: 'batch' } },
      { namespace: 'monitoring', name: 'prometheus', labels: { app: 'prometheus' } },
      { namespace: 'other', name: 'web', labels: { app: 'web' } },
    ]);
    expect(chart).toHaveReachability({ engine: name, port: 8080, to: ['prod/api'], allowed: ['prod/web -> prod/api', 'monitoring/prometheus -> prod/api'] });
  });

  test('can narrow an allow to HTTP requests on cilium', () => {
    // GIVEN
    const chart = chartFor('prod');
    // WHEN
    new AllowFrom(chart, 'Reads', { subject: api, peers: [web], ports: [Port.tcp(8080)], http: [{ method: 'GET', path: '/v1/.*' }], engine: Engine.CILIUM });
    // THEN the L7 rule rides on the port it narrows
    const { objects } = synthesize(chart);
    expect(objects[0].spec.ingress).toEqual([{
      fromEndpoints: [{ matchLabels: { 'app': 'web', 'k8s:io.kubernetes.pod.namespace': 'prod' } }],
      toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }], rules: { http: [{ method: 'GET', path: '/v1/.*' }] } }],
    }]);
    expect(objects).toMatchSnapshot();
  });
});

describe('AllowTo', () => {
  test.each(CLUSTER_ONLY_ENGINES)('cannot render a namespaced AllowTo for %s: ENGINE_NO_NAMESPACE_SCOPE', (_name, engine) => {
    // A ClusterNetworkPolicy deny is final, where a namespaced isolation adds up with the namespace's other policies.
    expectNamespacedRefused(chart => new AllowTo(chart, 'Internet', { subject: api, peers: [Peer.anyIpv4({ exceptCidrs: ThreeTierApp.PRIVATE_RANGES })], ports: [Port.HTTPS], engine }), 'Internet');
  });

  test.each(NAMESPACED_ENGINES)('can allow egress to the internet except the private ranges on 443 for %s', (name, engine) => {
    // GIVEN
    const chart = chartFor('prod');
    // WHEN
    new AllowTo(chart, 'Internet', { subject: api, peers: [Peer.anyIpv4({ exceptCidrs: ThreeTierApp.PRIVATE_RANGES })], ports: [Port.HTTPS], engine });
    // THEN
    const { objects, warnings } = synthesize(chart);
    expect(objects).toHaveLength(1);
    expect(meaningOf(objects[0])).toEqual(ALLOW_TO[name]);
    expect(objects[0].metadata).toEqual({ labels: MANAGED_BY, name: 'api-egress-to-internet', namespace: 'prod' });
    // Cilium: the block still reaches 100.64.0.0/10 (shared address space, a common pod range), which CIDR rules never match as pods.
    expect(warnings).toEqual(engine === Engine.CILIUM ? ['CILIUM_CIDR_NOT_PODS'] : engineWarnings(engine, 1));
    expect(objects).toMatchSnapshot();
    // AND under the engine's own semantics the api reaches public addresses only, and only on 443
    declareWorkloads(chart, [{ namespace: 'prod', name: 'api', labels: { app: 'api' } }]);
    const addresses = ['203.0.113.10', '198.51.100.7', '10.1.2.3', '172.16.0.1', '192.168.1.1'];
    expect(chart).toHaveReachability({ engine: name, port: 443, from: ['prod/api'], to: addresses, allowed: ['prod/api -> 203.0.113.10', 'prod/api -> 198.51.100.7'] });
    expect(chart).toHaveReachability({ engine: name, port: 80, from: ['prod/api'], to: addresses, allowed: [] });
  });

  test('can allow egress to a DNS name on cilium, with the DNS proxy rule FQDN rules need', () => {
    // GIVEN
    const chart = chartFor('prod');
    // WHEN
    new AllowTo(chart, 'Stripe', { subject: api, peers: [Peer.fqdn('api.stripe.com')], ports: [Port.HTTPS], engine: Engine.CILIUM });
    // THEN the FQDN rule, plus DNS to kube-dns through the proxy, and a warning that says it was added
    const { objects, warnings } = synthesize(chart);
    expect(objects[0].metadata.name).toBe('api-egress-to-api-stripe-com');
    expect(objects[0].spec.egress).toEqual([
      { toFQDNs: [{ matchName: 'api.stripe.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
      {
        toEndpoints: [{ matchLabels: { 'k8s-app': 'kube-dns', 'k8s:io.kubernetes.pod.namespace': 'kube-system' } }],
        toPorts: [{ ports: [{ port: '53', protocol: 'TCP' }, { port: '53', protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } }],
      },
    ]);
    expect(warnings).toEqual(['CILIUM_FQDN_DNS_RULE_ADDED']);
    expect(objects).toMatchSnapshot();
  });
});
