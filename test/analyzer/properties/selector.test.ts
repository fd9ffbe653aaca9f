import * as fc from 'fast-check';
import { matchesLabelSelector } from '../../../lib/analyzer/selectors';
import { LabelExpression, Selector } from '../../../lib/model';

// Label selector matching against a brute-force reading of the Kubernetes LabelSelector definition
// (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors and the LabelSelector
// API reference): the requirements are ANDed; matchLabels {k: v} is `k In (v)`; `In` needs the key with one of the
// values; `NotIn` is the complement of `In` (so a missing key matches); `Exists` needs the key; `DoesNotExist` is its
// complement; the empty selector selects everything. Each requirement is read as the SET of label maps it accepts,
// over the whole universe of label maps on a few keys and values, so no label map is left untried.

const KEYS = ['app', 'tier', 'env'];
const VALUES = ['a', 'b', 'c'];

type Labels = Record<string, string>;

/** Every label map over KEYS with values in VALUES (each key absent or set): 4^3 = 64 maps. */
const UNIVERSE: Labels[] = KEYS.reduce<Labels[]>((maps, key) => maps.flatMap(m => [m, ...VALUES.map(v => ({ ...m, [key]: v }))]), [{}]);

type Requirement =
  | { readonly kind: 'label'; readonly key: string; readonly value: string }
  | { readonly kind: 'expr'; readonly key: string; readonly operator: 'In' | 'NotIn'; readonly values: string[] }
  | { readonly kind: 'expr'; readonly key: string; readonly operator: 'Exists' | 'DoesNotExist' };

// `other` is a key no label map has.
const keyArb = fc.constantFrom(...KEYS, 'other');
const requirementArb: fc.Arbitrary<Requirement> = fc.oneof(
  fc.record({ kind: fc.constant('label' as const), key: keyArb, value: fc.constantFrom(...VALUES) }),
  fc.record({
    kind: fc.constant('expr' as const),
    key: keyArb,
    operator: fc.constantFrom('In' as const, 'NotIn' as const),
    values: fc.subarray(VALUES, { minLength: 1 }),
  }),
  fc.record({ kind: fc.constant('expr' as const), key: keyArb, operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
);

/** The selector JSON for requirements (a later matchLabels entry for the same key replaces an earlier one). */
function toSelector(reqs: readonly Requirement[]): any {
  const selector: any = {};
  for (const r of reqs) {
    if (r.kind === 'label') {
      selector.matchLabels = { ...(selector.matchLabels ?? {}), [r.key]: r.value };
    } else {
      const e: any = { key: r.key, operator: r.operator };
      if ('values' in r) e.values = r.values;
      selector.matchExpressions = [...(selector.matchExpressions ?? []), e];
    }
  }
  return selector;
}

/** The set (indices into UNIVERSE) a requirement accepts. */
function accepted(r: Requirement): Set<number> {
  const all = new Set(UNIVERSE.keys());
  const where = (p: (l: Labels) => boolean) => new Set([...all].filter(i => p(UNIVERSE[i])));
  const complement = (s: Set<number>) => new Set([...all].filter(i => !s.has(i)));
  const inSet = (key: string, values: readonly string[]) => where(l => key in l && values.includes(l[key]));
  const exists = (key: string) => where(l => key in l);
  if (r.kind === 'label') return inSet(r.key, [r.value]);
  switch (r.operator) {
    case 'In': return inSet(r.key, r.values);
    case 'NotIn': return complement(inSet(r.key, r.values));
    case 'Exists': return exists(r.key);
    case 'DoesNotExist': return complement(exists(r.key));
  }
}

/** The set a selector accepts: the intersection of its requirements (after matchLabels replacement). */
function acceptedBy(reqs: readonly Requirement[]): Set<number> {
  const effective = reqs.filter((r, i) => r.kind !== 'label' || !reqs.slice(i + 1).some(o => o.kind === 'label' && o.key === r.key));
  return effective.reduce((acc, r) => {
    const s = accepted(r);
    return new Set([...acc].filter(i => s.has(i)));
  }, new Set(UNIVERSE.keys()));
}

const matchedBy = (selector: any) => new Set([...UNIVERSE.keys()].filter(i => matchesLabelSelector(selector, UNIVERSE[i])));
const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

const RUNS = { numRuns: 300 };

describe('label selector matching (property)', () => {
  test('matchesLabelSelector accepts exactly the brute-force set, on every label map', () => {
    fc.assert(fc.property(fc.array(requirementArb, { maxLength: 5 }), reqs => {
      expect(sorted(matchedBy(toSelector(reqs)))).toEqual(sorted(acceptedBy(reqs)));
    }), RUNS);
  });

  test('the empty selector matches everything, however it is spelled', () => {
    for (const empty of [{}, { matchLabels: {} }, { matchExpressions: [] }, { matchLabels: {}, matchExpressions: [] }]) {
      expect(matchedBy(empty).size).toBe(UNIVERSE.length);
    }
  });

  test('adding a requirement never matches more', () => {
    fc.assert(fc.property(fc.array(requirementArb, { maxLength: 4 }), requirementArb, (reqs, extra) => {
      // A matchLabels entry on a key the selector already pins replaces it rather than adding to it: not an addition.
      fc.pre(!(extra.kind === 'label' && reqs.some(r => r.kind === 'label' && r.key === extra.key)));
      const before = matchedBy(toSelector(reqs));
      const after = matchedBy(toSelector([...reqs, extra]));
      for (const i of after) expect(before.has(i)).toBe(true);
    }), RUNS);
  });

  test('a selector built with lib/model means, once rendered, what its requirements say', () => {
    // The model renders selectors for manifests (Selector._toKube); the analyzer reads them back.
    const exprArb = requirementArb.filter((r): r is Exclude<Requirement, { kind: 'label' }> => r.kind === 'expr');
    const labelsArb = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES));
    fc.assert(fc.property(labelsArb, fc.array(exprArb, { maxLength: 3 }), (labels, exprs) => {
      const model = Selector.of({
        matchLabels: labels,
        matchExpressions: exprs.map(e => e.operator === 'In' ? LabelExpression.isIn(e.key, e.values)
          : e.operator === 'NotIn' ? LabelExpression.notIn(e.key, e.values)
            : e.operator === 'Exists' ? LabelExpression.exists(e.key) : LabelExpression.doesNotExist(e.key)),
      });
      const reqs: Requirement[] = [...Object.entries(labels).map(([key, value]) => ({ kind: 'label' as const, key, value })), ...exprs];
      expect(sorted(matchedBy(model._toKube()))).toEqual(sorted(acceptedBy(reqs)));
      for (const extra of exprs) {
        const narrowed = matchedBy(Selector.of({ matchLabels: labels }).withExpression(LabelExpression.exists(extra.key))._toKube());
        for (const i of narrowed) expect(matchedBy(Selector.of({ matchLabels: labels })._toKube()).has(i)).toBe(true);
      }
    }), RUNS);
  });
});
