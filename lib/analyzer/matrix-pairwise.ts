import { MatrixEntry, compareEntries } from './matrix';
import { Cluster, Evaluator } from './types';

/**
 * The matrix the slow, obvious way: every pair of different endpoints on every port the destination declares,
 * each flow evaluated on its own. Quadratic in the endpoints: the reference `computeMatrix` must agree with
 * (property tests, the analyzer benchmark), not a path for large clusters.
 */
export function pairwiseMatrix(cluster: Cluster, evaluator: Evaluator): MatrixEntry[] {
  const entries: MatrixEntry[] = [];
  for (const to of cluster.endpoints) {
    for (const declared of to.ports) {
      for (const from of cluster.endpoints) {
        if (from === to) continue;
        const verdict = evaluator.evaluate({ from: { kind: 'endpoint', endpoint: from }, to: { kind: 'endpoint', endpoint: to }, port: declared.port, protocol: declared.protocol });
        const entry = { from, to, port: declared.port, protocol: declared.protocol, ...(declared.name ? { portName: declared.name } : {}) };
        if (verdict.certain === false) entries.push({ ...entry, certain: false, allowed: verdict.allowed, assumption: verdict.assumption ?? '' });
        else if (verdict.allowed) entries.push(entry);
      }
    }
  }
  return entries.sort(compareEntries);
}
