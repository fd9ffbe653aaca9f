import { Effect, Flow, FlowPeer, Verdict } from './types';

/** `ns/name` for an endpoint, the IP (with the name it was reached by), or the entity an address stands for. */
export function flowPeerText(peer: FlowPeer): string {
  if (peer.kind === 'ip') return peer.entity !== undefined ? `entity:${peer.entity}` : peer.fqdn !== undefined ? `${peer.fqdn} (${peer.ip})` : peer.ip;
  const e = peer.endpoint;
  return `${e.namespace}/${e.name}`;
}

/** One stable line per effect: `egress  NetworkPolicy prod/web egress[0]: Allow (pods(app=api) on 8080/TCP)`. */
export function effectText(effect: Effect): string {
  const where = [effect.policy ?? effect.tier, effect.rule].filter(Boolean).join(' ');
  const priority = effect.priority !== undefined ? ` priority ${effect.priority}` : '';
  return `${effect.direction.padEnd(7)} ${where}${priority}: ${effect.action} (${effect.detail})`;
}

/**
 * The verdict and its ordered trace as stable text, first line `ALLOW|DENY from -> to port/protocol`; an uncertain
 * verdict says on the next line, `  uncertain: ...`, what it depends on.
 */
export function explainText(flow: Flow, verdict: Verdict): string {
  const head = `${verdict.allowed ? 'ALLOW' : 'DENY'} ${flowPeerText(flow.from)} -> ${flowPeerText(flow.to)} ${flow.port}/${flow.protocol}`;
  const uncertain = verdict.certain === false ? [`  uncertain: ${verdict.assumption ?? 'the verdict depends on pod IPs that are not known'}`] : [];
  return [head, ...uncertain, ...verdict.trace.map(e => `  ${effectText(e)}`)].join('\n');
}
