import { IConstruct } from 'constructs';
import { DeclaredWorkload, checkDeclaredWorkload, declaredManifests } from '../analyzer/declared/declared-workload';
import { declaredWorkloadsOf as declaredOf, recordDeclarations, declaredManifestsOf, declaredPodCidrsOf } from '../analyzer/declared/registry';
import { EngineName, detectEngine, evaluatorFor } from '../analyzer/evaluators';
import { clusterFromConstruct } from '../analyzer/from-cdk8s';
import { checkPodCidrs } from '../analyzer/pod-cidrs';
import { Cluster, Evaluator } from '../analyzer/types';

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

/** Options of `declareWorkloads`. */
export interface DeclareWorkloadsOptions {
  /**
   * The CIDRs the cluster gives pods their IPs from (its `--cluster-cidr`), e.g. `['10.244.0.0/16']`. A pod
   * without declared `ips` may sit anywhere in them; a verdict that depends on where is uncertain, and the
   * matchers fail on it. Default: the private ranges 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 and fc00::/7.
   */
  readonly podCidrs?: readonly string[];
}

/**
 * Declares the workloads a chart's policies are judged against by the matchers, for charts that
 * hold only policies, and optionally the cluster's pod CIDRs. Nothing is added to the construct tree,
 * so nothing is synthesized. Declarations belong to the whole App (`scope.node.root`) and add up.
 */
export function declareWorkloads(scope: IConstruct, workloads: readonly DeclaredWorkload[], options: DeclareWorkloadsOptions = {}): void {
  workloads.forEach(checkDeclaredWorkload);
  const podCidrs = options.podCidrs === undefined ? undefined : checkPodCidrs(options.podCidrs, 'declareWorkloads: podCidrs');
  recordDeclarations(scope, workloads, podCidrs);
}

/** The workloads declared for the App of `scope`. */
export function declaredWorkloadsOf(scope: IConstruct): readonly DeclaredWorkload[] {
  return declaredOf(scope);
}

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

// Workload specs live with the declarations in the analyzer, which lib/constructs reads too.
export type { WorkloadSpec, WorkloadPortSpec } from '../analyzer/declared/workload-spec';
export { workloadManifest } from '../analyzer/declared/workload-spec';
