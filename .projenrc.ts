import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk-netpol',
  description: 'Kubernetes network policy as code: typed intents for cdk8s and cdktf, rendered to NetworkPolicy, Calico, Cilium and ClusterNetworkPolicy manifests that are validated before they ship.',
  author: 'cdk-netpol developers',
  authorAddress: 'maintainers@cdk-netpol.invalid',
  repositoryUrl: 'https://example.invalid/cdk-netpol.git',
  defaultReleaseBranch: 'main',
  license: 'Apache-2.0',
  keywords: ['cdk8s', 'cdktf', 'kubernetes', 'networkpolicy', 'network-policy', 'zero-trust', 'calico', 'cilium', 'aks'],
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.16.0',

  // Compiled output goes to build/, never next to the sources (TOOLCHAIN P4/P5).
  srcdir: 'lib',
  testdir: 'test',
  libdir: 'build',
  entrypoint: 'build/index.js',

  jsiiVersion: '~6.0.0',
  cdk8sVersion: '2.70.106',
  constructsVersion: '10.4.2',

  // Solved problems come from well-kept libraries (CIDR math, YAML with alias limits, CLI parsing);
  // jsii requires non-jsii runtime deps to be bundled.
  // @dagrejs/dagre lays out the report's graph when the report is written (the HTML carries the positions, no library).
  bundledDeps: ['ipaddr.js@^2.2.0', 'yaml@^2.8.0', 'commander@^14.0.0', '@dagrejs/dagre@^3.1.3'],
  // cdktf hosts are optional: the adapter loads them only when a construct sits in a TerraformStack.
  peerDeps: ['cdktf@^0.21.0', '@cdktf/provider-kubernetes@^12.1.1'],
  devDeps: [
    'cdk8s-plus-27@^2.9.5',
    'ajv@^8.17.1',
    'fast-check@^4.3.0',
    // Tests read the matrix's DOT output back with a DOT parser of its own (ESM: run in a child process).
    'ts-graphviz@^3.0.7',
    // Drives the system's Chromium (Debian's chromium package, installed by .ci/run) in the report's tests; downloads no browser.
    'playwright-core@^1.65.1',
    // Tests parse the matrix's Mermaid output with Mermaid itself, in the same browser (its bundle, loaded offline).
    'mermaid@^11.12.0',
  ],

  github: false,
  release: false,
  depsUpgrade: false,
  sampleCode: false,
  integrationTestAutoDiscover: false,

  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // Examples are synthesized by the suite; keep jest away from build output.
      // The terraform cross-check needs HashiCorp's binary, which neither npm nor Debian carries: its own task below.
      testPathIgnorePatterns: ['/node_modules/', '/build/', '/dist/', '/test/cli/aks-terraform-binary\\.test\\.ts$'],
      coveragePathIgnorePatterns: ['/node_modules/', '/test/', '/examples/'],
    },
  },
  docgen: true,
});

// docs/ and examples/ ship with the package: the README links them (the examples as readable sources).
project.npmignore?.exclude('/bench/', '/.ci/', '/scripts/');
project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('bench');
project.eslint?.addLintPattern('scripts');
// Examples and the benchmark use cdk8s-plus-27 the way users do; it stays a devDependency of the package.
project.eslint?.allowDevDeps('examples/**');
project.eslint?.allowDevDeps('bench/**');
project.eslint?.allowDevDeps('scripts/**');
project.eslint?.addRules({
  'import/no-cycle': ['error'],
  // The model is engine-neutral and construct-free; engines never reach into constructs.
  'import/no-restricted-paths': ['error', {
    zones: [
      { target: './lib/model', from: ['./lib/engines', './lib/constructs', './lib/cdk8s'], message: 'model/ imports nothing of ours' },
      { target: './lib/engines', from: ['./lib/constructs', './lib/cdk8s'], message: 'engines/ may import model/ only' },
      { target: './lib/analyzer', from: ['./lib/constructs', './lib/testing', './lib/cli'], message: 'analyzer/ may import model/ only' },
      // The analyzer reads Calico's selector language where the Calico engine defines it, and nothing else of the engines.
      { target: './lib/analyzer', from: './lib/engines', except: ['./calico/selector-language.ts'], message: 'analyzer/ may import model/ and engines/calico/selector-language.ts only' },
      { target: './lib/testing', from: ['./lib/cli', './lib/constructs', './lib/engines'], message: 'testing/ may import analyzer/ and model/ only' },
    ],
  }],
});

// Examples, the benchmark and the scripts are type-checked and linted like tests (TOOLCHAIN P7).
for (const dir of ['examples', 'bench', 'scripts']) {
  new javascript.TypescriptConfig(project, {
    fileName: `${dir}/tsconfig.json`,
    extends: javascript.TypescriptConfigExtends.fromPaths(['../tsconfig.json']),
    include: ['**/*.ts'],
    compilerOptions: { noEmit: true, rootDir: '..' },
  });
}

// jsii on Node 20: silence the end-of-life banner and the GitHub release ping (TOOLCHAIN P12/P13).
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');
project.tasks.addEnvironment('JSII_SILENCE_SUPPORT_WARNING', '1');

// JsiiProject silences jsii's reserved-word warnings (JSII5018); the public API has none, so keep any new one visible.
project.compileTask.reset('jsii');
project.tasks.tryFind('watch')?.reset('jsii -w');

// ts-jest only transpiles (isolatedModules), so type errors in tests and examples need their own check.
const typecheck = project.addTask('typecheck', {
  description: 'Type-check tests, examples, the benchmark and the scripts',
  exec: 'tsc --noEmit -p test/tsconfig.json',
});
typecheck.exec('tsc --noEmit -p examples/tsconfig.json');
typecheck.exec('tsc --noEmit -p bench/tsconfig.json');
typecheck.exec('tsc --noEmit -p scripts/tsconfig.json');
project.testTask.prependSpawn(typecheck);

// docs/engines.md comes from the engines' capability tables; the build regenerates it, CI's diff check catches drift.
const enginesDoc = project.addTask('docgen:engines', {
  description: 'Generate docs/engines.md from the engines\' capability tables',
  exec: 'ts-node --transpile-only -e "require(\'fs\').writeFileSync(\'docs/engines.md\', require(\'./lib/engines/capability-doc\').enginesMarkdown())"',
});
project.postCompileTask.spawn(enginesDoc);

// The loader's schema tables come from ../shared/schemas, which a clone does not have: regenerating them is a
// deliberate step, never part of the build; test/analyzer/load/schema-tables.test.ts catches drift where the folder exists.
project.addTask('schemas:generate', {
  description: 'Regenerate lib/analyzer/loading/schema/*.generated.ts from the official schemas in ../shared/schemas',
  exec: 'ts-node --transpile-only scripts/generate-schema-tables.ts',
});

project.addTask('examples', {
  description: 'Synthesize every example app into dist/examples/<example>/',
  exec: 'ts-node --transpile-only examples/synth-all.ts',
});

// One runner, so every benchmark prints its figures even when an earlier one misses its bar.
project.addTask('bench', {
  description: 'Benchmarks: synthesis (cdk-netpol vs raw ApiObjects vs cdk8s-plus-27), the analyzer matrix per engine (grouped vs pair by pair), cdktf synthesis (vs raw NetworkPolicyV1)',
  exec: 'node -r ts-node/register/transpile-only bench/run-all.ts',
});

// The CLI ships in the same package; cli.ts is not re-exported from index.ts, so it stays out of the jsii API.
project.addBins({ 'cdk-netpol': 'build/cli/index.js' });

// cdk8s-only users install neither cdktf nor the kubernetes provider (145 MB); npm must not pull them in.
project.package.addField('peerDependenciesMeta', {
  'cdktf': { optional: true },
  '@cdktf/provider-kubernetes': { optional: true },
});

// Subpath imports: `cdk-netpol/testing` (matchers, declareWorkloads) and `cdk-netpol/analyzer`. The old
// `cdk-netpol/build/...` paths keep resolving for one release (deprecated in the README's changelog).
project.package.addField('exports', {
  '.': { types: './build/index.d.ts', default: './build/index.js' },
  './testing': { types: './build/testing/index.d.ts', default: './build/testing/index.js' },
  './testing/setup': './build/testing/setup.js',
  './analyzer': { types: './build/analyzer/index.d.ts', default: './build/analyzer/index.js' },
  './build/testing': './build/testing/index.js',
  './build/analyzer': './build/analyzer/index.js',
  './build/*.js': './build/*.js',
  './build/*': './build/*.js',
  './package.json': './package.json',
  './.jsii': './.jsii',
});
// TypeScript with `moduleResolution: node` reads no `exports`: the same subpaths for it.
project.package.addField('typesVersions', {
  '*': {
    'testing': ['build/testing/index.d.ts'],
    'analyzer': ['build/analyzer/index.d.ts'],
    '*': ['*'],
  },
});

// eslint-import-resolver-typescript pulls unrs-resolver 1.13, whose bindings this registry lacks for most platforms (TOOLCHAIN P2).
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// `aks --format terraform` planned by the real terraform binary (not in CI's registries): run by hand where it is installed.
project.addTask('test:terraform', {
  description: 'Plan the AKS Terraform modules with the terraform binary on the PATH and compare with the test evaluator',
  exec: 'jest --coverage=false --testPathIgnorePatterns /node_modules/ --testPathPatterns test/cli/aks-terraform-binary.test.ts',
});

project.synth();
