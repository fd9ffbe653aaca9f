/** Why a YAML document's aliases cannot become a plain tree. */
export class AliasShapeError extends Error {}

/**
 * A deep copy of a value `yaml` built from a document with aliases. `yaml` shares one object for
 * every alias of an anchor and lets an alias point into its own anchor (a cycle): the copy gives
 * every place its own object, refuses cycles, and stops after `budget` nodes so that expanding
 * aliases cannot blow up memory.
 */
export function plainCopy(value: unknown, budget: number): unknown {
  let left = budget;
  const ancestors = new Set<object>();
  const copy = (v: unknown): unknown => {
    if (--left < 0) throw new AliasShapeError(`YAML aliases expand to more than ${budget} nodes`);
    if (typeof v !== 'object' || v === null) return v;
    if (ancestors.has(v)) throw new AliasShapeError('a YAML alias refers to an anchor that contains it (a cycle)');
    ancestors.add(v);
    try {
      if (Array.isArray(v)) return v.map(copy);
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(v)) {
        // defineProperty: a `__proto__` key stays a key instead of replacing the prototype.
        Object.defineProperty(out, key, { value: copy(item), enumerable: true, writable: true, configurable: true });
      }
      return out;
    } finally {
      ancestors.delete(v);
    }
  };
  return copy(value);
}
