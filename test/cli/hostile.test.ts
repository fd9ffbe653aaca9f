import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expectBadInput, runCli } from './harness';

// "Billion laughs": ten aliases to the level below, nine levels deep.
const ALIAS_BOMB = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((c, i) =>
  `${c}: &${c} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`)].join('\n') + '\n';

const LIMIT = 16 * 1024 * 1024;

let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-hostile-')); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('hostile input is refused with one line and exit 2', () => {
  test('a YAML alias bomb in a file, for every command', async () => {
    const file = path.join(tmp, 'bomb.yaml');
    fs.writeFileSync(file, ALIAS_BOMB);
    const commands = [
      ['check', '--flows', 'flows.json', file],
      ['explain', '--from', 'a/b', '--to', 'c/d', '--port', '80', file],
      ['matrix', file],
      ['lint', file],
    ];
    for (const argv of commands) {
      const result = await runCli(argv);
      expectBadInput(result, /alias/i);
      expect(result.stderr.startsWith(`cdk-netpol: ${file}: `)).toBe(true);
    }
  });

  test('a YAML alias bomb on stdin', async () => {
    expectBadInput(await runCli(['matrix', '-'], { stdin: ALIAS_BOMB }), /^cdk-netpol: <stdin>: .*alias/i);
  });

  test('an oversized file is refused before it is read', async () => {
    const file = path.join(tmp, 'huge.yaml');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, LIMIT + 1);
    expectBadInput(await runCli(['matrix', file]), /^cdk-netpol: \/.*huge\.yaml: too large/);
  });

  test('an oversized document on stdin', async () => {
    const stdin = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {x: "${'a'.repeat(LIMIT)}"}\n`;
    expectBadInput(await runCli(['lint', '-'], { stdin }), /^cdk-netpol: <stdin>: too large/);
  });

  test('a file in a folder is named by its path under the folder', async () => {
    const folder = path.join(tmp, 'manifests');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'bomb.yml'), ALIAS_BOMB);
    expectBadInput(await runCli(['lint', folder]), new RegExp(`^cdk-netpol: ${folder}/bomb\\.yml: `));
  });

  test('a relative path is named as given', async () => {
    expectBadInput(await runCli(['lint', 'cluster', 'nope/missing.yaml']), /^cdk-netpol: nope\/missing\.yaml: cannot read/);
  });

  test('a malformed object of a known kind names the file and the document', async () => {
    const stdin = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, namespace: a}\n';
    expectBadInput(await runCli(['lint', '-'], { stdin }), /^cdk-netpol: <stdin>: document 2: .*spec/);
  });
});
