// `cdk-netpol/testing`: the jest matchers and the workloads they judge policies against.
// Inside a jest test file, importing this module is enough to add the matchers; elsewhere (a script, the CLI) it adds nothing.
import { installMatchers } from './matchers';

export type { ProtocolName } from '../analyzer/declared/protocol-name';
export type { DeclaredWorkload, ManifestObject } from '../analyzer/declared/declared-workload';
export { DEFAULT_POD_CIDRS } from '../analyzer/pod-cidrs';
export type { WorkloadSpec, WorkloadPortSpec, DeclareWorkloadsOptions, NetpolTarget, WorkloadsTarget, Analysis } from './workloads';
export { declareWorkloads, declaredWorkloadsOf, withWorkloads, isWorkloadsTarget, analyze } from './workloads';
export type { FlowSpec } from './matchers/flows';
export type { ReachabilitySpec } from './matchers/reachability';
export type { ReachabilityChangeSpec } from './matchers/reachability-change';
export type { NetpolMatchers, ExtendableExpect } from './matchers';
export { netpolMatchers, installMatchers } from './matchers';

/** Whether importing this module found jest's `expect` and added the matchers to it. */
export const MATCHERS_INSTALLED_ON_IMPORT = typeof (globalThis as any).expect?.extend === 'function';

if (MATCHERS_INSTALLED_ON_IMPORT) installMatchers();
