// The examples that render for Calico and Cilium: the YAML (snapshot), what it says (exact assertions),
// that the API server and the agents would take it (schemas), and what it means under the engine that
// enforces it (the flows the READMEs allow and the attacks they must stop).
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { registerIfSchemas, validateManifest } from './support/kube-validator';
import * as aksAddon from '../examples/aks-addon/main';
import * as calicoClusterBaseline from '../examples/calico-cluster-baseline/main';
import * as ciliumFqdnHttp from '../examples/cilium-fqdn-http/main';
import * as threeTierEngines from '../examples/three-tier-engines/main';
import { AksNetworkBaseline, AksNetworkPolicy, Diagnostics, Engine } from '../lib';
import { Protocol, explainText, parseFlowPeer } from '../lib/analyzer';
import { EngineName } from '../lib/analyzer/evaluators';
import { FlowSpec, WorkloadSpec, analyze, declareWorkloads, installMatchers } from '../lib/testing';

installMatchers();

/** Outside dist/, so judging an example never overwrites its synthesized output. */
const OUTDIR = path.join(os.tmpdir(), 'cdk-netpol-examples-engines');

/** Every new example app, by folder name. */
const EXAMPLES: { [name: string]: (outdir?: string) => App } = {
  'aks-addon': aksAddon.createApp,
  'calico-cluster-baseline': calicoClusterBaseline.createApp,
  'cilium-fqdn-http': ciliumFqdnHttp.createApp,
  'three-tier-engines': threeTierEngines.createApp,
};

const KUBE_DNS: WorkloadSpec = {
  namespace: 'kube-system',
  name: 'coredns',
  kind: 'Deployment',
  labels: { 'k8s-app': 'kube-dns' },
  ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'metrics', port: 9153 }],
};
const INGRESS_NGINX: WorkloadSpec = {
  namespace: 'ingress-nginx',
  name: 'ingress-nginx-controller',
  kind: 'Deployment',
  labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
  ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }],
};
/** An address on the internet (TEST-NET-2). */
const INTERNET = '198.51.100.7';
/** A public resolver, for DNS exfiltration attempts. */
const PUBLIC_DNS = '8.8.8.8';
const CONTROLLER = 'ingress-nginx/ingress-nginx-controller';
const COREDNS = 'kube-system/coredns';

/** Every object the app writes, in chart order. */
function manifests(app: App): any[] {
  return app.charts.flatMap(chart => chart.toJson());
}

/** The one object with this kind, namespace (undefined for cluster-scoped) and name; fails listing what exists. */
function object(app: App, kind: string, namespaceName: string | undefined, name: string): any {
  const found = manifests(app).filter(m => m.kind === kind && m.metadata.namespace === namespaceName && m.metadata.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one ${kind} ${namespaceName ?? '(cluster)'}/${name}, found ${found.length}; objects: ${inventory(app).join(', ')}`);
  }
  return found[0];
}

/** `apiVersion kind namespace/name` of every object, sorted. */
function inventory(objects: App | Chart): string[] {
  const all = Chart.isChart(objects) ? objects.toJson() : manifests(objects);
  return all.map((m: any) => `${m.apiVersion} ${m.kind} ${m.metadata.namespace ?? '(cluster)'}/${m.metadata.name}`).sort();
}

function deployment(namespace: string, name: string, labels: Record<string, string>, ports: WorkloadSpec['ports'] = []): WorkloadSpec {
  return { namespace, name, kind: 'Deployment', labels, ports };
}

/** The example's app with the pods its policies are judged against. */
function judged(createApp: (outdir?: string) => App, workloads: WorkloadSpec[]): App {
  const app = createApp(OUTDIR);
  declareWorkloads(app, workloads);
  return app;
}

/** A flow to explain: `ns/name` or IP sides, a port number. */
interface FlowToExplain {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol?: Protocol;
}

/** The verdict of one flow under `engine`, as the matchers print it (first line ALLOW or DENY, then the trace). */
function explain(target: App | Chart, engine: EngineName, spec: FlowToExplain): string {
  const { cluster, evaluator } = analyze(target, engine);
  const flow = { from: parseFlowPeer(cluster, spec.from), to: parseFlowPeer(cluster, spec.to), port: spec.port, protocol: spec.protocol ?? 'TCP' };
  return explainText(flow, evaluator.evaluate(flow));
}

describe('examples for Calico and Cilium', () => {
  describe.each(Object.keys(EXAMPLES))('%s', (name) => {
    const createApp = EXAMPLES[name];

    test('can synthesize (snapshot)', () => {
      expect(createApp().synthYaml()).toMatchSnapshot();
    });

    test('writes to dist/examples/<name> by default, or to the given outdir', () => {
      expect(createApp().outdir).toEqual(path.join(__dirname, '..', 'dist', 'examples', name));
      expect(createApp('/tmp/elsewhere').outdir).toEqual('/tmp/elsewhere');
    });

    test('builds a fresh App each call, with byte-identical output', () => {
      expect(createApp().synthYaml()).toEqual(createApp().synthYaml());
    });

    test('leaves no warning unacknowledged', () => {
      const app = createApp();
      app.synthYaml();
      expect(Diagnostics.of(app).filter(d => d.acknowledged === undefined)).toEqual([]);
    });
  });

  describe('every object passes the API server (and agent) validation', () => {
    registerIfSchemas(() => {
      test.each(Object.keys(EXAMPLES))('%s', (name) => {
        const objects = manifests(EXAMPLES[name]());
        const violations = objects.flatMap(o => validateManifest(o).map(v => `${o.kind} ${o.metadata.namespace ?? '(cluster)'}/${o.metadata.name}: ${v}`));
        expect(violations).toEqual([]);
      });
    });
  });
});

describe('calico-cluster-baseline', () => {
  const app = calicoClusterBaseline.createApp();
  const gnp = object(app, 'GlobalNetworkPolicy', undefined, 'cluster-default-deny');
  const DNS_PORTS = [53];

  test('renders one Calico GlobalNetworkPolicy and three Kubernetes NetworkPolicies for the teams', () => {
    expect(inventory(app)).toEqual([
      'networking.k8s.io/v1 NetworkPolicy team-a/web-egress-to-team-b-api',
      'networking.k8s.io/v1 NetworkPolicy team-a/web-ingress-from-ingress-nginx',
      'networking.k8s.io/v1 NetworkPolicy team-b/api-ingress-from-team-a-web',
      'projectcalico.org/v3 GlobalNetworkPolicy (cluster)/cluster-default-deny',
    ]);
    // No DefaultDeny in the team namespaces: the global deny isolates them.
    expect(manifests(app).filter(m => m.metadata.name.startsWith('default-deny'))).toEqual([]);
  });

  test('can isolate every pod outside the exempt namespaces, both ways, with explicit types', () => {
    expect(gnp.spec.selector).toEqual('all()');
    expect(gnp.spec.types).toEqual(['Ingress', 'Egress']);
    expect(gnp.spec.namespaceSelector).toEqual(
      "kubernetes.io/metadata.name not in {'aks-command', 'aks-istio-egress', 'aks-istio-ingress', 'aks-istio-system', 'app-routing-system', "
      + "'calico-apiserver', 'calico-system', 'gatekeeper-system', 'ingress-nginx', 'kube-node-lease', 'kube-public', 'kube-system', 'tigera-operator'}",
    );
    expect(calicoClusterBaseline.EXEMPT_NAMESPACES).toEqual(expect.arrayContaining(['kube-system', 'kube-public', 'kube-node-lease', 'ingress-nginx']));
  });

  test('can order the GlobalNetworkPolicy after the Kubernetes NetworkPolicies (order 1000 in tier default)', () => {
    expect(gnp.spec.order).toEqual(2000);
    expect(gnp.spec.tier).toBeUndefined(); // tier default, the Kubernetes NetworkPolicies' own
  });

  test('cannot re-open anything: no ingress rule, and no Allow but DNS on UDP and TCP 53 to kube-dns and the node-local cache', () => {
    expect(gnp.spec.ingress).toBeUndefined();
    expect(gnp.spec.egress).toEqual([
      { action: 'Allow', destination: { nets: ['169.254.20.10/32'], ports: DNS_PORTS }, protocol: 'TCP' },
      { action: 'Allow', destination: { nets: ['169.254.20.10/32'], ports: DNS_PORTS }, protocol: 'UDP' },
      {
        action: 'Allow',
        destination: { namespaceSelector: "kubernetes.io/metadata.name == 'kube-system'", ports: DNS_PORTS, selector: "k8s-app == 'kube-dns'" },
        protocol: 'TCP',
      },
      {
        action: 'Allow',
        destination: { namespaceSelector: "kubernetes.io/metadata.name == 'kube-system'", ports: DNS_PORTS, selector: "k8s-app == 'kube-dns'" },
        protocol: 'UDP',
      },
    ]);
    // The blanket-Allow mistake: a rule with no destination (or no ports) would re-open every flow the
    // NetworkPolicies leave to the end-of-tier deny.
    for (const rule of gnp.spec.egress) expect(rule.destination.ports).toEqual([53]);
  });

  test('can open the team holes with ordinary NetworkPolicies, policyTypes explicit', () => {
    const namespaceNamed = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
    expect(object(app, 'NetworkPolicy', 'team-a', 'web-ingress-from-ingress-nginx').spec).toEqual({
      ingress: [{
        from: [{ namespaceSelector: namespaceNamed('ingress-nginx'), podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } }],
        ports: [{ port: 8080, protocol: 'TCP' }],
      }],
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress'],
    });
    expect(object(app, 'NetworkPolicy', 'team-a', 'web-egress-to-team-b-api').spec).toEqual({
      egress: [{ ports: [{ port: 8080, protocol: 'TCP' }], to: [{ namespaceSelector: namespaceNamed('team-b'), podSelector: { matchLabels: { app: 'api' } } }] }],
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
    });
    expect(object(app, 'NetworkPolicy', 'team-b', 'api-ingress-from-team-a-web').spec).toEqual({
      ingress: [{ from: [{ namespaceSelector: namespaceNamed('team-a'), podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }],
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
    });
  });

  describe('under Calico semantics', () => {
    const engine = 'calico';
    const nodeLocalDns = calicoClusterBaseline.NODE_LOCAL_DNS;
    const workloads = [
      deployment('team-a', 'web', { app: 'web' }, [{ name: 'http', port: 8080 }]),
      deployment('team-b', 'api', { app: 'api' }, [{ name: 'http', port: 8080 }]),
      // A namespace no team has written a policy for.
      deployment('team-c', 'app', { app: 'app' }, [{ name: 'http', port: 8080 }]),
      INGRESS_NGINX,
      KUBE_DNS,
      deployment('kube-system', 'metrics-server', { 'k8s-app': 'metrics-server' }, [{ name: 'https', port: 10250 }]),
      // Attackers: a pod next to each team's app, another pod of the ingress namespace, a pod in default.
      { namespace: 'team-a', name: 'intruder', labels: { app: 'intruder' } },
      { namespace: 'team-b', name: 'intruder', labels: { app: 'intruder' } },
      { namespace: 'ingress-nginx', name: 'other', labels: { app: 'other' } },
      { namespace: 'default', name: 'attacker', labels: { app: 'attacker' } },
    ];
    const target = () => judged(calicoClusterBaseline.createApp, workloads);
    const teamPods = ['team-a/web', 'team-a/intruder', 'team-b/api', 'team-b/intruder', 'team-c/app', 'default/attacker'];

    test('can isolate a namespace without any NetworkPolicy, except DNS', () => {
      const a = target();
      for (const protocol of ['UDP', 'TCP'] as const) {
        expect(a).toAllow({ from: 'team-c/app', to: COREDNS, port: 53, protocol, engine });
        expect(a).toAllow({ from: 'team-c/app', to: nodeLocalDns, port: 53, protocol, engine });
      }
      expect(a).toDeny({ from: 'team-c/app', to: PUBLIC_DNS, port: 53, protocol: 'UDP', engine });
      expect(a).toDeny({ from: 'team-c/app', to: COREDNS, port: 9153, engine });
      expect(a).toDeny({ from: 'team-c/app', to: INTERNET, port: 443, engine });
      expect(a).toDeny({ from: 'team-c/app', to: 'team-b/api', port: 8080, engine });
      expect(a).toDeny({ from: INTERNET, to: 'team-c/app', port: 8080, engine });
      expect(a).toDeny({ from: CONTROLLER, to: 'team-c/app', port: 8080, engine });
      expect(a).toDeny({ from: 'team-a/web', to: 'team-c/app', port: 8080, engine });
    });

    test('can let ingress-nginx reach team-a web on 8080, and nothing else of team-a', () => {
      const a = target();
      expect(a).toAllow({ from: CONTROLLER, to: 'team-a/web', port: 8080, engine });
      expect(a).toDeny({ from: CONTROLLER, to: 'team-a/web', port: 9090, engine });
      expect(a).toDeny({ from: CONTROLLER, to: 'team-a/intruder', port: 8080, engine });
      expect(a).toDeny({ from: 'ingress-nginx/other', to: 'team-a/web', port: 8080, engine });
      expect(a).toDeny({ from: INTERNET, to: 'team-a/web', port: 8080, engine });
    });

    test('can let team-a web reach team-b api on 8080, and only that', () => {
      const a = target();
      expect(a).toAllow({ from: 'team-a/web', to: 'team-b/api', port: 8080, engine });
      expect(a).toDeny({ from: 'team-a/web', to: 'team-b/api', port: 5432, engine });
      expect(a).toDeny({ from: 'team-a/web', to: 'team-b/intruder', port: 8080, engine });
      expect(a).toDeny({ from: 'team-a/intruder', to: 'team-b/api', port: 8080, engine });
      expect(a).toDeny({ from: 'default/attacker', to: 'team-b/api', port: 8080, engine });
      expect(a).toDeny({ from: 'team-a/web', to: INTERNET, port: 443, engine });
    });

    test('cannot let team-b open connections into team-a', () => {
      const a = target();
      expect(a).toDeny({ from: 'team-b/api', to: 'team-a/web', port: 8080, engine });
      expect(a).toDeny({ from: 'team-b/intruder', to: 'team-a/web', port: 8080, engine });
    });

    test('can allow on 8080 into the team namespaces exactly the two holes', () => {
      expect(target()).toHaveReachability({
        port: 8080,
        engine,
        to: teamPods,
        allowed: [`${CONTROLLER} -> team-a/web`, 'team-a/web -> team-b/api'],
      });
    });

    test('can let every isolated pod resolve names, and nothing else on 53', () => {
      for (const protocol of ['UDP', 'TCP'] as const) {
        expect(target()).toHaveReachability({
          port: 53,
          protocol,
          engine,
          from: teamPods,
          to: [...teamPods, COREDNS, nodeLocalDns, PUBLIC_DNS],
          allowed: teamPods.flatMap(pod => [`${pod} -> ${COREDNS}`, `${pod} -> ${nodeLocalDns}`]),
        });
      }
    });

    test('can leave kube-system untouched: reachable, and reaching out', () => {
      const a = target();
      expect(a).toAllow({ from: INTERNET, to: 'kube-system/metrics-server', port: 10250, engine });
      expect(a).toAllow({ from: CONTROLLER, to: 'kube-system/metrics-server', port: 10250, engine });
      expect(a).toAllow({ from: 'kube-system/metrics-server', to: INTERNET, port: 443, engine });
      expect(a).toAllow({ from: COREDNS, to: PUBLIC_DNS, port: 53, protocol: 'UDP', engine });
      expect(a).toAllow({ from: 'kube-system/metrics-server', to: COREDNS, port: 9153, engine });
      // ... but the pods it reaches out to are still isolated on their side.
      expect(a).toDeny({ from: 'kube-system/metrics-server', to: 'team-a/web', port: 8080, engine });
      // ... and isolated pods reach no more of kube-system than DNS.
      expect(a).toDeny({ from: 'team-a/web', to: 'kube-system/metrics-server', port: 10250, engine });
    });

    test('can let the exempt ingress namespace reach out freely', () => {
      const a = target();
      expect(a).toAllow({ from: CONTROLLER, to: INTERNET, port: 443, engine });
      expect(a).toAllow({ from: INTERNET, to: CONTROLLER, port: 443, engine });
    });

    test('can explain a denial by the end of tier default, the GlobalNetworkPolicy applying on both sides', () => {
      const [head, egress, ingress] = explain(target(), engine, { from: 'team-b/api', to: 'team-a/web', port: 8080 }).split('\n');
      expect(head).toEqual('DENY team-b/api -> team-a/web 8080/TCP');
      expect(egress).toMatch(/^ {2}egress .*Isolated .*GlobalNetworkPolicy cluster-default-deny/);
      expect(ingress).toMatch(/^ {2}ingress .*Isolated .*NetworkPolicy team-a\/web-ingress-from-ingress-nginx.*GlobalNetworkPolicy cluster-default-deny/);
    });

    test('cannot keep anything closed with a blanket Allow in the baseline (the mistake the README warns about)', () => {
      // GIVEN the baseline with the blanket Allow a "default deny, then allow the rest" module appends
      const a = target();
      const baseline = a.node.findAll().find((c): c is ApiObject => ApiObject.isApiObject(c) && c.kind === 'GlobalNetworkPolicy')!;
      baseline.addJsonPatch(JsonPatch.add('/spec/egress/-', { action: 'Allow' }), JsonPatch.add('/spec/ingress', [{ action: 'Allow' }]));
      // THEN the Kubernetes NetworkPolicies' denials, which are only the end of tier default, are gone
      expect(a).toAllow({ from: 'team-b/api', to: 'team-a/web', port: 8080, engine });
      expect(a).toAllow({ from: 'default/attacker', to: 'team-b/api', port: 8080, engine });
      expect(a).toAllow({ from: 'team-c/app', to: INTERNET, port: 443, engine });
    });
  });
});

describe('cilium-fqdn-http', () => {
  const app = ciliumFqdnHttp.createApp();
  const ns = ciliumFqdnHttp.NAMESPACE;
  const cnp = (name: string) => object(app, 'CiliumNetworkPolicy', ns, name);
  const inPayments = (labels: Record<string, string>) => ({ matchLabels: { ...labels, 'k8s:io.kubernetes.pod.namespace': ns } });
  const KUBE_DNS_ENDPOINT = { matchLabels: { 'k8s-app': 'kube-dns', 'k8s:io.kubernetes.pod.namespace': 'kube-system' } };
  const DNS_PORTS = [{ port: '53', protocol: 'TCP' }, { port: '53', protocol: 'UDP' }];

  test('renders only cilium.io/v2 CiliumNetworkPolicies, in payments', () => {
    expect(inventory(app)).toEqual([
      'cilium.io/v2 CiliumNetworkPolicy payments/allow-dns',
      'cilium.io/v2 CiliumNetworkPolicy payments/api-deny-egress-to-cloud-metadata',
      'cilium.io/v2 CiliumNetworkPolicy payments/api-egress-to-api-stripe-com-and-any-s3-amazonaws-com',
      'cilium.io/v2 CiliumNetworkPolicy payments/api-ingress-from-frontend',
      'cilium.io/v2 CiliumNetworkPolicy payments/default-deny-all',
      'cilium.io/v2 CiliumNetworkPolicy payments/frontend-egress-to-api',
    ]);
  });

  test('can deny by default in both directions, enableDefaultDeny explicit on every policy', () => {
    expect(cnp('default-deny-all').spec).toEqual({
      egress: [{}],
      enableDefaultDeny: { egress: true, ingress: true },
      endpointSelector: {},
      ingress: [{}],
    });
    expect(Object.fromEntries(manifests(app).map(m => [m.metadata.name, m.spec.enableDefaultDeny]))).toEqual({
      'allow-dns': { egress: true, ingress: false },
      'api-deny-egress-to-cloud-metadata': { egress: false, ingress: false },
      'api-egress-to-api-stripe-com-and-any-s3-amazonaws-com': { egress: true, ingress: false },
      'api-ingress-from-frontend': { egress: false, ingress: true },
      'default-deny-all': { egress: true, ingress: true },
      'frontend-egress-to-api': { egress: true, ingress: false },
    });
  });

  test('can let every pod resolve names through the cluster DNS on UDP and TCP 53', () => {
    expect(cnp('allow-dns').spec).toEqual({
      egress: [{ toEndpoints: [KUBE_DNS_ENDPOINT], toPorts: [{ ports: DNS_PORTS }] }],
      enableDefaultDeny: { egress: true, ingress: false },
      endpointSelector: {},
    });
  });

  test('can let the api reach api.stripe.com and *.s3.amazonaws.com on 443, with the DNS proxy rule added', () => {
    const spec = cnp('api-egress-to-api-stripe-com-and-any-s3-amazonaws-com').spec;
    expect(spec.endpointSelector).toEqual({ matchLabels: { app: 'api' } });
    expect(spec.egress).toEqual([
      {
        toFQDNs: [{ matchName: ciliumFqdnHttp.STRIPE_API }, { matchPattern: ciliumFqdnHttp.S3_BUCKETS }],
        toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }],
      },
      // Without a DNS rule, the DNS proxy never sees the lookups and the FQDN rules never learn an address.
      { toEndpoints: [KUBE_DNS_ENDPOINT], toPorts: [{ ports: DNS_PORTS, rules: { dns: [{ matchPattern: '*' }] } }] },
    ]);
    expect(Diagnostics.of(app).map(d => d.code)).toEqual(expect.arrayContaining(['CILIUM_FQDN_DNS_RULE_ADDED']));
  });

  test('can let the frontend send only GET /v1/.* and POST /v1/charges to the api on 8080', () => {
    expect(cnp('frontend-egress-to-api').spec).toEqual({
      egress: [{ toEndpoints: [inPayments({ app: 'api' })], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }],
      enableDefaultDeny: { egress: true, ingress: false },
      endpointSelector: { matchLabels: { app: 'frontend' } },
    });
    expect(cnp('api-ingress-from-frontend').spec).toEqual({
      enableDefaultDeny: { egress: false, ingress: true },
      endpointSelector: { matchLabels: { app: 'api' } },
      ingress: [{
        fromEndpoints: [inPayments({ app: 'frontend' })],
        toPorts: [{
          ports: [{ port: '8080', protocol: 'TCP' }],
          rules: { http: [{ method: 'GET', path: '/v1/.*' }, { method: 'POST', path: '/v1/charges' }] },
        }],
      }],
    });
  });

  test('can deny the api the metadata endpoint on every port, whatever else allows it', () => {
    expect(cnp('api-deny-egress-to-cloud-metadata').spec).toEqual({
      egressDeny: [{ toCIDRSet: [{ cidr: '169.254.169.254/32' }] }],
      enableDefaultDeny: { egress: false, ingress: false },
      endpointSelector: { matchLabels: { app: 'api' } },
    });
  });

  test('can acknowledge the expected warnings with their reasons', () => {
    const a = ciliumFqdnHttp.createApp();
    a.synthYaml();
    expect(Diagnostics.of(a).map(d => `${d.code} ${d.path}`).sort()).toEqual([
      'CILIUM_DENY_WITHOUT_ISOLATION payments/NoMetadata',
      'CILIUM_FQDN_DNS_RULE_ADDED payments/PaymentProviders',
    ]);
    for (const d of Diagnostics.of(a)) expect(d.acknowledged).toMatch(/./);
  });

  describe('under Cilium semantics', () => {
    const engine = 'cilium';
    const workloads = [
      deployment(ns, 'frontend', { app: 'frontend' }, [{ name: 'http', port: 8080 }]),
      deployment(ns, 'api', { app: 'api' }, [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }]),
      KUBE_DNS,
      // Attackers: a debug pod in the namespace, a pod of another namespace labelled like the frontend.
      { namespace: ns, name: 'debug', labels: { run: 'debug' } },
      { namespace: 'tenant-b', name: 'frontend', labels: { app: 'frontend' } },
    ];
    const target = () => judged(ciliumFqdnHttp.createApp, workloads);

    test('cannot let the api reach an address offline, where no FQDN resolves, and says which FQDN rule would apply', () => {
      const a = target();
      expect(a).toDeny({ from: `${ns}/api`, to: '203.0.113.10', port: 443, engine });
      expect(a).toDeny({ from: `${ns}/api`, to: INTERNET, port: 443, engine });
      const text = explain(a, engine, { from: `${ns}/api`, to: '203.0.113.10', port: 443 });
      expect(text.split('\n')[0]).toEqual(`DENY ${ns}/api -> 203.0.113.10 443/TCP`);
      const egress = text.split('\n')[1];
      expect(egress).toMatch(/^ {2}egress .*Isolated/);
      expect(egress).toMatch(/CiliumNetworkPolicy payments\/api-egress-to-api-stripe-com-and-any-s3-amazonaws-com egress\[0\] fqdn\(/);
      expect(egress).toContain('api.stripe.com');
      expect(egress).toContain('*.s3.amazonaws.com');
    });

    test('can let the frontend reach the api on 8080 at L4, noting the HTTP rules', () => {
      const a = target();
      expect(a).toAllow({ from: `${ns}/frontend`, to: `${ns}/api`, port: 8080, engine });
      const text = explain(a, engine, { from: `${ns}/frontend`, to: `${ns}/api`, port: 8080 });
      const [head, egress, ingress] = text.split('\n');
      expect(head).toEqual(`ALLOW ${ns}/frontend -> ${ns}/api 8080/TCP`);
      expect(egress).toMatch(/CiliumNetworkPolicy payments\/frontend-egress-to-api egress\[0\]: Allow/);
      // The analyzer judges L3/L4; on the api's side the trace says which requests Envoy lets through.
      expect(ingress).toMatch(/CiliumNetworkPolicy payments\/api-ingress-from-frontend ingress\[0\]: Allow/);
      expect(ingress).toContain('GET /v1/.*');
      expect(ingress).toContain('POST /v1/charges');
    });

    test('cannot let anything else reach the api', () => {
      const a = target();
      expect(a).toDeny({ from: `${ns}/frontend`, to: `${ns}/api`, port: 9090, engine });
      expect(a).toDeny({ from: `${ns}/debug`, to: `${ns}/api`, port: 8080, engine });
      expect(a).toDeny({ from: 'tenant-b/frontend', to: `${ns}/api`, port: 8080, engine });
      expect(a).toDeny({ from: INTERNET, to: `${ns}/api`, port: 8080, engine });
      expect(a).toDeny({ from: `${ns}/api`, to: `${ns}/frontend`, port: 8080, engine });
      expect(a).toHaveReachability({
        port: 8080,
        engine,
        among: [`${ns}/frontend`, `${ns}/api`, `${ns}/debug`, 'tenant-b/frontend'],
        allowed: [`${ns}/frontend -> ${ns}/api`, 'tenant-b/frontend -> tenant-b/frontend'],
      });
    });

    test('cannot let the api reach the metadata endpoint: the deny rule decides', () => {
      const a = target();
      expect(a).toDeny({ from: `${ns}/api`, to: '169.254.169.254', port: 80, engine });
      expect(a).toDeny({ from: `${ns}/api`, to: '169.254.169.254', port: 443, engine });
      const text = explain(a, engine, { from: `${ns}/api`, to: '169.254.169.254', port: 80 });
      expect(text.split('\n')[1]).toMatch(/^ {2}egress {2}CiliumNetworkPolicy payments\/api-deny-egress-to-cloud-metadata egressDeny\[0\]: Deny/);
    });

    test('can let every pod resolve names on UDP and TCP 53, and nothing else', () => {
      const a = target();
      for (const pod of ['frontend', 'api', 'debug']) {
        for (const protocol of ['UDP', 'TCP'] as const) {
          expect(a).toAllow({ from: `${ns}/${pod}`, to: COREDNS, port: 53, protocol, engine });
        }
        expect(a).toDeny({ from: `${ns}/${pod}`, to: PUBLIC_DNS, port: 53, protocol: 'UDP', engine });
        expect(a).toDeny({ from: `${ns}/${pod}`, to: COREDNS, port: 9153, engine });
      }
    });

    test('cannot let the frontend or a debug pod reach the internet', () => {
      const a = target();
      expect(a).toDeny({ from: `${ns}/frontend`, to: INTERNET, port: 443, engine });
      expect(a).toDeny({ from: `${ns}/debug`, to: INTERNET, port: 443, engine });
    });
  });
});

describe('three-tier-engines', () => {
  const app = threeTierEngines.createApp();
  const chartOf = (engine: Engine) => app.charts.find(c => c.node.id === engine.name)!;
  const NAMES = [
    'allow-dns', 'api-egress-to-database', 'api-egress-to-internet', 'api-ingress-from-frontend',
    'database-ingress-from-api', 'default-deny-all', 'frontend-egress-to-api', 'frontend-ingress-from-ingress-nginx',
  ];
  const DIALECTS: Array<[Engine, string, string]> = [
    [Engine.KUBERNETES, 'networking.k8s.io/v1', 'NetworkPolicy'],
    [Engine.CALICO, 'projectcalico.org/v3', 'NetworkPolicy'],
    [Engine.CALICO_CRD, 'crd.projectcalico.org/v1', 'NetworkPolicy'],
    [Engine.CILIUM, 'cilium.io/v2', 'CiliumNetworkPolicy'],
  ];

  test('renders one chart per engine, each in its own namespace', () => {
    expect(app.charts.map(c => [c.node.id, c.namespace])).toEqual([
      ['kubernetes', 'shop-kubernetes'], ['calico', 'shop-calico'], ['calico-crd', 'shop-calico-crd'], ['cilium', 'shop-cilium'],
    ]);
    expect(threeTierEngines.ENGINES.map(e => e.name)).toEqual(['kubernetes', 'calico', 'calico-crd', 'cilium']);
  });

  test.each(DIALECTS)('renders the same eight policies for %s, as %s %s', (engine, apiVersion, kind) => {
    const ns = threeTierEngines.namespaceFor(engine);
    expect(inventory(chartOf(engine))).toEqual(NAMES.map(name => `${apiVersion} ${kind} ${ns}/${name}`));
  });

  test('can say "isolated" explicitly in every dialect', () => {
    const deny = (engine: Engine) => chartOf(engine).toJson().find((m: any) => m.metadata.name === 'default-deny-all').spec;
    expect(deny(Engine.KUBERNETES)).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(deny(Engine.CALICO)).toEqual({ selector: 'all()', types: ['Ingress', 'Egress'] });
    expect(deny(Engine.CALICO_CRD)).toEqual({ selector: 'all()', types: ['Ingress', 'Egress'] });
    expect(deny(Engine.CILIUM)).toEqual({ egress: [{}], enableDefaultDeny: { egress: true, ingress: true }, endpointSelector: {}, ingress: [{}] });
    // Every Calico policy names its types, every Cilium policy its enableDefaultDeny.
    for (const engine of [Engine.CALICO, Engine.CALICO_CRD]) {
      for (const m of chartOf(engine).toJson()) expect(m.spec.types).toBeDefined();
    }
    for (const m of chartOf(Engine.CILIUM).toJson()) expect(m.spec.enableDefaultDeny).toBeDefined();
  });

  test('can write the same spec for calico and calico-crd, apiVersion and namespace aside', () => {
    const specs = (engine: Engine) => chartOf(engine).toJson().map((m: any) => [m.metadata.name, m.spec]);
    expect(specs(Engine.CALICO_CRD)).toEqual(specs(Engine.CALICO));
  });

  test('can write the external egress, private and shared ranges excepted, in every dialect', () => {
    const egress = (engine: Engine) => chartOf(engine).toJson().find((m: any) => m.metadata.name === 'api-egress-to-internet').spec;
    const except = ['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.168.0.0/16'];
    expect(egress(Engine.KUBERNETES).egress).toEqual([{ ports: [{ port: 443, protocol: 'TCP' }], to: [{ ipBlock: { cidr: '0.0.0.0/0', except } }] }]);
    for (const engine of [Engine.CALICO, Engine.CALICO_CRD]) {
      expect(egress(engine).egress).toEqual([
        { action: 'Allow', destination: { nets: ['0.0.0.0/0'], notNets: except, ports: [443] }, protocol: 'TCP' },
      ]);
    }
    expect(egress(Engine.CILIUM).egress).toEqual([
      { toCIDRSet: [{ cidr: '0.0.0.0/0', except }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
    ]);
  });

  describe.each(DIALECTS.map(([engine]) => engine.name as EngineName))('under %s semantics', (engine) => {
    const ns = `shop-${engine}`;
    const workloads = [
      deployment(ns, 'frontend', { app: 'frontend' }, [{ name: 'http', port: 8080 }]),
      deployment(ns, 'api', { app: 'api' }, [{ name: 'http', port: 8080 }]),
      { namespace: ns, name: 'database', kind: 'StatefulSet', labels: { app: 'database' }, ports: [{ name: 'postgres', port: 5432 }] },
      INGRESS_NGINX,
      KUBE_DNS,
    ];
    // The chart of this engine alone, judged by this engine's evaluator.
    const target = () => judged(threeTierEngines.createApp, workloads).charts.find(c => c.node.id === engine)!;

    test.each([
      [CONTROLLER, `${ns}/frontend`, 8080, true],
      [`${ns}/frontend`, `${ns}/api`, 8080, true],
      [`${ns}/api`, `${ns}/database`, 5432, true],
      [`${ns}/frontend`, `${ns}/database`, 5432, false],
      [`${ns}/api`, '203.0.113.10', 443, true],
      [`${ns}/api`, '10.0.0.5', 443, false],
    ])('%s -> %s:%d allowed: %s', (from, to, port, allowed) => {
      const flow: FlowSpec = { from, to, port, engine };
      if (allowed) expect(target()).toAllow(flow);
      else expect(target()).toDeny(flow);
    });

    test('can hold the same flow table on 8080 and 5432', () => {
      const among = [CONTROLLER, `${ns}/frontend`, `${ns}/api`, `${ns}/database`];
      expect(target()).toHaveReachability({ port: 8080, engine, among, allowed: [`${CONTROLLER} -> ${ns}/frontend`, `${ns}/frontend -> ${ns}/api`, `${CONTROLLER} -> ${CONTROLLER}`] });
      expect(target()).toHaveReachability({ port: 5432, engine, among, allowed: [`${ns}/api -> ${ns}/database`, `${CONTROLLER} -> ${CONTROLLER}`] });
    });

    test('can let every tier resolve names, and only the api reach the internet', () => {
      const a = target();
      for (const tier of ['frontend', 'api', 'database']) {
        expect(a).toAllow({ from: `${ns}/${tier}`, to: COREDNS, port: 53, protocol: 'UDP', engine });
        expect(a).toAllow({ from: `${ns}/${tier}`, to: COREDNS, port: 53, protocol: 'TCP', engine });
      }
      expect(a).toDeny({ from: `${ns}/frontend`, to: '203.0.113.10', port: 443, engine });
      expect(a).toDeny({ from: `${ns}/database`, to: '203.0.113.10', port: 443, engine });
      expect(a).toDeny({ from: `${ns}/api`, to: '203.0.113.10', port: 80, engine });
      expect(a).toDeny({ from: `${ns}/api`, to: '100.64.1.1', port: 443, engine });
    });
  });
});

describe('aks-addon', () => {
  const app = aksAddon.createApp();
  const chart = (engine: AksNetworkPolicy) => app.node.findChild(aksAddon.CHARTS[engine]) as Chart;
  const SYSTEM = [...AksNetworkBaseline.SYSTEM_NAMESPACES].sort();

  test('renders the baseline once per engine, one chart each', () => {
    expect(inventory(chart(AksNetworkPolicy.AZURE))).toEqual(aksAddon.TEAM_NAMESPACES.flatMap(ns => [
      `networking.k8s.io/v1 NetworkPolicy ${ns}/allow-dns`, `networking.k8s.io/v1 NetworkPolicy ${ns}/default-deny-all`,
    ]));
    expect(inventory(chart(AksNetworkPolicy.CALICO))).toEqual(['crd.projectcalico.org/v1 GlobalNetworkPolicy (cluster)/cluster-default-deny']);
    expect(inventory(chart(AksNetworkPolicy.CILIUM))).toEqual(['cilium.io/v2 CiliumClusterwideNetworkPolicy (cluster)/cluster-default-deny']);
  });

  test('can exempt the AKS system namespaces, on calico and cilium', () => {
    expect(object(app, 'GlobalNetworkPolicy', undefined, 'cluster-default-deny').spec.namespaceSelector)
      .toEqual(`kubernetes.io/metadata.name not in {${SYSTEM.map(n => `'${n}'`).join(', ')}}`);
    expect(object(app, 'CiliumClusterwideNetworkPolicy', undefined, 'cluster-default-deny').spec.endpointSelector.matchExpressions[1])
      .toEqual({ key: 'k8s:io.kubernetes.pod.namespace', operator: 'NotIn', values: SYSTEM });
  });

  test('cannot carry an L7 rule on cilium (Azure CNI powered by Cilium enforces none without ACNS)', () => {
    const text = JSON.stringify(object(app, 'CiliumClusterwideNetworkPolicy', undefined, 'cluster-default-deny'));
    expect(text).not.toMatch(/"(rules|toFQDNs)"/);
  });

  const ENGINES: Array<[AksNetworkPolicy, EngineName, string[]]> = [
    [AksNetworkPolicy.AZURE, 'kubernetes', aksAddon.LOCAL_DNS],
    [AksNetworkPolicy.CALICO, 'calico-crd', aksAddon.LOCAL_DNS],
    [AksNetworkPolicy.CILIUM, 'cilium', []],
  ];
  describe.each(ENGINES)('%s, under %s semantics', (aks, engine, localDns) => {
    const workloads = [
      deployment('team-a', 'web', { app: 'web' }, [{ name: 'http', port: 8080 }]),
      deployment('team-b', 'api', { app: 'api' }, [{ name: 'http', port: 8080 }]),
      KUBE_DNS,
      deployment('kube-system', 'metrics-server', { 'k8s-app': 'metrics-server' }, [{ name: 'https', port: 10250 }]),
    ];
    const target = () => judged(aksAddon.createApp, workloads).node.findChild(aksAddon.CHARTS[aks]) as Chart;
    const teams = ['team-a/web', 'team-b/api'];

    test('can isolate the team namespaces, except DNS to CoreDNS (and LocalDNS where allowed)', () => {
      const c = target();
      for (const protocol of ['UDP', 'TCP'] as const) {
        expect(c).toHaveReachability({
          port: 53,
          protocol,
          engine,
          from: teams,
          to: [...teams, COREDNS, ...localDns, PUBLIC_DNS],
          allowed: teams.flatMap(pod => [COREDNS, ...localDns].map(to => `${pod} -> ${to}`)),
        });
      }
      expect(c).toHaveReachability({ port: 8080, engine, to: teams, allowed: [] });
      expect(c).toDeny({ from: 'team-a/web', to: INTERNET, port: 443, engine });
      expect(c).toDeny({ from: 'team-a/web', to: COREDNS, port: 9153, engine });
    });

    test('can leave kube-system untouched: reachable, and reaching out', () => {
      const c = target();
      expect(c).toAllow({ from: INTERNET, to: 'kube-system/metrics-server', port: 10250, engine });
      expect(c).toAllow({ from: 'kube-system/metrics-server', to: INTERNET, port: 443, engine });
      expect(c).toAllow({ from: COREDNS, to: PUBLIC_DNS, port: 53, protocol: 'UDP', engine });
      expect(c).toAllow({ from: 'kube-system/metrics-server', to: COREDNS, port: 9153, engine });
      expect(c).toDeny({ from: 'kube-system/metrics-server', to: 'team-a/web', port: 8080, engine });
    });
  });
});
