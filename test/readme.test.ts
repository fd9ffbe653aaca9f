import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import * as ts from 'typescript';
import * as netpol from '../lib';

const root = path.resolve(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map(m => m[1]);
const quickStart = blocks[0];

// Fragments use a chart and a workload the reader already has.
const FRAGMENT_PREAMBLE = [
  "import { Chart } from 'cdk8s';",
  "import * as kplus from 'cdk8s-plus-27';",
  'import { AllowDns, AllowFlow, AllowFrom, AllowTo, CalicoGlobalDeny, CiliumClusterwideDeny, ClusterDefaultDeny, DefaultDeny, DefaultEngine,',
  "  DenyFrom, DenyTo, Engine, PassFrom, PassTo, Peer, Port, Selector, Subject, ThreeTierApp } from 'cdk-netpol';",
  'declare const chart: Chart;',
  '// A chart without namespace, for cluster-scoped objects.',
  'declare const clusterChart: Chart;',
  'declare const frontendDeployment: kplus.Deployment;',
  '',
].join('\n');

function typeErrors(sources: Record<string, string>): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    baseUrl: root,
    paths: {
      'cdk-netpol': ['lib/index.ts'],
      'cdk-netpol/testing': ['lib/testing/index.ts'],
      'cdk-netpol/analyzer': ['lib/analyzer/index.ts'],
      'cdk-netpol/build/*': ['lib/*'],
    },
    types: ['node', 'jest'],
    noUnusedLocals: false,
  };
  const host = ts.createCompilerHost(options);
  const original = { getSourceFile: host.getSourceFile, fileExists: host.fileExists, readFile: host.readFile };
  host.fileExists = f => f in sources || original.fileExists(f);
  host.readFile = f => sources[f] ?? original.readFile(f);
  host.getSourceFile = (f, lang, ...rest) => f in sources ? ts.createSourceFile(f, sources[f], lang) : original.getSourceFile(f, lang, ...rest);
  const program = ts.createProgram(Object.keys(sources), options, host);
  return ts.getPreEmitDiagnostics(program)
    .filter(d => d.file && d.file.fileName in sources)
    .map(d => `${path.basename(d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('README', () => {
  test('names the TypeScript, ts-jest, jest, cdk8s and constructs versions the quick start was tested with: those installed', () => {
    const version = (name: string) => JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
    expect(readme).toContain(`Tested with TypeScript ${version('typescript')}, ts-jest ${version('ts-jest')} and jest ${version('jest')}`);
    expect(readme).toContain(`cdk8s ${version('cdk8s')} and constructs ${version('constructs')}`);
  });

  test('holds the two set-up commands', () => {
    expect(readme).toContain('npm ci && npx projen examples');
    expect(readme).toContain('npm ci && npx projen build');
  });

  test('every TypeScript block type-checks against the library', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    const sources: Record<string, string> = {};
    blocks.forEach((code, i) => {
      // Whole files (with their own imports) stand alone; fragments get the reader's chart and workload.
      sources[path.join(root, `readme-block-${i}.ts`)] = /^import /m.test(code) ? code : `${FRAGMENT_PREAMBLE}${code}\nexport {};\n`;
    });
    expect(typeErrors(sources)).toEqual([]);
  });

  test('the type-check catches a wrong prop (so the check above is not vacuous)', () => {
    const bad = `${FRAGMENT_PREAMBLE}new DefaultDeny(chart, 'Deny', { egres: false });\nexport {};\n`;
    expect(typeErrors({ [path.join(root, 'readme-bad.ts')]: bad }).join('\n')).toContain('egres');
  });

  test('the quick start synthesizes the zero-trust namespace it describes, without a warning', () => {
    const { outdir, warnings } = run(quickStart);
    expect(warnings).toEqual([]);
    const objects = cdk8s.Yaml.load(path.join(outdir, 'shop.k8s.yaml'));
    expect(objects.map((o: any) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'shop/default-deny-all',
      'shop/allow-dns',
      'shop/web-ingress-from-ns-ingress-nginx-ingress-nginx',
      'shop/web-egress-to-api',
      'shop/api-ingress-from-web',
    ]);
    const apiIngress = objects[4];
    expect(apiIngress.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }]);
    for (const name of ['default-deny-all', 'allow-dns', 'web-ingress-from-ns-ingress-nginx-ingress-nginx', 'web-egress-to-api', 'api-ingress-from-web']) {
      expect(readme).toContain(`\`${name}\``);
    }
  });

  test('the whole-app check example warns ALLOW_BLOCKED as it says, and its acknowledgement silences it', () => {
    const block = blocks.find(b => b.includes("'WebToApi'") && b.includes('Diagnostics.acknowledge'));
    expect(block).toBeDefined();
    // Without its acknowledgement the example prints exactly the warning its comment shows.
    const unacknowledged = run(block!.replace(/^Diagnostics\.acknowledge\(.*$/m, ''));
    expect(unacknowledged.warnings).toHaveLength(1);
    expect(unacknowledged.warnings[0]).toMatch(/^\[cdk-netpol\] warning \[ALLOW_BLOCKED\] web\/WebToApi: peers\[0\]: this allow is dead: the flow web\/pods\(app=web\) -> api\/pods\(app=api\) 8080\/TCP it opens is denied end to end/);
    expect(unacknowledged.warnings[0]).toContain('NetworkPolicy api/default-deny-ingress');
    expect(run(block!).warnings).toEqual([]);
  });

  test('lists every error code', () => {
    for (const code of Object.keys(netpol.ErrorCode)) expect(readme).toContain(`\`${code}\``);
  });
});

/** Runs a README block with the library and cdk8s, writing into a fresh folder; returns it and the warnings printed. */
function run(code: string): { outdir: string; warnings: string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-readme-'));
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const modules: Record<string, unknown> = { 'cdk8s': cdk8s, 'cdk-netpol': netpol };
  const localRequire = (id: string) => {
    if (!(id in modules)) throw new Error(`the README block imports ${id}, which this test does not provide`);
    return modules[id];
  };
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  const printed = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    new Function('require', 'exports', js)(localRequire, {});
    return { outdir, warnings: printed.mock.calls.map(c => String(c[0])) };
  } finally {
    printed.mockRestore();
    if (previous === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous;
  }
}
