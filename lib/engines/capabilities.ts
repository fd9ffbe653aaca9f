/** What a policy engine can express. Tables per engine; `docs/engines.md` is generated from them. */
export interface EngineCapabilities {
  /** Explicit deny rules. */
  readonly denyRules: boolean;
  /** Pass rules (hand traffic to the next tier). */
  readonly passRules: boolean;
  /** Log rules. */
  readonly logRules: boolean;
  /** Ordering policies by priority. */
  readonly ordering: boolean;
  /** Policy tiers. */
  readonly tiers: boolean;
  /** Namespaced policies (subject in one namespace, additive with the namespace's NetworkPolicies). */
  readonly namespaceScope: boolean;
  /** Cluster-scoped policies (subject chosen by namespace selector). */
  readonly clusterScope: boolean;
  /** Egress to DNS names (FQDN rules). */
  readonly fqdn: boolean;
  /** L7 HTTP rules in namespaced policies. */
  readonly l7Http: boolean;
  /** L7 HTTP rules in cluster-scoped policies. */
  readonly l7HttpClusterScope: boolean;
  /** Calico selector expressions (`Selector.calico(...)`: `||`, `has()`, `!` beyond label selectors). */
  readonly selectorExpressions: boolean;
  /** Peers chosen by service account. */
  readonly serviceAccounts: boolean;
  /** Entities (world, cluster, host, kube-apiserver...). */
  readonly entities: boolean;
  /** Named container ports. */
  readonly namedPorts: boolean;
  /** Port ranges. */
  readonly portRanges: boolean;
  /** IP-block rules match pod IPs too (false: they only match addresses outside the cluster). */
  readonly ipBlocksMatchPods: boolean;
}
