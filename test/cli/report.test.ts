// `cdk-netpol report` without a browser: what the file holds, and bad input. The page itself is tested in Chromium
// (report-browser.test.ts).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES, runCli } from './harness';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-report-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('report', () => {
  test('writes one self-contained page: no external script, style or link', async () => {
    const out = path.join(dir, 'shop.html');
    const result = await runCli(['report', '--out', out, '--title', 'shop <review>', 'cluster'], { cwd: FIXTURES });
    expect([result.code, result.stderr]).toEqual([0, `cdk-netpol: wrote ${out}\n`]);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('<title>shop &lt;review&gt;</title>');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(http/);
    for (const workload of ['shop/web', 'shop/api', 'shop/db', 'kube-system/coredns']) expect(html).toContain(`class="node" data-id="${workload}"`);
    // The data the page reads is JSON that a `</script>` inside a name could not end.
    const data = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1];
    expect(JSON.parse(data).flows.length).toBeGreaterThan(0);
  });

  test('bad input: no --out, an --out that cannot be written, an unknown engine', async () => {
    const missing = await runCli(['report', 'cluster'], { cwd: FIXTURES });
    expect([missing.code, missing.stderr]).toEqual([2, "cdk-netpol: required option '--out <file>' not specified\n"]);
    const unwritable = await runCli(['report', '--out', path.join(dir, 'no', 'such', 'dir', 'r.html'), 'cluster'], { cwd: FIXTURES });
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/^cdk-netpol: --out .*r\.html: cannot write it \(ENOENT/);
    const engine = await runCli(['report', '--out', path.join(dir, 'x.html'), '--engine', 'nope', 'cluster'], { cwd: FIXTURES });
    expect(engine.code).toBe(2);
  });
});
