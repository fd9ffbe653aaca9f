import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KUBE_DNS, SHOP_PODS, pod, shopChart } from './fixtures';
import { AllowFlow, AllowFrom, DefaultDeny, Peer, Port, Selector, Subject } from '../../lib';
import { declareWorkloads, declaredWorkloadsOf, installMatchers, isWorkloadsTarget, withWorkloads } from '../../lib/testing';
import { workloadManifest } from '../../lib/testing/workloads';

installMatchers();

describe('workloadManifest', () => {
  test('can describe a Pod with named ports and IPs', () => {
    expect(workloadManifest({ namespace: 'prod', name: 'web', labels: { app: 'web' }, ports: [{ name: 'dns', port: 53, protocol: 'udp' }], ips: ['10.0.0.7'] })).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'prod', labels: { app: 'web' } },
      spec: { containers: [{ name: 'main', image: 'declared', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] }] },
      status: { podIP: '10.0.0.7', podIPs: [{ ip: '10.0.0.7' }] },
    });
  });

  test('can describe a Deployment and a CronJob by their pod templates', () => {
    const deployment = workloadManifest({ namespace: 'prod', name: 'api', kind: 'Deployment', labels: { app: 'api' }, ports: [{ port: 8080 }] });
    expect(deployment.apiVersion).toEqual('apps/v1');
    expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'api' } });
    expect(deployment.spec.template.metadata.labels).toEqual({ app: 'api' });
    expect(deployment.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    const cronJob = workloadManifest({ namespace: 'prod', name: 'report', kind: 'CronJob', labels: { app: 'report' } });
    expect(cronJob.spec.jobTemplate.spec.template.metadata.labels).toEqual({ app: 'report' });
  });

  test('throws if the spec would mislead the analysis', () => {
    expect(() => workloadManifest({ namespace: 'prod', name: 'api', kind: 'Deployment', labels: {}, ips: ['10.0.0.1'] }))
      .toThrow('workload prod/api: ips are only known for kind Pod, not Deployment');
    expect(() => workloadManifest({ namespace: 'prod', name: 'api', kind: 'Service', labels: {} })).toThrow(/kind "Service" is not a workload kind/);
    expect(() => workloadManifest({ namespace: 'prod', name: 'api', labels: {}, ports: [{ port: 0 }] })).toThrow('workload prod/api: ports[0]: port 0 is not in 1-65535');
    expect(() => workloadManifest({ namespace: '', name: 'api', labels: {} })).toThrow(/namespace and name are required/);
  });
});

describe('declareWorkloads', () => {
  test('can declare on a chart and be seen from its App, adding up', () => {
    // GIVEN
    const app = Testing.app();
    const chart = shopChart(app);
    // WHEN
    declareWorkloads(chart, [pod('prod', 'web')]);
    declareWorkloads(app, [pod('prod', 'api')]);
    // THEN
    expect(declaredWorkloadsOf(app)).toHaveLength(2);
    expect(app).toAllow({ from: 'prod/web', to: 'prod/api', port: 8080 });
  });

  test('cannot add anything to the construct tree', () => {
    const chart = shopChart();
    const before = Testing.synth(chart);
    declareWorkloads(chart, SHOP_PODS);
    expect(Testing.synth(chart)).toEqual(before);
  });

  test('cannot leak into another App', () => {
    const first = shopChart();
    declareWorkloads(first, SHOP_PODS);
    const second = shopChart();
    expect(declaredWorkloadsOf(second)).toEqual([]);
    expect(() => expect(second).toAllow({ from: 'prod/web', to: 'prod/api', port: 8080 })).toThrow(/no workloads/);
  });

  test('throws if a declaration is wrong, where it is made', () => {
    expect(() => declareWorkloads(shopChart(), [{ namespace: 'prod', name: 'x', kind: 'Deployment', labels: {}, ips: ['10.0.0.1'] }]))
      .toThrow(/ips are only known for kind Pod/);
  });

  test('can declare a construct of another App: a cdk8s-plus-27 Deployment is read, not moved', () => {
    // GIVEN the team's Deployment in its own App, and a policy app that selects it
    const workloadsApp = new App();
    const api = new kplus.Deployment(new Chart(workloadsApp, 'api', { namespace: 'prod' }), 'api', {
      metadata: { name: 'api' },
      containers: [{ image: 'api:1', ports: [{ name: 'http', number: 8080 }], securityContext: { user: 1000 } }],
    });
    const app = Testing.app();
    const chart = new Chart(app, 'policies', { namespace: 'prod' });
    new DefaultDeny(chart, 'Deny', { egress: false });
    new AllowFrom(chart, 'WebToApi', { subject: Subject.workload(api), peers: [Peer.pods(Selector.labels({ app: 'web' }))], ports: [Port.tcp(8080)] });
    // WHEN
    declareWorkloads(app, [api, pod('prod', 'web'), pod('prod', 'batch')]);
    // THEN
    expect(Testing.synth(chart).map(o => o.kind)).toEqual(['NetworkPolicy', 'NetworkPolicy']);
    expect(app).toAllow({ from: 'prod/web', to: 'prod/api', port: 'http' });
    expect(app).toDeny({ from: 'prod/batch', to: 'prod/api', port: 8080 });
  });

  test('can declare a plain manifest: a Namespace whose labels a namespaceSelector reads', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'policies', { namespace: 'prod' });
    new AllowFrom(chart, 'FromTeam', {
      subject: Subject.pods(Selector.labels({ app: 'api' })),
      peers: [Peer.namespaces(Selector.labels({ team: 'shop' }))],
      ports: [Port.tcp(8080)],
    });
    declareWorkloads(app, [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop-web', labels: { team: 'shop' } } },
      pod('shop-web', 'web'),
      pod('other', 'web'),
      pod('prod', 'api'),
    ]);
    expect(app).toAllow({ from: 'shop-web/web', to: 'prod/api', port: 8080 });
    expect(app).toDeny({ from: 'other/web', to: 'prod/api', port: 8080 });
  });

  test('can see cdk8s-plus-27 workloads in the app itself, without declaring them', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'shop', { namespace: 'prod' });
    const container = (name: string) => ({ image: `${name}:1`, ports: [{ number: 8080 }], securityContext: { user: 1000 } });
    const web = new kplus.Deployment(chart, 'web', { metadata: { name: 'web' }, containers: [container('web')] });
    const api = new kplus.Deployment(chart, 'api', { metadata: { name: 'api' }, containers: [container('api')] });
    const db = new kplus.Deployment(chart, 'db', { metadata: { name: 'db' }, containers: [container('db')] });
    new DefaultDeny(chart, 'Deny');
    new AllowFlow(chart, 'WebToApi', { source: Subject.workload(web), destination: Subject.workload(api), ports: [Port.tcp(8080)] });
    expect(db.name).toEqual('db');
    expect(app).toAllow({ from: 'prod/web', to: 'prod/api', port: 8080 });
    expect(app).toDeny({ from: 'prod/db', to: 'prod/api', port: 8080 });
  });
});

describe('withWorkloads', () => {
  test('can judge against workloads for one assertion, without recording them', () => {
    const chart = shopChart();
    const target = withWorkloads(chart, SHOP_PODS);
    expect(isWorkloadsTarget(target)).toBe(true);
    expect(isWorkloadsTarget(chart)).toBe(false);
    expect(target).toAllow({ from: 'prod/web', to: 'prod/api', port: 8080 });
    expect(declaredWorkloadsOf(chart)).toEqual([]);
  });

  test('can add to the declared workloads', () => {
    const chart = shopChart();
    declareWorkloads(chart, [pod('prod', 'web'), KUBE_DNS]);
    expect(withWorkloads(chart, [pod('prod', 'api')])).toAllow({ from: 'prod/web', to: 'prod/api', port: 8080 });
    expect(() => expect(chart).toAllow({ from: 'prod/web', to: 'prod/api', port: 8080 })).toThrow(/prod\/api/);
  });

  test('throws if a workload is wrong', () => {
    expect(() => withWorkloads(shopChart(), [{ namespace: 'prod', name: 'x', labels: {}, ports: [{ port: 70000 }] }])).toThrow(/port 70000/);
  });
});
