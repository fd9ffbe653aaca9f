/**
 * Kubernetes label selectors (`matchLabels`, `matchExpressions`) as apimachinery validates them.
 */
import { Errors, isObject, isString } from './errors';
import { checkLabelValue, checkQualifiedName } from './meta';

export interface SelectorOptions {
  /**
   * Turns a key into the qualified name it must be; by default the key itself. Cilium keys carry a
   * source prefix (`k8s:io.kubernetes.pod.namespace`) that is not part of the label key.
   */
  readonly key?: (key: string) => string;
  /**
   * The schema already constrains operators (enum) and label values (pattern), as Cilium's does:
   * those are left to it, so a mistake is reported once.
   */
  readonly schemaChecksValues?: boolean;
}

/** apimachinery ValidateLabelSelector (without AllowInvalidLabelValueInSelector). */
export function validateLabelSelector(errors: Errors, at: string, selector: unknown, options: SelectorOptions = {}): void {
  if (!isObject(selector)) return;
  const keyOf = options.key ?? (k => k);
  if (isObject(selector.matchLabels)) {
    // apimachinery ValidateLabels, on the key the engine reads.
    for (const [key, value] of Object.entries(selector.matchLabels)) {
      checkQualifiedName(errors, `${at}.matchLabels`, keyOf(key), key);
      if (isString(value) && !options.schemaChecksValues) checkLabelValue(errors, `${at}.matchLabels`, value);
    }
  }
  if (!Array.isArray(selector.matchExpressions)) return;
  selector.matchExpressions.forEach((requirement: any, i: number) => {
    if (!isObject(requirement)) return;
    const reqAt = `${at}.matchExpressions[${i}]`;
    const values = Array.isArray(requirement.values) ? requirement.values : [];
    switch (requirement.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errors.required(`${reqAt}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\'');
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errors.forbidden(`${reqAt}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\'');
        break;
      default:
        if (requirement.operator !== undefined && !options.schemaChecksValues) errors.invalid(`${reqAt}.operator`, requirement.operator, 'not a valid selector operator');
    }
    if (isString(requirement.key)) checkQualifiedName(errors, `${reqAt}.key`, keyOf(requirement.key), requirement.key);
    values.forEach((value: unknown, j: number) => isString(value) && checkLabelValue(errors, `${reqAt}.values[${j}]`, value));
  });
}
