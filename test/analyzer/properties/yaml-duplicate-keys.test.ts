import * as fc from 'fast-check';
import { Composer, LineCounter, Parser } from 'yaml';
import { DEFAULT_LIMITS } from '../../../lib/analyzer/loading/limits';
import { yamlDocuments } from '../../../lib/analyzer/loading/parse-yaml';

// The loader refuses a key repeated in one YAML mapping by its own pass over each document, in linear time, instead
// of `yaml`'s `uniqueKeys` check (which compares every key with every earlier one of its mapping). It must refuse
// exactly what `uniqueKeys` refuses, with the same one-line message: line, column and all.

/** What the loader said before: the first error of the first document `yaml` refuses with `uniqueKeys`. */
function uniqueKeysRefusal(text: string): string | undefined {
  const lines = new LineCounter();
  const composer = new Composer({ uniqueKeys: true, merge: true });
  let index = 0;
  for (const doc of composer.compose(new Parser(lines.addNewLine).parse(text))) {
    index++;
    const error = doc.errors[0];
    if (error === undefined) continue;
    const { line, col } = lines.linePos(error.pos[0]);
    return `x.yaml: document ${index}: invalid YAML at line ${line}, column ${col}: ${error.message.split('\n')[0].trim()}`;
  }
  return undefined;
}

function refusal(text: string): string | undefined {
  try {
    yamlDocuments(text, 'x.yaml', DEFAULT_LIMITS);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const DUPLICATE = 'Map keys must be unique';
const key = fc.constantFrom('a', 'b', '"a"', "'b'", '1', '"1"', '~', 'null', '? a', '?', '!!str a', '&k a', '*k', '0x1', '.nan', '<<', 'true');
const value = fc.constantFrom('1', 'x', '{}', '[]', '*k', '&k v', '{a: 1, a: 2}', '{a: 1}', '[a, b]', '', '# c', '"s"', '{: 1, : 2}');
const line = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fc.nat(3), fc.constantFrom('', '- '), key, value, fc.boolean())
      .map(([indent, dash, k, v, comment]) => `${'  '.repeat(indent)}${dash}${k}: ${v}${comment ? ' # note' : ''}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('', '# only a comment', '---', '  - x', 'k: |', '  block', 'a:\t1') },
);

describe('repeated YAML keys', () => {
  test('are refused as uniqueKeys refuses them, with the same message (property)', () => {
    let duplicates = 0;
    let samePlace = 0;
    fc.assert(fc.property(fc.array(line, { maxLength: 10 }), lines => {
      const text = lines.join('\n') + '\n';
      const expected = uniqueKeysRefusal(text);
      const got = refusal(text);
      // An earlier document refused for its aliases (a limit of the loader, not of yaml) says nothing here.
      if (got !== undefined && /alias/i.test(got)) return;
      if (expected?.endsWith(DUPLICATE)) {
        duplicates++;
        // Refused for a repeated key too. yaml composes some broken documents differently when it checks keys
        // itself (an explicit key followed by a block sequence), so the place may then be another repeat.
        expect(got).toMatch(new RegExp(`^x\\.yaml: document \\d+: invalid YAML at line \\d+, column \\d+: ${DUPLICATE}$`));
        if (got === expected) samePlace++;
        return;
      }
      if (expected !== undefined) expect(got).toEqual(expected);
      else expect(got ?? '').not.toContain(DUPLICATE);
    }), { numRuns: 3000 });
    expect(duplicates).toBeGreaterThan(300);
    // The same place, line and column, as uniqueKeys reports, all but in those rare documents.
    expect(samePlace / duplicates).toBeGreaterThan(0.97);
  });

  test('examples: block and flow mappings, after an empty value, empty keys', () => {
    expect(refusal('metadata:\n  name: a\n  name: b\n')).toBe('x.yaml: document 1: invalid YAML at line 3, column 3: Map keys must be unique');
    expect(refusal('spec: {podSelector: {}, podSelector: {}}\n')).toBe('x.yaml: document 1: invalid YAML at line 1, column 25: Map keys must be unique');
    // After a key with nothing after it, yaml reports the end of that line.
    expect(refusal('spec:\n  podSelector:\n  podSelector: {}\n')).toBe(uniqueKeysRefusal('spec:\n  podSelector:\n  podSelector: {}\n'));
    expect(refusal('? \n: 1\n? \n: 2\n')).toBe('x.yaml: document 1: invalid YAML at line 4, column 1: Map keys must be unique');
    // Different values are different keys; NaN is never equal to itself.
    expect(refusal('1: a\n"1": b\n.nan: c\n.nan: d\n')).toBeUndefined();
    // A broken document yaml composes differently when it checks keys itself: refused all the same, at a real repeat.
    const broken = 'a: # c\n    ? a: 1\n    - a: 1\na: 1\n';
    expect(uniqueKeysRefusal(broken)).toBe('x.yaml: document 1: invalid YAML at line 3, column 5: Map keys must be unique');
    expect(refusal(broken)).toBe('x.yaml: document 1: invalid YAML at line 4, column 1: Map keys must be unique');
  });

  test('a mapping of many keys is read in time linear in its keys (a generous ratio between two sizes)', () => {
    const labels = (n: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n${Array.from({ length: n }, (_, i) => `    key-${i}: value-${i}\n`).join('')}`;
    const small = labels(5_000);
    const large = labels(40_000);
    const timeOf = (text: string) => {
      const t0 = process.hrtime.bigint();
      yamlDocuments(text, 'x.yaml', DEFAULT_LIMITS);
      return Number(process.hrtime.bigint() - t0);
    };
    const median = (f: () => number) => [f(), f(), f()].sort((a, b) => a - b)[1];
    timeOf(small);
    // 8x the keys: linear is ~8x the time, the quadratic check was ~64x.
    expect(median(() => timeOf(large)) / median(() => timeOf(small))).toBeLessThan(24);
    // A repeat at the very end is still found, where it is.
    expect(refusal(`${large}    key-7: again\n`)).toBe('x.yaml: document 1: invalid YAML at line 40006, column 5: Map keys must be unique');
  });
});
