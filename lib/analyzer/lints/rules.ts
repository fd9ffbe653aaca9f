import { calicoAllowReopensIsolation } from './calico/allow-reopens-isolation';
import { calicoCrdWithoutTypes } from './calico/crd-without-types';
import { calicoGlobalDenyCutsDns } from './calico/global-deny-cuts-dns';
import { calicoHttpMatchUnsupported } from './calico/http-match-unsupported';
import { calicoPolicyWithoutOrder } from './calico/policy-without-order';
import { calicoSelectorLabelUnset } from './calico/selector-label-unset';
import { ciliumCidrCoversPods } from './cilium/cidr-covers-pods';
import { ciliumClusterwideL7 } from './cilium/clusterwide-l7';
import { ciliumDenyOnlyDefaultDeny } from './cilium/deny-only-default-deny';
import { ciliumEmptyRuleDenies } from './cilium/empty-rule-denies';
import { ciliumFqdnWithoutDnsRule } from './cilium/fqdn-without-dns-rule';
import { adminDenyCutsDns } from './cluster-network-policy/deny-cuts-dns';
import { adminPassUndecided } from './cluster-network-policy/pass-undecided';
import { LintEngine, LintRule } from './finding';
import { kindNotModelled } from './kind-not-modelled';
import { npEgressWithoutDns } from './kubernetes/egress-without-dns';
import { npNamespaceLabelUnset } from './kubernetes/namespace-label-unset';
import { npNamespaceWithoutDefaultDeny } from './kubernetes/namespace-without-default-deny';
import { npPeerNotInModel } from './kubernetes/peer-not-in-model';
import { npPodNotIsolated } from './kubernetes/pod-not-isolated';
import { npRulesOutsidePolicyTypes } from './kubernetes/rules-outside-policy-types';
import { npSelectorMatchesNothing } from './kubernetes/selector-matches-nothing';
import { npSeparatePeersLikelyAnd } from './kubernetes/separate-peers-likely-and';
import { npServicePortNotContainerPort } from './kubernetes/service-port-not-container-port';

/** Every lint rule, of every engine; also the list for documentation and the CLI's `--help`. */
export const LINT_RULES: readonly LintRule[] = [
  npRulesOutsidePolicyTypes,
  npEgressWithoutDns,
  npNamespaceLabelUnset,
  npSelectorMatchesNothing,
  npPeerNotInModel,
  npSeparatePeersLikelyAnd,
  npServicePortNotContainerPort,
  npNamespaceWithoutDefaultDeny,
  npPodNotIsolated,
  kindNotModelled,
  calicoAllowReopensIsolation,
  calicoPolicyWithoutOrder,
  calicoCrdWithoutTypes,
  calicoSelectorLabelUnset,
  calicoGlobalDenyCutsDns,
  calicoHttpMatchUnsupported,
  ciliumDenyOnlyDefaultDeny,
  ciliumEmptyRuleDenies,
  ciliumCidrCoversPods,
  ciliumClusterwideL7,
  ciliumFqdnWithoutDnsRule,
  adminDenyCutsDns,
  adminPassUndecided,
];

/** The rules that apply under an engine's semantics, in `LINT_RULES` order. */
export function lintRulesFor(engine: LintEngine): LintRule[] {
  return LINT_RULES.filter(r => r.engines.includes(engine));
}
