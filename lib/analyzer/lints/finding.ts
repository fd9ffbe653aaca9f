import { Cluster } from '../types';

/** How much a finding matters: `error` means Kubernetes will not do what the manifest says. */
export type Severity = 'error' | 'warning' | 'info';

/** One thing a lint rule found. */
export interface Finding {
  /** Stable code from `LintCode`; users match and acknowledge on it, never on the message. */
  readonly code: string;
  readonly severity: Severity;
  /** `NetworkPolicy ns/name`, `Namespace ns`, or an endpoint id `ns/Kind/name`. */
  readonly subject: string;
  /** One line: what is wrong and the fix. */
  readonly message: string;
  /** One line: why it matters. */
  readonly why: string;
  /** The reason of the acknowledgement that covers this finding, if any. */
  readonly acknowledged?: string;
}

/** Accepts findings of one code (for one subject, or for all when `subject` is absent) with a reason. */
export interface Acknowledgement {
  readonly code: string;
  readonly reason: string;
  readonly subject?: string;
}

/** What a rule is, for documentation and `--help`. */
export interface LintRuleInfo {
  readonly code: string;
  readonly severity: Severity;
  readonly title: string;
  readonly why: string;
}

/** A lint rule: a pure function of the cluster model; an empty result means compliant or not applicable. */
export interface LintRule extends LintRuleInfo {
  check(cluster: Cluster): Finding[];
}

/** A finding of `rule` with the rule's severity (unless given) and reason. */
export function findingOf(rule: LintRuleInfo, subject: string, message: string, severity: Severity = rule.severity): Finding {
  return { code: rule.code, severity, subject, message, why: rule.why };
}
