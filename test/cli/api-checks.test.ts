import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { expectBadInput, runCli } from './harness';
import { main } from '../../lib/cli/index';
import { API_CASES, np } from '../analyzer/load/api-cases';

const yamlOf = (...docs: unknown[]) => docs.map(d => YAML.stringify(d)).join('---\n');
const NAMESPACE = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } };
const WEB = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'prod' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web', ports: [{ containerPort: 80 }] }] } } },
};

let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-api-')); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const target = path.join(tmp, name);
  fs.writeFileSync(target, content);
  return target;
}

describe('check, explain and matrix refuse what the API server refuses: exit 2, one line, the API_* code', () => {
  test.each(API_CASES)('%s', async (_what, doc, code, text) => {
    const stdin = yamlOf(NAMESPACE, doc);
    const result = await runCli(['matrix', '-'], { stdin });
    expectBadInput(result, new RegExp(`^cdk-netpol: <stdin>: document 2: \\[${code}\\] `));
    expect(result.stderr).toContain(text);
  });

  test('every analyzing command refuses, naming the file as given', async () => {
    const manifest = file('typo.yaml', yamlOf(np({ podSelektor: {} })));
    for (const argv of [
      ['check', '--flows', 'flows.json', manifest],
      ['explain', '--from', 'prod/web', '--to', 'prod/web', '--port', '80', manifest],
      ['matrix', manifest],
    ]) {
      expectBadInput(await runCli(argv), new RegExp(`^cdk-netpol: ${manifest}: document 1: \\[API_UNKNOWN_FIELD\\] NetworkPolicy prod/web: spec\\.podSelektor: .*did you mean "podSelector"\\?`));
    }
  });

  test('a misspelt kind of a group the analyzer reads is refused, naming the group\'s kinds', async () => {
    const stdin = yamlOf({ apiVersion: 'networking.k8s.io/v1', kind: 'Networkpolicy', metadata: { name: 'deny', namespace: 'prod' }, spec: { podSelector: {} } });
    expectBadInput(await runCli(['matrix', '-'], { stdin }),
      /^cdk-netpol: <stdin>: document 1: \[API_KIND_UNKNOWN\] Networkpolicy prod\/deny: kind: "Networkpolicy" is not a kind of networking\.k8s\.io\/v1 \(its kinds: .*NetworkPolicy.*\)\. Fix: did you mean NetworkPolicy\?/);
  });

  test('an object of a group the analyzer does not read is skipped with nothing on stderr', async () => {
    const stdin = yamlOf(NAMESPACE, WEB, { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm', namespace: 'prod' }, spec: { anything: 1 } });
    const result = await runCli(['matrix', '-'], { stdin });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  });
});

describe('--lenient reads as an API server without strict field validation', () => {
  const typo = np({ podSelektor: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'] });

  test('an unknown field is dropped, with one warning line per object on stderr', async () => {
    const stdin = yamlOf(NAMESPACE, WEB, typo, { ...np({ podSelector: {}, colour: 'blue' }), metadata: { name: 'other', namespace: 'prod' } });
    const result = await runCli(['matrix', '--lenient', '-'], { stdin });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe([
      'cdk-netpol: warning: <stdin>: document 3: NetworkPolicy prod/web: dropped unknown field spec.podSelektor (read leniently, as an API server without strict field validation would)',
      'cdk-netpol: warning: <stdin>: document 4: NetworkPolicy prod/other: dropped unknown field spec.colour (read leniently, as an API server without strict field validation would)',
      '',
    ].join('\n'));
    // Without podSelector the policy selects every pod of prod, and allows nothing in: web is isolated.
    expect(result.stdout).not.toContain('prod/web');
  });

  test('check and explain take it too', async () => {
    const manifest = file('lenient.yaml', yamlOf(NAMESPACE, WEB, typo));
    const explain = await runCli(['explain', '--lenient', '--from', '10.0.0.1', '--to', 'prod/web', '--port', '80', manifest]);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toMatch(/^DENY 10\.0\.0\.1 -> prod\/web 80\/TCP/);
    expect(explain.stderr).toMatch(/^cdk-netpol: warning: .*lenient\.yaml: document 3: NetworkPolicy prod\/web: dropped unknown field spec\.podSelektor/);
    const flows = file('flows.json', JSON.stringify([{ from: '10.0.0.1', to: 'prod/web', port: 80, expect: false }]));
    expect((await runCli(['check', '--lenient', '--flows', flows, manifest])).code).toBe(0);
  });

  test('a wrong type is still refused', async () => {
    const stdin = yamlOf(np({ podSelektor: {}, ingress: { from: [] } }));
    expectBadInput(await runCli(['matrix', '--lenient', '-'], { stdin }), /^cdk-netpol: <stdin>: document 1: \[API_TYPE\] NetworkPolicy prod\/web: spec\.ingress: must be a list, got a mapping/);
  });
});

describe('lint reports each API problem as an error finding with its code', () => {
  test.each(API_CASES)('%s', async (_what, doc, code) => {
    const result = await runCli(['lint', '--format', 'json', '-'], { stdin: yamlOf(NAMESPACE, doc) });
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout).findings.filter((f: any) => f.code.startsWith('API_'));
    // Three policy types of two kinds are also a duplicate: every finding is an error, and this one is among them.
    expect(findings.map((f: any) => f.code)).toContain(code);
    for (const f of findings) {
      expect(f.severity).toBe('error');
      expect(f.message).toMatch(/\(<stdin>#2\)$/);
    }
  });

  test('text output: the finding, its subject, field, fix and place; the refused object is left out of the rules; exit 1', async () => {
    const stdin = yamlOf(NAMESPACE, WEB, np({ podSelector: {}, egress: [{ from: [{ podSelector: {} }] }] }));
    const result = await runCli(['lint', '-'], { stdin });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([
      'ERROR API_UNKNOWN_FIELD NetworkPolicy prod/web: spec.egress[0].from: is not a field of spec.egress[0]. Fix: remove it, or move it where it belongs (fields here: ports, to) (<stdin>#3)',
      '  why: Strict field validation (kubectl apply, the default since 1.27) refuses it; a lenient client drops it silently, which can widen a rule (a misspelt "podSelector" selects every pod).',
    ]);
    // The refused policy does not isolate web: the rules see a namespace without policies.
    expect(result.stdout).toContain('NP_POD_NOT_ISOLATED');
  });

  test('a misspelt kind is an error finding; an object of a group the analyzer does not read is an info finding', async () => {
    const stdin = yamlOf(
      NAMESPACE,
      { apiVersion: 'networking.k8s.io/v1', kind: 'Networkpolicy', metadata: { name: 'deny', namespace: 'prod' }, spec: { podSelector: {} } },
      { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm', namespace: 'prod' } },
    );
    const result = await runCli(['lint', '-'], { stdin });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ERROR API_KIND_UNKNOWN Networkpolicy prod\/deny: kind: "Networkpolicy" is not a kind of networking\.k8s\.io\/v1 /m);
    expect(result.stdout).toContain('INFO API_KIND_SKIPPED ServiceMonitor prod/m: monitoring.coreos.com/v1 ServiceMonitor is skipped: the analyzer reads no kind of group monitoring.coreos.com (<stdin>#3)');
  });

  test('what Calico\'s own validator refuses (icmp without protocol ICMP) is an error finding, not a stop', async () => {
    // Source: libcalico-go lib/validator/v3/validator.go validateRule: ICMP fields need protocol ICMP or ICMPv6.
    const stdin = yamlOf(
      NAMESPACE,
      {
        apiVersion: 'projectcalico.org/v3',
        kind: 'NetworkPolicy',
        metadata: { name: 'ping', namespace: 'prod' },
        spec: { selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Allow', icmp: { type: 8 } }] },
      },
    );
    const result = await runCli(['lint', '--engine', 'calico', '--format', 'json', '-'], { stdin });
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout).findings.filter((f: any) => f.code === 'API_INVALID');
    expect(findings).toEqual([expect.objectContaining({ level: 'error', object: 'Calico NetworkPolicy prod/ping' })]);
    expect(findings[0].message).toContain('spec.ingress[0]');
  });

  test('an API finding cannot be acknowledged', async () => {
    expectBadInput(await runCli(['lint', 'cluster', '--ack', 'API_TYPE:not now']), /--ack API_TYPE:not now: API_TYPE cannot be acknowledged: the API server refuses the object/);
  });

  test('help lists the API codes', async () => {
    const result = await runCli(['lint', '--help']);
    expect(result.stdout).toContain('API_UNKNOWN_FIELD');
    expect(result.stdout).toContain('API_KIND_SKIPPED');
  });
});

describe('loader limits on every input: one line, exit 2', () => {
  test('a character device as a manifest', async () => {
    expectBadInput(await runCli(['matrix', '/dev/zero']), /^cdk-netpol: \/dev\/zero: too large \(16\.\d MiB; the limit is 16 MiB\)\n$/);
  });

  test('a character device as FLOWS.json', async () => {
    // Without an injected reader, as the real CLI reads.
    let stderr = '';
    const code = await main(['check', '--flows', '/dev/zero', 'cluster'], { cwd: path.join(__dirname, 'fixtures'), stdout: () => undefined, stderr: t => { stderr += t; } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^cdk-netpol: \/dev\/zero: too large \(16\.\d MiB; the limit is 16 MiB\)\n$/);
  });

  test('a JSON manifest with a duplicate key', async () => {
    const manifest = file('dup.json', '{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "a", "namespace": "prod"}, '
      + '"spec": {"podSelector": {"matchLabels": {"app": "db"}}, "podSelector": {}}}');
    expectBadInput(await runCli(['matrix', manifest]), new RegExp(`^cdk-netpol: ${manifest}: invalid JSON at line 1, column \\d+: duplicate key "podSelector" in spec `));
  });

  test('a FLOWS.json with a duplicate key', async () => {
    const flows = file('dup-flows.json', '[{"from": "shop/web", "to": "shop/api", "port": 8080, "expect": true, "expect": false}]');
    expectBadInput(await runCli(['check', '--flows', flows, 'cluster']), /: malformed JSON: duplicate key "expect" in \[0\]\n$/);
  });

  test('a file name with a newline stays on one line, escaped', async () => {
    const manifest = file('bad\nname.yaml', yamlOf(np({ podSelektor: {} })));
    const result = await runCli(['matrix', manifest]);
    expectBadInput(result, /\[API_UNKNOWN_FIELD\]/);
    expect(result.stderr.startsWith(`cdk-netpol: ${JSON.stringify(manifest)}: document 1: `)).toBe(true);
  });

  test('a lenient warning about a file with a newline in its name stays on one line', async () => {
    const manifest = file('warn\nname.yaml', yamlOf(np({ podSelector: {}, colour: 'blue' })));
    const result = await runCli(['matrix', '--lenient', manifest]);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')).toEqual([`cdk-netpol: warning: ${JSON.stringify(manifest)}: document 1: NetworkPolicy prod/web: dropped unknown field spec.colour `
      + '(read leniently, as an API server without strict field validation would)', '']);
  });
});
