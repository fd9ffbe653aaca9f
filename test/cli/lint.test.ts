import * as fs from 'fs';
import * as path from 'path';
import { expectBadInput, expectGolden, FIXTURES, runCli } from './harness';

const ERROR_SUBJECT = 'NetworkPolicy lab/probe-egress';

describe('lint', () => {
  test('a zero-trust namespace beside kube-system: no finding (kube-system is the platform\'s), exit 0', async () => {
    const result = await runCli(['lint', 'cluster']);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    const json = await runCli(['lint', '--format', 'json', 'cluster']);
    expect(JSON.parse(json.stdout)).toEqual({ engine: 'kubernetes', findings: [] });
  });

  test('text: one line per finding and its why', async () => {
    const result = await runCli(['lint', 'lint']);
    expect(result.stderr).toEqual('');
    expect(result.code).toBe(1);
    expectGolden('lint.txt', result.stdout);
    for (const [i, line] of result.stdout.trimEnd().split('\n').entries()) {
      expect(line).toMatch(i % 2 === 0 ? /^(ERROR|WARNING|INFO) [A-Z_]+ [^:]+: .+$/ : /^ {2}why: .+$/);
    }
  });

  test('json: {"engine", "findings": [{code, level, object, field, message, fix, why, severity, subject}]}', async () => {
    const result = await runCli(['lint', '--format', 'json', 'lint']);
    expect(result.code).toBe(1);
    expectGolden('lint.json', result.stdout);
    const out = JSON.parse(result.stdout);
    expect(Object.keys(out)).toEqual(['engine', 'findings']);
    expect(out.engine).toBe('kubernetes');
    for (const f of out.findings) {
      expect(Object.keys(f)).toEqual(['code', 'level', 'object', 'field', 'message', 'fix', 'why', 'severity', 'subject']);
      expect([f.severity, f.subject]).toEqual([f.level, f.object]);
      expect(f.message.endsWith(`; ${f.fix}`)).toBe(true);
    }
    expect(out.findings[0]).toMatchObject({ code: 'NP_RULES_OUTSIDE_POLICY_TYPES', level: 'error', object: ERROR_SUBJECT, field: 'spec.egress' });
    expect(out.findings.filter((f: any) => f.object === 'Namespace lab').map((f: any) => f.field)).toEqual([null, null]);
  });

  test('an error-level finding exits 1', async () => {
    const result = await runCli(['lint', 'lint']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`ERROR NP_RULES_OUTSIDE_POLICY_TYPES ${ERROR_SUBJECT}: `);
  });

  test('acknowledged for its subject: marked with the reason, exit 0', async () => {
    const result = await runCli(['lint', 'lint', '--ack', `NP_RULES_OUTSIDE_POLICY_TYPES=${ERROR_SUBJECT}:egress is enforced by the mesh`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ERROR NP_RULES_OUTSIDE_POLICY_TYPES NetworkPolicy lab\/probe-egress: .+ \[acknowledged: egress is enforced by the mesh\]$/m);
  });

  test('acknowledged for every subject of the code, json marks it', async () => {
    const result = await runCli(['lint', '--format', 'json', 'lint', '--ack', 'NP_RULES_OUTSIDE_POLICY_TYPES:migration pending']);
    expect(result.code).toBe(0);
    const finding = JSON.parse(result.stdout).findings.find((f: any) => f.code === 'NP_RULES_OUTSIDE_POLICY_TYPES');
    expect(finding.acknowledged).toBe('migration pending');
  });

  test('an acknowledgement of another subject does not cover the finding', async () => {
    const result = await runCli(['lint', 'lint', '--ack', 'NP_RULES_OUTSIDE_POLICY_TYPES=NetworkPolicy lab/other:not this one']);
    expect(result.code).toBe(1);
    expect(result.stderr).toEqual('cdk-netpol: note: --ack NP_RULES_OUTSIDE_POLICY_TYPES=NetworkPolicy lab/other matched no finding\n');
  });

  test('manifests from stdin', async () => {
    const file = fs.readFileSync(path.join(FIXTURES, 'lint', 'egress-ignored.yaml'), 'utf8');
    const result = await runCli(['lint', '-'], { stdin: file });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('NP_RULES_OUTSIDE_POLICY_TYPES');
  });

  test.each([
    ['no reason', 'NP_POD_NOT_ISOLATED', /--ack NP_POD_NOT_ISOLATED: expected CODE:REASON or CODE=SUBJECT:REASON with a non-empty reason/],
    ['an empty reason', 'NP_POD_NOT_ISOLATED: ', /with a non-empty reason/],
    ['an unknown code', 'NP_TYPO:because', /--ack NP_TYPO:because: unknown lint code NP_TYPO \(codes: .*NP_POD_NOT_ISOLATED/],
  ])('bad input: --ack with %s', async (_name, ack, pattern) => {
    expectBadInput(await runCli(['lint', 'cluster', '--ack', ack]), pattern);
  });

  test('bad input: unknown format', async () => {
    expectBadInput(await runCli(['lint', '--format', 'yaml', 'cluster']), /Allowed choices are text, json\./);
  });
});
