import * as ipaddr from 'ipaddr.js';
import { LabelOperator, Peer, PeerKind, Policy, Port, Rule, RuleAction, Selector } from '../../lib';

// The intent's own meaning, read straight off the model and independent of every engine and evaluator:
// per direction, a matching deny rule denies; otherwise the pod is open unless a selecting policy isolates the
// direction, and then it needs a matching allow rule. A flow needs the source's egress and the destination's ingress.

export interface Pod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly ports: ReadonlyArray<{ readonly name?: string; readonly port: number; readonly protocol: string }>;
}

export type Side = { readonly pod: Pod } | { readonly ip: string };

export interface IntentFlow {
  readonly from: Side;
  readonly to: Side;
  readonly port: number;
  readonly protocol: string;
}

export function matchesSelector(selector: Selector, labels: Record<string, string>): boolean {
  if (!Object.entries(selector.matchLabels).every(([k, v]) => labels[k] === v)) return false;
  return selector.matchExpressions.every(e => {
    const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
    switch (e.labelOperator) {
      case LabelOperator.IN: return has(e.key) && e.values.includes(labels[e.key]);
      case LabelOperator.NOT_IN: return !has(e.key) || !e.values.includes(labels[e.key]);
      case LabelOperator.EXISTS: return has(e.key);
      case LabelOperator.DOES_NOT_EXIST: return !has(e.key);
    }
  });
}

const nsLabels = (namespace: string, labelsOf: (ns: string) => Record<string, string>) => ({ ...labelsOf(namespace), 'kubernetes.io/metadata.name': namespace });

function selects(policy: Policy, pod: Pod, labelsOf: (ns: string) => Record<string, string>): boolean {
  const inScope = policy.namespaceName !== undefined
    ? pod.namespace === policy.namespaceName
    : matchesSelector(policy.namespaceSelector!, nsLabels(pod.namespace, labelsOf));
  if (!inScope) return false;
  return matchesSelector(policy.subject, pod.labels);
}

function peerMatches(peer: Peer, policy: Policy, other: Side, labelsOf: (ns: string) => Record<string, string>): boolean {
  switch (peer.kind) {
    case PeerKind.ANYWHERE: return true;
    case PeerKind.IP_BLOCK: {
      if (!('ip' in other)) return false; // the generator never aims ipBlocks at pods: Cilium CIDR rules do not match them
      const ip = ipaddr.parse(other.ip);
      const inside = (c: string) => { const r = ipaddr.parseCIDR(c); return ip.kind() === r[0].kind() && ip.match(r); };
      return inside(peer.cidr!.toString()) && !peer.exceptCidrs.some(e => inside(e.toString()));
    }
    case PeerKind.PODS: {
      if (peer.serviceAccountNames !== undefined) throw new Error('the reference does not model service accounts');
      if (!('pod' in other)) return false;
      const pod = other.pod;
      if (peer.namespaceSelector === undefined) {
        if (pod.namespace !== policy.namespaceName) return false;
      } else if (!matchesSelector(peer.namespaceSelector, nsLabels(pod.namespace, labelsOf))) {
        return false;
      }
      return peer.podSelector === undefined || matchesSelector(peer.podSelector, pod.labels);
    }
    default: throw new Error(`the reference does not model ${peer.kind} peers`);
  }
}

function portMatches(port: Port, flow: IntentFlow): boolean {
  if (port.isAllPorts) return true;
  if (port.protocol !== flow.protocol) return false;
  if (port.name !== undefined) return 'pod' in flow.to && flow.to.pod.ports.some(p => p.name === port.name && p.protocol === flow.protocol && p.port === flow.port);
  if (port.portNumber === undefined) return true;
  return flow.port >= port.portNumber && flow.port <= (port.endPort ?? port.portNumber);
}

function ruleMatches(rule: Rule, policy: Policy, other: Side, flow: IntentFlow, labelsOf: (ns: string) => Record<string, string>): boolean {
  return (rule.matchesAnyPeer || rule.peers.some(p => peerMatches(p, policy, other, labelsOf)))
    && (rule.matchesAnyPort || rule.ports.some(p => portMatches(p, flow)));
}

function directionAllowed(direction: 'ingress' | 'egress', pod: Pod, flow: IntentFlow, policies: readonly Policy[], labelsOf: (ns: string) => Record<string, string>): boolean {
  const other = direction === 'ingress' ? flow.from : flow.to;
  const selecting = policies.filter(p => selects(p, pod, labelsOf));
  const rulesOf = (p: Policy) => (direction === 'ingress' ? p.ingress : p.egress);
  if (selecting.some(p => rulesOf(p).some(r => r.action === RuleAction.DENY && ruleMatches(r, p, other, flow, labelsOf)))) return false;
  const isolating = selecting.filter(p => (direction === 'ingress' ? p.isolateIngress : p.isolateEgress));
  if (isolating.length === 0) return true;
  return isolating.some(p => rulesOf(p).some(r => r.action === RuleAction.ALLOW && ruleMatches(r, p, other, flow, labelsOf)));
}

/** Whether the intent allows the flow. */
export function intentAllows(flow: IntentFlow, policies: readonly Policy[], labelsOf: (ns: string) => Record<string, string>): boolean {
  const egress = 'pod' in flow.from ? directionAllowed('egress', flow.from.pod, flow, policies, labelsOf) : true;
  const ingress = 'pod' in flow.to ? directionAllowed('ingress', flow.to.pod, flow, policies, labelsOf) : true;
  return egress && ingress;
}
