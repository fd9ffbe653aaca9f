import { ErrorCode } from '../errors';
import { Problem } from '../problem';
import { problem } from './problem';

// The whole-app check at synthesis (warnings).

/** A cluster-wide policy whose exempt list may take the blocked pods' namespace. */
export interface ClusterExempt {
  /** The blocked pods' namespace. */
  readonly namespace: string;
  /** The cluster-wide policy, as explanations name it. */
  readonly policy: string;
}

/**
 * What decided against a dead allow, which says how to open it: a deny rule of `policy`; the other side of the flow
 * (`direction` of `pods`) isolated without a matching rule; or `policy`, decided first (earlier order or tier).
 */
export type AllowBlockedBy =
  | { readonly by: 'deny'; readonly policy?: string }
  | { readonly by: 'other-side'; readonly direction: 'ingress' | 'egress'; readonly pods: string; readonly exempt?: ClusterExempt }
  | { readonly by: 'earlier'; readonly policy?: string; readonly exempt?: ClusterExempt };

function allowBlockedFix(blocked: AllowBlockedBy): string {
  if (blocked.by === 'deny') return `the deny rule of ${blocked.policy ?? 'that policy'} wins over this allow: narrow it, or exempt these pods from it`;
  const exempt = blocked.exempt !== undefined ? `, or exempt namespace ${blocked.exempt.namespace} from ${blocked.exempt.policy}` : '';
  if (blocked.by === 'other-side') {
    const other = `${blocked.direction} of ${blocked.pods} (${blocked.direction === 'ingress' ? 'AllowFrom' : 'AllowTo'})`;
    return `open the other side too: AllowFlow opens both sides of a flow, or add the ${other}${exempt}`;
  }
  return `${blocked.policy ?? 'the blocking policy'} decides before this allow: allow the flow there, or give this intent an earlier `
    + `order or tier${exempt}`;
}

/** ALLOW_BLOCKED: the allow of peer `value` opens `flow`, which is denied `at` (an effect, or a side). */
export function allowBlocked(field: string, value: string, flow: string, at: string, blocked: AllowBlockedBy): Problem {
  return problem(ErrorCode.ALLOW_BLOCKED, field, value,
    `this allow is dead: the flow ${flow} it opens is denied end to end by the app's other policies, at ${at}`, allowBlockedFix(blocked));
}

/** EGRESS_WITHOUT_DNS: the egress of `pod`, isolated, reaches none of the DNS `destinations`; the pod is in `namespace`. */
export function egressWithoutDns(field: string, value: string, pod: string, destinations: readonly string[], namespace: string): Problem {
  return problem(ErrorCode.EGRESS_WITHOUT_DNS, field, value,
    `this policy isolates the egress of ${pod}, and no policy of the app lets it reach `
      + `the cluster DNS (${destinations.join(', ')}) on UDP and TCP 53: it cannot resolve names`,
    `add AllowDns for these pods in namespace ${namespace}, or a DNS egress rule to your DNS peer on Port.DNS_UDP and Port.DNS_TCP`);
}

/** SUBJECT_SELECTS_NOTHING: a subject matching none of the `count` workloads of `namespace` (`listed`). */
export function subjectSelectsNothing(field: string, value: string, count: number, namespace: string, listed: string): Problem {
  return problem(ErrorCode.SUBJECT_SELECTS_NOTHING, field, value, `selects none of the ${count} workloads the app declares in namespace ${namespace} (${listed})`,
    'match the subject to the pod labels of the workload it is meant for, or declare that workload');
}

/** APP_CHECK_SKIPPED: the app's objects could not be read (`value`: why); `contextKey` turns the check off. */
export function appCheckSkipped(field: string, value: string, contextKey: string): Problem {
  return problem(ErrorCode.APP_CHECK_SKIPPED, field, value, 'the whole-app check could not read the app\'s objects, so dead allows and DNS cuts were not looked for',
    'make the objects readable as the message says (e.g. declare the Calico Tier a policy names), '
      + `or turn the check off with the context key ${contextKey}=false`);
}
