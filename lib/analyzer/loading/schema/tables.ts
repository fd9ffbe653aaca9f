import { ADMIN_NETWORK_POLICY } from './admin-network-policy.generated';
import { BASELINE_ADMIN_NETWORK_POLICY } from './baseline-admin-network-policy.generated';
import { CALICO_GLOBAL_NETWORK_POLICY } from './calico-global-network-policy.generated';
import { CALICO_GLOBAL_NETWORK_SET } from './calico-global-network-set.generated';
import { CALICO_NETWORK_POLICY } from './calico-network-policy.generated';
import { CALICO_NETWORK_SET } from './calico-network-set.generated';
import { CALICO_TIER } from './calico-tier.generated';
import { CILIUM_CLUSTERWIDE_NETWORK_POLICY } from './cilium-clusterwide-network-policy.generated';
import { CILIUM_NETWORK_POLICY } from './cilium-network-policy.generated';
import { CLUSTER_NETWORK_POLICY } from './cluster-network-policy.generated';
import { NETWORK_POLICY } from './network-policy.generated';
import { KindSchema } from './schema-node';

/** Every kind checked against its official schema, at every apiVersion the analyzer reads it. */
export const KIND_SCHEMAS: readonly KindSchema[] = [
  ...NETWORK_POLICY,
  ...ADMIN_NETWORK_POLICY,
  ...BASELINE_ADMIN_NETWORK_POLICY,
  ...CLUSTER_NETWORK_POLICY,
  ...CALICO_NETWORK_POLICY,
  ...CALICO_GLOBAL_NETWORK_POLICY,
  ...CALICO_TIER,
  ...CALICO_NETWORK_SET,
  ...CALICO_GLOBAL_NETWORK_SET,
  ...CILIUM_NETWORK_POLICY,
  ...CILIUM_CLUSTERWIDE_NETWORK_POLICY,
];

const BY_TYPE: ReadonlyMap<string, KindSchema> = new Map(KIND_SCHEMAS.map(s => [`${s.apiVersion}/${s.kind}`, s]));

/** The schema of an object's apiVersion and kind, if the loader checks that kind. */
export function kindSchemaOf(apiVersion: string, kind: string): KindSchema | undefined {
  return BY_TYPE.get(`${apiVersion}/${kind}`);
}
