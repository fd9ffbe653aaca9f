import { NetpolTarget, isConstructTarget, isWorkloadsTarget } from './target';
import { declaredManifests } from '../analyzer/declared/declared-workload';
import { declaredManifestsOf, declaredPodCidrsOf } from '../analyzer/declared/registry';
import { EngineName, detectEngine, evaluatorFor } from '../analyzer/evaluators';
import { clusterFromConstruct } from '../analyzer/from-cdk8s';
import { Cluster, Evaluator } from '../analyzer/types';

/** A target's cluster (its synthesized objects plus the declared workloads and pod CIDRs) and an engine's evaluator over it. */
export interface Analysis {
  readonly cluster: Cluster;
  readonly evaluator: Evaluator;
}

/**
 * Synthesizes the target and compiles its policies under `engine` (default: the engine whose policies the
 * target holds: cilium, calico or calico-crd when it has their policies, else kubernetes).
 */
export function analyze(target: NetpolTarget, engine?: EngineName): Analysis {
  if (!isWorkloadsTarget(target) && !isConstructTarget(target)) {
    throw new Error(`expected a cdk8s App or Chart, or withWorkloads(chart, [...]), but got ${describeValue(target)}`);
  }
  const scope = isWorkloadsTarget(target) ? target.scope : target;
  const extra = isWorkloadsTarget(target) ? target.workloads : [];
  const podCidrs = declaredPodCidrsOf(scope);
  const synthesized = clusterFromConstruct(scope, [...declaredManifestsOf(scope), ...declaredManifests(extra)]);
  const cluster: Cluster = podCidrs === undefined ? synthesized : { ...synthesized, podCidrs };
  return { cluster, evaluator: evaluatorFor(engine ?? detectEngine(cluster), cluster) };
}

function describeValue(x: unknown): string {
  if (x === null || typeof x !== 'object') return String(x);
  return `an object with keys ${Object.keys(x).join(', ') || '(none)'}`;
}
