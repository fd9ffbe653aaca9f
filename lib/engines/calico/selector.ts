import { tryParseCalicoSelector } from './selector-language';
import { LabelOperator, Problem, Selector } from '../../model';
import { calicoExpressionInvalid, calicoSelectorUnquotable, internalError } from '../../model/messages';

// Calico's tokenizer reads a label name as a run of these characters (libcalico-go/lib/selector/tokenizer,
// LabelKeyMatcher `[a-zA-Z0-9_./-]{1,512}`). Every valid Kubernetes label key fits.
const CALICO_LABEL_NAME = /^[a-zA-Z0-9_./-]{1,512}$/;

/**
 * A label selector in Calico's selector language, deterministic: `matchLabels` by key
 * (`k == 'v'`), then `matchExpressions` in canonical order (`k in {'a', 'b'}`, `k not in {'a'}`, `has(k)`,
 * `!has(k)`), joined with ` && `; an empty selector is `all()`.
 *
 * Meaning matches Kubernetes: `==` and `in` need the label present; `not in` also matches pods without
 * the label (Calico `LabelNotInSetNode` is true when the label is absent, like Kubernetes NotIn).
 * Call `calicoSelectorProblems` first: a value Calico's quoting cannot carry throws.
 */
export function calicoSelector(selector: Selector): string {
  // A Calico expression is already in Calico's language; the model has checked that it parses.
  if (selector.calicoExpression !== undefined) return selector.calicoExpression;
  const terms = [
    ...Object.entries(selector.matchLabels).map(([key, value]) => `${key} == ${quote(value)}`),
    ...selector.matchExpressions.map(e => {
      switch (e.labelOperator) {
        case LabelOperator.IN: return `${e.key} in {${e.values.map(quote).join(', ')}}`;
        case LabelOperator.NOT_IN: return `${e.key} not in {${e.values.map(quote).join(', ')}}`;
        case LabelOperator.EXISTS: return `has(${e.key})`;
        case LabelOperator.DOES_NOT_EXIST: return `!has(${e.key})`;
      }
    }),
  ];
  return terms.length === 0 ? 'all()' : terms.join(' && ');
}

/**
 * What a selector holds that Calico's selector language cannot write: a label name outside its label
 * characters, or a value with both quote characters. Kubernetes label syntax already excludes both,
 * so this only fires for selectors the policy's own validation refuses too; it keeps the renderer safe alone.
 */
export function calicoSelectorProblems(selector: Selector): Problem[] {
  if (selector.calicoExpression !== undefined) return expressionProblems(selector.calicoExpression);
  const problems: Problem[] = [];
  const checkKey = (field: string, key: string) => {
    if (!CALICO_LABEL_NAME.test(key)) {
      problems.push(calicoSelectorUnquotable(field, key, 'key'));
    }
  };
  const checkValue = (field: string, value: string) => {
    if (value.includes('\'') && value.includes('"')) {
      problems.push(calicoSelectorUnquotable(field, value, 'value'));
    }
  };
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    checkKey(`matchLabels[${JSON.stringify(key)}]`, key);
    checkValue(`matchLabels[${JSON.stringify(key)}]`, value);
  }
  selector.matchExpressions.forEach((e, i) => {
    checkKey(`matchExpressions[${i}].key`, e.key);
    e.values.forEach((v, j) => checkValue(`matchExpressions[${i}].values[${j}]`, v));
  });
  return problems;
}

/** A `Selector.calico(...)` expression that Calico's parser would refuse. */
function expressionProblems(expression: string): Problem[] {
  const parsed = tryParseCalicoSelector(expression);
  return 'error' in parsed ? [calicoExpressionInvalid('calicoExpression', expression, parsed.error.message)] : [];
}

// Single quotes as Calico's documentation writes them; double quotes for a value holding a single quote.
// Calico's tokenizer ends a string at the next matching quote and has no escapes.
function quote(value: string): string {
  if (!value.includes('\'')) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw internalError('', '', value,
    'a label value holding both quote characters reached the Calico selector renderer; calicoSelectorProblems refuses it (CALICO_SELECTOR_UNQUOTABLE)');
}
