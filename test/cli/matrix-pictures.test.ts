// The matrix's pictures (mermaid, dot) hold the workloads, the peers outside the cluster and one edge per allowed
// pair; the DOT output is read back with a DOT parser (ts-graphviz, ESM: in a child process).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { deployment, runCli } from './harness';
import * as threeTierProduction from '../../examples/three-tier-production/main';

let dir: string;
const ns = threeTierProduction.NAMESPACE;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-pictures-'));
  threeTierProduction.createApp(path.join(dir, 'policies')).synth();
  fs.writeFileSync(path.join(dir, 'workloads.yaml'), [
    deployment(ns, 'frontend', { app: 'frontend' }, [{ name: 'http', port: 8080 }]),
    deployment(ns, 'api', { app: 'api' }, [{ name: 'http', port: 8080 }]),
    deployment(ns, 'database', { app: 'database' }, [{ name: 'postgres', port: 5432 }]),
    deployment('ingress-nginx', 'controller', { 'app.kubernetes.io/name': 'ingress-nginx' }, [{ name: 'http', port: 80 }]),
    deployment('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }]),
  ].map(d => stringify(d)).join('---\n'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface ParsedDot {
  readonly clusters: string[];
  readonly nodes: { id: string; label: string; shape?: string }[];
  readonly edges: { from: string; to: string; label: string }[];
}

/** The DOT text as ts-graphviz reads it: clusters' labels, nodes (with label and shape) and edges. */
function parseDot(text: string): ParsedDot {
  const script = `
    import { fromDot } from 'ts-graphviz';
    let text = '';
    process.stdin.on('data', d => { text += d; });
    process.stdin.on('end', () => {
      const g = fromDot(text);
      const node = n => ({ id: n.id, label: n.attributes.get('label'), shape: n.attributes.get('shape') });
      const id = t => t.id;
      console.log(JSON.stringify({
        clusters: g.subgraphs.map(s => s.get('label')),
        nodes: [...g.nodes, ...g.subgraphs.flatMap(s => s.nodes)].map(node),
        edges: g.edges.map(e => ({ from: id(e.targets[0]), to: id(e.targets[1]), label: e.attributes.get('label') })),
      }));
    });`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { input: text, encoding: 'utf8', cwd: path.resolve(__dirname, '..', '..') });
  if (run.status !== 0) throw new Error(`the DOT parser refused the output:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('matrix pictures', () => {
  const args = () => [path.join(dir, 'policies'), path.join(dir, 'workloads.yaml')];

  test('dot parses, with a cluster per namespace, every workload, the outside peers, and the analyzer\'s edges', async () => {
    const dot = await runCli(['matrix', '--format', 'dot', ...args()]);
    expect(dot.code).toBe(0);
    const parsed = parseDot(dot.stdout);
    expect(parsed.clusters.sort()).toEqual(['ingress-nginx', 'kube-system', ns]);
    const workloads = parsed.nodes.filter(n => n.shape === undefined).map(n => n.id).sort();
    expect(workloads).toEqual(['ingress-nginx/controller', 'kube-system/coredns', `${ns}/api`, `${ns}/database`, `${ns}/frontend`]);
    // The outside: what no policy names, and the payment provider's network the api's policy names.
    expect(parsed.nodes.filter(n => n.shape === 'ellipse').map(n => n.label).sort()).toEqual([threeTierProduction.PAYMENT_PROVIDER_CIDR, 'internet']);
    // One edge per allowed pair of workloads, as the JSON matrix lists them, plus the flows with the outside.
    const rows = JSON.parse((await runCli(['matrix', '--format', 'json', ...args()])).stdout).flows;
    const pairs = new Set(rows.map((r: any) => `${r.from} -> ${r.to}`));
    const inside = parsed.edges.filter(e => !e.from.startsWith('outside:') && !e.to.startsWith('outside:'));
    expect(new Set(inside.map(e => `${e.from} -> ${e.to}`))).toEqual(pairs);
    expect(inside).toHaveLength(pairs.size);
    const outside = parsed.edges.filter(e => e.from.startsWith('outside:') || e.to.startsWith('outside:'));
    expect(outside).toContainEqual({ from: `${ns}/api`, to: `outside:${threeTierProduction.PAYMENT_PROVIDER_CIDR}`, label: '443/TCP' });
    // The production namespace is closed to the outside but for that one flow; namespaces without policies are open.
    expect(outside.filter(e => e.from.startsWith(`${ns}/`) || e.to.startsWith(`${ns}/`))).toHaveLength(1);
    expect(outside).toContainEqual({ from: 'outside:internet', to: 'ingress-nginx/controller', label: '80/TCP' });
  });

  test('mermaid holds the same outside peers and edges', async () => {
    const mermaid = (await runCli(['matrix', '--format', 'mermaid', ...args()])).stdout;
    expect(mermaid).toContain('(("internet"))');
    expect(mermaid).toContain(`(("${threeTierProduction.PAYMENT_PROVIDER_CIDR}"))`);
    const dot = parseDot((await runCli(['matrix', '--format', 'dot', ...args()])).stdout);
    expect(mermaid.split('\n').filter(l => l.includes('-->') || l.includes('-.->'))).toHaveLength(dot.edges.length);
  });
});
