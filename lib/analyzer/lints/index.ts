export { LintCode } from './codes';
export { coverageReport } from './coverage';
export type { CoverageEntry } from './coverage';
export type { Acknowledgement, Finding, FindingParts, LintContext, LintEngine, LintRule, LintRuleInfo, Severity } from './finding';
export { LINT_RULES, lintRulesFor } from './rules';
export { runLintRules, runLints } from './run';
export type { LintOptions } from './run';
