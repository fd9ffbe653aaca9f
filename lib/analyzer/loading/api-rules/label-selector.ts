import { checkLabelKey, checkLabelValue } from '../../../model/syntax';
import { ApiCode } from '../api-codes';
import { ApiProblem, FieldPath } from '../api-problem';
import { isMapping } from '../describe';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * apimachinery `ValidateLabelSelector` (k8s.io/apimachinery/pkg/apis/meta/v1/validation), for a new object
 * (`AllowInvalidLabelValueInSelector: false`): qualified-name keys, label values, and per operator the values
 * it takes. The selector's shape (types, fields) is the schema's job and already checked.
 */
export function labelSelectorProblems(selector: unknown, path: FieldPath): ApiProblem[] {
  if (!isMapping(selector)) return [];
  const problems: ApiProblem[] = [];
  const add = (at: FieldPath, message: string, fix: string) => problems.push({ code: ApiCode.API_SELECTOR, path: at, message, fix });
  if (isMapping(selector.matchLabels)) {
    for (const [key, value] of Object.entries(selector.matchLabels)) {
      const at = [...path, 'matchLabels', key];
      const [keyProblem] = checkLabelKey(key);
      if (keyProblem) add(at, `${keyProblem.message} (got ${JSON.stringify(key)})`, keyProblem.fix);
      const [valueProblem] = typeof value === 'string' ? checkLabelValue(value) : [];
      if (valueProblem) add(at, `${valueProblem.message} (got ${JSON.stringify(value)})`, valueProblem.fix);
    }
  }
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  expressions.forEach((expression: unknown, i: number) => {
    if (!isMapping(expression)) return;
    const at = [...path, 'matchExpressions', i];
    const values = Array.isArray(expression.values) ? expression.values : [];
    const operator = expression.operator;
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) add([...at, 'values'], `must not be empty when the operator is ${operator}`, 'list the values, or use Exists / DoesNotExist');
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) add([...at, 'values'], `must be empty when the operator is ${operator}`, 'remove values, or use In / NotIn');
    } else {
      add([...at, 'operator'], `must be one of ${OPERATORS.join(', ')}, got ${JSON.stringify(operator)}`, `use one of ${OPERATORS.join(', ')} (case-sensitive)`);
    }
    if (typeof expression.key === 'string') {
      const [keyProblem] = checkLabelKey(expression.key);
      if (keyProblem) add([...at, 'key'], `${keyProblem.message} (got ${JSON.stringify(expression.key)})`, keyProblem.fix);
    }
    values.forEach((value: unknown, j: number) => {
      const [valueProblem] = typeof value === 'string' ? checkLabelValue(value) : [];
      if (valueProblem) add([...at, 'values', j], `${valueProblem.message} (got ${JSON.stringify(value)})`, valueProblem.fix);
    });
  });
  return problems;
}
