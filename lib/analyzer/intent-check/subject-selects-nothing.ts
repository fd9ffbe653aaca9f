import { Policy } from '../../model';
import * as messages from '../../model/messages';
import { endpointRef } from '../endpoints';
import { IntentFinding } from './checked-intent';
import { Representatives, selects } from './representatives';

// Workloads listed in the message.
const MAX_LISTED = 5;

/** SUBJECT_SELECTS_NOTHING: a namespaced intent whose subject matches none of the workloads the app shows in its namespace. */
export function subjectSelectsNothing(intent: number, policy: Policy, reps: Representatives): IntentFinding[] {
  if (policy.namespaceName === undefined) return [];
  const visible = reps.visibleIn(policy.namespaceName);
  if (visible.length === 0 || visible.some(e => selects(policy.subject, e.labels))) return [];
  const listed = visible.slice(0, MAX_LISTED).map(e => endpointRef(e)).join(', ') + (visible.length > MAX_LISTED ? ` and ${visible.length - MAX_LISTED} more` : '');
  return [{
    intent,
    problem: messages.subjectSelectsNothing('subject', policy.subject.toString(), visible.length, policy.namespaceName, listed),
  }];
}
