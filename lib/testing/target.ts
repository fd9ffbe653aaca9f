import { IConstruct } from 'constructs';
import { DeclaredWorkload, checkDeclaredWorkload } from '../analyzer/declared/declared-workload';

const TARGET = Symbol.for('cdk-netpol.testing.WorkloadsTarget');

/** An App or Chart with workloads to judge its policies against, for one assertion. */
export interface WorkloadsTarget {
  readonly scope: IConstruct;
  readonly workloads: readonly DeclaredWorkload[];
}

/** What the matchers accept: a cdk8s App or Chart, or `withWorkloads(...)`. */
export type NetpolTarget = IConstruct | WorkloadsTarget;

/** `scope` judged against `workloads` too (besides those declared with `declareWorkloads`), without recording them. */
export function withWorkloads(scope: IConstruct, workloads: readonly DeclaredWorkload[]): WorkloadsTarget {
  workloads.forEach(checkDeclaredWorkload);
  return Object.defineProperty({ scope, workloads: [...workloads] }, TARGET, { value: true });
}

/** Whether `x` came from `withWorkloads` (any copy of this library). */
export function isWorkloadsTarget(x: unknown): x is WorkloadsTarget {
  return typeof x === 'object' && x !== null && (x as any)[TARGET] === true;
}

/** Whether `x` is a construct (an App, a Chart...). */
export function isConstructTarget(x: unknown): x is IConstruct {
  return typeof x === 'object' && x !== null && typeof (x as any).node?.findAll === 'function' && typeof (x as any).node?.root === 'object';
}
