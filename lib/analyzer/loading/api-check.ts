import { kindVerdict } from './api-kinds';
import { ApiProblem } from './api-problem';
import { calicoEnterpriseFields } from './api-rules/calico';
import { kindRuleProblems } from './api-rules/kind-rules';
import { checkAgainstSchema } from './schema/check';
import { kindSchemaOf } from './schema/tables';

/** What the API server would make of one object. */
export interface ApiCheck {
  /** Why the object is skipped: a group or kind the analyzer does not read. */
  readonly skipped?: string;
  /** What the API server would refuse; empty when it accepts the object. */
  readonly problems: readonly ApiProblem[];
}

/**
 * Checks an object (a mapping with string apiVersion and kind) as the API server would: its kind exists in
 * its group, it fits its kind's official schema (strict field validation), and it passes the rules of its
 * kind's validation that the schema does not carry. `status` is output, not input: it is not checked.
 */
export function apiCheck(doc: Record<string, any>): ApiCheck {
  const kind = kindVerdict(doc.apiVersion, doc.kind);
  if (kind.verdict === 'unknown') return { problems: [kind.problem] };
  if (kind.verdict === 'skipped') return { skipped: kind.reason, problems: [] };
  const schema = kindSchemaOf(doc.apiVersion, doc.kind);
  if (schema === undefined) return { problems: [] };
  const { status: _status, ...written } = doc;
  // Calico Enterprise fields the analyzer reads (and reports as not modelled) are checked apart.
  const { rest: input, problems: enterprise } = calicoEnterpriseFields(written);
  const problems = [...enterprise, ...checkAgainstSchema(input, schema.root)];
  // The kind's own rules assume the shapes the schema guarantees.
  return { problems: problems.length > 0 ? problems : kindRuleProblems(input) };
}
