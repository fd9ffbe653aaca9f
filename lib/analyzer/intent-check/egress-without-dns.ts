import { Peer, PeerKind, Policy, RuleAction } from '../../model';
import * as messages from '../../model/messages';
import { flowPeerText } from '../explain';
import { Endpoint, FlowPeer, Protocol } from '../types';
import { IntentFinding } from './checked-intent';
import { IntentEvaluators, isUncertain } from './engine-of-intent';
import { Representatives } from './representatives';

const DNS_PROTOCOLS: readonly Protocol[] = ['UDP', 'TCP'];

/**
 * The DNS peers of an app: the cluster DNS, and every peer its intents allow egress to on port 53 (a custom
 * `dnsPeer`, node-local DNS addresses).
 */
export function dnsPeersOf(policies: readonly Policy[]): Peer[] {
  const peers = new Map<string, Peer>([[Peer.clusterDns().toString(), Peer.clusterDns()]]);
  for (const rule of policies.flatMap(p => p.egress)) {
    if (rule.action !== RuleAction.ALLOW || !rule.ports.some(port => port.portNumber === 53 && port.endPort === undefined)) continue;
    rule.peers.forEach(peer => peers.set(peer.toString(), peer));
  }
  return [...peers.values()];
}

/** Where pods resolve names, as flow destinations. */
export function dnsDestinations(dnsPeers: readonly Peer[], reps: Representatives): FlowPeer[] {
  const destinations: FlowPeer[] = [];
  for (const peer of dnsPeers) {
    if (peer.kind === PeerKind.IP_BLOCK) {
      destinations.push({ kind: 'ip', ip: peer.cidr!.toString().split('/')[0] });
    } else if (peer.kind === PeerKind.PODS) {
      const namespaces = reps.peerNamespaces(peer, undefined);
      const pods = namespaces === undefined ? undefined : reps.pods(peer.podSelector, namespaces, peer.serviceAccountNames);
      (pods ?? []).forEach(endpoint => destinations.push({ kind: 'endpoint', endpoint }));
    }
  }
  return destinations;
}

/**
 * EGRESS_WITHOUT_DNS: pods whose egress the intent isolates and that reach no DNS destination on both UDP and TCP 53
 * (TCP carries truncated answers). Each pod is reported once per engine, at the first intent that isolates it.
 */
export function egressWithoutDns(
  intent: number, policy: Policy, engine: string, reps: Representatives, evaluators: IntentEvaluators,
  destinations: readonly FlowPeer[], seen: Set<string>,
): IntentFinding[] {
  if (!policy.isolateEgress) return [];
  // Intents on the same pods (a namespace's default deny and its DNS allow) ask the same question.
  const subjectKey = `${engine}\u0000${policy.namespaceName ?? `(${policy.namespaceSelector})`}\u0000${policy.subject}`;
  if (seen.has(subjectKey)) return [];
  seen.add(subjectKey);
  const namespaces = reps.subjectNamespaces(policy);
  const pods = namespaces === undefined ? undefined : reps.pods(policy.subject, namespaces);
  const evaluator = evaluators.of(engine);
  for (const pod of pods ?? []) {
    const key = `${engine}\u0000${podKey(pod)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const resolves = destinations.some(to => DNS_PROTOCOLS.every(protocol => {
      const verdict = evaluator.evaluate({ from: { kind: 'endpoint', endpoint: pod }, to, port: 53, protocol });
      return verdict.allowed || isUncertain(verdict);
    }));
    if (resolves) continue;
    const problem = messages.egressWithoutDns('subject', policy.subject.toString(), flowPeerText({ kind: 'endpoint', endpoint: pod }),
      destinations.map(flowPeerText), pod.namespace);
    return [{ intent, problem }];
  }
  return [];
}

function podKey(e: Endpoint): string {
  return JSON.stringify([e.namespace, e.kind, e.name, e.labels, e.serviceAccount ?? 'default']);
}
