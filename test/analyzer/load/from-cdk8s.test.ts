import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { manifestError } from './support';
import { AllowDns, AllowFrom, DefaultDeny, Peer, Port, Selector, Subject } from '../../../lib';
import { clusterFromConstruct } from '../../../lib/analyzer/from-cdk8s';

function shop(): { app: App; web: Chart; policies: Chart; frontend: kplus.Deployment } {
  const app = Testing.app();
  const web = new Chart(app, 'web', { namespace: 'web' });
  const frontend = new kplus.Deployment(web, 'Frontend', {
    metadata: { name: 'frontend' },
    podMetadata: { labels: { app: 'frontend' } },
    containers: [{ image: 'nginx', portNumber: 8080, ports: [{ number: 9090, name: 'metrics' }], securityContext: { ensureNonRoot: false } }],
  });
  const policies = new Chart(app, 'policies', { namespace: 'web' });
  new DefaultDeny(policies, 'Deny');
  new AllowDns(policies, 'Dns');
  new AllowFrom(policies, 'FromIngress', {
    subject: Subject.pods(Selector.labels({ app: 'frontend' })),
    peers: [Peer.namespaceNamed('ingress')],
    ports: [Port.tcp(8080)],
  });
  return { app, web, policies, frontend };
}

describe('clusterFromConstruct', () => {
  test('can read a cdk8s App: a cdk8s-plus-27 Deployment and cdk-netpol policies across charts', () => {
    // GIVEN
    const { app } = shop();

    // WHEN
    const cluster = clusterFromConstruct(app);

    // THEN
    expect(cluster.endpoints).toHaveLength(1);
    const [frontend] = cluster.endpoints;
    expect(frontend).toMatchObject({ kind: 'Deployment', name: 'frontend', namespace: 'web', ips: [], source: 'web/Frontend/Resource' });
    expect(frontend.labels).toMatchObject({ app: 'frontend' });
    expect(frontend.labels['cdk8s.io/metadata.addr']).toMatch(/^web-Frontend-c8/);
    expect(frontend.ports).toEqual([{ port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP' }]);
    expect(cluster.policies.map(p => `${p.kind} ${p.namespace}/${p.name} ${p.source}`)).toEqual([
      'NetworkPolicy web/default-deny-all policies/Deny',
      'NetworkPolicy web/allow-dns policies/Dns',
      'NetworkPolicy web/frontend-ingress-from-ns-ingress policies/FromIngress',
    ]);
    expect(cluster.policies[0].spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect([...cluster.namespaces.values()]).toEqual([{ name: 'web', labels: { 'kubernetes.io/metadata.name': 'web' }, declared: false }]);
  });

  test('can read one Chart, judged against the workloads given as extra documents', () => {
    // GIVEN
    const { policies, web } = shop();
    const workloads = Testing.synth(web);
    const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web', labels: { team: 'shop' } } };

    // WHEN
    const alone = clusterFromConstruct(policies);
    const judged = clusterFromConstruct(policies, [...workloads, namespace]);

    // THEN
    expect(alone.endpoints).toEqual([]);
    expect(alone.policies).toHaveLength(3);
    expect(judged.endpoints.map(e => `${e.namespace}/${e.kind}/${e.name} ${e.source}`)).toEqual(['web/Deployment/frontend extraDocs#1']);
    expect(judged.namespaces.get('web')).toEqual({ name: 'web', labels: { 'team': 'shop', 'kubernetes.io/metadata.name': 'web' }, declared: true });
  });

  test('can read raw ApiObjects, nested charts and JSON patches as synthesized', () => {
    // GIVEN
    const app = Testing.app();
    const outer = new Chart(app, 'outer', { namespace: 'jobs' });
    const inner = new Chart(outer, 'inner', { namespace: 'batch' });
    const cron = new ApiObject(outer, 'Cron', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly' },
      spec: { schedule: '0 0 * * *', jobTemplate: { spec: { template: { metadata: { labels: { job: 'nightly' } }, spec: { containers: [] } } } } },
    });
    cron.addJsonPatch(JsonPatch.add('/spec/jobTemplate/spec/template/metadata/labels/patched', 'yes'));
    new ApiObject(inner, 'Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } });

    // WHEN
    const cluster = clusterFromConstruct(outer);

    // THEN
    expect(cluster.endpoints.map(e => `${e.namespace}/${e.kind}/${e.name} ${e.source} ${JSON.stringify(e.labels)}`)).toEqual([
      'batch/Pod/p outer/inner/Pod {}',
      'jobs/CronJob/nightly outer/Cron {"job":"nightly","patched":"yes"}',
    ]);
  });

  test('can read an App built with a second copy of cdk8s', () => {
    // GIVEN: cdk8s loaded again, as when two versions sit in node_modules
    let other: typeof import('cdk8s') | undefined;
    jest.isolateModules(() => {
      other = jest.requireActual('cdk8s');
    });
    expect(other!.Chart).not.toBe(Chart);
    const app = other!.Testing.app();
    const chart = new other!.Chart(app, 'other', { namespace: 'elsewhere' });
    new other!.ApiObject(chart, 'Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'p' } } });

    // WHEN
    const cluster = clusterFromConstruct(app);

    // THEN
    expect(cluster.endpoints.map(e => `${e.namespace}/${e.name} ${e.source}`)).toEqual(['elsewhere/p other/Pod']);
  });

  test('throws if a synthesized object is malformed, naming its construct path', () => {
    const chart = new Chart(Testing.app(), 'bad', { namespace: 'prod' });
    new ApiObject(chart, 'Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { n: 1 as any } } });
    const error = manifestError(() => clusterFromConstruct(chart));
    expect(error.message).toBe('bad/Pod: Pod prod/p: metadata.labels["n"]: must be a string, got the number 1; quote it in YAML');
    expect(error.source).toBe('bad/Pod');
  });

  test('throws if the scope is neither an App nor a Chart and holds no Chart', () => {
    const chart = new Chart(Testing.app(), 'c');
    const plain = new Construct(chart, 'Plain');
    expect(() => clusterFromConstruct(plain)).toThrow('expected a cdk8s App or Chart or a cdktf stack, but c/Plain is neither and holds none');
  });
});
