import { IConstruct } from 'constructs';

// An intent construct renders one object that takes its place and id in the tree (so its path): its stand-in.
// Keyed weakly by the intent, so nothing keeps the intent alive.
const standIns = new WeakMap<IConstruct, IConstruct>();

/** Records `standIn` as the object rendered in the place of `intent`. */
export function recordStandIn(intent: IConstruct, standIn: IConstruct): void {
  standIns.set(intent, standIn);
}

/** The object rendered in the place of `construct`, when it is an intent that rendered one. */
export function standInOf(construct: IConstruct): IConstruct | undefined {
  return standIns.get(construct);
}
