import { IConstruct } from 'constructs';
import { DeclaredWorkload, checkDeclaredWorkload } from '../analyzer/declared/declared-workload';
import { declaredWorkloadsOf as declaredOf, recordDeclarations } from '../analyzer/declared/registry';
import { checkPodCidrs } from '../analyzer/pod-cidrs';

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
