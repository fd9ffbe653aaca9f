import * as fc from 'fast-check';
import { analyzerVerdicts, clusterArb, policiesArb, probeKey, probesOf, show } from './clusters';
import { RefPeer, refEvaluate, refModel, refPod } from './reference';

// Differential test: on random small clusters with random NetworkPolicies (selectors with matchLabels and
// matchExpressions, AND/OR peers, ipBlock with except, numeric, named and ranged ports, protocols, explicit and
// defaulted policyTypes), the analyzer's Kubernetes evaluator must give, on every probed flow and for each side,
// the verdict of the naive reference model written from the API reference (./reference.ts).
// Loopback (a pod to itself) is not probed: its treatment is undefined upstream (kubernetes/kubernetes#95879).

describe('Kubernetes evaluator against the reference model (property)', () => {
  test('same egress, ingress and overall verdict on every flow', () => {
    fc.assert(fc.property(clusterArb, policiesArb(0, 3), (cluster, policies) => {
      const docs = [...cluster, ...policies];
      const got = analyzerVerdicts(docs);
      const model = refModel(docs);
      const side = (ref: string): RefPeer => (ref.includes('/') ? { pod: refPod(model, ref) } : { ip: ref });
      for (const probe of probesOf(docs)) {
        const want = refEvaluate(model, side(probe.from), side(probe.to), probe.port, probe.protocol);
        const v = got.get(probeKey(probe))!;
        const actual = { egress: v.egressAllowed, ingress: v.ingressAllowed, allowed: v.allowed };
        if (JSON.stringify(actual) !== JSON.stringify(want)) {
          throw new Error(`${probeKey(probe)}: analyzer ${JSON.stringify(actual)}, reference ${JSON.stringify(want)}\n`
            + `${cluster.map(d => JSON.stringify(d)).join('\n')}\n${show(docs)}`);
        }
      }
    }), { numRuns: 300 });
  });
});
