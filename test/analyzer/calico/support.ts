import { calicoCrdEvaluator, calicoEvaluator } from '../../../lib/analyzer/calico/evaluator';
import { buildCluster, parseManifests } from '../../../lib/analyzer/load';
import { Analyzed, fixtureDocs } from '../semantics/support/truth-table';

export { expectFlows, expectTruthTable, verdict, allowed } from '../semantics/support/truth-table';

/**
 * The upstream e2e cluster (namespaces x, y, z labelled ns=<name>; pods a, b, c labelled pod=<name>, serving 80 and
 * 81 on TCP, UDP and SCTP as serve-<port>-<protocol>, IPs 10.0.<ns 1..3>.<pod 1..3>) plus the given manifests,
 * under Calico semantics.
 */
export function analyzeCalico(yaml: string, options: { readonly crd?: boolean; readonly base?: readonly any[] } = {}): Analyzed {
  const docs = [...(options.base ?? fixtureDocs('e2e-cluster.yaml')), ...parseManifests(yaml, 'policies.yaml')];
  const cluster = buildCluster(docs);
  return { cluster, evaluator: options.crd ? calicoCrdEvaluator(cluster) : calicoEvaluator(cluster), docs };
}
