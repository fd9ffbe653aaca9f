// What an App declares about its cluster for the analysis (workloads, pod CIDRs), readable without lib/testing.
export type { DeclaredWorkload, ManifestObject } from './declared-workload';
export { checkDeclaredWorkload, declaredManifests } from './declared-workload';
export type { WorkloadSpec, WorkloadPortSpec } from './workload-spec';
export { workloadManifest } from './workload-spec';
export type { ProtocolName } from './protocol-name';
export { recordDeclarations, declaredWorkloadsOf, declaredManifestsOf, declaredPodCidrsOf } from './registry';
