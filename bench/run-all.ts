import { spawnSync } from 'child_process';
import * as path from 'path';

// `npm run bench`: every benchmark runs and prints its figures, even when an earlier one misses its bar; the run
// fails at the end when any did.
const BENCHES: readonly { readonly file: string; readonly gc: boolean }[] = [
  { file: 'synth.bench.ts', gc: true },
  { file: 'analyzer.bench.ts', gc: false },
  { file: 'terraform.bench.ts', gc: true },
];

const failed: string[] = [];
for (const { file, gc } of BENCHES) {
  console.log(`\n=== ${file}`);
  const args = [...(gc ? ['--expose-gc'] : []), '-r', 'ts-node/register/transpile-only', path.join(__dirname, file)];
  const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (run.status !== 0) failed.push(`${file} (${run.status ?? run.signal})`);
}
if (failed.length > 0) {
  console.error(`\nbench: not within the bar: ${failed.join(', ')}`);
  process.exitCode = 1;
}
