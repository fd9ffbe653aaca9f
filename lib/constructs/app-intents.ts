import { IConstruct } from 'constructs';
import { Engine } from '../engines/engine';
import { Policy, Problem } from '../model';

/**
 * A policy intent an app emitted: the object standing in the intent construct's place (at its path), the intent and its
 * rendering. Not the intent construct: the check keeps this until synthesis, and keeps no more than it needs.
 */
export interface AppIntent {
  readonly emitted: IConstruct;
  readonly policy: Policy;
  readonly engine: Engine;
  readonly manifest: any;
}

// Per app root (a cdk8s App, or a cdktf App: the whole app is checked together), in creation order.
const intentsByRoot = new WeakMap<IConstruct, AppIntent[]>();

/** Records an emitted intent under its app's root. */
export function recordAppIntent(recorded: AppIntent, root: IConstruct = recorded.emitted.node.root): void {
  const intents = intentsByRoot.get(root) ?? [];
  intentsByRoot.set(root, intents);
  intents.push(recorded);
}

/** The intents emitted under `root`, in creation order. */
export function appIntentsOf(root: IConstruct): readonly AppIntent[] {
  return intentsByRoot.get(root) ?? [];
}

/** A whole-app check warning, at the object an intent emitted (or at the app when the check could not run). */
export interface AppFinding {
  readonly scope: IConstruct;
  readonly problem: Problem;
}
