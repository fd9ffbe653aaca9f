import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expectBadInput, expectGolden, runCli } from './harness';
import { readManifests } from '../../lib/analyzer';
import { EngineName } from '../../lib/analyzer/evaluators';
import { expectedWithDefaultDeny, reachability, sampleCluster, workloadManifests } from '../support/aks-reachability';
import { registerIfSchemas, validateManifest } from '../support/kube-validator';

/** Each AKS engine and the analyzer engine that judges its output. */
const ENGINES: Array<[string, EngineName]> = [['azure', 'kubernetes'], ['calico', 'calico-crd'], ['cilium', 'cilium']];
const TEAMS = ['team-a', 'team-b'];
const NOTE_OFF = 'cdk-netpol: note: default deny is off (add --default-deny): the baseline holds no policy\n';

/** The arguments for an engine: azure lists the team namespaces. */
function args(engine: string, defaultDeny: boolean, ...more: string[]): string[] {
  return ['aks', '--engine', engine, ...defaultDeny ? ['--default-deny'] : [], ...engine === 'azure' ? ['--namespaces', ...TEAMS] : [], ...more];
}

let scratch: string;
beforeEach(() => { scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-aks-')); });
afterEach(() => { fs.rmSync(scratch, { recursive: true, force: true }); });

/** Runs the CLI in the scratch folder, so `--out` paths are short and the same every run. */
function runIn(argv: string[]) {
  return runCli(argv, { cwd: scratch });
}

/** The files of a folder, sorted, with their contents. */
function folder(dir: string): Array<[string, string]> {
  return fs.readdirSync(path.join(scratch, dir)).sort().map(f => [f, fs.readFileSync(path.join(scratch, dir, f), 'utf8')]);
}

/** A folder as one text, each file under a `==> name <==` header, for golden files. */
function folderText(dir: string): string {
  return folder(dir).map(([name, content]) => `==> ${name} <==\n${content}`).join('\n');
}

/** The objects written into a folder (kustomization.yaml and README.md are not objects). */
function objectsIn(dir: string): any[] {
  return folder(dir).filter(([f]) => f !== 'kustomization.yaml' && f.endsWith('.yaml'))
    .flatMap(([f]) => readManifests([path.join(scratch, dir, f)]));
}

describe('aks', () => {
  test('--help explains the engines, the flag, the exempt list, the output, exit codes, and gives examples', async () => {
    const result = await runCli(['aks', '--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toEqual('');
    for (const text of ['Usage: cdk-netpol aks [options]', '--engine <engine>', '(choices: "azure", "calico", "cilium")', '--default-deny',
      '--exempt <NS...>', '--also-exempt <NS...>', '--namespaces <NS...>', '--node-local-dns <IP...>', '--out <DIR>',
      'Default deny is off unless --default-deny is given', '169.254.10.10 and 169.254.10.11', 'aks-istio-egress', 'kubectl apply -k DIR',
      'byte-identical', 'Exit codes:', '  0   the baseline was written', '  2   bad input', '  70  internal error',
      '$ cdk-netpol aks --engine calico --default-deny', '--format <format>', 'default: "yaml"',
      'Output (--format terraform, with --out DIR): a Terraform module in JSON syntax', 'variable enable_default_deny (default false)',
      '--default-deny is refused', '$ cdk-netpol aks --engine cilium --format terraform']) {
      expect(result.stdout).toContain(text);
    }
    expect(result.stdout.split('\n').filter(line => line.length > 100)).toEqual([]);
    expect((await runCli(['help', 'aks'])).stdout).toEqual(result.stdout);
  });

  describe.each(ENGINES)('--engine %s', (engine, evaluator) => {
    test.each([true, false])('--out: the objects, kustomization.yaml and README.md (golden; default deny %s)', async (defaultDeny) => {
      // WHEN
      const result = await runIn(args(engine, defaultDeny, '--out', 'baseline'));
      // THEN
      expect(result).toEqual({ code: 0, stdout: '', stderr: defaultDeny ? '' : NOTE_OFF });
      expectGolden(`aks-${engine}${defaultDeny ? '-default-deny' : ''}.out.txt`, folderText('baseline'));
      const files = folder('baseline').map(([f]) => f);
      const objectFiles = files.filter(f => f !== 'kustomization.yaml' && f !== 'README.md');
      expect(objectFiles.length).toBe(defaultDeny ? (engine === 'azure' ? 4 : 1) : 0);
      // The kustomization lists exactly the object files, sorted.
      const kustomization = fs.readFileSync(path.join(scratch, 'baseline', 'kustomization.yaml'), 'utf8');
      expect(kustomization).toContain('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n');
      expect([...kustomization.matchAll(/^ {2}- (.+)$/gm)].map(m => m[1])).toEqual(objectFiles);
      const readme = fs.readFileSync(path.join(scratch, 'baseline', 'README.md'), 'utf8');
      expect(readme).toContain(`**Default deny:** ${defaultDeny ? 'on' : 'off'}`);
      expect(readme).toContain('kubectl apply -k baseline');
      expect(readme).toContain('aks-command, aks-istio-egress, aks-istio-ingress, aks-istio-system, app-routing-system, calico-system, gatekeeper-system, kube-node-lease, kube-public, kube-system, tigera-operator.');
    });

    test('stdout: the same objects as one YAML stream, without --out', async () => {
      const result = await runIn(args(engine, true));
      expect(result.code).toBe(0);
      expect(result.stderr).toEqual('');
      await runIn(args(engine, true, '--out', 'baseline'));
      const files = folder('baseline').filter(([f]) => f !== 'kustomization.yaml' && f !== 'README.md');
      expect(result.stdout).toEqual(files.map(([, content]) => content).join('---\n'));
    });

    test('stdout: nothing without --default-deny, and a note on stderr', async () => {
      expect(await runIn(args(engine, false))).toEqual({ code: 0, stdout: '', stderr: NOTE_OFF });
    });

    test('can isolate the team namespaces except DNS to CoreDNS, and leave kube-system and the outside open', async () => {
      // GIVEN the written folder, read as files, with the sample workloads
      await runIn(args(engine, true, '--out', 'baseline'));
      // THEN the whole matrix under the engine's semantics
      expect(reachability(sampleCluster(objectsIn('baseline')), evaluator)).toEqual(expectedWithDefaultDeny());
    });

    test('cannot change reachability without --default-deny: the whole matrix is that of no policy', async () => {
      await runIn(args(engine, false, '--out', 'baseline'));
      expect(objectsIn('baseline')).toEqual([]);
      expect(reachability(sampleCluster(readManifests([path.join(scratch, 'baseline')])), evaluator)).toEqual(reachability(sampleCluster([]), evaluator));
    });

    test('byte-identical output for the same arguments, into a new folder or over its own', async () => {
      await runIn(args(engine, true, '--node-local-dns', '169.254.10.10', '169.254.10.11', '--out', 'one'));
      await runIn(args(engine, true, '--node-local-dns', '169.254.10.10', '169.254.10.11', '--out', 'two'));
      const first = folder('one');
      expect(folder('two').map(([f, c]) => [f, c.split('--out two').join('--out one').split('-k two').join('-k one').split(' two <').join(' one <')])).toEqual(first);
      expect((await runIn(args(engine, true, '--node-local-dns', '169.254.10.10', '169.254.10.11', '--out', 'one'))).code).toBe(0);
      expect(folder('one')).toEqual(first);
      expect((await runIn(args(engine, true))).stdout).toEqual((await runIn(args(engine, true))).stdout);
    });

    registerIfSchemas(() => {
      test('every object written passes the API server (and agent) validation', async () => {
        await runIn(args(engine, true, '--node-local-dns', '169.254.10.10', '169.254.10.11', '--also-exempt', 'ingress-nginx', '--out', 'baseline'));
        const objects = objectsIn('baseline');
        expect(objects.length).toBeGreaterThan(0);
        expect(objects.flatMap(o => validateManifest(o).map(v => `${o.kind} ${o.metadata.name}: ${v}`))).toEqual([]);
      });
    });
  });

  test('the analyzer reads the written folder as it is: matrix over the folder and the workloads', async () => {
    await runIn(args('calico', true, '--out', 'baseline'));
    fs.writeFileSync(path.join(scratch, 'workloads.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: workloadManifests() }));
    const result = await runIn(['matrix', '--engine', 'calico-crd', '--format', 'json', 'baseline', 'workloads.json']);
    expect(result.code).toBe(0);
    const flows = JSON.parse(result.stdout).flows.map((f: any) => `${f.from} -> ${f.to} ${f.port}/${f.protocol}`);
    expect(flows).toContain('team-a/web -> kube-system/coredns 53/UDP');
    expect(flows).toContain('kube-system/metrics-server -> kube-system/coredns 9153/TCP');
    expect(flows.filter((f: string) => / -> team-/.test(f))).toEqual([]);
  });

  test('rewrites a folder it wrote before, removing the objects no longer rendered', async () => {
    await runIn(args('azure', true, '--out', 'baseline'));
    expect(folder('baseline').map(([f]) => f)).toContain('networkpolicy_team-b_allow-dns.yaml');
    // WHEN team-b is no longer listed, or the flag is dropped
    await runIn(['aks', '--engine', 'azure', '--default-deny', '--namespaces', 'team-a', '--out', 'baseline']);
    expect(folder('baseline').map(([f]) => f)).toEqual([
      'README.md', 'kustomization.yaml', 'networkpolicy_team-a_allow-dns.yaml', 'networkpolicy_team-a_default-deny-all.yaml',
    ]);
    await runIn(['aks', '--engine', 'azure', '--out', 'baseline']);
    expect(folder('baseline').map(([f]) => f)).toEqual(['README.md', 'kustomization.yaml']);
  });

  test('quotes a folder name the shell would split, in the README', async () => {
    expect((await runIn(['aks', '--engine', 'calico', '--default-deny', '--out', "team's baseline"])).code).toBe(0);
    const readme = fs.readFileSync(path.join(scratch, "team's baseline", 'README.md'), 'utf8');
    expect(readme).toContain("kubectl apply -k 'team'\\''s baseline'\n");
    expect(readme).toContain("--out 'team'\\''s baseline'`.");
  });

  test('--exempt replaces the default list; --also-exempt adds to it', async () => {
    const replaced = await runIn(['aks', '--engine', 'cilium', '--default-deny', '--exempt', 'kube-system', 'ingress-nginx']);
    expect(replaced.stdout).toContain('values:\n          - ingress-nginx\n          - kube-system\n');
    const added = await runIn(['aks', '--engine', 'cilium', '--default-deny', '--also-exempt', 'ingress-nginx']);
    expect(added.stdout).toContain('          - gatekeeper-system\n          - ingress-nginx\n');
    const both = await runIn(['aks', '--engine', 'cilium', '--default-deny', '--exempt', 'kube-system', '--also-exempt', 'ingress-nginx', '--out', 'baseline']);
    expect(both.code).toBe(0);
    expect(fs.readFileSync(path.join(scratch, 'baseline', 'README.md'), 'utf8')).toContain('**Exempt (never isolated):** ingress-nginx, kube-system.');
  });

  test('a warning of the engine goes to stderr, and the output is still written', async () => {
    // The kube-dns Service address: Cilium CIDR rules never match pods, and policies see the pods after DNAT.
    const result = await runIn(['aks', '--engine', 'cilium', '--default-deny', '--node-local-dns', '10.0.0.10']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cidr: 10.0.0.10/32');
    expect(result.stderr).toMatch(/^cdk-netpol: warning \[CILIUM_CIDR_NOT_PODS\] /);
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).not.toContain('Diagnostics.acknowledge');
  });

  describe('bad input: exit 2, one line, nothing written', () => {
    test.each([
      [['aks'], /required option '--engine <engine>' not specified/],
      [['aks', '--engine', 'weave'], /argument 'weave' is invalid\. Allowed choices are azure, calico, cilium\./],
      [['aks', '--engine', 'azure', '--default-deny'], /^cdk-netpol: --namespaces: Azure Network Policy Manager has no cluster-wide policy.*Fix: list them in --namespaces .*\[NAMESPACES_REQUIRED\]\n$/],
      [['aks', '--engine', 'calico', '--namespaces', 'team-a'], /^cdk-netpol: --namespaces: engine calico isolates every namespace .*\(got "team-a"\)\. Fix: drop --namespaces; list the namespaces to leave alone in --exempt \[NAMESPACES_IGNORED\]\n$/],
      [['aks', '--engine', 'cilium', '--default-deny', '--namespaces', 'team-a'], /\[NAMESPACES_IGNORED\]/],
      [['aks', '--engine', 'azure', '--default-deny', '--namespaces', 'team-a', 'Team_B'], /^cdk-netpol: --namespaces: namespace name must be a DNS-1123 label.*\(got "Team_B"\)\. Fix: use a name like "team-b" \[NAMESPACE_NAME_INVALID\]/],
      [['aks', '--engine', 'calico', '--exempt', 'kube-system', 'Ingress'], /^cdk-netpol: --exempt: .*\(got "Ingress"\).*\[NAMESPACE_NAME_INVALID\]/],
      [['aks', '--engine', 'calico', '--also-exempt', 'ingress_nginx'], /^cdk-netpol: --also-exempt: .*\(got "ingress_nginx"\).*\[NAMESPACE_NAME_INVALID\]/],
      [['aks', '--engine', 'calico', '--default-deny', '--exempt', 'ingress-nginx'], /^cdk-netpol: --exempt: kube-system would be isolated.*Fix: keep kube-system in --exempt: extend the default list with --also-exempt rather than replace it \[KUBE_SYSTEM_NOT_EXEMPT\]/],
      [['aks', '--engine', 'azure', '--default-deny', '--namespaces', 'team-a', 'kube-system'], /^cdk-netpol: --namespaces: namespace "kube-system" is listed to isolate and also exempt.*\[NAMESPACE_ISOLATED_AND_EXEMPT\]/],
      [['aks', '--engine', 'cilium', '--default-deny', '--node-local-dns', '169.254.10.300'], /^cdk-netpol: --node-local-dns: .*\(got "169\.254\.10\.300"\).*\[CIDR_MALFORMED\]/],
      [['aks', '--engine', 'calico', '--exempt', ''], /^cdk-netpol: --exempt: namespace name must be a DNS-1123 label.*\(got ""\)/],
      [['aks', '--engine', 'calico', 'extra'], /too many arguments for 'aks'/],
      // Every problem of the props, each as its option, on the one line.
      [['aks', '--engine', 'calico', '--default-deny', '--exempt', 'Bad', '--namespaces', 'team-a'],
        /^cdk-netpol: --exempt: .*\(got "Bad"\).*\[NAMESPACE_NAME_INVALID\]; --namespaces: engine calico isolates every namespace .*\[NAMESPACES_IGNORED\]\n$/],
    ])('%j', async (argv, pattern) => {
      expectBadInput(await runIn([...argv, '--out', 'baseline']), pattern);
      expect(fs.existsSync(path.join(scratch, 'baseline'))).toBe(false);
    });

    test('an option without its values', async () => {
      expectBadInput(await runIn(['aks', '--engine', 'calico', '--exempt']), /option '--exempt <NS\.\.\.>' argument missing/);
      expectBadInput(await runIn(['aks', '--engine', 'calico', '--out']), /option '--out <DIR>' argument missing/);
    });

    test('a non-empty folder it did not write', async () => {
      fs.mkdirSync(path.join(scratch, 'mine'));
      fs.writeFileSync(path.join(scratch, 'mine', 'kustomization.yaml'), 'resources: [deployment.yaml]\n');
      expectBadInput(await runIn(['aks', '--engine', 'calico', '--default-deny', '--out', 'mine']),
        /^cdk-netpol: --out mine: the folder is not empty and was not written by "cdk-netpol aks"; choose a new or empty folder\n$/);
      expect(fs.readdirSync(path.join(scratch, 'mine'))).toEqual(['kustomization.yaml']);
    });

    test('a file given as the folder', async () => {
      fs.writeFileSync(path.join(scratch, 'file'), '');
      expectBadInput(await runIn(['aks', '--engine', 'calico', '--out', 'file']), /^cdk-netpol: --out file: is not a folder\n$/);
      expectBadInput(await runIn(['aks', '--engine', 'calico', '--out', 'file/sub']), /^cdk-netpol: --out file\/sub: cannot write: /);
    });
  });
});
