import { calicoEvaluatorOf, decidingEffect, flowsAt, ruleDestinationPorts, ruleProtocols } from './evaluation';
import { indexedCalicoPolicies, ruleField, withoutPolicy } from './policies';
import { CalicoPolicy } from '../../calico/compiled';
import { CalicoRuleForm } from '../../compile/form';
import { Cluster, Endpoint, Evaluator, Flow, FlowPeer, Protocol } from '../../types';
import { LintCode } from '../codes';
import { CALICO_ENGINES, engineOf } from '../engines';
import { Finding, LintContext, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DIRECTIONS, Direction } from '../kubernetes/policies';
import { DNS_PORT, isClusterDnsPod, podText, podsToJudge, probePod } from '../representatives';

// Source: docs.tigera.io/calico/latest/reference/resources/tier ("How policy is evaluated": in a tier, policies in
// order; the first Allow or Deny decides; a tier that applies and decides nothing drops the packet) and
// .../network-policy/policy-tiers/tiered-policy (Kubernetes NetworkPolicies live in tier default at order 1000, so
// their isolation is only the end of tier default); .../reference/resources/globalnetworkpolicy (no order: last).

/** An address outside the cluster (TEST-NET-3, RFC 5737): the source or destination no policy of the cluster names. */
const OUTSIDE = '203.0.113.7';
const PROBE_PORTS: readonly { port: number; protocol: Protocol }[] = [{ port: 65000, protocol: 'TCP' }, { port: 65000, protocol: 'UDP' }];

const info: LintRuleInfo = {
  code: LintCode.CALICO_ALLOW_REOPENS_ISOLATION,
  severity: 'error',
  title: 'A Calico Allow rule evaluated after a policy that isolates the same pods (a Kubernetes NetworkPolicy, order 1000) re-opens traffic that isolation denies',
  why: 'In a Calico tier a pod\'s isolation is only the end of the tier: an Allow of a later policy in the tier (no order, or a higher one) lets through what the earlier policies left to it.',
  engines: CALICO_ENGINES,
};

export const calicoAllowReopensIsolation: LintRule = { ...info, check };

/**
 * For each Allow rule of a Calico policy and each pod it applies to (the model's pods, a new pod of each namespace
 * without any) that an earlier policy of the same tier isolates: a flow (from or to another pod, a pod of another
 * namespace, an address outside) that the rule decides, and that is denied on that side once the policy is removed.
 * DNS to the cluster DNS pods is not counted.
 */
function check(cluster: Cluster, context?: LintContext): Finding[] {
  const engine = engineOf(cluster, context);
  const evaluator = calicoEvaluatorOf(engine, cluster);
  const pods = podsToJudge(cluster);
  const findings: Finding[] = [];
  for (const { form, index } of indexedCalicoPolicies(cluster)) {
    const position = evaluator.policies.findIndex(p => p.id === form.id);
    if (position < 0) continue;
    const policy = evaluator.policies[position];
    let without: Evaluator | undefined;
    const search: Search = {
      evaluator,
      pods,
      policy,
      earlier: evaluator.policies.slice(0, position).filter(p => p.tier === policy.tier),
      deniedWithout: (flow, direction) => {
        without ??= calicoEvaluatorOf(engine, withoutPolicy(cluster, index));
        const verdict = without.evaluate(flow);
        return direction === 'ingress' ? !verdict.ingressAllowed : !verdict.egressAllowed;
      },
    };
    for (const direction of DIRECTIONS) {
      if (!governs(policy, direction)) continue;
      for (const rule of form[direction].filter(r => r.action === 'Allow')) {
        const found = firstReopened(search, direction, rule);
        if (found === undefined) continue;
        findings.push(findingOf(info, form.id, {
          field: ruleField(rule.label),
          problem: `${ruleField(rule.label)} (Allow) comes after ${found.isolating.id}, which isolates ${podText(found.pod)} for ${direction}, ` +
            `and allows ${flowText(found.flow)}, which that isolation denies (end of tier ${policy.tier})`,
          fix: 'remove the blanket Allow (a cluster default deny must not carry one), narrow it to the traffic meant, or give the policy an order ' +
            'below the isolating policies with Deny or Pass rules',
        }));
      }
    }
  }
  return findings;
}

/** What the search for a re-opened flow needs about one policy. */
interface Search {
  readonly evaluator: Evaluator;
  readonly pods: readonly Endpoint[];
  readonly policy: CalicoPolicy;
  /** The policies of its tier evaluated before it. */
  readonly earlier: readonly CalicoPolicy[];
  /** Whether the flow is denied on that side once the policy is removed. */
  deniedWithout(flow: Flow, direction: Direction): boolean;
}

/** The first pod, isolating policy and flow (in pod, peer, port order) showing the rule re-opening isolation. */
function firstReopened(s: Search, direction: Direction, rule: CalicoRuleForm): { pod: Endpoint; isolating: CalicoPolicy; flow: Flow } | undefined {
  for (const pod of s.pods) {
    if (!s.policy.selects(pod)) continue;
    const isolating = s.earlier.find(q => governs(q, direction) && q.selects(pod));
    if (isolating === undefined) continue;
    const peers: FlowPeer[] = [...s.pods.filter(p => p !== pod), probePod()].map(e => ({ kind: 'endpoint', endpoint: e }));
    peers.push({ kind: 'ip', ip: OUTSIDE });
    // The ports pods serve and the rule names first, the port nobody opens last: the example shows real traffic when it can.
    const flows = flowsAt(pod, direction, peers, to => portsToTry(to, rule));
    const ordered = [...flows.filter(f => !isProbe(f)), ...flows.filter(isProbe)].filter(f => !isDns(f));
    for (const flow of ordered) {
      const decided = decidingEffect(s.evaluator.evaluate(flow).trace, direction);
      if (decided?.policy !== s.policy.id || decided.rule !== rule.label || decided.action !== 'Allow') continue;
      if (s.deniedWithout(flow, direction)) return { pod, isolating, flow };
    }
  }
  return undefined;
}

function governs(policy: CalicoPolicy, direction: Direction): boolean {
  return direction === 'ingress' ? policy.governsIngress : policy.governsEgress;
}

/** The destination's container ports, the ports the rule names (on its protocols), and a port nobody opens. */
function portsToTry(to: FlowPeer, rule: CalicoRuleForm): { port: number; protocol: Protocol }[] {
  const own = to.kind === 'endpoint' ? to.endpoint.ports.map(p => ({ port: p.port, protocol: p.protocol })) : [];
  const named = ruleDestinationPorts(rule).flatMap(port => ruleProtocols(rule).map(protocol => ({ port, protocol })));
  const seen = new Set<string>();
  return [...own, ...named, ...PROBE_PORTS].filter(p => {
    const key = `${p.port}/${p.protocol}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** DNS to the cluster DNS pods: a cluster deny keeps it open on purpose (cdk-netpol's own does), not a blanket Allow. */
function isDns(flow: Flow): boolean {
  return flow.to.kind === 'endpoint' && isClusterDnsPod(flow.to.endpoint) && flow.port === DNS_PORT;
}

function isProbe(flow: Flow): boolean {
  return PROBE_PORTS.some(p => p.port === flow.port && p.protocol === flow.protocol);
}

function flowText(flow: Flow): string {
  const peer = (p: FlowPeer) => p.kind === 'ip' ? `${p.ip} (outside the cluster)` : podText(p.endpoint);
  return `${peer(flow.from)} -> ${peer(flow.to)} ${flow.port}/${flow.protocol}`;
}

