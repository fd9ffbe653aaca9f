import { Engine } from '../engines/engine';
import { ErrorCode, Problem } from '../model';

/** An `engine` prop that is not an Engine (a JavaScript caller's `'calico'`, say): refused before anything reads it. */
export function engineProblems(engine: unknown): Problem[] {
  if (engine === undefined || Engine.isEngine(engine)) return [];
  return [{
    code: ErrorCode.ENGINE_UNKNOWN,
    field: '',
    value: String(engine),
    message: 'not an Engine',
    fix: `pass one of Engine.${['KUBERNETES', 'CALICO', 'CALICO_CRD', 'CILIUM', 'CLUSTER_NETWORK_POLICY'].join(', Engine.')}, or Engine.of(name) for a name`,
  }];
}
