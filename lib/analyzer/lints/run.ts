import { compareStrings } from '../../model/canonical-order';
import { Cluster } from '../types';
import { LintCode } from './codes';
import { EVERY_ENGINE, engineOf } from './engines';
import { Acknowledgement, Finding, LintEngine, LintRule, LintRuleInfo, Severity, findingOf } from './finding';
import { lintRulesFor } from './rules';

/** Options of `runLints`. */
export interface LintOptions {
  /** Findings they cover are kept, marked `acknowledged` with the reason. */
  readonly acknowledgements?: readonly Acknowledgement[];
  /**
   * The engine whose semantics and rules apply (`lint --engine`).
   * @default - the engine the policy kinds name (`detectEngine`): cilium, calico, calico-crd or kubernetes
   */
  readonly engine?: LintEngine;
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

const ruleFailed: LintRuleInfo = {
  code: LintCode.LINT_RULE_FAILED,
  severity: 'error',
  title: 'A lint rule could not evaluate the cluster',
  why: 'A rule that cannot run proves nothing; counting it as passed would hide the problems it looks for.',
  engines: EVERY_ENGINE,
};

/**
 * Runs the rules of the engine (given, or detected from the policy kinds) over the cluster; findings sorted by
 * severity, code, subject, message.
 *
 * @throws Error when no engine is given and the cluster holds both Calico and Cilium policies
 */
export function runLints(cluster: Cluster, options: LintOptions = {}): Finding[] {
  const engine = options.engine ?? engineOf(cluster, undefined);
  return runLintRules(lintRulesFor(engine), cluster, { ...options, engine });
}

/** Runs the given rules; a rule that throws yields a `LINT_RULE_FAILED` error instead of its findings. */
export function runLintRules(rules: readonly LintRule[], cluster: Cluster, options: LintOptions = {}): Finding[] {
  const context = options.engine === undefined ? undefined : { engine: options.engine };
  const findings = rules.flatMap(rule => {
    try {
      return rule.check(cluster, context);
    } catch (e) {
      const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      return [findingOf(ruleFailed, `Rule ${rule.code}`, {
        problem: `rule ${rule.code} could not evaluate the cluster: ${reason}`,
        fix: 'its checks did not run, fix the input or report the bug',
      })];
    }
  });
  return findings.map(f => acknowledge(f, options.acknowledgements ?? [])).sort(compareFindings);
}

/** Marks a finding with the reason of the acknowledgement for its code and subject, else for its code alone. */
function acknowledge(finding: Finding, acknowledgements: readonly Acknowledgement[]): Finding {
  const forCode = acknowledgements.filter(a => a.code === finding.code);
  const match = forCode.find(a => a.subject === finding.subject) ?? forCode.find(a => a.subject === undefined);
  return match === undefined ? finding : { ...finding, acknowledged: match.reason };
}

/** Total order, so the same cluster always lists its findings the same way. */
export function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
    || compareStrings(a.code, b.code)
    || compareStrings(a.subject, b.subject)
    || compareStrings(a.message, b.message);
}
