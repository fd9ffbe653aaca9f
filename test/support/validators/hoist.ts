/**
 * Compile-time sharing of repeated subschemas (a cost concern, not a validity one).
 */

// Shorter subschemas (a plain string with a pattern) cost less to compile than to reference.
const MIN_HOISTED_LENGTH = 200;

/**
 * Moves every object or array subschema that occurs more than once (Cilium repeats its label selector and
 * peer shapes dozens of times, and `specs` items repeat `spec`) into `definitions`, so ajv compiles it once.
 * Branches of `oneOf`/`anyOf`/`allOf` stay in place: error wording relates them to their junctor by path.
 */
export function hoistRepeated(schema: any): any {
  const counts = new Map<string, number>();
  const visit = (node: any, countIt: boolean, each: (node: any, text: string) => void): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach(n => visit(n, countIt, each));
    const text = JSON.stringify(node);
    if (countIt && (node.type === 'object' || node.type === 'array') && text.length >= MIN_HOISTED_LENGTH) each(node, text);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' || key === 'definitions') Object.values(value as object).forEach(v => visit(v, true, each));
      else if (key === 'items' || key === 'additionalProperties') visit(value, true, each);
      else if (key === 'oneOf' || key === 'anyOf' || key === 'allOf') (value as any[]).forEach(v => visit(v, false, each));
    }
  };
  visit(schema, false, (_node, text) => counts.set(text, (counts.get(text) ?? 0) + 1));
  const names = new Map<string, string>();
  for (const [text, count] of counts) if (count > 1) names.set(text, `d${names.size}`);
  if (names.size === 0) return schema;
  const replace = (node: any, hoistable: boolean, top: boolean): any => {
    if (typeof node !== 'object' || node === null) return node;
    if (Array.isArray(node)) return node.map(n => replace(n, hoistable, false));
    const name = hoistable && !top ? names.get(JSON.stringify(node)) : undefined;
    if (name) return { $ref: `#/definitions/${name}` };
    const out: any = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties') out[key] = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, replace(v, true, false)]));
      else if (key === 'items' || key === 'additionalProperties') out[key] = replace(value, true, false);
      else if (key === 'oneOf' || key === 'anyOf' || key === 'allOf') out[key] = (value as any[]).map(v => replace(v, false, false));
      else out[key] = value;
    }
    return out;
  };
  const definitions: { [name: string]: any } = {};
  for (const [text, name] of names) definitions[name] = replace(JSON.parse(text), false, true);
  return { ...replace(schema, false, true), definitions };
}
