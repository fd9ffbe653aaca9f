import { FieldPath } from '../api-problem';
import { isMapping } from '../describe';

/**
 * A copy of `value` without the fields at `paths`, as an API server without strict field validation prunes
 * unknown fields. Only the containers on the way to a pruned field are copied; the input is not changed.
 */
export function withoutFields<T>(value: T, paths: readonly FieldPath[]): T {
  let result: unknown = value;
  for (const path of paths) result = without(result, path);
  return result as T;
}

function without(value: unknown, path: FieldPath): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(value) && typeof head === 'number' && head < value.length) {
    const copy = [...value];
    copy[head] = without(value[head], rest);
    return copy;
  }
  if (!isMapping(value) || typeof head !== 'string' || !Object.prototype.hasOwnProperty.call(value, head)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === head && rest.length === 0) continue;
    // defineProperty: a `__proto__` key stays a key.
    Object.defineProperty(copy, key, { value: key === head ? without(child, rest) : child, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}
