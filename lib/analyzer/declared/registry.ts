import { IConstruct } from 'constructs';
import { DeclaredWorkload, declaredManifests } from './declared-workload';

/** What an App declares about the cluster its policies are judged in, beyond the objects it synthesizes. */
interface Declarations {
  readonly workloads: readonly DeclaredWorkload[];
  readonly podCidrs?: readonly string[];
}

// Keyed by the App root and kept under a global symbol, so two copies of the library share declarations.
const REGISTRY = Symbol.for('cdk-netpol.declarations');
function registry(): WeakMap<IConstruct, Declarations> {
  const holder = globalThis as any;
  holder[REGISTRY] ??= new WeakMap<IConstruct, Declarations>();
  return holder[REGISTRY];
}

function declarationsOf(scope: IConstruct): Declarations {
  return registry().get(scope.node.root) ?? { workloads: [] };
}

/**
 * Adds declarations to the App of `scope`: they add up, pod CIDRs too (without repeats). Inputs are checked by
 * the caller (`declareWorkloads`); nothing is added to the construct tree.
 */
export function recordDeclarations(scope: IConstruct, workloads: readonly DeclaredWorkload[], podCidrs?: readonly string[]): void {
  const before = declarationsOf(scope);
  const cidrs = podCidrs === undefined ? before.podCidrs : [...new Set([...before.podCidrs ?? [], ...podCidrs])];
  registry().set(scope.node.root, { workloads: [...before.workloads, ...workloads], ...(cidrs ? { podCidrs: cidrs } : {}) });
}

/** The workloads declared for the App of `scope`. */
export function declaredWorkloadsOf(scope: IConstruct): readonly DeclaredWorkload[] {
  return declarationsOf(scope).workloads;
}

/** The manifests of the workloads declared for the App of `scope`; declared constructs are read now. */
export function declaredManifestsOf(scope: IConstruct): any[] {
  return declaredManifests(declaredWorkloadsOf(scope));
}

/** The pod CIDRs declared for the App of `scope`; undefined when none were (the analyzer then assumes the private ranges). */
export function declaredPodCidrsOf(scope: IConstruct): readonly string[] | undefined {
  return declarationsOf(scope).podCidrs;
}
