import * as fs from 'fs';
import * as path from 'path';

// The README's Development section promises one folder per engine in each layer that has per-engine code.
const lib = path.join(__dirname, '..', 'lib');
const ENGINE_FOLDERS = ['kubernetes', 'calico', 'cilium', 'cluster-network-policy'];
const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
const development = readme.slice(readme.indexOf('## Development'));

describe('layout', () => {
  test.each(['engines', 'analyzer', 'analyzer/lints'])('%s has a folder per engine', layer => {
    for (const engine of ENGINE_FOLDERS) expect(fs.statSync(path.join(lib, layer, engine)).isDirectory()).toBe(true);
  });

  test.each(['engines', 'analyzer', 'analyzer/lints', 'analyzer/compile'])('%s has no engine-prefixed file beside the engine folders', layer => {
    const prefixed = fs.readdirSync(path.join(lib, layer))
      .filter(f => f.endsWith('.ts') && /^(np|kubernetes|calico|cilium|cluster-network-policy|admin)-/.test(f));
    expect(prefixed).toEqual([]);
  });

  test('the model names no engine dialect', () => {
    const dialect = fs.readdirSync(path.join(lib, 'model')).filter(f => /calico|cilium/.test(f));
    expect(dialect).toEqual([]);
  });

  test('every lib path the Development section names exists', () => {
    const named = [...development.matchAll(/`((?:engines|analyzer|model|constructs|testing|cli)\/[\w./-]+)`/g)].map(m => m[1]);
    expect(named.length).toBeGreaterThan(5);
    const missing = named.filter(p => !fs.existsSync(path.join(lib, p)) && !fs.existsSync(path.join(lib, `${p}.ts`)));
    expect(missing).toEqual([]);
  });

  test('the engine table points at folders and files that exist', () => {
    const rows = [...development.matchAll(/^ *\| [^|]+ \| `([\w./-]+)`[^|]* \| `([\w./-]+)` \| `([\w./-]+)` \|$/gm)];
    expect(rows.length).toBe(ENGINE_FOLDERS.length);
    for (const [, renders, evaluates, lints] of rows) {
      expect([renders, evaluates, lints].filter((p, i) => !fs.existsSync(path.join(lib, ['engines', 'analyzer', 'analyzer/lints'][i], p)))).toEqual([]);
    }
  });
});
