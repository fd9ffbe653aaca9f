// `cdk-netpol aks --format terraform`: the module, read as Terraform and the kubernetes provider would read it, holds
// exactly the objects of the YAML output for the same engine, flag and lists; and it refuses what the YAML path refuses.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { expectBadInput, expectGolden, runCli } from './harness';
import { EngineName } from '../../lib/analyzer/evaluators';
import { objectsOfTerraform } from '../../lib/analyzer/from-terraform';
import { expectedWithDefaultDeny, reachability, sampleCluster } from '../support/aks-reachability';
import { ModulePlan, planConfiguration, planModule, readModule } from '../support/terraform-module';

const ENGINES: Array<[string, EngineName]> = [['azure', 'kubernetes'], ['calico', 'calico-crd'], ['cilium', 'cilium']];
const TEAMS = ['team-a', 'team-b'];

let scratch: string;
beforeEach(() => { scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-aks-tf-')); });
afterEach(() => { fs.rmSync(scratch, { recursive: true, force: true }); });

function runIn(argv: string[]) {
  return runCli(argv, { cwd: scratch });
}

/** Writes the module of `engine` (azure: for the team namespaces) into `module/`, with more options. */
async function writeModule(engine: string, ...more: string[]): Promise<any> {
  const result = await runIn(['aks', '--engine', engine, '--format', 'terraform', ...engine === 'azure' ? ['--namespaces', ...TEAMS] : [], ...more, '--out', 'module']);
  expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  return readModule(path.join(scratch, 'module'));
}

/** The module planned with `variables`: its failed validations, or its resources and outputs. */
function plan(module: any, variables: Record<string, unknown>): ModulePlan {
  return planModule(module, variables);
}

/** The objects a plan asks the kubernetes provider to create, as the provider reads the resources. */
function objectsOf(p: ModulePlan): any[] {
  expect(p.errors).toEqual([]);
  return objectsOfTerraform(planConfiguration(p));
}

/** The objects of the YAML output of `cdk-netpol aks` with these arguments. */
async function yamlObjects(argv: string[]): Promise<any[]> {
  const result = await runIn(argv);
  expect(result.code).toBe(0);
  return YAML.parseAllDocuments(result.stdout).map(d => d.toJSON()).filter(d => d !== null);
}

/** Objects as a sorted list of canonical JSON texts (keys sorted): equal lists hold the same objects, in any order. */
function canonical(objects: readonly any[]): string[] {
  const sortKeys = (v: any): any => Array.isArray(v) ? v.map(sortKeys)
    : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map(k => [k, sortKeys(v[k])])) : v;
  return objects.map(o => JSON.stringify(sortKeys(o))).sort();
}

/** The error codes of a refusal: `[CODE]` on the CLI's stderr, `(CODE).` at the end of each validation message. */
function cliCodes(stderr: string): string[] {
  return [...stderr.matchAll(/\[([A-Z_]+)\]/g)].map(m => m[1]);
}
function moduleCodes(p: ModulePlan): string[] {
  return p.errors.map(e => /\(([A-Z_]+)\)\.$/.exec(e)?.[1] ?? `no code in ${e}`);
}

describe('aks --format terraform', () => {
  describe.each(ENGINES)('--engine %s', (engine, evaluator) => {
    const azure = engine === 'azure';
    const yamlArgs = (...more: string[]) => ['aks', '--engine', engine, ...more];
    const teams = azure ? ['--namespaces', ...TEAMS] : [];

    test('the module files (golden)', async () => {
      await writeModule(engine);
      const files = fs.readdirSync(path.join(scratch, 'module')).sort();
      expect(files).toEqual(['README.md', 'main.tf.json', 'outputs.tf.json', 'variables.tf.json']);
      expectGolden(`aks-${engine}-terraform.out.txt`, files.map(f => `==> ${f} <==\n${fs.readFileSync(path.join(scratch, 'module', f), 'utf8')}`).join('\n'));
    });

    test('enable_default_deny off (the default): no object, as the YAML output without --default-deny', async () => {
      const module = await writeModule(engine);
      expect(await yamlObjects(yamlArgs(...teams))).toEqual([]);
      expect(objectsOf(plan(module, {}))).toEqual([]);
      expect(objectsOf(plan(module, { enable_default_deny: false, exempt_namespaces: ['kube-system', 'monitoring'] }))).toEqual([]);
      expect(plan(module, {}).outputs.policies).toEqual([]);
    });

    test('enable_default_deny on: the objects of the YAML output with --default-deny, object for object', async () => {
      // GIVEN
      const module = await writeModule(engine);
      const yaml = await yamlObjects(yamlArgs('--default-deny', ...teams));
      // WHEN
      const p = plan(module, { enable_default_deny: true });
      // THEN
      expect(yaml.length).toBe(azure ? 4 : 1);
      expect(canonical(objectsOf(p))).toEqual(canonical(yaml));
      expect(p.outputs.policies).toEqual(yaml.map(o => [o.kind, o.metadata.namespace, o.metadata.name].filter(Boolean).join('/')).sort());
      // and they mean what the baseline promises (the matrix written out in test/support/aks-reachability.ts)
      expect(reachability(sampleCluster(objectsOf(p)), evaluator)).toEqual(expectedWithDefaultDeny());
    });

    test('exempt_namespaces drives the objects: another list, unsorted with a duplicate, as --exempt gives it', async () => {
      const module = await writeModule(engine);
      const exempt = ['monitoring', 'kube-system', 'ingress-nginx', 'monitoring'];
      const yaml = await yamlObjects(yamlArgs('--default-deny', '--exempt', ...exempt, ...teams));
      const p = plan(module, { enable_default_deny: true, exempt_namespaces: exempt });
      expect(canonical(objectsOf(p))).toEqual(canonical(yaml));
      expect(p.outputs.exempt_namespaces).toEqual(['ingress-nginx', 'kube-system', 'monitoring']);
      if (!azure) expect(JSON.stringify(yaml)).toContain('monitoring');
    });

    test('the options that shape the defaults: --also-exempt extends the default list, --node-local-dns is in the policies', async () => {
      const more = ['--also-exempt', 'ingress-nginx', '--node-local-dns', '169.254.10.10', '169.254.10.11'];
      const module = await writeModule(engine, ...more);
      const yaml = await yamlObjects(yamlArgs('--default-deny', ...teams, ...more));
      expect(canonical(objectsOf(plan(module, { enable_default_deny: true })))).toEqual(canonical(yaml));
      expect(JSON.stringify(yaml)).toContain('169.254.10.11');
    });

    test('refuses what the YAML output refuses, with the flag on or off: a malformed exempt namespace', async () => {
      const module = await writeModule(engine);
      for (const flag of [true, false]) {
        const cli = await runIn(yamlArgs(...flag ? ['--default-deny'] : [], '--exempt', 'kube-system', 'Team_A', ...teams));
        expect(cliCodes(cli.stderr)).toEqual(['NAMESPACE_NAME_INVALID']);
        expect(moduleCodes(plan(module, { enable_default_deny: flag, exempt_namespaces: ['kube-system', 'Team_A'] }))).toEqual(['NAMESPACE_NAME_INVALID']);
      }
    });

    if (!azure) {
      test('refuses an exempt list without kube-system, with the flag on or off, as the YAML output does', async () => {
        const module = await writeModule(engine);
        for (const flag of [true, false]) {
          const cli = await runIn(yamlArgs(...flag ? ['--default-deny'] : [], '--exempt', 'ingress-nginx'));
          expect(cliCodes(cli.stderr)).toEqual(['KUBE_SYSTEM_NOT_EXEMPT']);
          expect(moduleCodes(plan(module, { enable_default_deny: flag, exempt_namespaces: ['ingress-nginx'] }))).toEqual(['KUBE_SYSTEM_NOT_EXEMPT']);
        }
      });
    }
  });

  describe('--engine azure: the namespaces to isolate are the variable namespaces', () => {
    test('another list, unsorted with a duplicate, as --namespaces gives it', async () => {
      const module = await writeModule('azure');
      const namespaces = ['team-c', 'team-a', 'team-c'];
      const yaml = await yamlObjects(['aks', '--engine', 'azure', '--default-deny', '--namespaces', ...namespaces]);
      const p = plan(module, { enable_default_deny: true, namespaces });
      expect(yaml.length).toBe(4);
      expect(canonical(objectsOf(p))).toEqual(canonical(yaml));
      expect(p.resources.map(r => `${r.type}.${r.name}[${JSON.stringify(r.key)}]`)).toEqual([
        'kubernetes_network_policy_v1.allow-dns["team-a"]', 'kubernetes_network_policy_v1.allow-dns["team-c"]',
        'kubernetes_network_policy_v1.default-deny-all["team-a"]', 'kubernetes_network_policy_v1.default-deny-all["team-c"]',
      ]);
    });

    test.each([
      // [namespaces, exempt_namespaces, flag, what the YAML output says]
      [['team-a', 'gatekeeper-system'], undefined, false, 'NAMESPACE_ISOLATED_AND_EXEMPT'],
      [['team-a', 'kube-system'], ['team-x'], true, 'KUBE_SYSTEM_NOT_EXEMPT'],
      [['team-a', 'kube-system'], undefined, true, 'NAMESPACE_ISOLATED_AND_EXEMPT'],
      [['team-a', 'Team_B'], undefined, true, 'NAMESPACE_NAME_INVALID'],
      [[], undefined, true, 'NAMESPACES_REQUIRED'],
    ])('refuses namespaces %j (exempt %j, flag %s) as the YAML output does: %s', async (namespaces, exempt, flag, code) => {
      const module = await writeModule('azure');
      const cli = await runIn(['aks', '--engine', 'azure', ...flag ? ['--default-deny'] : [], ...namespaces.length > 0 ? ['--namespaces', ...namespaces] : [],
        ...exempt !== undefined ? ['--exempt', ...exempt] : []]);
      expect(cliCodes(cli.stderr)).toEqual([code]);
      const p = plan(module, { enable_default_deny: flag, namespaces, ...exempt !== undefined ? { exempt_namespaces: exempt } : {} });
      expect(moduleCodes(p)).toContain(code);
      expect(p.resources).toEqual([]);
    });

    test('accepts no namespaces while the flag is off, as the YAML output does without --default-deny', async () => {
      const module = await writeModule('azure');
      expect(await yamlObjects(['aks', '--engine', 'azure'])).toEqual([]);
      expect(objectsOf(plan(module, { namespaces: [] }))).toEqual([]);
    });
  });

  test('byte-identical for the same arguments, into a new folder or over its own', async () => {
    const argv = ['aks', '--engine', 'calico', '--format', 'terraform', '--also-exempt', 'ingress-nginx'];
    await runIn([...argv, '--out', 'one']);
    await runIn([...argv, '--out', 'two']);
    const read = (dir: string) => fs.readdirSync(path.join(scratch, dir)).sort().map(f => [f, fs.readFileSync(path.join(scratch, dir, f), 'utf8')]);
    const one = read('one');
    expect(read('two').map(([f, c]) => [f, c.split('--out two').join('--out one').split('"./two"').join('"./one"')])).toEqual(one);
    expect((await runIn([...argv, '--out', 'one'])).code).toBe(0);
    expect(read('one')).toEqual(one);
  });

  test('rewrites a folder it wrote in the other format, leaving no file of that format', async () => {
    await runIn(['aks', '--engine', 'azure', '--default-deny', '--namespaces', 'team-a', '--out', 'baseline']);
    fs.writeFileSync(path.join(scratch, 'baseline', 'notes.txt'), 'mine');
    expect((await runIn(['aks', '--engine', 'azure', '--format', 'terraform', '--namespaces', 'team-a', '--out', 'baseline'])).code).toBe(0);
    expect(fs.readdirSync(path.join(scratch, 'baseline')).sort()).toEqual(['README.md', 'main.tf.json', 'notes.txt', 'outputs.tf.json', 'variables.tf.json']);
    expect((await runIn(['aks', '--engine', 'calico', '--default-deny', '--out', 'baseline'])).code).toBe(0);
    expect(fs.readdirSync(path.join(scratch, 'baseline')).sort()).toEqual(['README.md', 'globalnetworkpolicy_cluster-default-deny.yaml', 'kustomization.yaml', 'notes.txt']);
  });

  test('the README says how to call the module, its variables, the provider and the resource kinds', async () => {
    await writeModule('cilium');
    const readme = fs.readFileSync(path.join(scratch, 'module', 'README.md'), 'utf8');
    for (const text of ['module "aks_network_baseline" {\n  source = "./module"\n\n  enable_default_deny = true\n', '`hashicorp/kubernetes` 2.7.0',
      '| `exempt_namespaces` | `list(string)` |', '`kubernetes_manifest.ciliumclusterwidenetworkpolicy_cluster-default-deny`',
      'custom resources, so they are `kubernetes_manifest` resources', '\n```sh\ncdk-netpol aks --engine cilium --default-deny > baseline.yaml\n']) {
      expect(readme).toContain(text);
    }
  });

  describe('bad input: exit 2, one line, nothing written', () => {
    test.each([
      [['aks', '--engine', 'calico', '--format', 'terraform'], /^cdk-netpol: --format terraform: a Terraform module is a folder; give it with --out DIR\n$/],
      [['aks', '--engine', 'calico', '--format', 'terraform', '--default-deny', '--out', 'module'],
        /^cdk-netpol: --default-deny: with --format terraform, default deny is the module's variable enable_default_deny .* set enable_default_deny = true in the module block\n$/],
      [['aks', '--engine', 'calico', '--format', 'hcl', '--out', 'module'], /argument 'hcl' is invalid\. Allowed choices are yaml, terraform\./],
      // The module can be turned on: its options are checked as with --default-deny.
      [['aks', '--engine', 'azure', '--format', 'terraform', '--out', 'module'], /^cdk-netpol: --namespaces: .*\[NAMESPACES_REQUIRED\]\n$/],
      [['aks', '--engine', 'calico', '--format', 'terraform', '--exempt', 'ingress-nginx', '--out', 'module'], /\[KUBE_SYSTEM_NOT_EXEMPT\]\n$/],
    ])('%j', async (argv, pattern) => {
      expectBadInput(await runIn(argv), pattern);
      expect(fs.existsSync(path.join(scratch, 'module'))).toBe(false);
    });

    test('a non-empty folder it did not write', async () => {
      fs.mkdirSync(path.join(scratch, 'mine'));
      fs.writeFileSync(path.join(scratch, 'mine', 'main.tf.json'), '{"//": "my module", "resource": {}}');
      expectBadInput(await runIn(['aks', '--engine', 'calico', '--format', 'terraform', '--out', 'mine']),
        /^cdk-netpol: --out mine: the folder is not empty and was not written by "cdk-netpol aks"; choose a new or empty folder\n$/);
      expect(fs.readFileSync(path.join(scratch, 'mine', 'main.tf.json'), 'utf8')).toBe('{"//": "my module", "resource": {}}');
    });
  });
});
