import { InputError } from './errors';
import { CliIo, displaySource, loaderPath, readInput, STDIN } from './io';
import { Finding } from '../analyzer/lints';
import { buildCluster, buildClusterWithApiFindings, LoaderWarning, parseManifests, readManifests, sourceLabel } from '../analyzer/load';
import { Cluster } from '../analyzer/types';

/** What every command's MANIFEST arguments may be, for `--help`. */
export const MANIFEST_ARGUMENT = 'YAML or JSON files (a cdktf stack\'s cdk.tf.json too), folders (read recursively: *.yaml, *.yml, *.json), or - for stdin';

/** How `check`, `explain` and `matrix` read manifests. */
export interface LoadOptions {
  /** Read as an API server without strict field validation: unknown fields dropped, with a warning per object. */
  readonly lenient?: boolean;
}

/**
 * Reads MANIFEST arguments (files, folders, or `-` for stdin, in the order given) into a cluster.
 * The loader refuses hostile input (alias bombs, huge documents) and objects the API server would
 * refuse with a ManifestError; `--lenient` drops unknown fields instead, warning on stderr.
 */
export function loadCluster(io: CliIo, manifests: readonly string[], options: LoadOptions = {}): Cluster {
  const onWarning = (warning: LoaderWarning) => io.stderr(`cdk-netpol: warning: ${displayMessage(io, warning.source, warning.message)}\n`);
  return buildCluster(readDocs(io, manifests), { mode: options.lenient ? 'lenient' : 'strict', onWarning });
}

/** `lint`: the cluster of the objects the API server would accept, and an `API_*` finding for each problem of the others. */
export function loadClusterForLint(io: CliIo, manifests: readonly string[]): { cluster: Cluster; findings: Finding[] } {
  return buildClusterWithApiFindings(readDocs(io, manifests));
}

/**
 * A loader message (starting with its source's label) with the file named as the user named it:
 * the loader resolves relative paths against the process's directory, the user against `io.cwd`.
 */
export function displayMessage(io: CliIo, source: string, message: string): string {
  const label = sourceLabel(source);
  if (!source || !message.startsWith(label)) return message;
  return sourceLabel(displaySource(io, source)) + message.slice(label.length);
}

function readDocs(io: CliIo, manifests: readonly string[]): any[] {
  if (manifests.filter(m => m === '-').length > 1) {
    throw new InputError('-: standard input can be given only once');
  }
  const paths = manifests.map(m => m === '-' ? m : loaderPath(io, m));
  // The loader reads stdin itself; an injected reader (tests) is asked for it instead.
  if (io.readFile === undefined || !paths.includes('-')) return readManifests(paths);
  const at = paths.indexOf('-');
  // concat, not spread: a manifest may hold more objects than a call has arguments.
  const before = at > 0 ? readManifests(paths.slice(0, at)) : [];
  const after = at < paths.length - 1 ? readManifests(paths.slice(at + 1)) : [];
  return before.concat(parseManifests(readInput(io, '-'), STDIN), after);
}
