import { flowPeerText } from './explain';
import { Effect, FlowPeer } from './types';

/**
 * The effect on the side of a flow that is outside the cluster: no policy of the cluster applies to it, on any engine.
 * `tier` is the engine's name for where defaults live (`default`, Calico's `outside`).
 */
export function outsideSideEffect(direction: Effect['direction'], peer: FlowPeer, tier: string = 'default'): Effect {
  const who = peer.kind === 'ip' ? flowPeerText(peer) : 'it';
  return { direction, tier, action: 'NotApplicable', detail: `${who} is outside the cluster: no policy of the cluster applies to its ${direction}` };
}
