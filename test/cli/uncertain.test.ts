import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expectBadInput, expectGolden, runCli } from './harness';
import { MatrixRow, renderJson, renderMermaid, renderTable } from '../../lib/cli/matrix-render';

// The guestbook pattern (fixtures/guestbook): prod/db admits 5432 from ipBlock 10.72.0.0/16 except 10.72.10.0/24,
// ingress in prod is denied by default, and the workloads are Deployments whose pod IPs are not known. An ipBlock
// matches pod IPs too (Kubernetes NetworkPolicy docs, "ipBlock"), so whether prod/attacker reaches the database
// depends on where it sits in the pod CIDRs; under Cilium, CIDR rules never select pods, so it never does.

const ASSUMPTION = 'prod/attacker has no known IP; whether it is in ipBlock(10.72.0.0/16 except 10.72.10.0/24) of NetworkPolicy prod/db-ingress '
  + 'decides the verdict (default pod CIDRs 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7): declare its IP or the pod CIDRs';

const POLICIES = fs.readFileSync(path.join(__dirname, 'fixtures', 'guestbook', 'guestbook.yaml'), 'utf8')
  .split('\n---\n').filter(doc => doc.includes('kind: NetworkPolicy')).join('\n---\n');

let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-uncertain-')); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** `check` of attacker -> db:5432 (with `expect` when given), with extra arguments. */
async function checkAttacker(args: string[], options: { expect?: boolean; stdin?: string } = {}) {
  const file = path.join(tmp, `flows-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify([{ from: 'prod/attacker', to: 'prod/db', port: 5432, ...(options.expect === undefined ? {} : { expect: options.expect }) }]));
  const result = await runCli(['check', '--flows', file, ...args], { stdin: options.stdin });
  return { ...result, stderr: result.stderr.split(file).join('FLOWS.json'), result: result.code === 2 ? undefined : JSON.parse(result.stdout).results[0] };
}

/** The policies with Pods whose IPs are known, on stdin. */
function podsAt(attackerIp: string): string {
  const pod = (name: string, ip: string, port?: number) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: prod, labels: {app: ${name}}}
spec: {containers: [{name: c, image: i${port ? `, ports: [{containerPort: ${port}}]` : ''}}]}
status: {podIP: ${ip}, podIPs: [{ip: ${ip}}]}`;
  return [POLICIES, pod('attacker', attackerIp), pod('db', '10.72.40.2', 5432)].join('\n---\n');
}

describe('check: certain and assumption', () => {
  test('without IPs: certain false, the assumption names the pod and the ipBlock; allowed is the verdict for a pod in no ipBlock', async () => {
    const { code, stderr, result } = await checkAttacker(['guestbook']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(Object.keys(result)).toEqual(['from', 'to', 'port', 'protocol', 'allowed', 'certain', 'assumption', 'trace']);
    expect(result).toMatchObject({ allowed: false, certain: false, assumption: ASSUMPTION });
  });

  test('an "expect" on an uncertain verdict fails, naming the assumption', async () => {
    const denied = await checkAttacker(['guestbook'], { expect: false });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toBe(`cdk-netpol: FLOWS.json: flows[0] prod/attacker -> prod/db 5432/TCP: expected denied, got an uncertain verdict: ${ASSUMPTION}\n`);
    expect((await checkAttacker(['guestbook'], { expect: true })).code).toBe(1);
  });

  test.each([
    ['pod CIDRs outside the block', ['--pod-cidr', '10.244.0.0/16'], undefined, false, true],
    ['pod CIDRs split by the except', ['--pod-cidr', '10.72.0.0/16'], undefined, false, false],
    ['pod CIDRs inside the block, outside the except', ['--pod-cidr', '10.72.20.0/24'], undefined, true, true],
    ['the attacker at 10.72.3.4, in the block', [], '10.72.3.4', true, true],
    ['the attacker at 10.72.10.5, in the except', [], '10.72.10.5', false, true],
  ])('%s', async (_, args, attackerIp, allowed, certain) => {
    const manifests = attackerIp === undefined ? ['guestbook'] : ['-'];
    const { code, result } = await checkAttacker([...manifests, ...args], { stdin: attackerIp === undefined ? undefined : podsAt(attackerIp) });
    expect(code).toBe(0);
    expect([result.allowed, result.certain, 'assumption' in result]).toEqual([allowed, certain, !certain]);
    if (!certain) expect(result.assumption).toContain('(pod CIDRs 10.72.0.0/16)');
  });

  test('cilium: CIDR rules never select pods, so the verdict is a certain DENY', async () => {
    const { code, result } = await checkAttacker(['--engine', 'cilium', 'guestbook']);
    expect(code).toBe(0);
    expect([result.allowed, result.certain]).toEqual([false, true]);
  });

  test('calico reads the ipBlock as a net: uncertain as well', async () => {
    const { result } = await checkAttacker(['--engine', 'calico', 'guestbook']);
    expect([result.allowed, result.certain]).toEqual([false, false]);
  });

  test('--pod-cidr takes several values and repeats', async () => {
    const { code, result } = await checkAttacker(['--pod-cidr', '10.244.0.0/16', 'fd00:10:244::/56', '--pod-cidr', '10.72.20.0/24', '--', 'guestbook']);
    expect(code).toBe(0);
    expect(result.assumption).toContain('(pod CIDRs 10.244.0.0/16, fd00:10:244::/56, 10.72.20.0/24)');
  });
});

describe('--pod-cidr: bad input', () => {
  test('not a CIDR', async () => {
    expectBadInput(await runCli(['explain', '--from', 'prod/attacker', '--to', 'prod/db', '--port', '5432', '--pod-cidr', '10.244.0.1', 'guestbook']),
      /^cdk-netpol: option '--pod-cidr <CIDR\.\.\.>' argument '10\.244\.0\.1' is invalid\. "10\.244\.0\.1" is not a pod CIDR: a CIDR has a prefix length, e\.g\. "10\.244\.0\.1\/16"\n$/);
  });

  test('a MANIFEST argument swallowed by the option says how to write it', async () => {
    const result = await runCli(['matrix', '--pod-cidr', '10.244.0.0/16', 'guestbook', 'cluster']);
    expectBadInput(result, /"guestbook" is not a pod CIDR[^\n]*\(write MANIFEST arguments before --pod-cidr, or end its values with --\)/);
  });

  test('lint takes the option too and checks it', async () => {
    expectBadInput(await runCli(['lint', 'guestbook', '--pod-cidr', 'x/8']), /argument 'x\/8' is invalid\. "x\/8" is not a pod CIDR/);
    expect((await runCli(['lint', 'guestbook', '--pod-cidr', '10.244.0.0/16'])).code).toBe(0);
  });
});

describe('explain', () => {
  test('prints the assumption on the line after the verdict', async () => {
    const result = await runCli(['explain', '--from', 'prod/attacker', '--to', 'prod/db', '--port', '5432', 'guestbook']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe([
      'DENY prod/attacker -> prod/db 5432/TCP',
      `  uncertain: ${ASSUMPTION}`,
      '  egress  default: NotIsolated (no policy isolates it for egress)',
      '  ingress NetworkPolicy: Isolated (isolated for ingress by NetworkPolicy prod/default-deny-ingress, NetworkPolicy prod/db-ingress; no rule allows it)',
      '',
    ].join('\n'));
  });

  test('a certain verdict has no such line', async () => {
    const result = await runCli(['explain', '--from', 'prod/attacker', '--to', 'prod/db', '--port', '5432', 'guestbook', '--pod-cidr', '10.72.20.0/24']);
    expect(result.stdout).toMatch(/^ALLOW prod\/attacker -> prod\/db 5432\/TCP\n {2}egress /);
  });
});

describe('matrix marks uncertain flows', () => {
  test('table: "[may be allowed]" after the port, and a legend', async () => {
    const result = await runCli(['matrix', 'guestbook']);
    expect(result.code).toBe(0);
    expectGolden('matrix-uncertain.table.txt', result.stdout);
    expect(result.stdout).toMatch(/^prod\/attacker +prod\/db +5432\/TCP \(postgres\) \[may be allowed\]$/m);
    expect(result.stdout).toMatch(/^prod\/attacker +web\/frontend +80\/TCP$/m);
    expect(result.stdout).toMatch(/\n\n\[may be allowed\]: denied if the pod without a known IP is in no ipBlock, [^\n]+\n$/);
  });

  test('json: only uncertain entries add certain, allowed and assumption', async () => {
    const result = await runCli(['matrix', '--format', 'json', 'guestbook']);
    expectGolden('matrix-uncertain.json', result.stdout);
    const flows = JSON.parse(result.stdout).flows;
    expect(flows).toContainEqual({ from: 'prod/attacker', to: 'web/frontend', port: 80, protocol: 'TCP' });
    expect(flows).toContainEqual({
      from: 'prod/attacker', to: 'prod/db', port: 5432, protocol: 'TCP', portName: 'postgres', certain: false, allowed: false, assumption: ASSUMPTION,
    });
  });

  test('mermaid: marked labels, dotted edges for flows that may be allowed, and a legend node', async () => {
    const result = await runCli(['matrix', '--format', 'mermaid', 'guestbook']);
    expectGolden('matrix-uncertain.mmd', result.stdout);
    expect(result.stdout).toContain('  prod_Deployment_attacker -.->|"5432/TCP (may be allowed)"| prod_Deployment_db\n');
    expect(result.stdout).toContain('  prod_Deployment_attacker -->|80/TCP| web_Deployment_frontend\n');
    expect(result.stdout).toMatch(/\n {2}legend_uncertain\["\(may be allowed\): [^"\n]+"\]\n$/);
  });

  test('pod CIDRs that decide every flow leave the outputs unmarked', async () => {
    const table = await runCli(['matrix', '--pod-cidr', '10.244.0.0/16', '--', 'guestbook']);
    expect(table.stdout).not.toContain('[');
    expect(table.stdout).not.toMatch(/prod\/db +5432/);
  });
});

describe('matrix renderers: both marks', () => {
  // An uncertain flow allowed for a pod in no ipBlock (an admin Deny network it may sit in), beside a may-be-allowed one.
  const rows: MatrixRow[] = [
    { from: 'a/x', to: 'b/y', port: 80, protocol: 'TCP' },
    { from: 'a/x', to: 'b/y', port: 5432, protocol: 'TCP', certain: false, allowed: false, assumption: 'A1' },
    { from: 'b/y', to: 'a/x', port: 443, protocol: 'TCP', certain: false, allowed: true, assumption: 'A2' },
  ];

  test('table: one legend line per mark used', () => {
    const lines = renderTable(rows).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'FROM  TO   PORT',
      'a/x   b/y  80/TCP',
      'a/x   b/y  5432/TCP [may be allowed]',
      'b/y   a/x  443/TCP [uncertain]',
    ]);
    expect(lines[4]).toBe('');
    expect(lines[5]).toMatch(/^\[uncertain\]: allowed if the pod without a known IP is in no ipBlock, but other places in the pod CIDRs give another verdict; /);
    expect(lines[6]).toMatch(/^\[may be allowed\]: denied if /);
    expect(lines.slice(7)).toEqual(['']);
  });

  test('mermaid: an edge with a certain port stays solid; the legend names both marks', () => {
    const endpoint = (ref: string) => ({ kind: 'Pod', namespace: ref.split('/')[0], name: ref.split('/')[1], labels: {}, ips: [], ports: [] });
    const text = renderMermaid([endpoint('a/x'), endpoint('b/y')], rows, e => `${e.namespace}/${e.name}`);
    expect(text).toContain('  a_Pod_x -->|"80/TCP, 5432/TCP (may be allowed)"| b_Pod_y\n');
    expect(text).toContain('  b_Pod_y -->|"443/TCP (uncertain)"| a_Pod_x\n');
    expect(text).toMatch(/legend_uncertain\["\(uncertain\): [^"]+<br\/>\(may be allowed\): [^"]+"\]\n$/);
  });

  test('json: the marks as fields', () => {
    expect(JSON.parse(renderJson('kubernetes', rows)).flows.map((f: any) => [f.certain, f.allowed, f.assumption])).toEqual([
      [undefined, undefined, undefined], [false, false, 'A1'], [false, true, 'A2'],
    ]);
  });
});
