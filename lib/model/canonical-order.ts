// The one order of output: the same input yields byte-identical manifests and CLI output everywhere.

/** Plain code-unit comparison, independent of locale, so output order is the same everywhere. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

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
