import { compareStrings } from '../model/canonical-order';

/** kubectl selector syntax for a LabelSelector, for messages: `app=web,tier in (a,b)`; `{}` selects all. */
export function selectorText(selector: any): string {
  const labels = Object.entries(selector?.matchLabels ?? {})
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([k, v]) => `${k}=${v}`);
  const expressions = (selector?.matchExpressions ?? []).map((e: any) => {
    const values = (e.values ?? []).join(',');
    switch (e.operator) {
      case 'In': return `${e.key} in (${values})`;
      case 'NotIn': return `${e.key} notin (${values})`;
      case 'Exists': return String(e.key);
      case 'DoesNotExist': return `!${e.key}`;
      default: return `${e.key} ${e.operator} (${values})`;
    }
  });
  const parts = [...labels, ...expressions];
  return parts.length > 0 ? parts.join(',') : '{}';
}
