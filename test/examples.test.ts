import * as path from 'path';
import { App } from 'cdk8s';
import * as baselineDenyDns from '../examples/baseline-deny-dns/main';
import * as databaseBackendOnly from '../examples/database-backend-only/main';
import * as ingressFrontendBackend from '../examples/ingress-frontend-backend/main';
import { discoverExamples } from '../examples/synth-all';
import { registerIfSchemas, validateManifest } from './support/kube-validator';
import * as teamNamespaces from '../examples/team-namespaces/main';
import * as threeTierProduction from '../examples/three-tier-production/main';

const repoRoot = path.resolve(__dirname, '..');

/** Every example app, by folder name. A new folder under examples/ must be added here. */
const EXAMPLES: { [name: string]: (outdir?: string) => App } = {
  'baseline-deny-dns': baselineDenyDns.createApp,
  'database-backend-only': databaseBackendOnly.createApp,
  'ingress-frontend-backend': ingressFrontendBackend.createApp,
  'team-namespaces': teamNamespaces.createApp,
  'three-tier-production': threeTierProduction.createApp,
};

/** The Calico and Cilium examples, tested with their engines' semantics in examples-engines.test.ts. */
const ENGINE_EXAMPLES = ['aks-addon', 'calico-cluster-baseline', 'cilium-fqdn-http', 'three-tier-engines'];

/** The cdktf examples, tested in examples-cdktf.test.ts. */
const CDKTF_EXAMPLES = ['cdktf-module'];

/** Every manifest of the app, in chart order. */
function manifests(app: App): any[] {
  return app.charts.flatMap(chart => chart.toJson());
}

/** Every NetworkPolicy of the app. */
function policies(app: App): any[] {
  return manifests(app).filter(m => m.kind === 'NetworkPolicy');
}

/** `namespace/name` of every NetworkPolicy, sorted. */
function policyNames(app: App): string[] {
  return policies(app).map(p => `${p.metadata.namespace}/${p.metadata.name}`).sort();
}

/** The one NetworkPolicy with this namespace and name; fails listing what exists. */
function policy(app: App, namespaceName: string, name: string): any {
  const found = policies(app).filter(p => p.metadata.namespace === namespaceName && p.metadata.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one NetworkPolicy ${namespaceName}/${name}, found ${found.length}; policies: ${policyNames(app).join(', ')}`);
  }
  return found[0];
}

/** The one manifest of this kind and name. */
function manifest(app: App, kind: string, name: string): any {
  const found = manifests(app).filter(m => m.kind === kind && m.metadata.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

const namespaceNamed = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
const tcp = (port: number | string) => ({ port, protocol: 'TCP' });
const KUBE_DNS_PEER = { namespaceSelector: namespaceNamed('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } };
const DNS_PORTS = [{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }];

describe('examples', () => {
  test('every folder under examples/ with a main.ts is tested here, in examples-engines.test.ts or in examples-cdktf.test.ts', () => {
    expect(discoverExamples()).toEqual([...Object.keys(EXAMPLES), ...ENGINE_EXAMPLES, ...CDKTF_EXAMPLES].sort());
  });

  describe.each(Object.keys(EXAMPLES))('%s', (name) => {
    const createApp = EXAMPLES[name];

    test('can synthesize (snapshot)', () => {
      // WHEN
      const yaml = createApp().synthYaml();
      // THEN
      expect(yaml).toMatchSnapshot();
    });

    test('writes to dist/examples/<name> by default, or to the given outdir', () => {
      expect(createApp().outdir).toEqual(path.join(repoRoot, 'dist', 'examples', name));
      expect(createApp('/tmp/elsewhere').outdir).toEqual('/tmp/elsewhere');
    });

    test('builds a fresh App each call, with byte-identical output', () => {
      expect(createApp().synthYaml()).toEqual(createApp().synthYaml());
    });
  });

  describe('every NetworkPolicy passes the API server validation', () => {
    registerIfSchemas(() => {
      test.each(Object.keys(EXAMPLES))('%s', (name) => {
        const violations = policies(EXAMPLES[name]()).flatMap(p => validateManifest(p).map(v => `${p.metadata.namespace}/${p.metadata.name}: ${v}`));
        expect(violations).toEqual([]);
      });
    });
  });
});

describe('three-tier-production', () => {
  const app = threeTierProduction.createApp();
  const ns = threeTierProduction.NAMESPACE;

  test('renders exactly the policies of the three tiers, the scrape and the payment egress', () => {
    expect(policyNames(app)).toEqual([
      'production/all-pods-ingress-from-prometheus',
      'production/allow-dns',
      'production/api-egress-to-database',
      'production/api-egress-to-payment-provider',
      'production/api-ingress-from-frontend',
      'production/database-ingress-from-api',
      'production/default-deny-all',
      'production/frontend-egress-to-api',
      'production/frontend-ingress-from-ingress-nginx',
    ]);
  });

  test('can let Prometheus in monitoring scrape the metrics named port of every pod, and nothing else', () => {
    const scrape = policy(app, ns, 'all-pods-ingress-from-prometheus');
    expect(scrape.spec).toEqual({
      ingress: [{
        // One peer with both selectors: Prometheus pods AND namespace monitoring.
        from: [{ namespaceSelector: namespaceNamed('monitoring'), podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }],
        ports: [tcp('metrics')],
      }],
      podSelector: {},
      policyTypes: ['Ingress'],
    });
  });

  test('can let only the api reach only the payment provider CIDR on 443', () => {
    expect(policy(app, ns, 'api-egress-to-payment-provider').spec).toEqual({
      egress: [{ ports: [tcp(443)], to: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }],
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Egress'],
    });
    const ipBlocks = policies(app).flatMap(p => (p.spec.egress ?? []).flatMap((r: any) => r.to ?? [])).filter((peer: any) => peer.ipBlock);
    expect(ipBlocks).toEqual([{ ipBlock: { cidr: threeTierProduction.PAYMENT_PROVIDER_CIDR } }]);
  });

  test('cannot reach the database except from the api on 5432', () => {
    expect(policy(app, ns, 'database-ingress-from-api').spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [tcp(5432)] },
    ]);
  });

  test('isolates every pod of the namespace in both directions', () => {
    expect(policy(app, ns, 'default-deny-all').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });
});

describe('ingress-frontend-backend', () => {
  const app = ingressFrontendBackend.createApp();
  const workloads = ingressFrontendBackend.createWorkloads().app;
  const frontendSelector = manifest(workloads, 'Deployment', 'frontend').spec.selector;
  const backendSelector = manifest(workloads, 'Deployment', 'backend').spec.selector;

  test('renders default deny and DNS in each namespace, and both ends of each flow', () => {
    expect(policyNames(app)).toEqual([
      'backend/allow-dns',
      'backend/backend-ingress-from-frontend',
      'backend/default-deny-all',
      'frontend/allow-dns',
      'frontend/default-deny-all',
      'frontend/frontend-egress-to-backend',
      'frontend/frontend-ingress-from-ingress-nginx',
      'ingress/allow-dns',
      'ingress/default-deny-all',
      'ingress/ingress-nginx-egress-to-frontend',
      'ingress/ingress-nginx-egress-to-kube-apiserver',
      'ingress/ingress-nginx-ingress-from-anywhere',
    ]);
    for (const ns of ['ingress', 'frontend', 'backend']) {
      expect(policy(app, ns, 'default-deny-all').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      expect(policy(app, ns, 'allow-dns').spec.egress).toEqual([{ ports: DNS_PORTS, to: [KUBE_DNS_PEER] }]);
    }
  });

  test('can select the Deployments pods by the selector the Deployments carry', () => {
    expect(policy(app, 'frontend', 'frontend-ingress-from-ingress-nginx').spec.podSelector).toEqual(frontendSelector);
    expect(policy(app, 'backend', 'backend-ingress-from-frontend').spec.podSelector).toEqual(backendSelector);
  });

  test('can let the ingress controller reach the frontend on 443 and 8443, matched by kubernetes.io/metadata.name', () => {
    expect(policy(app, 'frontend', 'frontend-ingress-from-ingress-nginx').spec.ingress).toEqual([{
      from: [{ namespaceSelector: namespaceNamed('ingress'), podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } }],
      ports: [tcp(443), tcp(8443)],
    }]);
    expect(policy(app, 'ingress', 'ingress-nginx-egress-to-frontend').spec.egress).toEqual([{
      ports: [tcp(443), tcp(8443)],
      to: [{ namespaceSelector: namespaceNamed('frontend'), podSelector: frontendSelector }],
    }]);
  });

  test('can let the frontend reach the backend on 8080 only', () => {
    expect(policy(app, 'backend', 'backend-ingress-from-frontend').spec.ingress).toEqual([{
      from: [{ namespaceSelector: namespaceNamed('frontend'), podSelector: frontendSelector }],
      ports: [tcp(8080)],
    }]);
    expect(policy(app, 'frontend', 'frontend-egress-to-backend').spec.egress).toEqual([{
      ports: [tcp(8080)],
      to: [{ namespaceSelector: namespaceNamed('backend'), podSelector: backendSelector }],
    }]);
  });

  test('cannot reach the backend from the ingress namespace', () => {
    const backendIngressPeers = policies(app)
      .filter(p => p.metadata.namespace === 'backend')
      .flatMap(p => (p.spec.ingress ?? []).flatMap((r: any) => r.from ?? [{ anywhere: true }]));
    expect(backendIngressPeers).toEqual([{ namespaceSelector: namespaceNamed('frontend'), podSelector: frontendSelector }]);
  });
});

describe('team-namespaces', () => {
  const app = teamNamespaces.createApp();

  test('renders deny, DNS and same-namespace policies per team, and one cross-team flow', () => {
    expect(policyNames(app)).toEqual([
      'org-1/all-pods-egress-to-all-pods',
      'org-1/all-pods-egress-to-org-2-api',
      'org-1/all-pods-ingress-from-all-pods',
      'org-1/allow-dns',
      'org-1/default-deny-all',
      'org-2/all-pods-egress-to-all-pods',
      'org-2/all-pods-ingress-from-all-pods',
      'org-2/allow-dns',
      'org-2/api-ingress-from-ns-org-1',
      'org-2/default-deny-all',
    ]);
  });

  test.each(teamNamespaces.TEAMS)('can let the pods of %s talk to each other on every port', (ns) => {
    expect(policy(app, ns, 'default-deny-all').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(policy(app, ns, 'allow-dns').spec.egress).toEqual([{ ports: DNS_PORTS, to: [KUBE_DNS_PEER] }]);
    // A bare podSelector: pods of the policy's own namespace; no ports: every port.
    expect(policy(app, ns, 'all-pods-ingress-from-all-pods').spec).toEqual({ ingress: [{ from: [{ podSelector: {} }] }], podSelector: {}, policyTypes: ['Ingress'] });
    expect(policy(app, ns, 'all-pods-egress-to-all-pods').spec).toEqual({ egress: [{ to: [{ podSelector: {} }] }], podSelector: {}, policyTypes: ['Egress'] });
  });

  test('can let org-1 reach the api of org-2 on 8080', () => {
    expect(policy(app, 'org-2', 'api-ingress-from-ns-org-1').spec).toEqual({
      ingress: [{ from: [{ namespaceSelector: namespaceNamed('org-1') }], ports: [tcp(8080)] }],
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
    });
    expect(policy(app, 'org-1', 'all-pods-egress-to-org-2-api').spec.egress).toEqual([
      { ports: [tcp(8080)], to: [{ namespaceSelector: namespaceNamed('org-2'), podSelector: { matchLabels: { app: 'api' } } }] },
    ]);
  });

  test('cannot let org-2 open connections into org-1', () => {
    const org1IngressPeers = policies(app)
      .filter(p => p.metadata.namespace === 'org-1')
      .flatMap(p => (p.spec.ingress ?? []).flatMap((r: any) => r.from ?? [{ anywhere: true }]));
    expect(org1IngressPeers).toEqual([{ podSelector: {} }]);
    const org2EgressPeers = policies(app)
      .filter(p => p.metadata.namespace === 'org-2')
      .flatMap(p => (p.spec.egress ?? []).flatMap((r: any) => r.to ?? [{ anywhere: true }]));
    expect(org2EgressPeers).toEqual([KUBE_DNS_PEER, { podSelector: {} }]);
  });
});

describe('database-backend-only', () => {
  const app = databaseBackendOnly.createApp();
  const ns = databaseBackendOnly.NAMESPACE;
  const databaseSelector = databaseBackendOnly.createDatabase().toJson().spec.selector;

  test('renders only policies that select the database', () => {
    expect(policyNames(app)).toEqual([
      'shop/allow-dns-database',
      'shop/database-egress-to-backup-network',
      'shop/database-ingress-from-backend',
    ]);
    // Read from the raw StatefulSet, not restated.
    expect(databaseSelector).toEqual({ matchLabels: { 'app.kubernetes.io/instance': 'database', 'app.kubernetes.io/name': 'postgres' } });
    for (const p of policies(app)) expect(p.spec.podSelector).toEqual(databaseSelector);
  });

  test('can reach the database only from the backend on TCP 5432', () => {
    expect(policy(app, ns, 'database-ingress-from-backend').spec).toEqual({
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'backend' } } }], ports: [tcp(5432)] }],
      podSelector: databaseSelector,
      policyTypes: ['Ingress'],
    });
  });

  test('can let the database reach the backup network except the excluded subnet, plus DNS, and nothing else', () => {
    expect(policy(app, ns, 'database-egress-to-backup-network').spec).toEqual({
      egress: [{ ports: [tcp(443)], to: [{ ipBlock: { cidr: '10.20.0.0/16', except: ['10.20.99.0/24'] } }] }],
      podSelector: databaseSelector,
      policyTypes: ['Egress'],
    });
    const egressPeers = policies(app).flatMap(p => (p.spec.egress ?? []).flatMap((r: any) => r.to ?? [{ anywhere: true }]));
    expect(egressPeers).toEqual([{ ipBlock: { cidr: '10.20.0.0/16', except: ['10.20.99.0/24'] } }, KUBE_DNS_PEER]);
  });
});

describe('baseline-deny-dns', () => {
  const app = baselineDenyDns.createApp();

  test('renders exactly a default deny and a DNS policy per namespace', () => {
    expect(policyNames(app)).toEqual(baselineDenyDns.NAMESPACES.flatMap(ns => [`${ns}/allow-dns`, `${ns}/default-deny-all`]).sort());
  });

  test.each(baselineDenyDns.NAMESPACES)('can deny everything but DNS on UDP and TCP 53, node-local /32 included, in %s', (ns) => {
    expect(policy(app, ns, 'default-deny-all').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(policy(app, ns, 'allow-dns').spec).toEqual({
      egress: [{ ports: DNS_PORTS, to: [{ ipBlock: { cidr: '169.254.20.10/32' } }, KUBE_DNS_PEER] }],
      podSelector: {},
      policyTypes: ['Egress'],
    });
  });
});
