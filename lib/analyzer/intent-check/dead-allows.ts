import { PeerKind, Policy, Problem, Rule, RuleAction } from '../../model';
import { allowBlocked, AllowBlockedBy } from '../../model/messages';
import { effectText, flowPeerText } from '../explain';
import { Effect, Endpoint, Flow, Verdict } from '../types';
import { IntentFinding } from './checked-intent';
import { IntentEvaluators, isUncertain } from './engine-of-intent';
import { AppPorts, declaredPorts, flowPorts, portProbes } from './probes';
import { Representatives } from './representatives';

type Direction = 'ingress' | 'egress';

// Policies that isolate beyond one namespace, as explanations name them: their exempt list may be the fix.
const CLUSTER_WIDE = /\b(GlobalNetworkPolicy|CiliumClusterwideNetworkPolicy|ClusterNetworkPolicy|AdminNetworkPolicy|BaselineAdminNetworkPolicy) [^\s,;)]+/;

/**
 * ALLOW_BLOCKED: an allow rule of an intent whose every flow, between the pods its subject and a pods peer stand for
 * and on its ports, is denied end to end by the app's policies (the other side isolated without a matching rule, a
 * deny rule, an earlier tier or order, a cluster deny). A flow that gets through, or whose verdict is uncertain,
 * shows the allow is not dead.
 */
export function deadAllows(
  intent: number, policy: Policy, engine: string, reps: Representatives, evaluators: IntentEvaluators, appPorts: AppPorts,
): IntentFinding[] {
  const subjectNamespaces = reps.subjectNamespaces(policy);
  if (subjectNamespaces === undefined) return [];
  const findings: IntentFinding[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    for (const rule of policy[direction]) {
      if (rule.action !== RuleAction.ALLOW) continue;
      rule._peersAsGiven().forEach((peer, index) => {
        if (peer.kind !== PeerKind.PODS) return;
        const blocked = blockedFlow(direction, rule, policy, peer, subjectNamespaces, reps, evaluators.of(engine), appPorts);
        if (blocked) findings.push({ intent, problem: problemOf(direction, index, peer.toString(), blocked) });
      });
    }
  }
  return findings;
}

interface Blocked {
  readonly flow: Flow;
  readonly verdict: Verdict;
}

/** The first denied flow when every flow of the rule to or from `peer` is denied; undefined otherwise. */
function blockedFlow(
  direction: Direction, rule: Rule, policy: Policy, peer: Rule['peers'][number], subjectNamespaces: readonly string[],
  reps: Representatives, evaluator: ReturnType<IntentEvaluators['of']>, appPorts: AppPorts,
): Blocked | undefined {
  const probes = rule.ports.flatMap(port => portProbes(port, appPorts));
  const declared = declaredPorts(probes);
  const peerNamespaces = reps.peerNamespaces(peer, policy.namespaceName);
  if (peerNamespaces === undefined) return undefined;
  const subjects = reps.pods(policy.subject, subjectNamespaces, undefined, direction === 'ingress' ? declared : []);
  const peers = reps.pods(peer.podSelector, peerNamespaces, peer.serviceAccountNames, direction === 'egress' ? declared : []);
  if (subjects === undefined || peers === undefined) return undefined;
  const [sources, destinations] = direction === 'ingress' ? [peers, subjects] : [subjects, peers];
  let first: Blocked | undefined;
  for (const from of sources) {
    for (const to of destinations) {
      // Kubernetes never blocks a pod's traffic to itself.
      if (samePod(from, to)) continue;
      const destination = { kind: 'endpoint' as const, endpoint: to };
      for (const probe of probes) {
        for (const port of flowPorts(probe, destination)) {
          const flow: Flow = { from: { kind: 'endpoint', endpoint: from }, to: destination, ...port };
          const verdict = evaluator.evaluate(flow);
          if (verdict.allowed || isUncertain(verdict)) return undefined;
          first ??= { flow, verdict };
        }
      }
    }
  }
  return first;
}

function samePod(a: Endpoint, b: Endpoint): boolean {
  return a === b || (a.namespace === b.namespace && a.kind === b.kind && a.name === b.name);
}

function problemOf(direction: Direction, index: number, peerText: string, { flow, verdict }: Blocked): Problem {
  const denied: Direction = verdict.egressAllowed ? 'ingress' : 'egress';
  const effect = decidingEffect(verdict, denied);
  const flowText = `${flowPeerText(flow.from)} -> ${flowPeerText(flow.to)} ${flow.port}/${flow.protocol}`;
  return allowBlocked(`peers[${index}]`, peerText, flowText, effect ? effectText(effect).replace(/\s+/, ' ') : `the ${denied} side`,
    blockedBy(direction, denied, effect, flow));
}

/** The effect that denied one direction: its last deny or isolation. */
function decidingEffect(verdict: Verdict, direction: Direction): Effect | undefined {
  const effects = verdict.trace.filter(e => e.direction === direction);
  return [...effects].reverse().find(e => e.action === 'Deny' || e.action === 'Isolated') ?? effects[effects.length - 1];
}

/** What decided against the flow, which says how to open it. */
function blockedBy(own: Direction, denied: Direction, effect: Effect | undefined, flow: Flow): AllowBlockedBy {
  if (effect?.action === 'Deny') return { by: 'deny', policy: effect.policy };
  const pod = denied === 'ingress' ? flow.to : flow.from;
  const clusterWide = effect === undefined ? undefined : CLUSTER_WIDE.exec(`${effect.policy ?? ''} ${effect.detail}`)?.[0];
  const exempt = clusterWide && pod.kind === 'endpoint' ? { namespace: pod.endpoint.namespace, policy: clusterWide } : undefined;
  if (denied !== own) return { by: 'other-side', direction: denied, pods: flowPeerText(pod), exempt };
  return { by: 'earlier', policy: effect?.policy, exempt };
}
