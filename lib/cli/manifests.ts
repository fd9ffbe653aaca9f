import { InputError } from './errors';
import { CliIo, loaderPath, readInput, STDIN } from './io';
import { buildCluster, parseManifests, readManifests } from '../analyzer/load';
import { Cluster } from '../analyzer/types';

/**
 * Reads MANIFEST arguments (files, folders, or `-` for stdin, in the order given) into a cluster.
 * The loader refuses hostile input (alias bombs, huge documents) with a ManifestError.
 */
export function loadCluster(io: CliIo, manifests: readonly string[]): Cluster {
  if (manifests.filter(m => m === '-').length > 1) {
    throw new InputError('-: standard input can be given only once');
  }
  const paths = manifests.map(m => m === '-' ? m : loaderPath(io, m));
  // The loader reads stdin itself; an injected reader (tests) is asked for it instead.
  if (io.readFile === undefined || !paths.includes('-')) return buildCluster(readManifests(paths));
  const at = paths.indexOf('-');
  // concat, not spread: a manifest may hold more objects than a call has arguments.
  const before = at > 0 ? readManifests(paths.slice(0, at)) : [];
  const after = at < paths.length - 1 ? readManifests(paths.slice(at + 1)) : [];
  return buildCluster(before.concat(parseManifests(readInput(io, '-'), STDIN), after));
}
