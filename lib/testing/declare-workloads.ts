import { IConstruct } from 'constructs';
import { DeclaredWorkload, checkDeclaredWorkload } from './declared-workload';

// Keyed by the App root and kept under a global symbol, so two copies of the library share declarations.
const REGISTRY = Symbol.for('cdk-netpol.testing.declaredWorkloads');
function registry(): WeakMap<IConstruct, DeclaredWorkload[]> {
  const holder = globalThis as any;
  holder[REGISTRY] ??= new WeakMap<IConstruct, DeclaredWorkload[]>();
  return holder[REGISTRY];
}

/**
 * Declares the workloads a chart's policies are judged against by the matchers, for charts that
 * hold only policies. Nothing is added to the construct tree, so nothing is synthesized.
 * Declarations belong to the whole App (`scope.node.root`) and add up.
 */
export function declareWorkloads(scope: IConstruct, workloads: readonly DeclaredWorkload[]): void {
  workloads.forEach(checkDeclaredWorkload);
  const root = scope.node.root;
  registry().set(root, [...declaredWorkloadsOf(root), ...workloads]);
}

/** The workloads declared for the App of `scope`. */
export function declaredWorkloadsOf(scope: IConstruct): readonly DeclaredWorkload[] {
  return registry().get(scope.node.root) ?? [];
}
