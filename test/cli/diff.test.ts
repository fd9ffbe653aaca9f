// `cdk-netpol diff BEFORE AFTER`: what a change opens and closes, on the shop fixture (default deny, DNS for all,
// web -> api on 8080, db only from api).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import { FIXTURES, runCli } from './harness';

let dir: string;
const SHOP = fs.readFileSync(path.join(FIXTURES, 'cluster', 'shop.yaml'), 'utf8');
const KUBE_SYSTEM = fs.readFileSync(path.join(FIXTURES, 'cluster', 'kube-system.yaml'), 'utf8');

/** The fixture's objects, changed by `edit`, written as a folder of its own. */
function variant(name: string, edit: (objects: any[]) => any[] = o => o): string {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder);
  const objects = edit(parseAllDocuments(SHOP).map(d => d.toJS()));
  fs.writeFileSync(path.join(folder, 'shop.yaml'), objects.map(o => stringify(o)).join('---\n'));
  fs.writeFileSync(path.join(folder, 'kube-system.yaml'), KUBE_SYSTEM);
  return folder;
}

const without = (name: string) => (objects: any[]) => objects.filter(o => !(o.kind === 'NetworkPolicy' && o.metadata.name === name));
const policy = (name: string, spec: any) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'shop' }, spec });
/** web may reach db on 5432: both sides opened. */
const webToDb = (objects: any[]) => [
  ...objects,
  policy('web-egress-to-db', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }] }),
  policy('db-ingress-from-web', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }] }),
];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-diff-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('diff', () => {
  test('no change: nothing opened or closed, exit 0 even with --fail-on-new-flows', async () => {
    const result = await runCli(['diff', '--fail-on-new-flows', variant('same-a'), variant('same-b')], { cwd: dir });
    expect(result).toEqual({ code: 0, stdout: 'engine kubernetes: 0 flows newly allowed, 0 flows newly denied; policies: 0 added, 0 removed, 0 changed\n', stderr: '' });
  });

  test('removing the db ingress policy closes api -> db, and says why', async () => {
    const result = await runCli(['diff', '--format', 'json', variant('all'), variant('no-db-ingress', without('db-ingress-from-api'))], { cwd: dir });
    expect(result.code).toBe(0);
    const delta = JSON.parse(result.stdout);
    expect(delta.engine).toBe('kubernetes');
    expect(delta.added).toEqual([]);
    expect(delta.removed.map((c: any) => [c.from, c.to, c.port, c.protocol, c.portName])).toEqual([['shop/api', 'shop/db', 5432, 'TCP', 'postgres']]);
    // The trace after the change: db is isolated for ingress by the default deny, and no rule admits api.
    expect(delta.removed[0].trace.some((e: any) => e.direction === 'ingress' && e.action === 'Isolated')).toBe(true);
    expect(delta.policies).toEqual({ added: [], removed: ['NetworkPolicy shop/db-ingress-from-api'], changed: [] });
  });

  test('opening web -> db: text, markdown for a pull request, and --fail-on-new-flows', async () => {
    const before = variant('before-open');
    const after = variant('after-open', webToDb);
    const text = await runCli(['diff', before, after], { cwd: dir });
    expect(text.stdout).toBe([
      'engine kubernetes: 1 flow newly allowed, 0 flows newly denied; policies: 2 added, 0 removed, 0 changed',
      '+ shop/web -> shop/db: 5432/TCP (postgres)',
      '+ policy NetworkPolicy shop/db-ingress-from-web',
      '+ policy NetworkPolicy shop/web-egress-to-db',
      '',
    ].join('\n'));
    const markdown = await runCli(['diff', '--format', 'markdown', '--max-rows', '1', before, after], { cwd: dir });
    expect(markdown.stdout).toBe([
      '**cdk-netpol diff** (kubernetes): 1 flow newly allowed, 0 flows newly denied; policies: 2 added, 0 removed, 0 changed.',
      '',
      '#### Newly allowed',
      '',
      '| From | To | Ports |',
      '|---|---|---|',
      '| shop/web | shop/db | 5432/TCP (postgres) |',
      '',
      '#### Policies',
      '',
      '| Change | Policy |',
      '|---|---|',
      '| added | NetworkPolicy shop/db-ingress-from-web |',
      '',
      '…and 1 more.',
      '',
    ].join('\n'));
    const gate = await runCli(['diff', '--fail-on-new-flows', before, after], { cwd: dir });
    expect(gate.code).toBe(1);
    // Closing it again is not a new flow.
    expect((await runCli(['diff', '--fail-on-new-flows', after, before], { cwd: dir })).code).toBe(0);
  });

  test('a policy whose spec changes is listed as changed, whatever the order of its keys', async () => {
    const moved = (objects: any[]) => objects.map(o => (o.metadata?.name === 'api-ingress-from-web'
      ? { ...o, spec: { ...o.spec, ingress: [{ ...o.spec.ingress[0], ports: [{ protocol: 'TCP', port: 9090 }] }] } }
      : o));
    const reordered = (objects: any[]) => objects.map(o => (o.kind === 'NetworkPolicy' ? { spec: o.spec, metadata: o.metadata, kind: o.kind, apiVersion: o.apiVersion } : o));
    const delta = async (edit: (o: any[]) => any[], name: string) =>
      JSON.parse((await runCli(['diff', '--format', 'json', variant(`${name}-a`), variant(`${name}-b`, edit)], { cwd: dir })).stdout);
    const portMoved = await delta(moved, 'moved');
    expect(portMoved.policies.changed).toEqual(['NetworkPolicy shop/api-ingress-from-web']);
    expect(portMoved.removed.map((c: any) => `${c.from} -> ${c.to} ${c.port}`)).toEqual(['shop/web -> shop/api 8080']);
    expect((await delta(reordered, 'reordered')).policies).toEqual({ added: [], removed: [], changed: [] });
  });

  test('bad input: one line, exit 2', async () => {
    const both = await runCli(['diff', '-', '-'], { cwd: dir, stdin: '' });
    expect([both.code, both.stderr]).toEqual([2, 'cdk-netpol: -: standard input can be given only once\n']);
    const rows = await runCli(['diff', '--max-rows', '0', variant('rows-a'), variant('rows-b')], { cwd: dir });
    expect([rows.code, rows.stderr]).toEqual([2, 'cdk-netpol: --max-rows: expected a positive integer, got "0"\n']);
    const engine = await runCli(['diff', '--engine', 'nope', variant('engine-a'), variant('engine-b')], { cwd: dir });
    expect(engine.code).toBe(2);
  });
});

describe('diff with the outside', () => {
  test('a new egress to an address block is that one change, not a new peer for every open workload', async () => {
    const toProvider = (objects: any[]) => [...objects, policy('web-egress-to-provider', {
      podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ protocol: 'TCP', port: 443 }] }],
    })];
    const result = await runCli(['diff', '--format', 'json', variant('outside-a'), variant('outside-b', toProvider)], { cwd: dir });
    const delta = JSON.parse(result.stdout);
    expect(delta.added.map((c: any) => `${c.from} -> ${c.to} ${c.port}/${c.protocol}`)).toEqual(['shop/web -> outside:203.0.113.0/24 443/TCP']);
    expect(delta.removed).toEqual([]);
    // Its trace: the policy that allows it, for an address of the block.
    expect(delta.added[0].trace.some((e: any) => e.policy === 'NetworkPolicy shop/web-egress-to-provider')).toBe(true);
    const text = await runCli(['diff', variant('outside-c'), variant('outside-d', toProvider)], { cwd: dir });
    expect(text.stdout).toContain('+ shop/web -> outside:203.0.113.0/24: 443/TCP\n');
  });
});
