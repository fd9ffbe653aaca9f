import { Chart, Testing } from 'cdk8s';
import { AllowFlow, ErrorCode, Port, Selector, Subject } from '../../lib';
import { chartIn, netpolError, policyNamed } from '../support/helpers';

describe('AllowFlow', () => {
  test('can open a flow across namespaces with egress at the source and ingress at the destination', () => {
    const chart = chartIn('frontend');
    new AllowFlow(chart, 'WebToBackend', {
      source: Subject.pods(Selector.labels({ app: 'web' })),
      destination: Subject.pods(Selector.labels({ app: 'backend' }), 'backend'),
      ports: [Port.tcp(8080)],
    });
    const egress = policyNamed(chart, 'web-egress-to-backend');
    const ingress = policyNamed(chart, 'backend-ingress-from-frontend-web');
    expect(egress.metadata.namespace).toBe('frontend');
    expect(egress.spec).toEqual({
      egress: [{
        ports: [{ port: 8080, protocol: 'TCP' }],
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'backend' } }, podSelector: { matchLabels: { app: 'backend' } } }],
      }],
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
    });
    expect(ingress.metadata.namespace).toBe('backend');
    expect(ingress.spec).toEqual({
      ingress: [{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'frontend' } }, podSelector: { matchLabels: { app: 'web' } } }],
        ports: [{ port: 8080, protocol: 'TCP' }],
      }],
      podSelector: { matchLabels: { app: 'backend' } },
      policyTypes: ['Ingress'],
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('can open a flow inside one namespace with bare pod selectors and custom names', () => {
    const chart = chartIn('prod');
    const flow = new AllowFlow(chart, 'ApiToDb', {
      source: Subject.pods(Selector.labels({ app: 'api' })),
      destination: Subject.pods(Selector.labels({ app: 'db' })),
      ports: [Port.tcp(5432)],
      egressName: 'api-to-db',
      ingressName: 'db-from-api',
    });
    expect(flow.policies.map(p => `${p.namespaceName}/${p.name}`)).toEqual(['prod/api-to-db', 'prod/db-from-api']);
    expect(policyNamed(chart, 'api-to-db').spec.egress[0].to).toEqual([{ podSelector: { matchLabels: { app: 'db' } } }]);
    expect(policyNamed(chart, 'db-from-api').spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: { app: 'api' } } }]);
  });

  test('can open a flow to every pod of another namespace', () => {
    const chart = chartIn('ci');
    new AllowFlow(chart, 'ToCache', { source: Subject.allPods(), destination: Subject.allPods('cache'), ports: [Port.tcp(6379)] });
    expect(policyNamed(chart, 'all-pods-egress-to-ns-cache').spec.egress[0].to).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'cache' } } },
    ]);
    expect(policyNamed(chart, 'all-pods-ingress-from-ns-ci').spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ci' } } },
    ]);
  });

  test('throws NAMESPACE_REQUIRED naming the side that has no namespace', () => {
    const chart = new Chart(Testing.app(), 'nons');
    const error = netpolError(() => new AllowFlow(chart, 'Flow', {
      source: Subject.pods(Selector.labels({ app: 'web' })),
      destination: Subject.pods(Selector.labels({ app: 'api' }), 'shop'),
      ports: [Port.tcp(8080)],
    }));
    expect(error.code).toBe(ErrorCode.NAMESPACE_REQUIRED);
    expect(error.field).toBe('source.namespaceName');
    expect(error.fix).toContain('give the source a namespace');
  });
});
