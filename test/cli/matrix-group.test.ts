import { expectBadInput, expectGolden, runCli } from './harness';

// `matrix --group` (json, csv) lists classes of workloads and the flows between them; `--format csv` lists flows.
// Table and mermaid always list workloads, and without --group every output is the one the other goldens pin.

describe('matrix --group', () => {
  test('json: each class once with its members, flows between classes', async () => {
    const result = await runCli(['matrix', '--format', 'json', '--group', 'replicas']);
    expect(result.stderr).toEqual('');
    expect(result.code).toBe(0);
    expectGolden('matrix-group.json', result.stdout);
    const out = JSON.parse(result.stdout);
    expect(Object.keys(out)).toEqual(['engine', 'classes', 'flows']);
    // Replicas that only `pod-template-hash` tells apart are one class; the db replica with a metrics port is its own.
    expect(out.classes).toContainEqual({ id: 'c5', members: ['shop/web-0', 'shop/web-1', 'shop/web-2'] });
    expect(out.classes).toContainEqual({ id: 'c3', members: ['shop/db-0'] });
    expect(out.classes).toContainEqual({ id: 'c4', members: ['shop/db-1'] });
    expect(out.flows).toContainEqual({ from: 'c5', to: 'c2', port: 8080, protocol: 'TCP', portName: 'http' });
    expect(out.flows).toContainEqual({ from: 'c1', to: 'c4', port: 9187, protocol: 'TCP', portName: 'metrics' });
    expect(out.flows).not.toContainEqual(expect.objectContaining({ to: 'c3', port: 9187 }));
  });

  test('csv: class lines, then flow lines, one table', async () => {
    const result = await runCli(['matrix', '--format', 'csv', '--group', 'replicas']);
    expect(result.code).toBe(0);
    expectGolden('matrix-group.csv', result.stdout);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toEqual('record,class,member,from,to,port,protocol,port_name,certain,allowed,assumption');
    expect(lines.every(l => l.split(',').length === 11)).toBe(true);
    expect(lines).toContain('class,c5,shop/web-2,,,,,,,,');
    expect(lines).toContain('flow,,,c5,c2,8080,TCP,http,true,true,');
  });

  test('the grouped flows expand to exactly the flows listed pair by pair', async () => {
    const grouped = JSON.parse((await runCli(['matrix', '--format', 'json', '--group', 'replicas'])).stdout);
    const flat = JSON.parse((await runCli(['matrix', '--format', 'json', 'replicas'])).stdout);
    const members = new Map<string, string[]>(grouped.classes.map((c: any) => [c.id, c.members]));
    const expanded = grouped.flows.flatMap((f: any) => members.get(f.from)!.flatMap(from => members.get(f.to)!
      .filter(to => to !== from).map(to => ({ from, to, port: f.port, protocol: f.protocol, ...(f.portName ? { portName: f.portName } : {}) }))));
    const key = (f: any) => `${f.from} ${f.to} ${f.port}`;
    const byKey = (a: any, b: any) => key(a).localeCompare(key(b));
    expect(expanded.sort(byKey)).toEqual(flat.flows.sort(byKey));
  });

  test('uncertain flows keep their marks; the assumption names the classes\' first members', async () => {
    const result = await runCli(['matrix', '--format', 'json', '--group', 'guestbook']);
    expect(result.code).toBe(0);
    expectGolden('matrix-uncertain-group.json', result.stdout);
    const out = JSON.parse(result.stdout);
    expect(out.flows).toContainEqual(expect.objectContaining({ from: 'c1', to: 'c2', port: 5432, certain: false, allowed: false }));
    expect(out.flows.find((f: any) => f.from === 'c1' && f.to === 'c2').assumption).toMatch(/^prod\/attacker has no known IP; /);
  });

  test('table and mermaid list workloads with or without --group', async () => {
    for (const format of ['table', 'mermaid']) {
      const plain = await runCli(['matrix', '--format', format, 'cluster']);
      const grouped = await runCli(['matrix', '--format', format, '--group', 'cluster']);
      expect(grouped.stdout).toEqual(plain.stdout);
    }
    expectGolden('matrix.table.txt', (await runCli(['matrix', '--group', 'cluster'])).stdout);
  });

  test('a large cluster: 400 pods no policy tells apart are one class with one flow to itself', async () => {
    const stdin = Array.from({ length: 400 }, (_, i) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: n, labels: {i: "${i}"}}\nspec: {containers: [{name: c, image: i, ports: [{containerPort: 80}]}]}\n`).join('---\n');
    const result = await runCli(['matrix', '--format', 'json', '--group', '-'], { stdin });
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.classes).toHaveLength(1);
    expect(out.classes[0].members).toHaveLength(400);
    expect(out.flows).toEqual([{ from: 'c1', to: 'c1', port: 80, protocol: 'TCP' }]);
  });
});

describe('matrix --format csv', () => {
  test('a header, then one line per flow in the table\'s order', async () => {
    const result = await runCli(['matrix', '--format', 'csv', 'cluster']);
    expect(result.code).toBe(0);
    expectGolden('matrix.csv', result.stdout);
    expect(result.stdout).toMatch(/^from,to,port,protocol,port_name,certain,allowed,assumption\n/);
    expect(result.stdout).toContain('\nshop/web,shop/api,8080,TCP,http,true,true,\n');
  });

  test('uncertain flows: certain false, the verdict for a pod in no ipBlock, and the quoted assumption', async () => {
    const result = await runCli(['matrix', '--format', 'csv', 'guestbook']);
    expectGolden('matrix-uncertain.csv', result.stdout);
    expect(result.stdout).toMatch(/\nprod\/attacker,prod\/db,5432,TCP,postgres,false,false,"prod\/attacker has no known IP; [^"\n]+"\n/);
  });

  test('bad input: --group with an unknown format is still refused', async () => {
    expectBadInput(await runCli(['matrix', '--group', '--format', 'svg', 'cluster']), /argument 'svg' is invalid/);
  });
});
