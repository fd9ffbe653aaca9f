import { compareStrings } from '../model/order';

/**
 * A deep copy of plain JSON with every object's keys in code-unit order, undefined values left out (as JSON leaves
 * them) and arrays in their given (canonical) order, so a rendered manifest serializes byte-identically whatever
 * builds it and whatever host serializer writes it. Shared by every engine that renders a custom resource.
 */
export function sortedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(v => sortedKeys(v)) as any;
  if (value === null || typeof value !== 'object') return value;
  const out: any = {};
  for (const key of Object.keys(value).sort(compareStrings)) {
    const field = (value as any)[key];
    if (field !== undefined) out[key] = sortedKeys(field);
  }
  return out;
}
