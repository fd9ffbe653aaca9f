import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { manifestError, podYaml, removeTree, treeOf } from './support';
import { buildCluster, parseManifests, readManifests, readTextInput } from '../../../lib/analyzer/load';

let root: string;
beforeAll(() => { root = treeOf({}); });
afterAll(() => removeTree(root));

describe('the size limit applies to whatever is read', () => {
  test('a character device that never ends (/dev/zero) is refused at the limit, not read until memory runs out', () => {
    const error = manifestError(() => readManifests(['/dev/zero'], { maxBytes: 1024 }));
    expect(error.message).toBe('/dev/zero: too large (64 KiB; the limit is 1 KiB)');
    expect(error.source).toBe('/dev/zero');
  });

  test('/dev/zero at the default limit of 16 MiB', () => {
    expect(manifestError(() => readManifests(['/dev/zero'])).message).toMatch(/^\/dev\/zero: too large \(16\.\d MiB; the limit is 16 MiB\)$/);
  });

  test('an endless pipe (a FIFO fed by `yes`) is refused at the limit', () => {
    const fifo = path.join(root, 'endless.yaml');
    execFileSync('mkfifo', [fifo]);
    let writer: ChildProcess | undefined;
    try {
      writer = spawn('sh', ['-c', `exec yes 'a: b' > "${fifo}"`], { stdio: 'ignore' });
      // A pipe hands over what the writer wrote so far: the count at refusal depends on the timing.
      const error = manifestError(() => readManifests([fifo], { maxBytes: 100_000 }));
      expect(error.message.startsWith(`${fifo}: too large (`)).toBe(true);
      expect(error.message).toMatch(/ KiB; the limit is 97\.7 KiB\)$/);
    } finally {
      writer?.kill();
    }
  });

  test('a regular file over the limit is refused before it is read', () => {
    const file = path.join(root, 'big.yaml');
    fs.writeFileSync(file, podYaml('a').repeat(100));
    expect(manifestError(() => readManifests([file], { maxBytes: 100 })).message).toMatch(/big\.yaml: too large \(4\.\d KiB; the limit is 100 bytes\)$/);
  });

  test('other inputs (the CLI\'s FLOWS.json) are read within the same limit', () => {
    expect(manifestError(() => readTextInput('/dev/zero', { maxBytes: 10 })).message).toBe('/dev/zero: too large (64 KiB; the limit is 10 bytes)');
    const file = path.join(root, 'flows.json');
    fs.writeFileSync(file, '[]');
    expect(readTextInput(file)).toBe('[]');
  });
});

describe('JSON duplicate keys are refused like YAML\'s', () => {
  test('in a .json file: the key, its line and column, and the object it is in', () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "a", "namespace": "x", "name": "b"}\n}\n';
    expect(manifestError(() => parseManifests(text, 'pod.json')).message)
      .toBe('pod.json: invalid JSON at line 4, column 47: duplicate key "name" in metadata (JSON readers keep the last one silently; remove one)');
  });

  test('in JSON read from a .yaml file or stdin (the JSON fast path)', () => {
    const text = '{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "kind": "Pod"}]}';
    expect(manifestError(() => parseManifests(text, '<stdin>')).message)
      .toBe('<stdin>: invalid JSON at line 1, column 111: duplicate key "kind" in items[0] (JSON readers keep the last one silently; remove one)');
    expect(manifestError(() => parseManifests(text, 'list.yaml')).message).toContain('duplicate key "kind" in items[0]');
  });

  test('at the top level, and with escapes that spell the same key', () => {
    expect(manifestError(() => parseManifests('{"kind": "Pod", "apiVersion": "v1", "kin\\u0064": "Service"}', 'x.json')).message)
      .toContain('duplicate key "kind" in the top-level object');
  });

  test('the same key in two objects, or a key that is a value elsewhere, is fine', () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'kind', labels: { name: 'x' } } }] });
    expect(parseManifests(text, 'list.json')).toHaveLength(1);
  });

  test('the same in YAML is refused by the YAML reader', () => {
    expect(manifestError(() => parseManifests('apiVersion: v1\nkind: Pod\nkind: Service\n', 'x.yaml')).message).toMatch(/^x\.yaml: document 1: invalid YAML at line 3/);
  });
});

describe('error lines stay one line whatever the file name', () => {
  test('a file name with a newline is escaped in the message, and kept as given in the error\'s source', () => {
    const file = path.join(root, 'evil\nname.yaml');
    fs.writeFileSync(file, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec: {podSelektor: {}}\n');
    const error = manifestError(() => buildCluster(readManifests([file])));
    expect(error.message).not.toMatch(/[\n\r]/);
    expect(error.message.startsWith(`${JSON.stringify(file)}: document 1: [API_UNKNOWN_FIELD] NetworkPolicy default/p: spec.podSelektor`)).toBe(true);
    expect(error.source).toBe(file);
  });

  test('a missing file with control characters in its name', () => {
    const error = manifestError(() => readManifests([path.join(root, 'no\u0007such\r.yaml')]));
    expect(error.message).toMatch(/^".*no\\u0007such\\r\.yaml": cannot read \(no such file or directory\)$/);
  });

  test('the source of what is read names the file the same way', () => {
    const file = path.join(root, 'tab\there.yaml');
    fs.writeFileSync(file, podYaml('a'));
    const [endpoint] = buildCluster(readManifests([file])).endpoints;
    expect(endpoint.source).toBe(`${JSON.stringify(file)}#1`);
  });
});
