import * as fc from 'fast-check';
import { reachabilityDiff } from '../../../lib/analyzer/diff';
import { ENGINE_NAMES, EngineName, evaluatorFor } from '../../../lib/analyzer/evaluators';
import { MatrixEntry } from '../../../lib/analyzer/matrix';
import { pairwiseMatrix } from '../../../lib/analyzer/matrix-pairwise';
import { ClusterSpec, clusterOf, clusterSpecArb } from '../properties/engine-clusters';

// Removing one policy (or adding it: the same pair read the other way) changes reachability by exactly the set
// difference of the two matrices, each evaluated pair by pair on its own (the reference, not the fast matrix diff uses).

const RUNS = 150;
const key = (e: MatrixEntry) => `${e.from.namespace}/${e.from.name} -> ${e.to.namespace}/${e.to.name} ${e.port}/${e.protocol}`;
const keys = (entries: readonly MatrixEntry[]) => new Set(entries.map(key));

describe.each(ENGINE_NAMES.map(e => [e]))('%s: the diff of a change is the set difference of the matrices (property)', (engine: EngineName) => {
  test('removing one policy, and adding it back', () => {
    let changed = 0;
    fc.assert(fc.property(clusterSpecArb(engine), fc.nat(), (spec: ClusterSpec, pick: number) => {
      fc.pre(spec.policies.length > 0);
      const withIt = clusterOf(spec);
      const without = clusterOf({ ...spec, policies: spec.policies.filter((_, i) => i !== pick % spec.policies.length) });
      const before = keys(pairwiseMatrix(withIt, evaluatorFor(engine, withIt)));
      const after = keys(pairwiseMatrix(without, evaluatorFor(engine, without)));
      const expected = {
        added: [...after].filter(k => !before.has(k)).sort(),
        removed: [...before].filter(k => !after.has(k)).sort(),
      };
      const removal = reachabilityDiff(withIt, without, engine);
      const text = (c: { from: string; to: string; port: number; protocol: string }) => `${c.from} -> ${c.to} ${c.port}/${c.protocol}`;
      // Between workloads (the matrices hold no peer outside the cluster).
      const inside = (c: { from: string; to: string }) => !c.from.startsWith('outside:') && !c.to.startsWith('outside:');
      expect({ added: removal.added.filter(inside).map(text).sort(), removed: removal.removed.filter(inside).map(text).sort() }).toEqual(expected);
      const name = spec.policies[pick % spec.policies.length].metadata;
      expect(removal.policies.removed).toHaveLength(1);
      expect(removal.policies.removed[0].endsWith(` ${name.namespace ? `${name.namespace}/` : ''}${name.name}`)).toBe(true);
      const addition = reachabilityDiff(without, withIt, engine);
      const readBack = { added: addition.added.filter(inside).map(text).sort(), removed: addition.removed.filter(inside).map(text).sort() };
      expect(readBack).toEqual({ added: expected.removed, removed: expected.added });
      if (expected.added.length + expected.removed.length > 0) changed++;
    }), { numRuns: RUNS });
    // The generator must produce changes that matter.
    expect(changed).toBeGreaterThan(RUNS / 20);
  });
});
