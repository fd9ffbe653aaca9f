import { ApiObject, App, Chart, Testing } from 'cdk8s';
import {
  AllowDns, AllowFlow, AllowFrom, AllowTo, CalicoGlobalDeny, CiliumClusterwideDeny, ClusterDefaultDeny, DefaultDeny, DefaultEngine,
  Diagnostics, Engine, ErrorCode, Peer, Port, Selector, Subject, ThreeTierApp,
} from '../../../lib';
import { declareWorkloads } from '../../../lib/testing';

const NAMESPACED_ENGINES = [Engine.KUBERNETES, Engine.CALICO, Engine.CALICO_CRD, Engine.CILIUM];

/** The whole-app warnings of an app with `code`, as `path` and message. */
function warnings(app: App, code: string): { path: string; message: string; acknowledged?: string }[] {
  return Diagnostics.of(app).filter(d => d.code === code)
    .map(({ path, message, acknowledged }) => ({ path, message, ...(acknowledged ? { acknowledged } : {}) }));
}

function quietly<T>(fn: () => T): T {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    return fn();
  } finally {
    warn.mockRestore();
  }
}

describe('whole-app check', () => {
  describe.each(NAMESPACED_ENGINES.map(e => [e.name, e] as const))('on %s', (_name, engine) => {
    test('warns ALLOW_BLOCKED for a flow opened on one side only, across charts', () => {
      // GIVEN chart web opens egress to api/app=api on 8080; chart api isolates ingress and opens nothing
      const app = Testing.app();
      DefaultEngine.set(app, engine);
      const web = new Chart(app, 'web', { namespace: 'web' });
      new DefaultDeny(web, 'Deny');
      new AllowDns(web, 'Dns');
      new AllowTo(web, 'WebToApi', {
        subject: Subject.pods(Selector.labels({ app: 'web' })),
        peers: [Subject.pods(Selector.labels({ app: 'api' }), 'api').asPeer('web')],
        ports: [Port.tcp(8080)],
      });
      const api = new Chart(app, 'api', { namespace: 'api' });
      new DefaultDeny(api, 'Deny');
      new AllowDns(api, 'Dns');

      // THEN the egress allow is reported dead, naming the ingress isolation of api
      const found = warnings(app, ErrorCode.ALLOW_BLOCKED);
      expect(found.map(w => w.path)).toEqual(['web/WebToApi']);
      expect(found[0].message).toContain('web/pods(app=web) -> api/pods(app=api) 8080/TCP');
      expect(found[0].message).toContain('default-deny-all');
      expect(found[0].message).toContain('AllowFlow');
    });

    test('raises no ALLOW_BLOCKED once the other side is opened with AllowFlow', () => {
      const app = Testing.app();
      DefaultEngine.set(app, engine);
      const web = new Chart(app, 'web', { namespace: 'web' });
      new DefaultDeny(web, 'Deny');
      new AllowDns(web, 'Dns');
      new AllowFlow(web, 'WebToApi', {
        source: Subject.pods(Selector.labels({ app: 'web' })),
        destination: Subject.pods(Selector.labels({ app: 'api' }), 'api'),
        ports: [Port.tcp(8080)],
      });
      const api = new Chart(app, 'api', { namespace: 'api' });
      new DefaultDeny(api, 'Deny');
      new AllowDns(api, 'Dns');
      expect(warnings(app, ErrorCode.ALLOW_BLOCKED)).toEqual([]);
      expect(warnings(app, ErrorCode.EGRESS_WITHOUT_DNS)).toEqual([]);
    });

    test('warns EGRESS_WITHOUT_DNS when AllowFlow isolates egress in a namespace whose default deny covers ingress only', () => {
      // GIVEN ingress-only default deny, and a flow api -> db: the flow's egress side isolates api's egress
      const app = Testing.app();
      DefaultEngine.set(app, engine);
      const chart = new Chart(app, 'prod', { namespace: 'prod' });
      new DefaultDeny(chart, 'DenyIn', { egress: false });
      new AllowFlow(chart, 'ApiToDb', {
        source: Subject.pods(Selector.labels({ app: 'api' })),
        destination: Subject.pods(Selector.labels({ app: 'db' })),
        ports: [Port.tcp(5432)],
      });

      // THEN the isolating intent is named, and nothing else is reported
      const found = warnings(app, ErrorCode.EGRESS_WITHOUT_DNS);
      expect(found.map(w => w.path)).toEqual(['prod/ApiToDb/Egress']);
      expect(found[0].message).toContain('prod/pods(app=api)');
      expect(found[0].message).toContain('kube-system/pods(k8s-app=kube-dns)');
      expect(warnings(app, ErrorCode.ALLOW_BLOCKED)).toEqual([]);
    });
  });

  describe('ThreeTierApp behind a cluster default deny that isolates the ingress controller', () => {
    const cases: [string, (chart: Chart) => void, Engine][] = [
      ['kubernetes', chart => new ClusterDefaultDeny(chart, 'Baseline', { engine: Engine.KUBERNETES, namespaces: ['ingress-nginx'] }), Engine.KUBERNETES],
      ['calico', chart => new CalicoGlobalDeny(chart, 'Baseline'), Engine.CALICO],
      ['calico-crd', chart => new CalicoGlobalDeny(chart, 'Baseline', { engine: Engine.CALICO_CRD }), Engine.CALICO_CRD],
      ['cilium', chart => new CiliumClusterwideDeny(chart, 'Baseline'), Engine.CILIUM],
      ['cluster-network-policy', chart => new ClusterDefaultDeny(chart, 'Baseline', { engine: Engine.CLUSTER_NETWORK_POLICY }), Engine.KUBERNETES],
    ];
    test.each(cases)('warns ALLOW_BLOCKED on the frontend ingress (%s)', (_name, clusterDeny, appEngine) => {
      // GIVEN a cluster deny in its own chart, and the shop's three tiers with the ingress controller as ingress peer
      const app = Testing.app();
      clusterDeny(new Chart(app, 'cluster'));
      new ThreeTierApp(new Chart(app, 'shop', { namespace: 'shop' }), 'Shop', {
        frontend: Subject.pods(Selector.labels({ tier: 'frontend' })),
        api: Subject.pods(Selector.labels({ tier: 'api' })),
        database: Subject.pods(Selector.labels({ tier: 'database' })),
        engine: appEngine,
      });

      // THEN ingress-nginx -> frontend is dead: the controller's egress is isolated by the cluster deny
      const found = warnings(app, ErrorCode.ALLOW_BLOCKED);
      expect(found.map(w => w.path)).toEqual(['shop/Shop/FrontendIngress']);
      expect(found[0].message).toContain('ingress-nginx/pods(app.kubernetes.io/name=ingress-nginx) -> shop/pods(tier=frontend)');
    });
  });

  test('warns SUBJECT_SELECTS_NOTHING only where the app declares workloads', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'prod', { namespace: 'prod' });
    new DefaultDeny(chart, 'Deny');
    new AllowDns(chart, 'Dns');
    new AllowFlow(chart, 'ApiToDb', {
      source: Subject.pods(Selector.labels({ app: 'api' })),
      destination: Subject.pods(Selector.labels({ app: 'database' })),
      ports: [Port.tcp(5432)],
    });
    // No workloads declared: nothing to compare with.
    expect(warnings(app, ErrorCode.SUBJECT_SELECTS_NOTHING)).toEqual([]);

    // The database's pods carry app=db, not app=database.
    declareWorkloads(chart, [
      { namespace: 'prod', name: 'api', labels: { app: 'api' } },
      { namespace: 'prod', name: 'db', labels: { app: 'db' }, ports: [{ port: 5432 }] },
    ]);
    const found = warnings(app, ErrorCode.SUBJECT_SELECTS_NOTHING);
    expect(found.map(w => w.path)).toEqual(['prod/ApiToDb/Ingress']);
    expect(found[0].message).toContain('prod/api, prod/db');
  });

  test('can acknowledge each warning with a reason, on the construct or a scope above it', () => {
    // GIVEN an app that raises all three warnings
    const app = Testing.app();
    const web = new Chart(app, 'web', { namespace: 'web' });
    const oneSided = new AllowTo(web, 'WebToApi', {
      subject: Subject.pods(Selector.labels({ app: 'web' })),
      peers: [Subject.pods(Selector.labels({ app: 'api' }), 'api').asPeer('web')],
      ports: [Port.tcp(8080)],
    });
    const api = new Chart(app, 'api', { namespace: 'api' });
    new DefaultDeny(api, 'Deny', { egress: false });
    declareWorkloads(api, [{ namespace: 'web', name: 'frontend', labels: { app: 'frontend' } }]);
    expect(Diagnostics.of(app).filter(d => !d.acknowledged).map(d => d.code).sort())
      .toEqual([ErrorCode.ALLOW_BLOCKED, ErrorCode.EGRESS_WITHOUT_DNS, ErrorCode.SUBJECT_SELECTS_NOTHING]);

    // WHEN each is acknowledged with a reason
    Diagnostics.acknowledge(oneSided, ErrorCode.ALLOW_BLOCKED, 'api opens its side in another repository');
    Diagnostics.acknowledge(web, ErrorCode.EGRESS_WITHOUT_DNS, 'web uses a sidecar resolver');
    Diagnostics.acknowledge(app, ErrorCode.SUBJECT_SELECTS_NOTHING, 'the web pods are deployed later');

    // THEN they are listed with their reasons, and synthesis prints none of them
    expect(warnings(app, ErrorCode.ALLOW_BLOCKED)).toEqual([expect.objectContaining({ path: 'web/WebToApi', acknowledged: 'api opens its side in another repository' })]);
    expect(warnings(app, ErrorCode.EGRESS_WITHOUT_DNS)).toEqual([expect.objectContaining({ path: 'web/WebToApi', acknowledged: 'web uses a sidecar resolver' })]);
    expect(warnings(app, ErrorCode.SUBJECT_SELECTS_NOTHING)).toEqual([expect.objectContaining({ path: 'web/WebToApi', acknowledged: 'the web pods are deployed later' })]);
    const printed = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      app.synthYaml();
      expect(printed.mock.calls.map(c => String(c[0])).filter(line => /ALLOW_BLOCKED|EGRESS_WITHOUT_DNS|SUBJECT_SELECTS_NOTHING/.test(line))).toEqual([]);
    } finally {
      printed.mockRestore();
    }
  });

  test('prints each unacknowledged warning once per synthesis, with its code and path', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'prod', { namespace: 'prod' });
    new DefaultDeny(chart, 'Deny');
    const printed = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      app.synthYaml();
      Testing.synth(chart);
      const lines = printed.mock.calls.map(c => String(c[0])).filter(line => line.includes('EGRESS_WITHOUT_DNS'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^\[cdk-netpol\] warning \[EGRESS_WITHOUT_DNS\] prod\/Deny: /);
    } finally {
      printed.mockRestore();
    }
  });

  test('can be turned off for an app with the context key cdk-netpol:wholeAppCheck', () => {
    const app = Testing.app();
    app.node.setContext('cdk-netpol:wholeAppCheck', false);
    const chart = new Chart(app, 'prod', { namespace: 'prod' });
    new DefaultDeny(chart, 'Deny');
    expect(Diagnostics.of(app)).toEqual([]);
    quietly(() => app.synthYaml());
  });

  test('finds workloads of the app itself: a workload the subject selects silences SUBJECT_SELECTS_NOTHING', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'prod', { namespace: 'prod' });
    new DefaultDeny(chart, 'Deny');
    new AllowDns(chart, 'Dns');
    new AllowFlow(chart, 'ApiToDb', {
      source: Subject.pods(Selector.labels({ app: 'api' })),
      destination: Subject.pods(Selector.labels({ app: 'db' })),
      ports: [Port.tcp(5432)],
    });
    for (const name of ['api', 'db']) {
      new ApiObject(chart, name, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name },
        spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'x', ports: [{ containerPort: 5432 }] }] } } },
      });
    }
    expect(Diagnostics.of(app)).toEqual([]);
  });

  test('warns APP_CHECK_SKIPPED when a Calico policy names a tier no object of the app declares, and runs once it is declared', () => {
    // GIVEN a policy in tier security, whose order only its Tier object gives
    const app = Testing.app();
    const chart = new Chart(app, 'web', { namespace: 'web' });
    new AllowFrom(chart, 'FromA', {
      engine: Engine.CALICO,
      tier: 'security',
      subject: Subject.pods(Selector.labels({ app: 'web' })),
      peers: [Peer.pods(Selector.labels({ app: 'a' }))],
      ports: [Port.tcp(80)],
    });
    expect(warnings(app, ErrorCode.APP_CHECK_SKIPPED).map(w => w.path)).toEqual(['web']);
    expect(warnings(app, ErrorCode.APP_CHECK_SKIPPED)[0].message).toContain('tier \\"security\\" is not declared');

    // WHEN the app declares the tier, the check runs
    new ApiObject(chart, 'SecurityTier', { apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: 'security' }, spec: { order: 100 } });
    expect(warnings(app, ErrorCode.APP_CHECK_SKIPPED)).toEqual([]);
  });
});
