import { Policy } from '../../model';
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
    problem: {
      code: 'SUBJECT_SELECTS_NOTHING',
      field: 'subject',
      value: policy.subject.toString(),
      message: `selects none of the ${visible.length} workloads the app declares in namespace ${policy.namespaceName} (${listed})`,
      fix: 'match the subject to the pod labels of the workload it is meant for, or declare that workload',
    },
  }];
}
