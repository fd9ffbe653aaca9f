import { CLUSTER_ONLY_ENGINES, NAMESPACED_ENGINES, expectNamespacedRefused, MANAGED_BY, chartFor, engineWarnings, meaningOf, synthesize } from './support';
import { AllowFlow, Port, Selector, Subject } from '../../../lib';
import { declareWorkloads, installMatchers } from '../../../lib/testing';

installMatchers();

const web = Subject.pods(Selector.labels({ app: 'web' }));
const api = Subject.pods(Selector.labels({ app: 'api' }), 'backend');

// web (prod) -> api (backend) on 8080: egress on web naming api's pods AND namespace; ingress on api naming web's.
const CALICO_EGRESS = {
  egress: [{ action: 'Allow', destination: { namespaceSelector: "kubernetes.io/metadata.name == 'backend'", ports: [8080], selector: "app == 'api'" }, protocol: 'TCP' }],
  selector: "app == 'web'",
  types: ['Egress'],
};
const CALICO_INGRESS = {
  ingress: [{ action: 'Allow', destination: { ports: [8080] }, protocol: 'TCP', source: { namespaceSelector: "kubernetes.io/metadata.name == 'prod'", selector: "app == 'web'" } }],
  selector: "app == 'api'",
  types: ['Ingress'],
};
const FLOW: Record<string, any[]> = {
  'kubernetes': [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      spec: {
        egress: [{
          ports: [{ port: 8080, protocol: 'TCP' }],
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'backend' } }, podSelector: { matchLabels: { app: 'api' } } }],
        }],
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      spec: {
        ingress: [{
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prod' } }, podSelector: { matchLabels: { app: 'web' } } }],
          ports: [{ port: 8080, protocol: 'TCP' }],
        }],
        podSelector: { matchLabels: { app: 'api' } },
        policyTypes: ['Ingress'],
      },
    },
  ],
  'calico': [
    { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', spec: CALICO_EGRESS },
    { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', spec: CALICO_INGRESS },
  ],
  'calico-crd': [
    { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', spec: CALICO_EGRESS },
    { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', spec: CALICO_INGRESS },
  ],
  'cilium': [
    {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      spec: {
        egress: [{
          toEndpoints: [{ matchLabels: { 'app': 'api', 'k8s:io.kubernetes.pod.namespace': 'backend' } }],
          toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }],
        }],
        enableDefaultDeny: { egress: true, ingress: false },
        endpointSelector: { matchLabels: { app: 'web' } },
      },
    },
    {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      spec: {
        enableDefaultDeny: { egress: false, ingress: true },
        endpointSelector: { matchLabels: { app: 'api' } },
        ingress: [{
          fromEndpoints: [{ matchLabels: { 'app': 'web', 'k8s:io.kubernetes.pod.namespace': 'prod' } }],
          toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }],
        }],
      },
    },
  ],
};

describe('AllowFlow', () => {
  test.each(CLUSTER_ONLY_ENGINES)('cannot render a namespaced AllowFlow for %s: ENGINE_NO_NAMESPACE_SCOPE', (_name, engine) => {
    // A ClusterNetworkPolicy deny is final, where a namespaced isolation adds up with the namespace's other policies.
    expectNamespacedRefused(chart => new AllowFlow(chart, 'WebToApi', { source: web, destination: api, ports: [Port.tcp(8080)], engine }), 'WebToApi/Egress');
  });

  test.each(NAMESPACED_ENGINES)('can open a flow across namespaces on both sides for %s', (name, engine) => {
    // GIVEN web in the chart's namespace and api in namespace backend
    const chart = chartFor('prod');
    // WHEN
    new AllowFlow(chart, 'WebToApi', { source: web, destination: api, ports: [Port.tcp(8080)], engine });
    // THEN the egress policy in the source's namespace, the ingress policy in the destination's
    const { objects, warnings } = synthesize(chart);
    expect(objects.map(meaningOf)).toEqual(FLOW[name]);
    expect(objects.map(o => o.metadata)).toEqual([
      { labels: MANAGED_BY, name: 'web-egress-to-backend-api', namespace: 'prod' },
      { labels: MANAGED_BY, name: 'api-ingress-from-prod-web', namespace: 'backend' },
    ]);
    expect(warnings).toEqual(engineWarnings(engine, 2));
    expect(objects).toMatchSnapshot();
    // AND under the engine's semantics only web reaches the api, and web reaches nothing but the api
    declareWorkloads(chart, [
      { namespace: 'prod', name: 'web', labels: { app: 'web' } },
      { namespace: 'prod', name: 'worker', labels: { app: 'worker' } },
      { namespace: 'backend', name: 'api', labels: { app: 'api' }, ports: [{ port: 8080 }] },
      { namespace: 'backend', name: 'db', labels: { app: 'db' }, ports: [{ port: 8080 }] },
    ]);
    expect(chart).toHaveReachability({
      engine: name,
      port: 8080,
      allowed: [
        'prod/web -> backend/api',
        // Nothing isolates the rest: web's ingress, api's egress, worker and db stay open.
        'prod/worker -> prod/worker', 'prod/worker -> backend/db', 'prod/worker -> prod/web',
        'backend/db -> backend/db', 'backend/db -> prod/worker', 'backend/db -> prod/web',
        'backend/api -> backend/db', 'backend/api -> prod/worker', 'backend/api -> prod/web',
      ],
    });
  });
});
