import { compareStrings } from '../model/order';

/**
 * A deep copy of plain JSON with every object's keys in code-unit order and arrays left in their given
 * (canonical) order, so the manifest is byte-stable whatever the host serializer does.
 */
export function sortKeysDeep(value: any): any {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== 'object') return value;
  const out: any = {};
  for (const key of Object.keys(value).sort(compareStrings)) {
    if (value[key] !== undefined) out[key] = sortKeysDeep(value[key]);
  }
  return out;
}
