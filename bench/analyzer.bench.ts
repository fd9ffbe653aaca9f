import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { analyzerManifests, BENCH_ENGINES, BenchEngine } from './analyzer-workload';
import { table } from './stats';

// Matrix benchmark, per engine (kubernetes, calico, calico-crd, cilium): `cdk-netpol matrix --format json --group` from
// the command line (the library compiled to JavaScript, loading included) on 20,000 pods in 2,000 namespaces with
// 5,000 policies and every pod's IP, each in its own process, with its time and peak RSS; then the matrix against
// pair-by-pair evaluation on a smaller cluster of the same shape (4,000 pods), in memory.
// The bar: under 10 s and 1 GiB for every engine, and the class matrix (what `--group` prints) at least 50x faster than
// evaluating every pod pair on its own; the matrix listed for every pod pair is timed beside it.

const BIG = positive('BENCH_ANALYZER_NAMESPACES', 2000);
const SMALL = positive('BENCH_PAIRWISE_NAMESPACES', 400);
// A bound on each child, not a bar: pair by pair on the smaller cluster runs twice (~35 s for cilium on 2 quiet cores),
// and this machine is shared, so the bound leaves room for a slow run.
const TIMEOUT_S = positive('BENCH_ANALYZER_TIMEOUT_S', 180);
const ENGINES = (process.env.BENCH_ENGINES?.split(',') ?? [...BENCH_ENGINES]) as BenchEngine[];
const LIMIT = { seconds: 10, mib: 1024, ratio: 50 };
const NAMESPACES_PER_FILE = 250;

const root = path.resolve(__dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-bench-'));
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));

console.log(`node ${process.version} on ${os.platform()}/${os.arch()}, ${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim() ?? 'unknown cpu'})`);
console.log(`analyzer: ${BIG * 10} pods in ${BIG} namespaces, ${BIG * 2.5} policies, every pod's IP; pair by pair on ${SMALL * 10} pods`);

// The CLI as users run it: compiled JavaScript, not ts-node.
const build = path.join(work, 'build');
const compile = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json'), '--outDir', build,
  '--declaration', 'false', '--inlineSourceMap', 'false', '--inlineSources', 'false'], { encoding: 'utf8' });
if (compile.status !== 0) fail(`tsc failed:\n${compile.stdout}${compile.stderr}`);

// Runs the compiled CLI in-process in a child and reports its own time and peak RSS, so the parent measures nothing
// of its own but the wall time.
const CLI_CHILD = `
const { main } = require(process.argv[1]);
let bytes = 0; let out = ''; let err = '';
const t0 = process.hrtime.bigint();
main(['matrix', '--engine', process.argv[2], '--format', 'json', '--group', process.argv[3]],
  { stdout: t => { bytes += t.length; out += t; }, stderr: t => { err += t; }, cwd: process.cwd() })
  .then(code => {
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (code !== 0) { console.error(err.split('\\n')[0]); process.exit(2); }
    const parsed = JSON.parse(out);
    console.log(JSON.stringify({ ms, peakMiB: process.resourceUsage().maxRSS / 1024, bytes, classes: parsed.classes.length, flows: parsed.flows.length }));
  });
`;

interface CliResult {
  readonly wallMs: number;
  readonly ms: number;
  readonly peakMiB: number;
  readonly classes: number;
  readonly flows: number;
}
interface RatioResult {
  readonly pods: number;
  readonly pairs: number;
  readonly fastMs: number;
  readonly groupedMs: number;
  readonly pairwiseMs: number;
  readonly flows: number;
  readonly same: boolean;
}

const rows: string[][] = [];
const verdicts: string[] = [];
let failed = false;
for (const engine of ENGINES) {
  const dir = writeManifests(engine);
  const cli = runChild<CliResult>(['-e', CLI_CHILD, path.join(build, 'cli', 'main.js'), engine, dir], `${engine} matrix`);
  const ratio = runChild<RatioResult>(['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'analyzer-child.ts'), 'ratio', engine, String(SMALL)], `${engine} pair by pair`);
  fs.rmSync(dir, { recursive: true, force: true });
  // The bar is on what the CLI runs at scale (`--group`: the class matrix); every pod pair is shown beside it.
  const speedup = ratio && ratio.groupedMs > 0 ? ratio.pairwiseMs / ratio.groupedMs : undefined;
  const podSpeedup = ratio && ratio.fastMs > 0 ? ratio.pairwiseMs / ratio.fastMs : undefined;
  rows.push([
    engine,
    cli ? (cli.wallMs / 1000).toFixed(1) : `> ${TIMEOUT_S}`,
    cli ? (cli.ms / 1000).toFixed(1) : '-',
    cli ? cli.peakMiB.toFixed(0) : '-',
    cli ? String(cli.classes) : '-',
    cli ? String(cli.flows) : '-',
    ratio ? ratio.groupedMs.toFixed(0) : '-',
    ratio ? ratio.fastMs.toFixed(0) : '-',
    ratio ? ratio.pairwiseMs.toFixed(0) : `> ${TIMEOUT_S * 1000}`,
    speedup !== undefined ? `${speedup.toFixed(0)}x` : '-',
    podSpeedup !== undefined ? `${podSpeedup.toFixed(0)}x` : '-',
  ]);
  if (ratio && !ratio.same) fail(`${engine}: the matrix and pair-by-pair evaluation differ on ${ratio.pods} pods`);
  const met = cli !== undefined && cli.wallMs < LIMIT.seconds * 1000 && cli.peakMiB < LIMIT.mib && speedup !== undefined && speedup >= LIMIT.ratio;
  verdicts.push(`${engine}: ${met ? 'met' : 'NOT MET'}`);
  if (!met) failed = true;
}

console.log('');
console.log(table(['engine', 'CLI wall s', 'matrix s', 'peak MiB', 'classes', 'class flows', `grouped ms (${SMALL * 10} pods)`, 'every pair ms',
  'pair by pair ms', 'speed-up', 'speed-up, every pair'], rows));
console.log('(CLI wall: process start to exit, compiled JavaScript, YAML loading included; matrix: main() in that process. In memory, same flows checked:');
console.log(' grouped: the class matrix `matrix --group` prints; every pair: the same flows listed for every pod pair; pair by pair: every pod pair evaluated on its own)');
console.log(`bar: under ${LIMIT.seconds} s and ${LIMIT.mib} MiB from the CLI, grouped at least ${LIMIT.ratio}x faster than pair by pair`);
for (const line of verdicts) console.log(`  ${line}`);
if (failed) {
  console.error('FAIL: the analyzer benchmark is not within the bar');
  process.exitCode = 1;
}

/** The engine's cluster as YAML files, 250 namespaces each (the loader refuses files over 16 MiB). */
function writeManifests(engine: BenchEngine): string {
  const dir = path.join(work, engine);
  fs.mkdirSync(dir, { recursive: true });
  const docs = analyzerManifests(engine, BIG);
  const perFile = Math.ceil(docs.length / Math.ceil(BIG / NAMESPACES_PER_FILE));
  for (let i = 0, file = 0; i < docs.length; i += perFile, file++) {
    fs.writeFileSync(path.join(dir, `cluster-${String(file).padStart(2, '0')}.yaml`), docs.slice(i, i + perFile).map(d => stringify(d)).join('---\n'));
  }
  return dir;
}

/** Runs node with `args`; the last line of its stdout is the result. Undefined when it times out. */
function runChild<T>(args: string[], what: string): (T & { wallMs: number }) | undefined {
  progress(`${what}...`);
  const t0 = process.hrtime.bigint();
  // NODE_PATH: the compiled library lives outside the project and finds its dependencies in the project's node_modules.
  const env = { ...process.env, NODE_PATH: path.join(root, 'node_modules') };
  const child = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', timeout: TIMEOUT_S * 1000, maxBuffer: 64 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (child.error && (child.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
    progress(`${what}: stopped after ${TIMEOUT_S} s`);
    return undefined;
  }
  if (child.status !== 0) fail(`${what} failed (${child.status ?? child.signal}):\n${child.stderr}`);
  const last = child.stdout.trim().split('\n').pop() ?? '';
  progress(`${what}: ${(wallMs / 1000).toFixed(1)} s`);
  return { ...JSON.parse(last) as T, wallMs };
}

function positive(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`${name} must be a positive integer, got ${JSON.stringify(text)}`);
  return n;
}

function progress(message: string): void {
  process.stderr.write(`  … ${message}\n`);
}

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}
