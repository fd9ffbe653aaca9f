// What an evaluator offers the matrix: the candidate sources of a destination class on a port, and the verdict of a
// pair. The matrix asks each evaluator through this interface only; an evaluator that offers none is asked about
// every pair of classes (`pairwiseSupport`), which is always correct and quadratic in the classes.

import { EndpointClass, EndpointClasses } from './classes';
import { Evaluator, Flow, Protocol, Verdict } from './types';

/** A destination port the matrix asks about: one a member of the destination class declares. */
export interface MatrixPort {
  readonly port: number;
  readonly protocol: Protocol;
}

/** The part of a verdict the matrix needs. */
export interface PairVerdict {
  readonly allowed: boolean;
  /** False when the verdict depends on where a pod without a known IP sits in the pod CIDRs. */
  readonly certain: boolean;
  /** For uncertain verdicts: which pod and which address peer decide it. */
  readonly assumption?: string;
}

/**
 * How the matrix finds the allowed flows between classes under one evaluator. Contract:
 * - `candidateSources(d, port)` holds every class whose flow to `d` on `port` is allowed or uncertain (it may hold
 *   more); `'all'` when the evaluator cannot narrow them down;
 * - `verdict(s, d, port)` is the verdict of the flow between the classes' representatives, asked only for the
 *   candidates of `d` on `port`, so it may leave out what choosing the candidates already decided (the ingress side).
 * The matrix then evaluates `verdict` once per candidate: the work follows the rules and the allowed flows, not the
 * square of the classes.
 */
export interface MatrixSupport {
  candidateSources(destination: EndpointClass, port: MatrixPort): Iterable<EndpointClass> | 'all';
  verdict(source: EndpointClass, destination: EndpointClass, port: MatrixPort): PairVerdict;
}

/**
 * An evaluator that knows its rules well enough to narrow the matrix down. `evaluate` is the evaluator as the
 * matrix was given it (wrapped for pod address uncertainty, when `podAddressesMatter`): a support must use it for
 * every pair whose verdict may be uncertain.
 *
 * To give an engine its own matrix path (the seam for Calico's per-tier optimisation), add `matrixSupport` to the
 * object its evaluator returns; `withPodAddressUncertainty` keeps it.
 */
export interface MatrixCapable {
  matrixSupport(classes: EndpointClasses, evaluate: (flow: Flow) => Verdict, podAddressesMatter: boolean): MatrixSupport;
}

/** Whether an evaluator offers its own matrix support. */
export function isMatrixCapable(evaluator: Evaluator): evaluator is Evaluator & MatrixCapable {
  return typeof (evaluator as Partial<MatrixCapable>).matrixSupport === 'function';
}

/** A flow between the representatives of two classes. */
export function classFlow(source: EndpointClass, destination: EndpointClass, port: MatrixPort): Flow {
  return {
    from: { kind: 'endpoint', endpoint: source.representative },
    to: { kind: 'endpoint', endpoint: destination.representative },
    port: port.port,
    protocol: port.protocol,
  };
}

/** The verdict of a whole evaluation, as the matrix needs it. */
export function pairVerdictOf(verdict: Verdict): PairVerdict {
  return verdict.certain === false
    ? { allowed: verdict.allowed, certain: false, assumption: verdict.assumption ?? '' }
    : { allowed: verdict.allowed, certain: true };
}

/** Every class is a candidate, and each pair is evaluated: correct for any evaluator, quadratic in the classes. */
export function pairwiseSupport(evaluate: (flow: Flow) => Verdict): MatrixSupport {
  return {
    candidateSources: () => 'all',
    verdict: (source, destination, port) => pairVerdictOf(evaluate(classFlow(source, destination, port))),
  };
}
