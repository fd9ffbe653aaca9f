import { Labels } from './types';

/**
 * Kubernetes LabelSelector semantics on a label map: `{}` (or undefined) matches everything;
 * matchLabels and every matchExpression must all hold. An unknown operator matches nothing (fail closed).
 */
export function matchesLabelSelector(selector: any, labels: Labels): boolean {
  if (selector === undefined || selector === null) return true;
  const matchLabels: Record<string, string> = selector.matchLabels ?? {};
  for (const key of Object.keys(matchLabels)) {
    if (labels[key] !== matchLabels[key]) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values: string[] = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Every label key a selector looks at; used to tell which labels can distinguish pods. */
export function selectorKeys(selector: any): string[] {
  if (!selector) return [];
  return [...Object.keys(selector.matchLabels ?? {}), ...(selector.matchExpressions ?? []).map((e: any) => String(e.key))];
}
