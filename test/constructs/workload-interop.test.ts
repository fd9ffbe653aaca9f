import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AllowFlow, AllowFrom, ErrorCode, Peer, Port, Subject } from '../../lib';
import { chartIn, netpolError, policyNamed } from '../support/helpers';

describe('Subject.workload', () => {
  test('can take a cdk8s-plus-27 Deployment as subject and peer, across namespaces', () => {
    const app = Testing.app();
    const web = new Chart(app, 'web', { namespace: 'web' });
    const api = new Chart(app, 'api', { namespace: 'api' });
    const frontend = new kplus.Deployment(web, 'Frontend', { metadata: { name: 'frontend' }, containers: [{ image: 'nginx', portNumber: 8080 }] });
    const backend = new kplus.StatefulSet(api, 'Backend', { metadata: { name: 'backend' }, containers: [{ image: 'api', portNumber: 9090 }] });
    new AllowFlow(web, 'Flow', { source: Subject.workload(frontend), destination: Subject.workload(backend), ports: [Port.tcp(9090)] });

    const frontendLabel = { 'cdk8s.io/metadata.addr': frontend.toPodSelectorConfig().labelSelector._toKube().matchLabels!['cdk8s.io/metadata.addr'] };
    const backendLabel = { 'cdk8s.io/metadata.addr': backend.toPodSelectorConfig().labelSelector._toKube().matchLabels!['cdk8s.io/metadata.addr'] };
    const egress = policyNamed(web, 'frontend-egress-to-api-backend');
    expect(egress.metadata.namespace).toBe('web');
    expect(egress.spec.podSelector).toEqual({ matchLabels: frontendLabel });
    expect(egress.spec.egress[0].to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'api' } }, podSelector: { matchLabels: backendLabel } }]);
    const ingress = policyNamed(web, 'backend-ingress-from-web-frontend');
    expect(ingress.metadata.namespace).toBe('api');
    expect(ingress.spec.podSelector).toEqual({ matchLabels: backendLabel });
  });

  test('can take a cdk8s-plus-27 Pod and a raw ApiObject workload', () => {
    const chart = chartIn('data');
    const pod = new kplus.Pod(chart, 'Job', { metadata: { name: 'reporter' }, containers: [{ image: 'r' }] });
    const db = new ApiObject(chart, 'Db', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'postgres' },
      spec: { selector: { matchLabels: { app: 'postgres' } }, serviceName: 'postgres', template: { metadata: { labels: { app: 'postgres', extra: 'x' } }, spec: { containers: [] } } },
    });
    new AllowFrom(chart, 'DbAccess', { subject: Subject.workload(db), peers: [Subject.workload(pod).asPeer('data')], ports: [Port.tcp(5432)] });
    const policy = policyNamed(chart, 'postgres-ingress-from-reporter');
    expect(policy.spec.podSelector).toEqual({ matchLabels: { app: 'postgres' } });
    expect(policy.spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: { 'cdk8s.io/metadata.addr': pod.toPodSelectorConfig().labelSelector._toKube().matchLabels!['cdk8s.io/metadata.addr'] } } }]);
  });

  test('can use the readable labels a cdk8s-plus-27 workload selects on', () => {
    const chart = chartIn('shop');
    const api = new kplus.Deployment(chart, 'Api', { metadata: { name: 'api' }, select: false, podMetadata: { labels: { app: 'api' } }, containers: [{ image: 'api' }] });
    api.select(kplus.LabelSelector.of({ labels: { app: 'api' } }));
    const subject = Subject.workload(api);
    expect(subject.selector.toString()).toBe('app=api');
    expect(subject.namespaceName).toBe('shop');
    expect(subject.displayName).toBe('api');
  });

  test('can read pod labels of raw Pods, CronJobs and Services', () => {
    const chart = chartIn('jobs');
    const pod = new ApiObject(chart, 'Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'p' } } });
    const cron = new ApiObject(chart, 'Cron', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly' },
      spec: { schedule: '0 0 * * *', jobTemplate: { spec: { template: { metadata: { labels: { job: 'nightly' } }, spec: { containers: [] } } } } },
    });
    const svc = new ApiObject(chart, 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 's' } } });
    expect(Subject.workload(pod).selector.toString()).toBe('app=p');
    expect(Subject.workload(cron).selector.toString()).toBe('job=nightly');
    expect(Subject.workload(svc).selector.toString()).toBe('app=s');
    expect(Subject.workload(svc).namespaceName).toBe('jobs');
    expect(Subject.workload(cron).displayName).toBe('nightly');
  });

  test('throws WORKLOAD_WITHOUT_SELECTOR for a construct with no pods, never selecting everything', () => {
    const chart = chartIn('prod');
    const config = new ApiObject(chart, 'Config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    const error = netpolError(() => new AllowFrom(chart, 'X', { subject: Subject.workload(config), peers: [Peer.anywhere()], ports: [Port.HTTP] }));
    expect(error.code).toBe(ErrorCode.WORKLOAD_WITHOUT_SELECTOR);
    expect(error.field).toBe('subject');
    expect(error.value).toBe('test/Config');
    const flowError = netpolError(() => new AllowFlow(chart, 'Y', { source: Subject.workload(config), destination: Subject.allPods(), ports: [Port.HTTP] }));
    expect(flowError.code).toBe(ErrorCode.WORKLOAD_WITHOUT_SELECTOR);
  });
});
