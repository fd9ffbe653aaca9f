import * as fc from 'fast-check';
import { kubernetesEvaluator } from '../../../lib/analyzer/kubernetes/evaluator';
import { computeMatrix, MatrixEntry } from '../../../lib/analyzer/matrix';
import { Cluster, Endpoint, Evaluator, Namespace, PolicyDocument } from '../../../lib/analyzer/types';

const text = (entries: MatrixEntry[]) => entries.map(e => `${e.from.namespace}/${e.from.name} -> ${e.to.namespace}/${e.to.name} ${e.port}/${e.protocol}`);

function clusterOf(endpoints: Endpoint[], policies: PolicyDocument[]): Cluster {
  const names = [...new Set(endpoints.map(e => e.namespace))].sort();
  const namespaces = new Map<string, Namespace>(names.map(n => [n, { name: n, labels: { 'kubernetes.io/metadata.name': n, 'team': n.endsWith('1') ? 'a' : 'b' }, declared: true }]));
  return { namespaces, endpoints, services: [], policies };
}

// Hides the compiled policies, forcing the pair-by-pair path the fast path must agree with.
const opaque = (evaluator: Evaluator): Evaluator => ({ engine: evaluator.engine, evaluate: f => evaluator.evaluate(f) });

describe('computeMatrix', () => {
  test('lists allowed flows on declared ports, grouping replicas', () => {
    const pod = (ns: string, name: string, app: string, port: number): Endpoint =>
      ({ kind: 'Pod', namespace: ns, name, labels: { app, 'pod-template-hash': name }, ips: [], ports: [{ port, protocol: 'TCP' }] });
    const endpoints = [pod('p1', 'web-1', 'web', 80), pod('p1', 'web-2', 'web', 80), pod('p1', 'api', 'api', 8080)];
    const policies: PolicyDocument[] = [
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: 'p1', name: 'deny', spec: { podSelector: {}, policyTypes: ['Ingress'] } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: 'p1', name: 'api', spec: { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] } },
    ];
    const cluster = clusterOf(endpoints, policies);
    expect(text(computeMatrix(cluster, kubernetesEvaluator(cluster)))).toEqual(['p1/web-1 -> p1/api 8080/TCP', 'p1/web-2 -> p1/api 8080/TCP']);
  });

  test('the grouped NetworkPolicy path agrees with pair-by-pair evaluation (property)', () => {
    const label = fc.constantFrom('web', 'api', 'db');
    const endpointArb = fc.record({ ns: fc.constantFrom('n1', 'n2'), app: label, port: fc.constantFrom(80, 8080) });
    const selector = fc.oneof(fc.constant({}), label.map(app => ({ matchLabels: { app } })));
    const nsSelector = fc.oneof(fc.constant(undefined), fc.constant({}), fc.constantFrom('a', 'b').map(team => ({ matchLabels: { team } })));
    const peer = fc.record({ podSelector: fc.oneof(fc.constant(undefined), selector), namespaceSelector: nsSelector })
      .map(p => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)))
      .filter(p => Object.keys(p).length > 0);
    const rule = fc.record({
      peers: fc.oneof(fc.constant(undefined), fc.array(peer, { minLength: 1, maxLength: 2 })),
      port: fc.oneof(fc.constant(undefined), fc.constantFrom(80, 8080)),
    })
      .map(r => ({ ...(r.peers ? { from: r.peers, to: r.peers } : {}), ...(r.port ? { ports: [{ port: r.port }] } : {}) }));
    const policyArb = fc.record({ ns: fc.constantFrom('n1', 'n2'), subject: selector, types: fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress']), rules: fc.array(rule, { maxLength: 2 }) });
    fc.assert(fc.property(fc.array(endpointArb, { minLength: 1, maxLength: 6 }), fc.array(policyArb, { maxLength: 4 }), (eps, pols) => {
      const endpoints: Endpoint[] = eps.map((e, i) => ({ kind: 'Pod', namespace: e.ns, name: `p${i}`, labels: { app: e.app }, ips: [], ports: [{ port: e.port, protocol: 'TCP' }] }));
      const policies: PolicyDocument[] = pols.map((p, i) => ({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        namespace: p.ns,
        name: `np${i}`,
        spec: {
          podSelector: p.subject,
          policyTypes: p.types,
          ingress: p.rules.map(r => ({ ...(r.from ? { from: r.from } : {}), ...(r.ports ? { ports: r.ports } : {}) })),
          egress: p.rules.map(r => ({ ...(r.to ? { to: r.to } : {}), ...(r.ports ? { ports: r.ports } : {}) })),
        },
      }));
      const cluster = clusterOf(endpoints, policies);
      const evaluator = kubernetesEvaluator(cluster);
      expect(text(computeMatrix(cluster, evaluator))).toEqual(text(computeMatrix(cluster, opaque(evaluator))));
    }), { numRuns: 300 });
  });
});
