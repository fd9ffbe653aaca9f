/**
 * The two ways Calico policy objects reach a cluster.
 *
 * - `projectcalico.org/v3`: the Calico API (API server or the v3 CRDs), with tiers.
 * - `crd.projectcalico.org/v1`: the raw backing CRDs, the only kind managed Calico (e.g. AKS) takes with kubectl;
 *   no tiers (the capability table refuses them), and the same spec as v3 otherwise.
 */
export type CalicoFlavor = 'projectcalico.org/v3' | 'crd.projectcalico.org/v1';

/** The Calico API group/version (Calico API server or v3 CRDs). */
export const CALICO_V3: CalicoFlavor = 'projectcalico.org/v3';

/** The raw backing CRDs, as managed Calico (AKS) needs them. */
export const CALICO_CRD_V1: CalicoFlavor = 'crd.projectcalico.org/v1';

/** Kind of a namespaced Calico policy. */
export const CALICO_NETWORK_POLICY_KIND = 'NetworkPolicy';

/** Kind of a cluster-scoped Calico policy. */
export const CALICO_GLOBAL_NETWORK_POLICY_KIND = 'GlobalNetworkPolicy';
