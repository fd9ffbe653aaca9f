import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';

/** The repository root (this file lives in `<root>/examples`). */
const repoRoot = path.resolve(__dirname, '..');
const examplesDir = __dirname;

/** An example's module, as the `createApp` convention defines it. */
interface ExampleModule {
  createApp(outdir?: string): App;
}

/** Every folder of examples/ with a main.ts, in name order so the output is stable. */
export function discoverExamples(): string[] {
  return fs.readdirSync(examplesDir, { withFileTypes: true })
    .filter(entry => entry.isDirectory() && fs.existsSync(path.join(examplesDir, entry.name, 'main.ts')))
    .map(entry => entry.name)
    .sort();
}

/** Synthesizes one example into dist/examples/<name>/ and returns the files written, relative to the repo root. */
export function synthExample(name: string): string[] {
  const outdir = path.join(repoRoot, 'dist', 'examples', name);
  // Start empty, so a chart renamed or removed since the last run leaves no stale file behind.
  fs.rmSync(outdir, { recursive: true, force: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example: ExampleModule = require(path.join(examplesDir, name, 'main'));
  if (typeof example.createApp !== 'function') {
    throw new Error(`examples/${name}/main.ts does not export createApp(outdir?: string): App`);
  }
  example.createApp(outdir).synth();
  return fs.readdirSync(outdir).sort().map(file => path.relative(repoRoot, path.join(outdir, file)));
}

function main(): void {
  const names = discoverExamples();
  if (names.length === 0) {
    console.error(`no examples found under ${path.relative(repoRoot, examplesDir)}/`);
    process.exitCode = 1;
    return;
  }
  let failed = 0;
  for (const name of names) {
    try {
      console.log(`${name}: ${synthExample(name).join(', ')}`);
    } catch (error) {
      failed++;
      console.error(`${name}: FAILED\n  ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failed > 0) {
    console.error(`${failed} of ${names.length} examples failed`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main();
}
