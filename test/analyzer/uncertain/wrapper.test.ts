import { clusterOf, pod } from './support';
import { evaluatorFor } from '../../../lib/analyzer/evaluators';
import { Evaluator, Flow, Verdict } from '../../../lib/analyzer/types';
import { withPodAddressUncertainty } from '../../../lib/analyzer/uncertain-evaluator';

// The wrapper around any evaluator: it places IP-less endpoints only when the evaluation looked at their IPs, and
// keeps the wrapped evaluator's other fields. A hand-written evaluator stands in for an engine here.

const BLOCK = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-ingress, namespace: prod}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{ipBlock: {cidr: 10.72.0.0/16}}]}]
`;
const cluster = clusterOf([pod('prod/a', { app: 'a' }), pod('prod/db', { app: 'db' })], BLOCK);
const flow: Flow = {
  from: { kind: 'endpoint', endpoint: cluster.endpoints[0] },
  to: { kind: 'endpoint', endpoint: cluster.endpoints[1] },
  port: 5432,
  protocol: 'TCP',
};
const verdict = (allowed: boolean): Verdict => ({ allowed, egressAllowed: true, ingressAllowed: allowed, trace: [], certain: true });

/** A stand-in engine: `decide` sees the flow; every call is counted. */
function fake(decide: (f: Flow) => boolean) {
  const calls: Flow[] = [];
  const evaluator: Evaluator & { policies: string[] } = {
    engine: 'kubernetes',
    policies: ['kept'],
    evaluate: f => {
      calls.push(f);
      return verdict(decide(f));
    },
  };
  return { evaluator, calls };
}

describe('withPodAddressUncertainty', () => {
  test('an evaluation that never reads the IPs is evaluated once and is certain', () => {
    const { evaluator, calls } = fake(() => false);
    const wrapped = withPodAddressUncertainty(evaluator, cluster);
    expect(wrapped.evaluate(flow)).toEqual(verdict(false));
    expect(calls).toHaveLength(1);
    expect(wrapped.policies).toEqual(['kept']);
    expect(wrapped.podAddressesMatter).toBe(true);
  });

  test('reading the source\'s IPs places the source only: uncertain when places disagree', () => {
    const inBlock = (f: Flow) => f.from.kind === 'endpoint' && f.from.endpoint.ips.some(ip => ip.startsWith('10.72.'));
    const { evaluator, calls } = fake(inBlock);
    const v = withPodAddressUncertainty(evaluator, cluster).evaluate(flow);
    expect([v.allowed, v.certain]).toEqual([false, false]);
    expect(v.assumption).toMatch(/^prod\/a has no known IP; whether it is in ipBlock\(10\.72\.0\.0\/16\) of NetworkPolicy prod\/db-ingress decides the verdict/);
    // Every placement kept the destination as it was.
    expect(calls.slice(1).every(f => f.to === flow.to)).toBe(true);
    expect(new Set(calls.slice(1).map(f => JSON.stringify(f.from.kind === 'endpoint' && f.from.endpoint.ips))).size).toBe(calls.length - 1);
  });

  test('pod CIDRs that no address peer reaches: the wrapped evaluator answers alone', () => {
    const { evaluator, calls } = fake(() => true);
    const wrapped = withPodAddressUncertainty(evaluator, { ...cluster, podCidrs: ['10.244.0.0/16'] });
    expect(wrapped.podAddressesMatter).toBe(false);
    expect(wrapped.evaluate(flow)).toEqual(verdict(true));
    expect(calls).toEqual([flow]);
  });

  test('evaluatorFor keeps the engines\' extra fields', () => {
    expect(Array.isArray((evaluatorFor('kubernetes', cluster) as any).policies)).toBe(true);
    expect(Array.isArray((evaluatorFor('calico', cluster) as any).policies)).toBe(true);
    expect(Array.isArray((evaluatorFor('cilium', cluster) as any).problems)).toBe(true);
    expect(evaluatorFor('cluster-network-policy', cluster).engine).toBe('cluster-network-policy');
  });
});
