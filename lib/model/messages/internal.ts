import { ErrorCode, NetpolErrors } from '../errors';
import { Problem } from '../problem';
import { problem } from './problem';

/** INTERNAL: a state cdk-netpol's own checks rule out; `what` says what was reached and which check refuses it (its code). */
export function internal(field: string, value: string, what: string): Problem {
  return problem(ErrorCode.INTERNAL, field, value, `a bug in cdk-netpol: ${what}`,
    'report it to the cdk-netpol maintainers, with this message');
}

/**
 * The error for every "cannot happen" state, e.g. a renderer given an intent that `Engine.problems()` refuses
 * (renderers are reached only through `Engine.render` and constructs, which check first). Throw what it returns.
 */
export function internalError(path: string, field: string, value: string, what: string): Error {
  return NetpolErrors._fromProblem(path, '', internal(field, value, what));
}
