// The one place the semantics tests import the analyzer from: the loader (LOADER) and the evaluator (CORE).
export { buildCluster, parseManifests } from '../../../../lib/analyzer/load';
export { kubernetesEvaluator } from '../../../../lib/analyzer/kubernetes/evaluator';
export { explainText } from '../../../../lib/analyzer/explain';
export type { Cluster, Endpoint, Evaluator, Flow, FlowPeer, Protocol, Verdict } from '../../../../lib/analyzer/types';
