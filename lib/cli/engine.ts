import { Option } from 'commander';
import { InputError } from './errors';
import { ENGINE_NAMES, EngineName, detectEngine, evaluatorFor as compile, isEngineName } from '../analyzer/evaluators';
import { Cluster, Evaluator } from '../analyzer/types';

/** Engines the CLI evaluates. */
export const SUPPORTED_ENGINES: readonly string[] = ENGINE_NAMES;

/** The `--engine` option every analyzing command takes. */
export function engineOption(): Option {
  return new Option('--engine <engine>', `policy semantics to evaluate with: ${SUPPORTED_ENGINES.join(', ')}`)
    .default('kubernetes');
}

/** Refuses an unknown engine; called before any manifest is read. */
export function checkEngine(engine: string): void {
  if (!isEngineName(engine)) throw new InputError(`--engine ${engine}: unknown engine; use one of ${SUPPORTED_ENGINES.join(', ')}`);
}

/** Compiles the cluster's policies under the engine's semantics. */
export function evaluatorFor(engine: string, cluster: Cluster): Evaluator {
  checkEngine(engine);
  return compile(engine as never, cluster);
}

/** `--engine` when given, else the engine the policy kinds name; mixed Calico and Cilium policies need `--engine`. */
export function engineFor(cluster: Cluster, given?: string): EngineName {
  if (given !== undefined) {
    checkEngine(given);
    return given as EngineName;
  }
  try {
    return detectEngine(cluster);
  } catch (e) {
    throw new InputError(`${e instanceof Error ? e.message : String(e)} with --engine (${SUPPORTED_ENGINES.join(', ')})`);
  }
}
