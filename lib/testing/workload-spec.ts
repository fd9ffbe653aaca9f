// Workload specs live with the declarations in the analyzer, which lib/constructs reads too; kept here for imports by path.
export type { WorkloadSpec, WorkloadPortSpec } from '../analyzer/declared/workload-spec';
export { workloadManifest } from '../analyzer/declared/workload-spec';
