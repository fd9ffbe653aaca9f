import { Policy, Problem } from '../../model';
import { Cluster } from '../types';

/** A policy intent as the whole-app check reads it: the model policy and the engine it was rendered for. */
export interface CheckedIntent {
  readonly policy: Policy;
  /** The analyzer's name of the engine the intent was rendered for (`kubernetes`, `calico`, ...). */
  readonly engine: string;
}

/** What the whole-app check reads: the app's cluster and its intents in creation order. */
export interface IntentCheckInput {
  readonly cluster: Cluster;
  readonly intents: readonly CheckedIntent[];
}

/** A warning about one intent (by its index in `IntentCheckInput.intents`). */
export interface IntentFinding {
  readonly intent: number;
  readonly problem: Problem;
}
