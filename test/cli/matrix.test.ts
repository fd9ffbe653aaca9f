import * as fs from 'fs';
import * as path from 'path';
import { expectBadInput, expectGolden, FIXTURES, runCli } from './harness';

describe('matrix', () => {
  test('table (the default): aligned FROM, TO, PORT, sorted', async () => {
    const result = await runCli(['matrix', 'cluster']);
    expect(result.stderr).toEqual('');
    expect(result.code).toBe(0);
    expectGolden('matrix.table.txt', result.stdout);
    expect(result.stdout).toContain('shop/web');
    expect(result.stdout).toMatch(/^shop\/web +shop\/api +8080\/TCP \(http\)$/m);
    expect(result.stdout).not.toMatch(/^shop\/web +shop\/db /m);
    expect(result.stdout).not.toMatch(/ $/m);
  });

  test('json', async () => {
    const result = await runCli(['matrix', '--format', 'json', 'cluster']);
    expect(result.code).toBe(0);
    expectGolden('matrix.json', result.stdout);
    const out = JSON.parse(result.stdout);
    expect(Object.keys(out)).toEqual(['engine', 'flows']);
    expect(out.flows).toContainEqual({ from: 'shop/web', to: 'shop/api', port: 8080, protocol: 'TCP', portName: 'http' });
  });

  test('mermaid', async () => {
    const result = await runCli(['matrix', '--format', 'mermaid', 'cluster']);
    expect(result.code).toBe(0);
    expectGolden('matrix.mmd', result.stdout);
    expect(result.stdout).toMatch(/^flowchart LR\n/);
    expect(result.stdout).toContain('  shop_Deployment_web -->|8080/TCP| shop_Deployment_api\n');
  });

  test('objects sharing a name are told apart by kind, in every format', async () => {
    const table = await runCli(['matrix', 'shared-name']);
    expect(table.code).toBe(0);
    expectGolden('matrix-shared-name.table.txt', table.stdout);
    const mermaid = await runCli(['matrix', '--format', 'mermaid', 'shared-name']);
    expectGolden('matrix-shared-name.mmd', mermaid.stdout);
  });

  test('output does not depend on the order of the inputs', async () => {
    const forward = await runCli(['matrix', '--format', 'mermaid', 'cluster/shop.yaml', 'cluster/kube-system.yaml']);
    const backward = await runCli(['matrix', '--format', 'mermaid', 'cluster/kube-system.yaml', 'cluster/shop.yaml']);
    expect(forward.stdout).toEqual(backward.stdout);
  });

  test('manifests from stdin', async () => {
    const stdin = ['shop.yaml', 'kube-system.yaml'].map(f => fs.readFileSync(path.join(FIXTURES, 'cluster', f), 'utf8')).join('\n---\n');
    const result = await runCli(['matrix', '-'], { stdin });
    expect(result.code).toBe(0);
    expectGolden('matrix.table.txt', result.stdout);
  });

  test('a large cluster: 400 unisolated pods, 159600 flows', async () => {
    const stdin = Array.from({ length: 400 }, (_, i) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: n, labels: {i: "${i}"}}\nspec: {containers: [{name: c, image: i, ports: [{containerPort: 80}]}]}\n`).join('---\n');
    const table = await runCli(['matrix', '-'], { stdin });
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n').length).toBe(1 + 400 * 399 + 1);
    const mermaid = await runCli(['matrix', '--format', 'mermaid', '-'], { stdin });
    expect(mermaid.code).toBe(0);
  });

  test('bad input: - given twice', async () => {
    expectBadInput(await runCli(['matrix', '-', '-'], { stdin: '' }), /^cdk-netpol: -: standard input can be given only once\n$/);
  });

  test('bad input: unknown format', async () => {
    expectBadInput(await runCli(['matrix', '--format', 'svg', 'cluster']), /argument 'svg' is invalid\. Allowed choices are table, json, csv, mermaid, dot\./);
  });

  test('bad input: unknown engine', async () => {
    expectBadInput(await runCli(['matrix', '--engine', 'weave', 'cluster']), /^cdk-netpol: --engine weave: unknown engine/);
  });
});
