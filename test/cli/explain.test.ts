import * as fs from 'fs';
import * as path from 'path';
import { expectBadInput, expectGolden, FIXTURES, runCli } from './harness';

describe('explain', () => {
  test('an allowed flow: verdict line, then one line per decision', async () => {
    const result = await runCli(['explain', '--from', 'shop/web', '--to', 'shop/api', '--port', '8080', 'cluster']);
    expect(result.stderr).toEqual('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toEqual('ALLOW shop/web -> shop/api 8080/TCP');
    expectGolden('explain-allowed.txt', result.stdout);
  });

  test('a denied flow is an answer too: exit 0', async () => {
    const result = await runCli(['explain', '--from', 'shop/web', '--to', 'shop/db', '--port', '5432', '--protocol', 'TCP', 'cluster']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toEqual('DENY shop/web -> shop/db 5432/TCP');
    expectGolden('explain-denied.txt', result.stdout);
  });

  test('an IP address outside the cluster, UDP', async () => {
    const result = await runCli(['explain', '--from', 'shop/api', '--to', '198.51.100.7', '--port', '53', '--protocol', 'UDP', 'cluster']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^DENY shop\/api -> 198\.51\.100\.7 53\/UDP\n/);
  });

  test('ns/Kind/name picks one of two objects sharing a name', async () => {
    const result = await runCli(['explain', '--from', 'edge/Pod/cache', '--to', 'edge/Deployment/cache', '--port', '6379', 'shared-name']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ALLOW /);
  });

  test('manifests from stdin', async () => {
    const { stdout: expected } = await runCli(['explain', '--from', 'shop/web', '--to', 'shop/api', '--port', '8080', 'cluster']);
    const shop = fs.readFileSync(path.join(FIXTURES, 'cluster', 'shop.yaml'), 'utf8');
    const result = await runCli(['explain', '--from', 'shop/web', '--to', 'shop/api', '--port', '8080', '-'], { stdin: shop });
    expect(result.code).toBe(0);
    expect(result.stdout).toEqual(expected);
  });

  test.each([
    ['port 0', ['--port', '0'], /^cdk-netpol: --port 0: expected an integer 1\.\.65535\n$/],
    ['port 65536', ['--port', '65536'], /--port 65536: expected an integer 1\.\.65535/],
    ['port not a number', ['--port', 'http'], /--port http: expected an integer 1\.\.65535/],
    ['unknown protocol', ['--port', '80', '--protocol', 'ICMP'], /--protocol ICMP: unknown protocol \(expected TCP, UDP, SCTP\)/],
    ['unknown engine', ['--port', '80', '--engine', 'istio'], /--engine istio: unknown engine; use one of kubernetes, calico, calico-crd, cilium, cluster-network-policy/],
  ])('bad input: %s', async (_name, args, pattern) => {
    expectBadInput(await runCli(['explain', '--from', 'shop/web', '--to', 'shop/api', ...args, 'cluster']), pattern);
  });

  test('bad input: unknown endpoint names the option', async () => {
    expectBadInput(await runCli(['explain', '--from', 'shop/nope', '--to', 'shop/api', '--port', '8080', 'cluster']), /^cdk-netpol: --from shop\/nope: /);
  });

  test('bad input: a missing required option', async () => {
    expectBadInput(await runCli(['explain', '--to', 'shop/api', '--port', '8080', 'cluster']), /required option '--from <NS\/NAME\|IP>' not specified/);
  });
});
