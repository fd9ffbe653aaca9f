// One measurement of the analyzer benchmark, in its own process: the matrix and pair-by-pair evaluation on a cluster of
// the benchmark's shape, in memory, as one line of JSON on stdout. Run by analyzer.bench.ts:
//   ratio ENGINE NAMESPACES
import { analyzerManifests, BenchEngine } from './analyzer-workload';
import { normalizedPolicies } from '../lib/analyzer/compile';
import { evaluatorFor } from '../lib/analyzer/evaluators';
import { buildCluster } from '../lib/analyzer/load';
import { ClassMatrix, compareEntries, computeClassMatrix, computeMatrix, MatrixEntry } from '../lib/analyzer/matrix';
import { pairwiseMatrix } from '../lib/analyzer/matrix-pairwise';

const [mode, engine, namespaces] = process.argv.slice(2);
if (mode !== 'ratio') {
  console.error(`bench child: unknown mode ${JSON.stringify(mode)}`);
  process.exit(2);
}

const cluster = buildCluster(analyzerManifests(engine as BenchEngine, Number(namespaces)));
// Both read the policies normalized once per cluster: normalize before either is timed.
normalizedPolicies(cluster);
/** The median of `runs` runs after `warm` warm-ups, each with a fresh evaluator (compiling it is part of the work). */
function timed<T>(run: () => T, runs: number, warm: number): { value: T; ms: number } {
  let value = run();
  for (let i = 1; i < warm; i++) value = run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    value = run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { value, ms: times.sort((a, b) => a - b)[Math.floor(runs / 2)] };
}
const { value: fast, ms: fastMs } = timed(() => computeMatrix(cluster, evaluatorFor(engine as BenchEngine, cluster)), 21, 20);
// What `matrix --group` computes: the classes and the flows between them, not every pod pair.
const { value: grouped, ms: groupedMs } = timed(() => computeClassMatrix(cluster, evaluatorFor(engine as BenchEngine, cluster)), 21, 20);
// Pair by pair makes enough evaluations to warm itself up: once after one warm-up.
const { value: reference, ms: pairwiseMs } = timed(() => pairwiseMatrix(cluster, evaluatorFor(engine as BenchEngine, cluster)), 1, 1);
const text = (entries: readonly MatrixEntry[]) => entries.map(e => `${e.from.namespace}/${e.from.name}>${e.to.namespace}/${e.to.name}:${e.port}/${e.protocol}`).join('\n');
/** The class matrix as the pod pairs it stands for (this workload declares one port per pod, so no duplicates). */
function expand(matrix: ClassMatrix): MatrixEntry[] {
  const entries: MatrixEntry[] = [];
  for (const f of matrix.flows) {
    for (const from of f.from.members) {
      for (const to of f.to.members) if (from !== to) entries.push({ from, to, port: f.port, protocol: f.protocol });
    }
  }
  return entries.sort(compareEntries);
}
const pairs = cluster.endpoints.length * cluster.endpoints.reduce((n, e) => n + e.ports.length, 0);
console.log(JSON.stringify({
  pods: cluster.endpoints.length,
  pairs,
  fastMs,
  groupedMs,
  pairwiseMs,
  flows: reference.length,
  same: text(fast) === text(reference) && text(expand(grouped)) === text(reference),
  peakMiB: process.resourceUsage().maxRSS / 1024,
}));
