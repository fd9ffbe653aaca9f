import { Effect, Verdict } from './types';

/** What one side of a flow decided, with its effects in evaluation order. */
export interface SideVerdict {
  readonly allowed: boolean;
  readonly effects: readonly Effect[];
}

/** A flow's verdict: it needs the source's egress and the destination's ingress; egress effects first. */
export function verdictOf(egress: SideVerdict, ingress: SideVerdict): Verdict {
  return {
    allowed: egress.allowed && ingress.allowed,
    egressAllowed: egress.allowed,
    ingressAllowed: ingress.allowed,
    trace: [...egress.effects, ...ingress.effects],
    certain: true,
  };
}
