// Every command reads a cdktf stack's cdk.tf.json: the objects of its kubernetes_network_policy_v1 and
// kubernetes_manifest resources, as the kubernetes provider creates them.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { deployment, runCli } from './harness';
import { createApp } from '../../examples/cdktf-module/main';

const STACK = 'shop-network-policy';
let dir: string;
let stackFile: string;

/** The example's workloads as Deployments (the stack declares policies only). */
const WORKLOADS = [
  deployment('shop', 'frontend', { app: 'frontend' }, [{ name: 'http', port: 8080 }]),
  deployment('shop', 'api', { app: 'api' }, [{ name: 'http', port: 8080 }]),
  deployment('shop', 'database', { app: 'database' }, [{ name: 'postgres', port: 5432 }]),
  deployment('ingress-nginx', 'controller', { 'app.kubernetes.io/name': 'ingress-nginx' }, [{ name: 'http', port: 80 }]),
  deployment('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }]),
  deployment('kube-system', 'metrics-server', { 'k8s-app': 'metrics-server' }, [{ name: 'https', port: 10250 }]),
  deployment('team-x', 'app', { app: 'x' }, [{ name: 'http', port: 8080 }]),
];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-cli-tf-'));
  createApp(path.join(dir, 'cdktf.out')).synth();
  stackFile = path.join(dir, 'cdktf.out', 'stacks', STACK, 'cdk.tf.json');
  fs.writeFileSync(path.join(dir, 'workloads.yaml'), WORKLOADS.map(w => stringify(w)).join('---\n'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A Terraform configuration beside the workloads, written to a file of its own. */
function configFile(name: string, config: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

describe('cdk.tf.json', () => {
  // The flows the example's README states, under Calico semantics (test/examples-cdktf.test.ts proves them through the library).
  const FLOWS: [string, string, number, boolean][] = [
    ['ingress-nginx/controller', 'shop/frontend', 8080, true],
    ['shop/frontend', 'shop/api', 8080, true],
    ['shop/api', 'shop/database', 5432, true],
    ['shop/frontend', 'shop/database', 5432, false],
    ['shop/api', '203.0.113.10', 443, true],
    ['shop/api', '10.0.0.5', 443, false],
    ['team-x/app', 'shop/frontend', 8080, false],
    ['kube-system/metrics-server', '203.0.113.10', 443, true],
  ];

  test('check reads the stack as the provider creates it, with the workloads beside it', async () => {
    const flows = path.join(dir, 'flows.json');
    fs.writeFileSync(flows, JSON.stringify(FLOWS.map(([from, to, port, expect]) => ({ from, to, port, expect }))));
    const result = await runCli(['check', '--engine', 'calico', '--flows', flows, stackFile, path.join(dir, 'workloads.yaml')], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const verdicts = JSON.parse(result.stdout).results.map((r: any) => [r.from, r.to, r.port, r.allowed]);
    expect(verdicts).toEqual(FLOWS);
  });

  test('a folder holding the stack is read too (matrix, lint)', async () => {
    const stacks = path.join(dir, 'cdktf.out', 'stacks');
    const matrix = await runCli(['matrix', '--engine', 'calico', '--format', 'json', stacks, path.join(dir, 'workloads.yaml')], { cwd: dir });
    expect(matrix.code).toBe(0);
    const pairs = JSON.parse(matrix.stdout).flows.map((f: any) => `${f.from} -> ${f.to} ${f.port}`);
    expect(pairs).toContain('shop/frontend -> shop/api 8080');
    expect(pairs).not.toContain('shop/frontend -> shop/database 5432');
    // The example is clean under its engine; an ipBlock peer that lies inside its own except is not.
    const lint = await runCli(['lint', '--engine', 'calico', '--format', 'json', stackFile], { cwd: dir });
    expect([lint.code, JSON.parse(lint.stdout).findings]).toEqual([0, []]);
    const config = JSON.parse(fs.readFileSync(stackFile, 'utf8'));
    const policies = config.resource.kubernetes_network_policy_v1;
    const name = Object.keys(policies).find(n => JSON.stringify(policies[n]).includes('ip_block'))!;
    const egress = policies[name].spec.egress;
    const rule = Array.isArray(egress) ? egress[0] : egress;
    const to = Array.isArray(rule.to) ? rule.to : [rule.to];
    const ipBlock = to.find((p: any) => p.ip_block).ip_block;
    (Array.isArray(ipBlock) ? ipBlock[0] : ipBlock).except = ['192.0.2.0/24'];
    const flawed = await runCli(['lint', '--engine', 'calico', '--format', 'json', configFile('flawed.tf.json', config)], { cwd: dir });
    const finding = JSON.parse(flawed.stdout).findings.find((f: any) => f.code === 'API_EXCEPT_NOT_INSIDE');
    expect(finding?.object).toMatch(/^NetworkPolicy shop\//);
  });

  test('a value Terraform computes at apply time is refused, naming the resource and the field', async () => {
    const config = JSON.parse(fs.readFileSync(stackFile, 'utf8'));
    const name = Object.keys(config.resource.kubernetes_network_policy_v1)[0];
    config.resource.kubernetes_network_policy_v1[name].metadata.namespace = '${kubernetes_namespace_v1.shop.metadata[0].name}';
    const result = await runCli(['matrix', configFile('computed.tf.json', config)], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`kubernetes_network_policy_v1.${name}: metadata.namespace is computed by Terraform at apply time`);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('count and for_each are refused: the objects are not known before the plan', async () => {
    const config = JSON.parse(fs.readFileSync(stackFile, 'utf8'));
    const name = Object.keys(config.resource.kubernetes_manifest)[0];
    config.resource.kubernetes_manifest[name].for_each = '${toset(var.names)}';
    const result = await runCli(['check', '--flows', '-', configFile('repeated.tf.json', config)], { cwd: dir, stdin: '[]' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`kubernetes_manifest.${name}: for_each makes Terraform create the object several times`);
  });

  test('a resource that is not as the provider schema has it is refused, naming it', async () => {
    const file = configFile('broken.tf.json', {
      resource: { kubernetes_network_policy_v1: { np: { metadata: { name: 'np', namespace: 'shop' }, spec: { pod_selector: [{}, {}], policy_types: ['Ingress'] } } } },
    });
    const result = await runCli(['matrix', file], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('kubernetes_network_policy_v1.np: expected at most one block, got 2');
    const missing = configFile('no-types.tf.json', {
      resource: { kubernetes_network_policy_v1: { np: { metadata: { name: 'np', namespace: 'shop' }, spec: { pod_selector: {} } } } },
    });
    const noTypes = await runCli(['matrix', missing], { cwd: dir });
    expect(noTypes.code).toBe(2);
    expect(noTypes.stderr).toContain('kubernetes_network_policy_v1.np: spec.policy_types is required');
  });

  test('a Terraform configuration without kubernetes resources gives no objects; a Kubernetes object is never read as one', async () => {
    const empty = configFile('other.tf.json', { terraform: { required_providers: {} }, resource: { null_resource: { x: {} } } });
    const result = await runCli(['matrix', '--format', 'json', empty], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).flows).toEqual([]);
    // A document with a kind is a Kubernetes object, whatever other keys it has.
    const odd = configFile('odd.json', {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'x', namespace: 'x' }, spec: { podSelector: {} }, resource: {},
    });
    const read = await runCli(['matrix', odd], { cwd: dir });
    expect(read.stderr).toContain('API_UNKNOWN_FIELD');
  });
});
