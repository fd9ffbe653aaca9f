import { CalicoEvaluator, calicoCrdEvaluator, calicoEvaluator } from '../../calico/evaluator';
import { calicoProtocolNumber } from '../../calico/rule-fields';
import { CalicoRuleForm, Direction } from '../../compile/form';
import { Cluster, Effect, Endpoint, Flow, FlowPeer, Protocol } from '../../types';
import { LintEngine } from '../finding';

/** The Calico evaluator of the engine (`calico-crd` for calico-crd, else `calico`): the same semantics either way. */
export function calicoEvaluatorOf(engine: LintEngine, cluster: Cluster): CalicoEvaluator {
  return engine === 'calico-crd' ? calicoCrdEvaluator(cluster) : calicoEvaluator(cluster);
}

/** The effect that decided a verdict's side in `direction`: the last one of that direction. */
export function decidingEffect(trace: readonly Effect[], direction: Direction): Effect | undefined {
  const side = trace.filter(e => e.direction === direction);
  return side[side.length - 1];
}

/** The TCP, UDP or SCTP protocols a Calico rule can match (all three when it names none or another). */
export function ruleProtocols(rule: CalicoRuleForm): Protocol[] {
  const byNumber: Readonly<Record<number, Protocol>> = { 6: 'TCP', 17: 'UDP', 132: 'SCTP' };
  const n = rule.protocol === undefined ? undefined : calicoProtocolNumber(rule.protocol.number ?? rule.protocol.written);
  const one = n === undefined ? undefined : byNumber[n];
  return one !== undefined ? [one] : ['TCP', 'UDP'];
}

/** The destination port numbers a Calico rule names (the first of each range). */
export function ruleDestinationPorts(rule: CalicoRuleForm): number[] {
  return (rule.destination.ports?.ports ?? []).flatMap(p => p.kind === 'range' ? [p.first] : []);
}

/** Flows between `pod` and each peer on each port, the pod on the side of `direction` (the destination for ingress). */
export function flowsAt(
  pod: Endpoint, direction: Direction, peers: readonly FlowPeer[], ports: (to: FlowPeer) => readonly { port: number; protocol: Protocol }[],
): Flow[] {
  const self: FlowPeer = { kind: 'endpoint', endpoint: pod };
  return peers.flatMap(peer => {
    const from = direction === 'ingress' ? peer : self;
    const to = direction === 'ingress' ? self : peer;
    return ports(to).map(p => ({ from, to, port: p.port, protocol: p.protocol }));
  });
}
