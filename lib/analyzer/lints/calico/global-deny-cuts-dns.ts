import { calicoEvaluatorOf, decidingEffect } from './evaluation';
import { indexedCalicoPolicies } from './policies';
import { CalicoPolicy } from '../../calico/compiled';
import { CalicoPolicyForm } from '../../compile/form';
import { Cluster, Endpoint, Protocol } from '../../types';
import { LintCode } from '../codes';
import { CALICO_ENGINES, engineOf } from '../engines';
import { Finding, LintContext, LintRule, LintRuleInfo, findingOf } from '../finding';
import { Direction } from '../kubernetes/policies';
import { CLUSTER_DNS_TEXT, DNS_PORT, DNS_PROTOCOLS, clusterDnsPods, isClusterDnsPod, podText, podsToJudge, side } from '../representatives';

// Source: docs.tigera.io/calico/latest/reference/resources/globalnetworkpolicy (a GlobalNetworkPolicy applies to the
// endpoints of every namespace its selectors match) and .../reference/resources/tier (a tier that applies to an
// endpoint and decides nothing drops the packet); kubernetes.io/docs/concepts/services-networking/dns-pod-service
// (pods resolve names through the cluster DNS, k8s-app=kube-dns in kube-system, on UDP and TCP 53).

const info: LintRuleInfo = {
  code: LintCode.CALICO_GLOBAL_DENY_CUTS_DNS,
  severity: 'error',
  title: 'A GlobalNetworkPolicy isolates the cluster DNS pods, or pods\' egress, without allowing DNS (UDP and TCP 53) to the cluster DNS',
  why: 'A cluster-wide isolation that leaves no way to the cluster DNS breaks every name lookup in the namespaces it covers.',
  engines: CALICO_ENGINES,
};

export const calicoGlobalDenyCutsDns: LintRule = { ...info, check };

/** The first pod, peer and protocols showing the cut, and how many pods it cuts. */
interface Cut {
  readonly pod: Endpoint;
  readonly peer: Endpoint;
  readonly protocols: Protocol[];
  /** Every pod whose side is cut. */
  readonly pods: Set<Endpoint>;
}

/**
 * DNS flows from every pod (the model's, a new pod of each namespace without any) to the cluster DNS pods (those of
 * the model, else a representative CoreDNS pod), under the engine: a GlobalNetworkPolicy cuts DNS on a side when that
 * side is denied by its Deny rule, or at the end of its tier while it applies to the pod there.
 */
function check(cluster: Cluster, context?: LintContext): Finding[] {
  const evaluator = calicoEvaluatorOf(engineOf(cluster, context), cluster);
  const dnsPods = clusterDnsPods(cluster);
  const clients = podsToJudge(cluster).filter(e => !isClusterDnsPod(e));
  const findings: Finding[] = [];
  for (const { form } of indexedCalicoPolicies(cluster)) {
    if (form.kind !== 'GlobalNetworkPolicy') continue;
    const policy = evaluator.policies.find(p => p.id === form.id);
    if (policy === undefined) continue;
    const cuts = new Map<Direction, Cut>();
    for (const dns of dnsPods) {
      for (const client of clients) {
        for (const direction of ['egress', 'ingress'] as const) {
          const pod = direction === 'ingress' ? dns : client;
          if (!(direction === 'ingress' ? policy.governsIngress : policy.governsEgress) || !policy.selects(pod)) continue;
          const protocols = DNS_PROTOCOLS.filter(protocol => {
            const verdict = evaluator.evaluate({ from: side(client), to: side(dns), port: DNS_PORT, protocol });
            return !(direction === 'ingress' ? verdict.ingressAllowed : verdict.egressAllowed) && cutBy(policy, decidingEffect(verdict.trace, direction));
          });
          if (protocols.length === 0) continue;
          const cut = cuts.get(direction);
          if (cut === undefined) cuts.set(direction, { pod, peer: direction === 'ingress' ? client : dns, protocols, pods: new Set([pod]) });
          else cut.pods.add(pod);
        }
      }
    }
    const egress = cuts.get('egress');
    if (egress !== undefined) findings.push(egressFinding(form, egress));
    const ingress = cuts.get('ingress');
    if (ingress !== undefined) findings.push(ingressFinding(form, ingress));
  }
  return findings;
}

/** Whether the effect that decided the side is the policy's Deny rule, or the end of its tier. */
function cutBy(policy: CalicoPolicy, effect: ReturnType<typeof decidingEffect>): boolean {
  if (effect === undefined) return false;
  return (effect.policy === policy.id && effect.action === 'Deny') || (effect.action === 'Isolated' && effect.tier === policy.tier);
}

function protocolsText(cut: Cut): string {
  return cut.protocols.map(p => `${DNS_PORT}/${p}`).join(' and ');
}

function egressFinding(form: CalicoPolicyForm, cut: Cut): Finding {
  const more = cut.pods.size > 1 ? ` (and ${cut.pods.size - 1} more)` : '';
  return findingOf(info, form.id, {
    field: 'spec.egress',
    problem: `the policy isolates egress of ${podText(cut.pod)}${more} and allows no DNS to ${CLUSTER_DNS_TEXT}: ` +
      `${protocolsText(cut)} to ${podText(cut.peer)} are denied`,
    fix: 'add egress Allow rules for UDP and TCP 53 to destination namespaceSelector kubernetes.io/metadata.name == \'kube-system\' ' +
      'and selector k8s-app == \'kube-dns\'',
  });
}

function ingressFinding(form: CalicoPolicyForm, cut: Cut): Finding {
  const field = form.subject.kind === 'endpoints' && form.subject.namespaceSelector !== undefined ? 'spec.namespaceSelector' : 'spec.selector';
  return findingOf(info, form.id, {
    field,
    problem: `the policy applies to ${podText(cut.pod)} for ingress and allows no DNS to it: ` +
      `${protocolsText(cut)} from ${podText(cut.peer)} are denied`,
    fix: 'exempt kube-system (namespaceSelector: kubernetes.io/metadata.name != \'kube-system\'), or add ingress Allow rules for UDP and TCP 53 to the DNS pods',
  });
}
