// `import 'cdk-netpol/build/testing'` inside a jest test file adds the matchers (see auto-install.ts).
export type { ProtocolName } from '../analyzer/declared/protocol-name';
export type { WorkloadSpec, WorkloadPortSpec } from '../analyzer/declared/workload-spec';
export type { DeclaredWorkload, ManifestObject } from '../analyzer/declared/declared-workload';
export type { DeclareWorkloadsOptions } from './declare-workloads';
export { declareWorkloads, declaredWorkloadsOf } from './declare-workloads';
export { DEFAULT_POD_CIDRS } from '../analyzer/pod-cidrs';
export type { NetpolTarget, WorkloadsTarget } from './target';
export { withWorkloads, isWorkloadsTarget } from './target';
export type { FlowSpec } from './flow-spec';
export type { ReachabilitySpec } from './reachability-matcher';
export type { ReachabilityChangeSpec } from './diff-matcher';
export type { Analysis } from './analysis';
export { analyze } from './analysis';
export type { NetpolMatchers } from './matchers';
export { netpolMatchers } from './matchers';
export type { ExtendableExpect } from './install';
export { installMatchers } from './install';
export { MATCHERS_INSTALLED_ON_IMPORT } from './auto-install';
