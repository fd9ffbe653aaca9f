import { EngineName } from '../evaluators';
import { Cluster } from '../types';

/** How much a finding matters: `error` means the engine will not do what the manifest says. */
export type Severity = 'error' | 'warning' | 'info';

/** One thing a lint rule found. */
export interface Finding {
  /** Stable code from `LintCode`; users match and acknowledge on it, never on the message. */
  readonly code: string;
  readonly severity: Severity;
  /** `NetworkPolicy ns/name`, `GlobalNetworkPolicy name`, `Namespace ns`, or an endpoint id `ns/Kind/name`. */
  readonly subject: string;
  /** The field of the subject's manifest the finding is about (`spec.ingress[0]`); absent when it is about the whole object. */
  readonly field?: string;
  /** One line: what is wrong and the fix. */
  readonly message: string;
  /** One line: the fix alone (the end of `message`). Every rule gives one; the API checks' findings carry it in `message`. */
  readonly fix?: string;
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

/** The engines whose semantics a lint can be run under (`lint --engine`). */
export type LintEngine = EngineName;

/** What a rule is, for documentation and `--help`. */
export interface LintRuleInfo {
  readonly code: string;
  readonly severity: Severity;
  readonly title: string;
  readonly why: string;
  /** The engines under whose semantics the rule applies; `runLints` runs the rules of one engine. */
  readonly engines: readonly LintEngine[];
}

/** What a rule knows besides the cluster: the engine whose semantics apply. */
export interface LintContext {
  readonly engine: LintEngine;
}

/**
 * A lint rule: a pure function of the cluster model (read through its normalized form) and the engine. It returns
 * the non-compliant findings; an empty result means compliant or not applicable. Without a context, the engine is
 * the one detected from the policy kinds (`detectEngine`).
 */
export interface LintRule extends LintRuleInfo {
  check(cluster: Cluster, context?: LintContext): Finding[];
}

/** What a rule says about one finding. */
export interface FindingParts {
  /** The field of the subject's manifest; omitted when the finding is about the whole object. */
  readonly field?: string;
  /** What is wrong, one line. */
  readonly problem: string;
  /** What to change, one line; the message is `problem; fix`. */
  readonly fix: string;
  /** Overrides the rule's severity (a check that cannot be made is `info`). */
  readonly severity?: Severity;
}

/** A finding of `rule` with the rule's severity (unless given) and reason; its message is `problem; fix`. */
export function findingOf(rule: LintRuleInfo, subject: string, parts: FindingParts): Finding {
  return {
    code: rule.code,
    severity: parts.severity ?? rule.severity,
    subject,
    ...(parts.field === undefined ? {} : { field: parts.field }),
    message: `${parts.problem}; ${parts.fix}`,
    fix: parts.fix,
    why: rule.why,
  };
}
