import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expectBadInput, expectGolden, FIXTURES, runCli } from './harness';

const shop = fs.readFileSync(path.join(FIXTURES, 'cluster', 'shop.yaml'), 'utf8');
const dns = fs.readFileSync(path.join(FIXTURES, 'cluster', 'kube-system.yaml'), 'utf8');

let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-check-')); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs `check` with FLOWS.json given inline (written to a temp file). */
async function checkFlows(flows: string, manifests: string[] = ['cluster']) {
  const file = path.join(tmp, `flows-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, flows);
  const result = await runCli(['check', '--flows', file, ...manifests]);
  return { ...result, stderr: result.stderr.split(file).join('FLOWS.json') };
}

describe('check: exit 0', () => {
  test('every flow is evaluated in order and every expect matches', async () => {
    const result = await runCli(['check', '--flows', 'flows.json', 'cluster']);
    expect(result.stderr).toEqual('');
    expect(result.code).toBe(0);
    expectGolden('check.json', result.stdout);
  });

  test('stdout is exactly one JSON object of the contract shape', async () => {
    const { stdout } = await runCli(['check', '--flows', 'flows.json', 'cluster']);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['engine', 'results']);
    expect(out.engine).toBe('kubernetes');
    expect(out.results.map((r: any) => [r.from, r.to, r.port, r.protocol, r.allowed])).toEqual([
      ['shop/web', 'shop/api', 8080, 'TCP', true],
      ['shop/api', 'shop/db', 5432, 'TCP', true],
      ['shop/web', 'shop/db', 5432, 'TCP', false],
      ['shop/web', 'kube-system/coredns', 53, 'UDP', true],
      ['shop/api', '203.0.113.10', 443, 'TCP', false],
    ]);
    for (const r of out.results) {
      expect(Object.keys(r)).toEqual(['from', 'to', 'port', 'protocol', 'allowed', 'certain', 'trace']);
      expect(r.certain).toBe(true);
      expect(r.trace.length).toBeGreaterThan(0);
      for (const line of r.trace) expect(line).toMatch(/^(egress|ingress) +\S[^\n]*$/);
    }
  });

  test('trace lines are the lines explain prints under its verdict', async () => {
    const { stdout } = await runCli(['check', '--flows', 'flows.json', 'cluster']);
    const checked = JSON.parse(stdout).results[2];
    const explained = await runCli(['explain', '--from', 'shop/web', '--to', 'shop/db', '--port', '5432', 'cluster']);
    expect(explained.stdout.split('\n').slice(1).filter(l => l !== '').map(l => l.trim())).toEqual(checked.trace);
  });

  test('from and to are echoed as given, protocol defaults to TCP', async () => {
    const result = await checkFlows('[{"from": "shop/Deployment/web", "to": "shop/StatefulSet/db", "port": 5432}]');
    expect(result.code).toBe(0);
    const [r] = JSON.parse(result.stdout).results;
    expect([r.from, r.to, r.protocol, r.allowed]).toEqual(['shop/Deployment/web', 'shop/StatefulSet/db', 'TCP', false]);
  });

  test('a byte order mark before the JSON is ignored', async () => {
    const result = await checkFlows('\uFEFF[{"from": "shop/web", "to": "shop/api", "port": 8080, "expect": true}]');
    expect(result.code).toBe(0);
  });

  test('an empty array is no flows, not an error', async () => {
    const result = await checkFlows('[]');
    expect(result).toEqual({ code: 0, stdout: '{\n  "engine": "kubernetes",\n  "results": []\n}\n', stderr: '' });
  });

  test('--engine kubernetes is the default and may be given', async () => {
    const result = await runCli(['check', '--engine', 'kubernetes', '--flows', 'flows.json', 'cluster']);
    expect(result.code).toBe(0);
  });
});

describe('check: exit 1', () => {
  test('an expect that does not match fails, with the full output and each mismatch on stderr', async () => {
    const result = await runCli(['check', '--flows', 'flows-mismatch.json', 'cluster']);
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout);
    expect(out.results.map((r: any) => r.allowed)).toEqual([true, false]);
    expect(result.stderr).toEqual('cdk-netpol: flows-mismatch.json: flows[1] shop/web -> shop/db 5432/TCP: expected allowed, got denied\n');
  });

  test('expect false on an allowed flow fails too', async () => {
    const result = await checkFlows('[{"from": "shop/web", "to": "shop/api", "port": 8080, "expect": false}]');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/flows\[0\] shop\/web -> shop\/api 8080\/TCP: expected denied, got allowed/);
  });
});

describe('check: exit 2, one line naming the file and the problem', () => {
  test.each([
    ['malformed JSON', '[{"from": "shop/web",', /^cdk-netpol: FLOWS\.json: malformed JSON: /],
    ['not an array', '{"from": "shop/web", "to": "shop/api", "port": 8080}', /FLOWS\.json: expected a JSON array of flows, got an object/],
    ['an entry that is not an object', '[["shop/web", "shop/api", 8080]]', /FLOWS\.json: flows\[0\]: expected an object/],
    ['missing from', '[{"to": "shop/api", "port": 8080}]', /FLOWS\.json: flows\[0\]\.from: missing/],
    ['missing to', '[{"from": "shop/web", "port": 8080}]', /FLOWS\.json: flows\[0\]\.to: missing/],
    ['missing port', '[{"from": "shop/web", "to": "shop/api"}]', /FLOWS\.json: flows\[0\]\.port: missing/],
    ['from not a string', '[{"from": 7, "to": "shop/api", "port": 8080}]', /FLOWS\.json: flows\[0\]\.from: expected "<namespace>\/<name>" or an IP address, got 7/],
    ['port as a string', '[{"from": "shop/web", "to": "shop/api", "port": "8080"}]', /FLOWS\.json: flows\[0\]\.port: expected an integer 1\.\.65535, got "8080"/],
    ['port 0', '[{"from": "shop/web", "to": "shop/api", "port": 0}]', /FLOWS\.json: flows\[0\]\.port: expected an integer 1\.\.65535, got 0/],
    ['port 65536', '[{"from": "shop/web", "to": "shop/api", "port": 65536}]', /flows\[0\]\.port: expected an integer 1\.\.65535, got 65536/],
    ['port not an integer', '[{"from": "shop/web", "to": "shop/api", "port": 80.5}]', /flows\[0\]\.port: expected an integer 1\.\.65535, got 80\.5/],
    ['unknown protocol', '[{"from": "shop/web", "to": "shop/api", "port": 8080, "protocol": "HTTP"}]', /flows\[0\]\.protocol: unknown protocol "HTTP" \(expected TCP, UDP, SCTP\)/],
    ['lower-case protocol', '[{"from": "shop/web", "to": "shop/api", "port": 8080, "protocol": "tcp"}]', /flows\[0\]\.protocol: unknown protocol "tcp"/],
    ['expect not a boolean', '[{"from": "shop/web", "to": "shop/api", "port": 8080, "expect": "yes"}]', /flows\[0\]\.expect: expected true or false, got "yes"/],
    ['a misspelt field', '[{"from": "shop/web", "to": "shop/api", "port": 8080, "expected": true}]', /flows\[0\]: unknown field "expected"/],
    ['the index of the bad flow', '[{"from": "shop/web", "to": "shop/api", "port": 8080}, {"from": "shop/web", "to": "shop/api", "port": -1}]', /flows\[1\]\.port/],
    ['unknown source endpoint', '[{"from": "shop/nope", "to": "shop/api", "port": 8080}]', /FLOWS\.json: flows\[0\]\.from: .*shop\/nope/],
    ['unknown destination namespace', '[{"from": "shop/web", "to": "nowhere/api", "port": 8080}]', /FLOWS\.json: flows\[0\]\.to: .*nowhere\/api/],
    ['an endpoint that is neither ns/name nor an IP', '[{"from": "web", "to": "shop/api", "port": 8080}]', /FLOWS\.json: flows\[0\]\.from: /],
  ])('%s', async (_name, flows, pattern) => {
    expectBadInput(await checkFlows(flows), pattern);
  });

  test('an unreadable FLOWS.json', async () => {
    expectBadInput(await runCli(['check', '--flows', 'missing.json', 'cluster']), /^cdk-netpol: missing\.json: cannot read: no such file\n$/);
  });

  test('a missing manifest', async () => {
    expectBadInput(await runCli(['check', '--flows', 'flows.json', 'no-such.yaml']), /^cdk-netpol: no-such\.yaml: /);
  });

  test('a malformed manifest names its file', async () => {
    const file = path.join(tmp, 'broken.yaml');
    fs.writeFileSync(file, 'kind: [unclosed\n');
    const result = await runCli(['check', '--flows', 'flows.json', file]);
    expectBadInput(result, /broken\.yaml: /);
  });

  test('a name two objects share must say which', async () => {
    const result = await checkFlows('[{"from": "edge/cache", "to": "edge/cache", "port": 6379}]', ['shared-name']);
    expectBadInput(result, /flows\[0\]\.from: .*Deployment.*Pod|flows\[0\]\.from: .*Pod.*Deployment/);
  });

  test.each(['calico', 'calico-crd', 'cilium', 'cluster-network-policy'])('--engine %s evaluates and names itself in the output', async engine => {
    const result = await runCli(['check', '--engine', engine, '--flows', 'flows.json', 'cluster']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).engine).toBe(engine);
  });

  test('an unknown engine', async () => {
    expectBadInput(await runCli(['check', '--engine', 'istio', '--flows', 'flows.json', 'cluster']),
      /^cdk-netpol: --engine istio: unknown engine; use one of kubernetes, calico, calico-crd, cilium, cluster-network-policy\n$/);
  });

  test('--flows is required', async () => {
    expectBadInput(await runCli(['check', 'cluster']), /required option '--flows <FLOWS\.json>' not specified/);
  });

  test('a MANIFEST is required', async () => {
    expectBadInput(await runCli(['check', '--flows', 'flows.json']), /missing required argument 'MANIFEST'/);
  });
});

describe('check: standard input', () => {
  test('MANIFEST - reads the manifests from stdin', async () => {
    const result = await runCli(['check', '--flows', 'flows.json', '-'], { stdin: `${shop}\n---\n${dns}` });
    expect(result.code).toBe(0);
    expectGolden('check.json', result.stdout);
  });

  test('- mixes with files, in the order given', async () => {
    const result = await runCli(['check', '--flows', 'flows.json', 'cluster/kube-system.yaml', '-'], { stdin: shop });
    expect(result.code).toBe(0);
    expectGolden('check.json', result.stdout);
  });

  test('--flows - reads the flows from stdin', async () => {
    const result = await runCli(['check', '--flows', '-', 'cluster'], { stdin: fs.readFileSync(path.join(FIXTURES, 'flows.json'), 'utf8') });
    expect(result.code).toBe(0);
    expectGolden('check.json', result.stdout);
  });

  test('malformed flows on stdin are named <stdin>', async () => {
    expectBadInput(await runCli(['check', '--flows', '-', 'cluster'], { stdin: 'nope' }), /^cdk-netpol: <stdin>: malformed JSON: /);
  });

  test('stdin cannot serve both --flows and MANIFEST', async () => {
    expectBadInput(await runCli(['check', '--flows', '-', '-'], { stdin: '[]' }), /standard input can be given only once/);
  });
});
