import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ManifestError } from '../../../lib/analyzer/load';

/** Runs `fn`, expecting a ManifestError; returns it for assertions on its message and source. */
export function manifestError(fn: () => unknown): ManifestError {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    return e;
  }
  throw new Error('expected a ManifestError, but nothing was thrown');
}

/** A fresh temporary folder holding `files` (relative path -> content); removed by `removeTree`. */
export function treeOf(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-load-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}

/** Removes a folder made by `treeOf`. */
export function removeTree(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/** A one-line YAML Pod manifest. */
export function podYaml(name: string, namespace?: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}`;
}
