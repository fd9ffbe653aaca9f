import * as fc from 'fast-check';
import { VALID_MANIFESTS } from './valid-manifests';
import { buildCluster } from '../../../lib/analyzer/load';
import { runCli } from '../../cli/harness';
import { hasSchema, registerIfSchemas, validateManifest } from '../../support/kube-validator';
import { schemaViolations } from '../../support/validators/ajv';
import { compiledSchema } from '../../support/validators/sources';

// Mutates valid manifests of every kind the way hands and templates break them, runs the CLI on each, and
// holds the loader to the API server: whatever it accepts is valid for the official schemas and rules
// (test/support/kube-validator.ts, which shares no code with lib/), and whatever it refuses is refused with
// exit 2 and one line. Mutations stay inside spec/specs: metadata is read by the loader's own readers.

/** The validator's rules that are stricter than the API server the loader follows, each with the reason. */
const KNOWN_STRICTER = [
  // Optional since Kubernetes 1.34 (the 1.35 schema the loader follows); the validator holds manifests to 1.33.
  /^spec\.podSelector: Required value: required by Kubernetes up to 1\.33/,
];

const MUTATIONS = ['drop', 'rename', 'retype', 'listAsMapping', 'stringifyNumber', 'duplicateEntry', 'unknownKey'] as const;
type Mutation = typeof MUTATIONS[number];
type Path = readonly (string | number)[];

/** The official verdict on a manifest: the kube-validator for the kinds it knows, the CRD schema for Calico's network sets. */
function officialViolations(doc: any): string[] {
  const violations = hasSchema(doc) ? validateManifest(doc) : schemaViolations(networkSetSchema(doc), doc);
  return violations.filter(v => !KNOWN_STRICTER.some(r => r.test(v)));
}

function networkSetSchema(doc: any) {
  const v3 = doc.apiVersion === 'projectcalico.org/v3';
  const plural = doc.kind === 'NetworkSet' ? 'networksets' : 'globalnetworksets';
  return compiledSchema({
    crd: v3 ? `calico/v3.32.1/api/config/crd/projectcalico.org_${plural}.yaml` : `calico/v3.32.1/libcalico-go/config/crd/crd.projectcalico.org_${plural}.yaml`,
    group: v3 ? 'projectcalico.org' : 'crd.projectcalico.org',
    version: v3 ? 'v3' : 'v1',
    kind: doc.kind,
    namespaced: doc.kind === 'NetworkSet',
  });
}

/** Every path to a value under spec and specs. */
function pathsOf(doc: any): Path[] {
  const out: Path[] = [];
  const walk = (value: unknown, path: Path) => {
    out.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (typeof value === 'object' && value !== null) Object.entries(value).forEach(([k, v]) => walk(v, [...path, k]));
  };
  for (const root of ['spec', 'specs']) if (doc[root] !== undefined) walk(doc[root], [root]);
  return out;
}

const get = (doc: any, path: Path): any => path.reduce((v, k) => v[k], doc);

/** Applies one mutation at the `pick`-th path where it applies; `variant` chooses among its forms. */
function mutate(original: any, mutation: Mutation, pick: number, variant: number): { doc: any; what: string } {
  const doc = structuredClone(original);
  const value = (path: Path) => get(doc, path);
  const keyed = (path: Path) => path.length > 1 && typeof path[path.length - 1] === 'string';
  const applicable = pathsOf(doc).filter(path => {
    switch (mutation) {
      case 'drop': case 'rename': return keyed(path);
      case 'retype': return path.length > 1;
      case 'listAsMapping': return Array.isArray(value(path)) && value(path).length > 0;
      case 'stringifyNumber': return typeof value(path) === 'number';
      case 'duplicateEntry': return Array.isArray(value(path)) && value(path).length > 0;
      case 'unknownKey': return typeof value(path) === 'object' && value(path) !== null && !Array.isArray(value(path));
    }
  });
  if (applicable.length === 0) return { doc, what: 'unchanged' };
  const path = applicable[pick % applicable.length];
  const parent = get(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  const current = value(path);
  const set = (v: unknown) => { parent[last] = v; };
  const where = path.join('.');
  switch (mutation) {
    case 'drop':
      delete parent[last];
      return { doc, what: `drop ${where}` };
    case 'rename': {
      const key = String(last);
      const names = [`${key}s`, key.toLowerCase() === key ? key.toUpperCase() : key.toLowerCase(), key.slice(0, -1), `${key.slice(1)}${key[0]}`];
      const name = names[variant % names.length];
      delete parent[last];
      parent[name] = current;
      return { doc, what: `rename ${where} to ${name}` };
    }
    case 'retype': {
      const options: unknown[] = Array.isArray(current) ? [{ ...current }, 'text', 3]
        : typeof current === 'object' && current !== null ? [[current], 'text', 3]
          : typeof current === 'string' ? [7, true, [current], { value: current }]
            : typeof current === 'number' ? ['many', true, [current], {}]
              : ['true', 1, []];
      const next = options[variant % options.length];
      set(next);
      return { doc, what: `retype ${where} to ${JSON.stringify(next)}` };
    }
    case 'listAsMapping': {
      const first = current[0];
      // The missing "- ": one item written as the mapping it is, or the items keyed by position.
      const next = variant % 2 === 0 && typeof first === 'object' && first !== null && !Array.isArray(first) ? first : Object.fromEntries(current.map((v: unknown, i: number) => [`item${i}`, v]));
      set(next);
      return { doc, what: `list as mapping at ${where}` };
    }
    case 'stringifyNumber':
      set(String(current));
      return { doc, what: `stringify ${where}` };
    case 'duplicateEntry': {
      const i = variant % current.length;
      current.splice(i + 1, 0, structuredClone(current[i]));
      return { doc, what: `duplicate ${where}[${i}]` };
    }
    case 'unknownKey': {
      const names = ['extra', 'colour', 'podSelecter', 'x-note'];
      current[names[variant % names.length]] = variant % 3 === 0 ? {} : 'x';
      return { doc, what: `add ${names[variant % names.length]} to ${where}` };
    }
  }
}

registerIfSchemas(() => {
  describe('the loader against mutated manifests of every kind', () => {
    test.each(VALID_MANIFESTS.map(d => [`${d.apiVersion} ${d.kind} ${d.metadata.name}`, d]))('the unmutated %s is valid and accepted', (_what, doc) => {
      expect(officialViolations(doc)).toEqual([]);
      expect(() => buildCluster([doc])).not.toThrow();
    });

    test('accepts only what the official schemas accept, and refuses with exit 2 and one line', async () => {
      const outcomes = { accepted: 0, refused: 0 };
      await fc.assert(fc.asyncProperty(
        fc.nat({ max: VALID_MANIFESTS.length - 1 }), fc.constantFrom(...MUTATIONS), fc.nat(), fc.nat(),
        async (fixture, mutation, pick, variant) => {
          const { doc, what } = mutate(VALID_MANIFESTS[fixture], mutation, pick, variant);
          const result = await runCli(['matrix', '--format', 'json', '-'], { stdin: JSON.stringify(doc) });
          const label = `${doc.apiVersion} ${doc.kind}: ${what}`;
          if (result.code === 0) {
            outcomes.accepted++;
            expect({ label, violations: officialViolations(doc) }).toEqual({ label, violations: [] });
          } else {
            outcomes.refused++;
            expect({ label, code: result.code, stdout: result.stdout }).toEqual({ label, code: 2, stdout: '' });
            expect(result.stderr).toMatch(/^cdk-netpol: <stdin>: [^\n]+\n$/);
          }
        },
      ), { numRuns: 300 });
      // Not vacuous: mutations are both accepted (a dropped optional field) and refused.
      expect(outcomes.accepted).toBeGreaterThan(0);
      expect(outcomes.refused).toBeGreaterThan(0);
    }, 30_000);
  });
});
