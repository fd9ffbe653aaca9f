import { compareStrings } from '../model/order';

/**
 * A copy of plain JSON with every object's keys in code-unit order and arrays as they are, so a rendered
 * manifest serializes byte-identically whatever builds it and whatever serializer writes it.
 */
export function sortedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(v => sortedKeys(v)) as any;
  if (value === null || typeof value !== 'object') return value;
  const out: any = {};
  for (const key of Object.keys(value).sort(compareStrings)) out[key] = sortedKeys((value as any)[key]);
  return out;
}
