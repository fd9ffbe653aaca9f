import { EngineCapabilities } from './capabilities';

/** One row of the capability table, for generated documentation. */
export interface CapabilityRow {
  readonly key: keyof EngineCapabilities;
  readonly title: string;
}

/** The rows of the capability table, in documentation order. */
export const CAPABILITY_ROWS: readonly CapabilityRow[] = [
  { key: 'denyRules', title: 'Deny rules' },
  { key: 'passRules', title: 'Pass rules (next tier)' },
  { key: 'logRules', title: 'Log rules' },
  { key: 'ordering', title: 'Policy order / priority' },
  { key: 'tiers', title: 'Tiers' },
  { key: 'namespaceScope', title: 'Namespaced policy' },
  { key: 'clusterScope', title: 'Cluster-scoped policy' },
  { key: 'fqdn', title: 'Egress to DNS names (FQDN)' },
  { key: 'l7Http', title: 'L7 HTTP rules' },
  { key: 'l7HttpClusterScope', title: 'L7 HTTP rules in cluster-scoped policy' },
  { key: 'selectorExpressions', title: 'Selector expressions (OR, has(), !)' },
  { key: 'serviceAccounts', title: 'Peers by service account' },
  { key: 'entities', title: 'Entities (world, cluster, kube-apiserver...)' },
  { key: 'namedPorts', title: 'Named ports' },
  { key: 'portRanges', title: 'Port ranges' },
  { key: 'ipBlocksMatchPods', title: 'IP blocks match pod IPs' },
];
