import { PolicyDocument } from '../types';

/**
 * A policy document's content as one text: its apiVersion and its spec as JSON with keys sorted, so two documents
 * whose manifests write the same content in another key order are equal (what `diff` calls unchanged).
 */
export function policyContent(doc: PolicyDocument): string {
  return `${doc.apiVersion}\u0000${canonical(doc.spec)}`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value).sort(compareText).map(k => `${JSON.stringify(k)}:${canonical((value as any)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
