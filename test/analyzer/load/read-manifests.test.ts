import * as fs from 'fs';
import * as path from 'path';
import { manifestError, podYaml, removeTree, treeOf } from './support';
import { buildCluster, readManifests } from '../../../lib/analyzer/load';

describe('readManifests', () => {
  let root: string;
  afterEach(() => removeTree(root));

  test('can read a folder recursively, in name order, skipping other files and hidden entries', () => {
    // GIVEN
    root = treeOf({
      'b.yaml': podYaml('b'),
      'a.yml': podYaml('a'),
      'sub/z.json': JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'sub-z' } }),
      'sub/deeper/c.YAML': podYaml('deep-c'),
      'a-c.yaml': podYaml('a-c'),
      'README.md': '# not a manifest',
      'values.txt': 'x: 1',
      '.github/workflows/ci.yml': 'on: push',
      '.hidden.yaml': 'not: read',
    });

    // WHEN
    const docs = readManifests([root]);

    // THEN
    expect(docs.map(d => d.metadata.name)).toEqual(['a-c', 'a', 'b', 'deep-c', 'sub-z']);
  });

  test('can read files and folders in the order given, each file once', () => {
    root = treeOf({ 'one.yaml': podYaml('one'), 'dir/two.yaml': podYaml('two'), 'dir/three.yaml': podYaml('three') });
    const one = path.join(root, 'one.yaml');
    const docs = readManifests([path.join(root, 'dir'), one, root, one]);
    expect(docs.map(d => d.metadata.name)).toEqual(['three', 'two', 'one']);
  });

  test('can read a file of any extension when it is named', () => {
    root = treeOf({ 'manifest.txt': podYaml('txt') });
    expect(readManifests([path.join(root, 'manifest.txt')]).map(d => d.metadata.name)).toEqual(['txt']);
  });

  test('can name each object\'s file and document in buildCluster\'s messages', () => {
    root = treeOf({ 'ok.yaml': podYaml('ok'), 'bad.yaml': `${podYaml('fine')}---\napiVersion: v1\nkind: Pod\nmetadata: {labels: {a: b}}\n` });
    const docs = readManifests([root]);
    expect(docs).toHaveLength(3);
    expect(manifestError(() => buildCluster(docs)).message).toBe(`${path.join(root, 'bad.yaml')}: document 2: Pod: metadata.name: is missing`);
  });

  test('throws if a path cannot be read, naming it', () => {
    root = treeOf({ 'a.yaml': podYaml('a') });
    const missing = path.join(root, 'missing.yaml');
    const error = manifestError(() => readManifests([path.join(root, 'a.yaml'), missing]));
    expect(error.message).toBe(`${missing}: cannot read (no such file or directory)`);
    expect(error.source).toBe(missing);
  });

  test('throws if a folder holds no manifest files', () => {
    root = treeOf({ 'empty/README.md': 'nothing here' });
    const folder = path.join(root, 'empty');
    expect(manifestError(() => readManifests([folder])).message).toBe(`${folder}: no manifest files (*.yaml, *.yml, *.json) in this folder`);
  });

  test('throws if a file is over the byte limit, without parsing it', () => {
    root = treeOf({ 'big.yaml': `${podYaml('big')}# ${'x'.repeat(2000)}\n` });
    const file = path.join(root, 'big.yaml');
    expect(manifestError(() => readManifests([file], { maxBytes: 1024 })).message).toMatch(/big\.yaml: too large \(2\.0 KiB; the limit is 1 KiB\)$/);
  });

  test('throws if all the files together hold more documents than the limit', () => {
    root = treeOf({ 'a.yaml': `${podYaml('a')}---\n${podYaml('b')}`, 'b.yaml': podYaml('c') });
    expect(readManifests([root], { maxDocuments: 3 })).toHaveLength(3);
    expect(manifestError(() => readManifests([root], { maxDocuments: 2 })).message)
      .toBe(`${path.join(root, 'b.yaml')}: more than 2 documents in all the manifests read`);
  });

  test('can follow a symlinked folder once, without looping', () => {
    root = treeOf({ 'real/a.yaml': podYaml('a') });
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'real', 'loop'));
    expect(readManifests([root]).map(d => d.metadata.name)).toEqual(['a']);
  });
});
