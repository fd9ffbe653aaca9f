import { compareStrings } from '../../model/order';
import { Cluster } from '../types';
import { LintCode } from './codes';
import { Finding, LintRule, LintRuleInfo, findingOf } from './finding';
import { DIRECTIONS, isEmptySelector, networkPolicies } from './network-policies';
import { namespaceSubject } from './subjects';

const info: LintRuleInfo = {
  code: LintCode.NP_NAMESPACE_WITHOUT_DEFAULT_DENY,
  severity: 'warning',
  title: 'A namespace with workloads has no default-deny NetworkPolicy for ingress or for egress',
  why: 'Without a default deny, any pod no policy selects (a new or relabelled workload) is open in that direction.',
};

export const npNamespaceWithoutDefaultDeny: LintRule = { ...info, check };

/** A default deny for a direction: `podSelector: {}`, the direction in its effective policyTypes, no rules for it. */
function check(cluster: Cluster): Finding[] {
  const policies = networkPolicies(cluster);
  const namespaces = [...new Set(cluster.endpoints.map(e => e.namespace))].sort(compareStrings);
  const findings: Finding[] = [];
  for (const namespace of namespaces) {
    for (const direction of DIRECTIONS) {
      const denies = policies.some(p => p.namespace === namespace && isEmptySelector(p.podSelector)
        && p.isolates[direction] && p[direction].length === 0);
      if (denies) continue;
      const type = direction === 'ingress' ? 'Ingress' : 'Egress';
      findings.push(findingOf(info, namespaceSubject(namespace),
        `namespace ${namespace} has no default deny for ${direction}; add a NetworkPolicy with podSelector: {}, policyTypes: [${type}] ` +
        `and no ${direction} rules (DefaultDeny)`));
    }
  }
  return findings;
}
