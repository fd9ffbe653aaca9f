import { selectorText } from '../../selector-text';
import { matchesLabelSelector } from '../../selectors';
import { Cluster } from '../../types';
import { namesClusterDns } from '../cluster-dns-peer';
import { LintCode } from '../codes';
import { EVERY_ENGINE } from '../engines';
import { Finding, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DIRECTIONS, PEERS_FIELD, isEmptySelector, networkPolicies } from './policies';
import { peerFormSelects } from '../scope';

// Source: kubernetes.io/docs/concepts/services-networking/network-policies: a podSelector selects pods by their
// labels within the policy's namespace, or within the namespaces its namespaceSelector selects.

const info: LintRuleInfo = {
  code: LintCode.NP_SELECTOR_MATCHES_NOTHING,
  severity: 'warning',
  title: 'A NetworkPolicy podSelector (its own, or a peer\'s within its namespace scope) matches no endpoint',
  why: 'A selector that matches nothing is usually a typo in a label; the policy then protects or allows nobody, silently.',
  engines: EVERY_ENGINE,
};

export const npSelectorMatchesNothing: LintRule = { ...info, check };

/**
 * Empty selectors say "all pods" and cannot be mistyped, so they are not reported; with no endpoint in
 * the model at all there is nothing to match against, so the rule does not apply. A peer naming the cluster DNS
 * pods when they are not in the manifests is NP_PEER_NOT_IN_MODEL's (info), not a typo.
 */
function check(cluster: Cluster): Finding[] {
  if (cluster.endpoints.length === 0) return [];
  const findings: Finding[] = [];
  for (const policy of networkPolicies(cluster)) {
    const own = policy.podSelector;
    if (!isEmptySelector(own) && !cluster.endpoints.some(e => e.namespace === policy.namespace && matchesLabelSelector(own, e.labels))) {
      findings.push(findingOf(info, policy.id, {
        field: 'spec.podSelector',
        problem: `spec.podSelector ${selectorText(own)} matches no endpoint in namespace ${policy.namespace}`,
        fix: 'fix the labels to those of the pods to protect',
      }));
    }
    for (const direction of DIRECTIONS) {
      policy[direction].forEach((rule, i) => (rule.peers ?? []).forEach((peer, j) => {
        if (peer.kind !== 'pods' || peer.podSelector === undefined || isEmptySelector(peer.podSelector)) return;
        if (cluster.endpoints.some(e => peerFormSelects(cluster, peer, e))) return;
        if (namesClusterDns(cluster, peer)) return;
        const scope = peer.namespaceSelector === undefined
          ? `namespace ${policy.namespace}`
          : `namespaces matching ${selectorText(peer.namespaceSelector)}`;
        const field = `spec.${direction}[${i}].${PEERS_FIELD[direction]}[${j}].podSelector`;
        findings.push(findingOf(info, policy.id, {
          field,
          problem: `${field} ${selectorText(peer.podSelector)} matches no endpoint in ${scope}`,
          fix: 'fix the labels, or add a namespaceSelector when the pods live in another namespace',
        }));
      }));
    }
  }
  return findings;
}
