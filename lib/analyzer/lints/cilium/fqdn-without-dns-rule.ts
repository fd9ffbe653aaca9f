import { CiliumRuleSet, ciliumField, ciliumRuleSets, ruleSetSelects } from './policies';
import { CiliumPortForm, CiliumRuleForm } from '../../compile/form';
import { Cluster } from '../../types';
import { LintCode } from '../codes';
import { CILIUM_ENGINES } from '../engines';
import { Finding, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DNS_PORT } from '../representatives';
import { endpointSubject } from '../subjects';

// Source: docs.cilium.io/en/latest/security/policy/language ("DNS based": toFQDNs rules learn addresses from the DNS
// lookups Cilium's DNS proxy sees; the pods need an egress rule on port 53 with `rules: dns` so the lookups go through
// the proxy, e.g. toEndpoints kube-dns, toPorts 53 ANY, rules.dns matchPattern "*").

const info: LintRuleInfo = {
  code: LintCode.CILIUM_FQDN_WITHOUT_DNS_RULE,
  severity: 'error',
  title: 'A Cilium toFQDNs rule without an egress DNS rule (port 53 with rules.dns) for its pods: the DNS proxy never sees the lookups',
  why: 'Cilium allows an FQDN only for the addresses its DNS proxy saw in answers; without a DNS L7 rule the lookups bypass the proxy and the FQDN rule allows nothing.',
  engines: CILIUM_ENGINES,
};

export const ciliumFqdnWithoutDnsRule: LintRule = { ...info, check };

/**
 * For each egress allow rule with toFQDNs: the pods of the model its rule set selects each need a DNS rule in some
 * rule set selecting them; with no such pod in the model, the policy's own rule sets must hold one.
 */
function check(cluster: Cluster): Finding[] {
  const sets = ciliumRuleSets(cluster);
  const withDns = sets.filter(r => r.set.egress.some(isDnsRule));
  const selectors = new Map<CiliumRuleSet, ReturnType<typeof ruleSetSelects>>(sets.map(r => [r, ruleSetSelects(cluster, r)]));
  const findings: Finding[] = [];
  for (const r of sets) {
    const pods = cluster.endpoints.filter(e => selectors.get(r)!(e));
    for (const rule of r.set.egress) {
      const fqdns = (rule.peers ?? []).flatMap(p => p.kind === 'fqdn' ? p.fqdns.map(f => f.matchName ?? f.matchPattern ?? '') : []);
      if (rule.action !== 'Allow' || fqdns.length === 0) continue;
      const without = pods.filter(e => !withDns.some(d => selectors.get(d)!(e)));
      const missing = pods.length > 0 ? without.length > 0 : !withDns.some(d => d.policy === r.policy);
      if (!missing) continue;
      const field = ciliumField(rule.label);
      const whom = pods.length > 0 ? `${endpointSubject(without[0])}${without.length > 1 ? ` (and ${without.length - 1} more)` : ''}` : 'the pods it selects';
      findings.push(findingOf(info, r.policy.id, {
        field,
        problem: `${field} allows toFQDNs (${fqdns.join(', ')}), but no egress rule for ${whom} sends DNS through Cilium's DNS proxy ` +
          '(port 53 with rules.dns), so the names are never learnt and the rule allows nothing',
        fix: 'add an egress rule to the cluster DNS (toEndpoints k8s:io.kubernetes.pod.namespace=kube-system, k8s-app=kube-dns) on port 53 ' +
          'protocol ANY with rules: {dns: [{matchPattern: "*"}]}',
      }));
    }
  }
  return findings;
}

/** An allow rule with a DNS L7 rule on a port that takes in 53 on UDP. */
function isDnsRule(rule: CiliumRuleForm): boolean {
  return rule.action === 'Allow' && (rule.ports ?? []).some(p => p.kind !== 'unreadable' && p.l7 !== undefined && p.l7.startsWith('dns') && takesDns(p));
}

function takesDns(p: Exclude<CiliumPortForm, { kind: 'unreadable' }>): boolean {
  if (!p.protocols.includes('UDP')) return false;
  switch (p.kind) {
    case 'all': return true;
    case 'range': return p.first <= DNS_PORT && DNS_PORT <= p.last;
    case 'named': return p.name === 'dns' || p.name === 'domain';
  }
}
