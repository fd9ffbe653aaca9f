import { manifestError } from './support';
import { parseManifests } from '../../../lib/analyzer/load';

const names = (docs: any[]) => docs.map(d => `${d.kind}/${d.metadata.name}`);

describe('parseManifests', () => {
  test('can read a multi-document YAML stream, skipping empty documents', () => {
    // GIVEN
    const text = [
      '# leading comment',
      'apiVersion: v1',
      'kind: Namespace',
      'metadata: {name: prod}',
      '---',
      '---',
      '# only a comment',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      '  namespace: prod',
      '...',
      '---',
      'null',
    ].join('\n');

    // WHEN
    const docs = parseManifests(text, 'app.yaml');

    // THEN
    expect(docs).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'prod' } },
    ]);
  });

  test('can read JSON, with or without a .json name', () => {
    const text = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {"app": "p"}}}';
    expect(parseManifests(text, 'pod.json')).toEqual([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'p' } } }]);
    expect(parseManifests(text, '<stdin>')).toEqual(parseManifests(text, 'pod.json'));
    expect(parseManifests(text, 'pod.yaml')).toEqual(parseManifests(text, 'pod.json'));
  });

  test('can read flow-style YAML that looks like JSON', () => {
    expect(parseManifests('{apiVersion: v1, kind: Pod, metadata: {name: p}}', '<stdin>')).toEqual([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }]);
  });

  test('can flatten a List into its items, in place', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: first}',
      '---',
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- {apiVersion: v1, kind: Pod, metadata: {name: a}}',
      '- {apiVersion: v1, kind: Service, metadata: {name: b}}',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: last}',
    ].join('\n');
    expect(names(parseManifests(text, 'list.yaml'))).toEqual(['Pod/first', 'Pod/a', 'Service/b', 'Pod/last']);
  });

  test('can flatten nested Lists and typed lists whose items omit kind and apiVersion', () => {
    const text = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'inner' } }] },
        { apiVersion: 'apps/v1', kind: 'DeploymentList', items: [{ metadata: { name: 'typed' } }] },
        { apiVersion: 'v1', kind: 'List', items: [] },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'outer' } },
      ],
    });
    const docs = parseManifests(text, 'get.json');
    expect(docs).toEqual([
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'inner' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'typed' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'outer' } },
    ]);
  });

  test('can read a kind named ...List that has no items as itself', () => {
    expect(parseManifests('apiVersion: example.com/v1\nkind: AccessList\nspec: {}', 'crd.yaml')).toEqual([
      { apiVersion: 'example.com/v1', kind: 'AccessList', spec: {} },
    ]);
  });

  test('can expand YAML anchors, aliases and merge keys into independent objects', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      '  labels: &labels {app: web, tier: front}',
      'spec:',
      '  template:',
      '    metadata:',
      '      labels:',
      '        <<: *labels',
      '        extra: "yes"',
      '  selector:',
      '    matchLabels: *labels',
    ].join('\n');
    const [doc] = parseManifests(text, 'anchors.yaml');
    expect(doc.spec.template.metadata.labels).toEqual({ app: 'web', tier: 'front', extra: 'yes' });
    expect(doc.spec.selector.matchLabels).toEqual({ app: 'web', tier: 'front' });
    expect(doc.spec.selector.matchLabels).not.toBe(doc.metadata.labels);
  });

  test('throws if a classic billion-laughs alias bomb is given, in well under a second', () => {
    // GIVEN: 9^9 "lol"s once expanded
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [prev, next] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h'], ['h', 'i']]) {
      levels.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n${levels.map(l => `  ${l}`).join('\n')}\n`;

    // WHEN
    const started = Date.now();
    const error = manifestError(() => parseManifests(`apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\n---\n${text}`, 'bomb.yaml'));

    // THEN
    expect(Date.now() - started).toBeLessThan(500);
    expect(error.message).toBe('bomb.yaml: document 2: YAML alias limit exceeded (more than 100 aliases)');
    expect(error.source).toBe('bomb.yaml');
  });

  test('throws if a document uses more aliases than the limit, however small each expansion', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: &a x\n  list: [${Array(11).fill('*a').join(', ')}]\n`;
    expect(parseManifests(text, 'ok.yaml', { maxAliasCount: 11 })[0].data.list).toHaveLength(11);
    expect(manifestError(() => parseManifests(text, 'many.yaml', { maxAliasCount: 10 })).message)
      .toBe('many.yaml: document 1: YAML alias limit exceeded (more than 10 aliases)');
  });

  test('throws if aliases of a large anchor expand beyond the node budget', () => {
    const text = `apiVersion: v1\nkind: X\nbig: &big [${Array(10_000).fill('x').join(',')}]\ncopies: [${Array(200).fill('*big').join(',')}]\n`;
    expect(manifestError(() => parseManifests(text, 'wide.yaml', { maxAliasCount: 1000 })).message)
      .toBe(`wide.yaml: document 1: YAML aliases expand to more than ${text.length + 1_000_000} nodes`);
  });

  test('throws if an alias refers to its own anchor', () => {
    expect(manifestError(() => parseManifests('apiVersion: v1\nkind: X\nspec: &s {self: *s}\n', 'cycle.yaml')).message)
      .toBe('cycle.yaml: document 1: a YAML alias refers to an anchor that contains it (a cycle)');
  });

  test('throws if the text is over the byte limit, before parsing it', () => {
    // GIVEN: 33 MiB that would take YAML half a minute to parse
    const line = `  k: ${'v'.repeat(58)}\n`;
    const huge = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${line.repeat(17 * 1024 * 1024 / line.length)}`;

    // WHEN
    const started = Date.now();
    const error = manifestError(() => parseManifests(huge, 'huge.yaml'));

    // THEN
    expect(Date.now() - started).toBeLessThan(500);
    expect(error.message).toMatch(/^huge\.yaml: too large \(17\.0 MiB; the limit is 16 MiB\)$/);
    expect(manifestError(() => parseManifests('apiVersion: v1\nkind: Pod\n', 'small.yaml', { maxBytes: 10 })).message)
      .toBe('small.yaml: too large (25 bytes; the limit is 10 bytes)');
  });

  test('counts bytes, not characters, against the limit', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, annotations: {a: "ééééé"}}\n';
    expect(manifestError(() => parseManifests(text, 'utf8.yaml', { maxBytes: text.length })).message).toContain('too large');
  });

  test('throws if there are more documents than the limit', () => {
    const text = Array(4).fill('apiVersion: v1\nkind: ConfigMap\n').join('---\n');
    expect(parseManifests(text, 'four.yaml', { maxDocuments: 4 })).toHaveLength(4);
    expect(manifestError(() => parseManifests(text, 'four.yaml', { maxDocuments: 3 })).message).toBe('four.yaml: more than 3 documents');
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Array(4).fill({ apiVersion: 'v1', kind: 'ConfigMap' }) });
    expect(manifestError(() => parseManifests(list, 'list.json', { maxDocuments: 3 })).message).toBe('list.json: more than 3 documents');
  });

  test('throws if the YAML is malformed, naming the document and the line', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n   labels: x\n';
    const error = manifestError(() => parseManifests(text, 'bad.yaml'));
    expect(error.message).toMatch(/^bad\.yaml: document 2: invalid YAML at line 8, column 9: Nested mappings are not allowed in compact mappings$/);
    expect(error.message).not.toContain('\n');
    expect(error.source).toBe('bad.yaml');
  });

  test('throws if a document is nested too deeply to walk', () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(manifestError(() => parseManifests(`apiVersion: v1\nkind: X\nspec: ${deep(20_000)}\n`, 'deep.yaml')).message)
      .toMatch(/^deep\.yaml: document 1: invalid YAML at line 3, column \d+: the document is nested too deeply$/);
    expect(parseManifests(`{"apiVersion": "v1", "kind": "X", "spec": ${deep(999)}}`, 'ok.json')).toHaveLength(1);
    expect(manifestError(() => parseManifests(`{"apiVersion": "v1", "kind": "X", "spec": ${deep(1000)}}`, 'deep.json')).message)
      .toBe('deep.json: invalid JSON: nested more than 1000 levels deep');
    expect(manifestError(() => parseManifests(`{"apiVersion": "v1", "kind": "X", "spec": ${deep(20_000)}}`, '<stdin>')).message)
      .toBe('<stdin>: invalid JSON: nested more than 1000 levels deep');
  });

  test('throws if a mapping repeats a key', () => {
    expect(manifestError(() => parseManifests('apiVersion: v1\nkind: Pod\nkind: Service\n', 'dup.yaml')).message)
      .toBe('dup.yaml: document 1: invalid YAML at line 3, column 1: Map keys must be unique');
  });

  test('throws if the JSON is malformed, naming the line and column', () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n}\n';
    expect(manifestError(() => parseManifests(text, 'pod.json')).message).toBe('pod.json: invalid JSON at line 4, column 1: Expected double-quoted property name');
    expect(manifestError(() => parseManifests('{"kind": "Pod"', '<stdin>')).message).toMatch(/^<stdin>: invalid JSON/);
  });

  test('throws if a document is not an object', () => {
    expect(manifestError(() => parseManifests('apiVersion: v1\nkind: Pod\n---\njust a string\n', 'text.yaml')).message)
      .toBe('text.yaml: document 2: expected a Kubernetes object (a mapping with apiVersion and kind), got the string "just a string"');
    expect(manifestError(() => parseManifests('[{"kind": "Pod"}]', 'array.json')).message)
      .toBe('array.json: document 1: expected a Kubernetes object (a mapping with apiVersion and kind), got a list');
    expect(manifestError(() => parseManifests('42', 'n.json')).message)
      .toBe('n.json: document 1: expected a Kubernetes object (a mapping with apiVersion and kind), got the number 42');
  });

  test('throws if an object has no kind or no apiVersion', () => {
    expect(manifestError(() => parseManifests('replicas: 3\n', 'values.yaml')).message).toBe('values.yaml: document 1: not a Kubernetes object: kind is missing');
    expect(manifestError(() => parseManifests('kind: Pod\n', 'pod.yaml')).message).toBe('pod.yaml: document 1: Pod: apiVersion is missing');
  });

  test('throws if a List item is not an object, naming the item', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Pod}\n- 3\n';
    expect(manifestError(() => parseManifests(text, 'list.yaml')).message)
      .toBe('list.yaml: document 1, items[1]: expected a Kubernetes object (a mapping with apiVersion and kind), got the number 3');
    expect(manifestError(() => parseManifests('apiVersion: v1\nkind: List\nitems: {}\n', 'list.yaml')).message)
      .toBe('list.yaml: document 1: List: items must be a list, got a mapping');
  });

  test('can read a YAML key named __proto__ as a plain key', () => {
    const [doc] = parseManifests('apiVersion: v1\nkind: X\nspec: {__proto__: {polluted: true}}\n', 'proto.yaml');
    expect(Object.keys(doc.spec)).toEqual(['__proto__']);
    expect(({} as any).polluted).toBeUndefined();
  });
});
