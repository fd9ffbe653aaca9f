import { adminPolicies, adminRuleField, adminSubjectPods } from './policies';
import { evaluatorFor } from '../../evaluators';
import { Cluster, Endpoint, Protocol } from '../../types';
import { decidingEffect } from '../calico/evaluation';
import { LintCode } from '../codes';
import { ADMIN_ENGINES, engineOf } from '../engines';
import { Finding, LintContext, LintRule, LintRuleInfo, findingOf } from '../finding';
import { Direction } from '../kubernetes/policies';
import { CLUSTER_DNS_TEXT, DNS_PORT, DNS_PROTOCOLS, clusterDnsPods, isClusterDnsPod, podText, podsToJudge, side } from '../representatives';

// Source: network-policy-api.sigs.k8s.io/api-overview (AdminNetworkPolicy / ClusterNetworkPolicy tier Admin: a Deny
// rule is final, evaluated before every NetworkPolicy, which cannot re-open it) and
// kubernetes.io/docs/concepts/services-networking/dns-pod-service (the cluster DNS, k8s-app=kube-dns in kube-system,
// on UDP and TCP 53).

const info: LintRuleInfo = {
  code: LintCode.ADMIN_DENY_CUTS_DNS,
  severity: 'error',
  title: 'An Admin-tier Deny (AdminNetworkPolicy, ClusterNetworkPolicy tier Admin) denies DNS (UDP or TCP 53) to the cluster DNS pods',
  why: 'An Admin-tier Deny is final: no NetworkPolicy can allow the DNS it cuts, so every name lookup of the pods it covers fails.',
  engines: ADMIN_ENGINES,
};

export const adminDenyCutsDns: LintRule = { ...info, check };

/** The first flow a rule cuts, and every pod (client or DNS pod) on the cut side. */
interface Cut {
  readonly client: Endpoint;
  readonly dns: Endpoint;
  readonly direction: Direction;
  readonly protocols: Set<Protocol>;
  readonly pods: Set<string>;
}

/**
 * DNS flows from a pod of each namespace (the model's pods, a new pod of each known namespace, and one carrying the
 * labels each Admin-tier policy selects) to the cluster DNS pods (the model's, else a representative CoreDNS pod),
 * under the engine: a flow whose side an Admin-tier Deny rule decides is cut by that rule.
 */
function check(cluster: Cluster, context?: LintContext): Finding[] {
  const admin = adminPolicies(cluster).filter(p => p.tier === 'Admin' && [...p.ingress, ...p.egress].some(r => r.action === 'Deny'));
  if (admin.length === 0) return [];
  const ids = new Set(admin.map(p => p.id));
  const evaluator = evaluatorFor(engineOf(cluster, context), cluster);
  const clients = [...podsToJudge(cluster), ...admin.flatMap(p => adminSubjectPods(cluster, p))].filter(e => !isClusterDnsPod(e));
  const cuts = new Map<string, Cut>();
  for (const dns of clusterDnsPods(cluster)) {
    for (const client of clients) {
      for (const protocol of DNS_PROTOCOLS) {
        const verdict = evaluator.evaluate({ from: side(client), to: side(dns), port: DNS_PORT, protocol });
        for (const direction of ['egress', 'ingress'] as const) {
          const effect = decidingEffect(verdict.trace, direction);
          if (effect?.action !== 'Deny' || effect.policy === undefined || !ids.has(effect.policy)) continue;
          const key = `${effect.policy}\u0000${effect.rule}`;
          const cut = cuts.get(key) ?? { client, dns, direction, protocols: new Set<Protocol>(), pods: new Set<string>() };
          cuts.set(key, cut);
          if (cut.client === client && cut.dns === dns) cut.protocols.add(protocol);
          cut.pods.add(podText(direction === 'egress' ? client : dns));
        }
      }
    }
  }
  return [...cuts.entries()].map(([key, cut]) => {
    const [policy, rule] = key.split('\u0000');
    const field = adminRuleField(rule);
    const protocols = DNS_PROTOCOLS.filter(p => cut.protocols.has(p)).map(p => `${DNS_PORT}/${p}`).join(' and ');
    const more = cut.pods.size > 1 ? ` (and ${cut.pods.size - 1} more)` : '';
    const whose = cut.direction === 'egress' ? `egress of ${podText(cut.client)}${more}` : `ingress of ${podText(cut.dns)}`;
    return findingOf(info, policy, {
      field,
      problem: `${field} (Deny, tier Admin) denies DNS to ${CLUSTER_DNS_TEXT} on the ${whose}: ${protocols} from ${podText(cut.client)} ` +
        `to ${podText(cut.dns)} are denied, and no NetworkPolicy can allow them again`,
      fix: 'put an Allow rule for UDP and TCP 53 to namespace kube-system, pods k8s-app=kube-dns before it (an earlier rule, or a policy of ' +
        'lower priority number), or narrow the Deny',
    });
  });
}
