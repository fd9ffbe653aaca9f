import { ciliumField, ciliumRuleSets } from './policies';
import { Cluster } from '../../types';
import { LintCode } from '../codes';
import { CILIUM_ENGINES } from '../engines';
import { Finding, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DIRECTIONS } from '../kubernetes/policies';

// Source: the AKS facts of docs/engines.md and DESIGN.md (Azure CNI powered by Cilium: FQDN and L7 rules need Advanced
// Container Networking Services, and are not supported in cluster-wide policies); learn.microsoft.com AKS API
// `advancedNetworkPolicies` (L7 and FQDN policies are configured through CiliumNetworkPolicy resources). An FQDN rule
// needs a DNS L7 rule (docs.cilium.io security/policy/language "DNS based"), so it is L7 too.

const CLUSTERWIDE = 'CiliumClusterwideNetworkPolicy';

const info: LintRuleInfo = {
  code: LintCode.CILIUM_CLUSTERWIDE_L7,
  severity: 'error',
  title: 'L7 rules (HTTP, Kafka, DNS) or toFQDNs in a CiliumClusterwideNetworkPolicy: not supported on AKS (Azure CNI powered by Cilium)',
  why: 'AKS enforces L7 and FQDN rules only in namespaced CiliumNetworkPolicies, with Advanced Container Networking Services; in a cluster-wide policy they do not take effect as written.',
  engines: CILIUM_ENGINES,
};

export const ciliumClusterwideL7: LintRule = { ...info, check };

function check(cluster: Cluster): Finding[] {
  const findings: Finding[] = [];
  for (const { policy, set } of ciliumRuleSets(cluster)) {
    if (policy.kind !== CLUSTERWIDE) continue;
    for (const direction of DIRECTIONS) {
      for (const rule of set[direction]) {
        const l7 = [...new Set((rule.ports ?? []).flatMap(p => p.kind !== 'unreadable' && p.l7 !== undefined ? [p.l7] : []))];
        const fqdns = (rule.peers ?? []).flatMap(p => p.kind === 'fqdn' ? p.fqdns.map(f => f.matchName ?? f.matchPattern ?? '') : []);
        if (l7.length === 0 && fqdns.length === 0) continue;
        const field = ciliumField(rule.label);
        const what = [fqdns.length > 0 ? `toFQDNs (${fqdns.join(', ')})` : undefined, l7.length > 0 ? `L7 rules (${l7.join('; ')})` : undefined]
          .filter(Boolean).join(' and ');
        findings.push(findingOf(info, policy.id, {
          field,
          problem: `${field} uses ${what} in a CiliumClusterwideNetworkPolicy, which AKS does not enforce there`,
          fix: 'move the rule to a CiliumNetworkPolicy in each namespace that needs it (with Advanced Container Networking Services), or drop its L7 part',
        }));
      }
    }
  }
  return findings;
}
