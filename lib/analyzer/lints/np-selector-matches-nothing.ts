import { matchesLabelSelector } from '../selectors';
import { Cluster } from '../types';
import { LintCode } from './codes';
import { Finding, LintRule, LintRuleInfo, findingOf } from './finding';
import { DIRECTIONS, PEERS_FIELD, isEmptySelector, networkPolicies } from './network-policies';
import { peerFormSelects } from './scope';
import { selectorText } from '../selector-text';

const info: LintRuleInfo = {
  code: LintCode.NP_SELECTOR_MATCHES_NOTHING,
  severity: 'warning',
  title: 'A NetworkPolicy podSelector (its own, or a peer\'s within its namespace scope) matches no endpoint',
  why: 'A selector that matches nothing is usually a typo in a label; the policy then protects or allows nobody, silently.',
};

export const npSelectorMatchesNothing: LintRule = { ...info, check };

/**
 * Empty selectors say "all pods" and cannot be mistyped, so they are not reported; with no endpoint in
 * the model at all there is nothing to match against, so the rule does not apply.
 */
function check(cluster: Cluster): Finding[] {
  if (cluster.endpoints.length === 0) return [];
  const findings: Finding[] = [];
  for (const policy of networkPolicies(cluster)) {
    const own = policy.podSelector;
    if (!isEmptySelector(own) && !cluster.endpoints.some(e => e.namespace === policy.namespace && matchesLabelSelector(own, e.labels))) {
      findings.push(findingOf(info, policy.id,
        `spec.podSelector ${selectorText(own)} matches no endpoint in namespace ${policy.namespace}; fix the labels to those of the pods to protect`));
    }
    for (const direction of DIRECTIONS) {
      policy[direction].forEach((rule, i) => (rule.peers ?? []).forEach((peer, j) => {
        if (peer.kind !== 'pods' || peer.podSelector === undefined || isEmptySelector(peer.podSelector)) return;
        if (cluster.endpoints.some(e => peerFormSelects(cluster, peer, e))) return;
        const scope = peer.namespaceSelector === undefined
          ? `namespace ${policy.namespace}`
          : `namespaces matching ${selectorText(peer.namespaceSelector)}`;
        findings.push(findingOf(info, policy.id,
          `spec.${direction}[${i}].${PEERS_FIELD[direction]}[${j}].podSelector ${selectorText(peer.podSelector)} matches no endpoint in ${scope}; ` +
          'fix the labels, or add a namespaceSelector when the pods live in another namespace'));
      }));
    }
  }
  return findings;
}
