export * from './types';
export * from './selectors';
export * from './explain';
export * from './matrix';
export { reachabilityDiff } from './diff';
export type { FlowChange, PolicyChanges, ReachabilityDiff } from './diff';
export { endpointNamer } from './endpoint-names';
export { exposureOf } from './exposure';
export type { Exposure, OutsideReach, PortExposure, WorkloadExposure } from './exposure';
export * from './kubernetes/evaluator';
export * from './load';
export * from './endpoints';
export * from './from-cdk8s';
export * from './lints';
export { normalizedPolicies, normalizePolicy } from './compile';
export type {
  PolicyForm, ReadablePolicyForm, NetworkPolicyForm, AdminPolicyForm, CalicoPolicyForm, CiliumPolicyForm, UnreadablePolicyForm,
} from './compile/form';
export { policyFamily } from './policy-family';
export type { PolicyFamily } from './policy-family';
export * from './calico/evaluator';
export * from './calico/selector';
export type { CalicoAction, CalicoPolicy, CalicoRule } from './calico/compiled';
export { ENGINE_NAMES, detectEngine, evaluatorFor, isEngineName } from './evaluators';
export type { EngineName } from './evaluators';
export { DEFAULT_POD_CIDRS } from './pod-cidrs';
export { withPodAddressUncertainty } from './uncertain-evaluator';
export type { PodAddressAware } from './uncertain-evaluator';
export { declaredManifestsOf, declaredPodCidrsOf } from './declared';
