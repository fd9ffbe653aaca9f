import { PolicyDocument } from './types';

/** Whose semantics a policy document carries: each evaluator reads its own families and ignores the others. */
export type PolicyFamily = 'kubernetes' | 'admin' | 'calico' | 'cilium';

const FAMILY_BY_GROUP: Readonly<Record<string, PolicyFamily>> = {
  'networking.k8s.io': 'kubernetes',
  'extensions': 'kubernetes',
  'policy.networking.k8s.io': 'admin',
  'projectcalico.org': 'calico',
  'crd.projectcalico.org': 'calico',
  'cilium.io': 'cilium',
};

const FAMILY_BY_KIND: Readonly<Record<string, PolicyFamily>> = {
  NetworkPolicy: 'kubernetes',
  AdminNetworkPolicy: 'admin',
  BaselineAdminNetworkPolicy: 'admin',
  ClusterNetworkPolicy: 'admin',
  GlobalNetworkPolicy: 'calico',
  CiliumNetworkPolicy: 'cilium',
  CiliumClusterwideNetworkPolicy: 'cilium',
};

/**
 * The family of a policy: by its API group (Calico's `NetworkPolicy` shares its kind with Kubernetes'),
 * else by its kind for documents built by hand without a known group.
 */
export function policyFamily(doc: Pick<PolicyDocument, 'apiVersion' | 'kind'>): PolicyFamily {
  return FAMILY_BY_GROUP[groupOf(String(doc.apiVersion ?? ''))] ?? FAMILY_BY_KIND[doc.kind] ?? 'kubernetes';
}

/** `apps/v1` -> `apps`; `v1` -> `''` (the core group). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
