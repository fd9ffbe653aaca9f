import { Cluster } from '../../types';
import { LintCode } from '../codes';
import { EVERY_ENGINE } from '../engines';
import { Finding, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DIRECTIONS, PEERS_FIELD, networkPolicies } from './policies';
import { PodsPeerForm } from '../../compile/form';
import { selectorText } from '../../selector-text';

// Source: kubernetes.io/docs/concepts/services-networking/network-policies ("Behavior of to and from selectors"):
// namespaceSelector and podSelector in one element select pods in those namespaces (AND); two elements are ORed.

const info: LintRuleInfo = {
  code: LintCode.NP_SEPARATE_PEERS_LIKELY_AND,
  severity: 'warning',
  title: 'A rule lists a namespaceSelector-only peer and a podSelector-only peer: OR, usually meant as AND',
  why: 'Separate peers are ORed: `- namespaceSelector` / `- podSelector` allows every pod of those namespaces, not only the selected pods in them.',
  engines: EVERY_ENGINE,
};

export const npSeparatePeersLikelyAnd: LintRule = { ...info, check };

function check(cluster: Cluster): Finding[] {
  const findings: Finding[] = [];
  for (const policy of networkPolicies(cluster)) {
    for (const direction of DIRECTIONS) {
      policy[direction].forEach((rule, i) => {
        const pods = (rule.peers ?? []).filter((p): p is PodsPeerForm => p.kind === 'pods');
        const namespaceOnly = pods.find(p => p.namespaceSelector !== undefined && p.podSelector === undefined);
        const podOnly = pods.find(p => p.podSelector !== undefined && p.namespaceSelector === undefined);
        if (namespaceOnly === undefined || podOnly === undefined) return;
        const field = `spec.${direction}[${i}].${PEERS_FIELD[direction]}`;
        findings.push(findingOf(info, policy.id, {
          field,
          problem: `${field} selects all pods in namespaces ${selectorText(namespaceOnly.namespaceSelector)} ` +
            `OR pods ${selectorText(podOnly.podSelector)} in ${policy.namespace}`,
          fix: `to mean pods ${selectorText(podOnly.podSelector)} in those namespaces, put namespaceSelector and podSelector in one peer (one list item)`,
        }));
      });
    }
  }
  return findings;
}
