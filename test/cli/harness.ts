import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/cli/index';

export const FIXTURES = path.join(__dirname, 'fixtures');
export const GOLDEN = path.join(__dirname, 'golden');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** What `-` reads; reading `-` without it fails like a closed stdin would. */
  readonly stdin?: string;
  /** Defaults to the fixtures folder, so arguments stay short. */
  readonly cwd?: string;
}

/** Runs the CLI in-process and captures its output. */
export async function runCli(argv: string[], options: RunOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: text => { stdout += text; },
    stderr: text => { stderr += text; },
    readFile: file => {
      if (file !== '-') return fs.readFileSync(file, 'utf8');
      if (options.stdin === undefined) throw new Error('stdin is closed');
      return options.stdin;
    },
    cwd: options.cwd ?? FIXTURES,
  });
  return { code, stdout, stderr };
}

/** Compares with a reviewed golden file; `UPDATE_GOLDEN=1` rewrites it instead. */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  expect(actual).toEqual(fs.readFileSync(file, 'utf8'));
}

/** A bad-input failure: exit 2, nothing on stdout, exactly one line on stderr, no stack trace. */
export function expectBadInput(result: CliResult, pattern: RegExp): void {
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: '' });
  expect(result.stderr).toMatch(/^cdk-netpol: [^\n]+\n$/);
  expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  expect(result.stderr).toMatch(pattern);
}

/** A container port of `deployment`. */
export interface PortSpec {
  readonly name: string;
  readonly port: number;
  readonly protocol?: string;
}

/** A Deployment manifest whose pods carry `labels` and declare `ports`: a workload for the CLI to judge policies against. */
export function deployment(namespace: string, name: string, labels: Record<string, string>, ports: readonly PortSpec[]): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image: `example/${name}`, ports: ports.map(p => ({ name: p.name, containerPort: p.port, protocol: p.protocol ?? 'TCP' })) }] },
      },
    },
  };
}
