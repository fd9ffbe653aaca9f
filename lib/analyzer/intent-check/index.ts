import { IntentCheckInput, IntentFinding } from './checked-intent';
import { deadAllows } from './dead-allows';
import { dnsDestinations, dnsPeersOf, egressWithoutDns } from './egress-without-dns';
import { IntentEvaluators } from './engine-of-intent';
import { appPortsOf } from './probes';
import { Representatives } from './representatives';
import { subjectSelectsNothing } from './subject-selects-nothing';

export type { CheckedIntent, IntentCheckInput, IntentFinding } from './checked-intent';

/**
 * The whole-app check: dead allows (ALLOW_BLOCKED), isolated egress without DNS (EGRESS_WITHOUT_DNS) and subjects that
 * select none of the app's workloads (SUBJECT_SELECTS_NOTHING), in intent order. Subjects and peers that name no
 * visible workload stand for a representative pod carrying exactly their selector's labels.
 */
export function checkIntents(input: IntentCheckInput): IntentFinding[] {
  const planning = new Representatives(input.cluster);
  // First pass: every namespace a representative needs, so the evaluators see their labels.
  for (const { policy } of input.intents) {
    planning.subjectNamespaces(policy);
    for (const rule of [...policy.ingress, ...policy.egress]) rule.peers.forEach(peer => planning.peerNamespaces(peer, policy.namespaceName));
  }
  const dnsPeers = dnsPeersOf(input.intents.map(i => i.policy));
  dnsDestinations(dnsPeers, planning);
  const cluster = planning.withRepresentedNamespaces();
  const reps = new Representatives(cluster);
  const evaluators = new IntentEvaluators(cluster);
  const appPorts = appPortsOf(input.intents.flatMap(({ policy }) => [...policy.ingress, ...policy.egress].flatMap(r => r.ports)));
  const dns = dnsDestinations(dnsPeers, reps);
  const dnsSeen = new Set<string>();
  return input.intents.flatMap(({ policy, engine }, i) => [
    ...subjectSelectsNothing(i, policy, reps),
    ...deadAllows(i, policy, engine, reps, evaluators, appPorts),
    ...egressWithoutDns(i, policy, engine, reps, evaluators, dns, dnsSeen),
  ]);
}
