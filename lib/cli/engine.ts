import { Option } from 'commander';
import { InputError } from './errors';
import { kubernetesEvaluator } from '../analyzer/kubernetes/evaluator';
import { Cluster, Evaluator } from '../analyzer/types';

/** Engines this release evaluates. */
export const SUPPORTED_ENGINES: readonly string[] = ['kubernetes'];
/** Engines cdk-netpol renders for but cannot evaluate yet: refused by name, never replaced by another. */
export const PLANNED_ENGINES: readonly string[] = ['calico', 'calico-crd', 'cilium'];

/** The `--engine` option every analyzing command takes. */
export function engineOption(): Option {
  return new Option('--engine <engine>', `policy semantics to evaluate with (only ${SUPPORTED_ENGINES.join(', ')} in this release)`)
    .default('kubernetes');
}

/** Refuses an engine this release cannot evaluate; called before any manifest is read. */
export function checkEngine(engine: string): void {
  if (SUPPORTED_ENGINES.includes(engine)) return;
  const supported = `only ${SUPPORTED_ENGINES.join(', ')} is supported in this release`;
  if (PLANNED_ENGINES.includes(engine)) {
    throw new InputError(`--engine ${engine}: ${supported}; ${PLANNED_ENGINES.join(', ')} come in a later release`);
  }
  throw new InputError(`--engine ${engine}: unknown engine; ${supported}`);
}

/** Compiles the cluster's policies under the engine's semantics. */
export function evaluatorFor(engine: string, cluster: Cluster): Evaluator {
  checkEngine(engine);
  return kubernetesEvaluator(cluster);
}
