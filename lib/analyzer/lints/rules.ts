import { LintRule } from './finding';
import { npEgressWithoutDns } from './np-egress-without-dns';
import { npNamespaceLabelUnset } from './np-namespace-label-unset';
import { npNamespaceWithoutDefaultDeny } from './np-namespace-without-default-deny';
import { npPodNotIsolated } from './np-pod-not-isolated';
import { npRulesOutsidePolicyTypes } from './np-rules-outside-policy-types';
import { npSelectorMatchesNothing } from './np-selector-matches-nothing';
import { npSeparatePeersLikelyAnd } from './np-separate-peers-likely-and';
import { npServicePortNotContainerPort } from './np-service-port-not-container-port';

/** Every lint rule `runLints` runs; also the list for documentation and the CLI's `--help`. */
export const LINT_RULES: readonly LintRule[] = [
  npRulesOutsidePolicyTypes,
  npEgressWithoutDns,
  npNamespaceLabelUnset,
  npSelectorMatchesNothing,
  npSeparatePeersLikelyAnd,
  npServicePortNotContainerPort,
  npNamespaceWithoutDefaultDeny,
  npPodNotIsolated,
];
