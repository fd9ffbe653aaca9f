import { SchemaNode } from './schema-node';
import { ApiCode } from '../api-codes';
import { ApiProblem, FieldPath, pathText } from '../api-problem';
import { readCidr } from '../api-rules/cidr';
import { describeValue, isMapping } from '../describe';

// Bounds the work on a hostile object: the first problems are the ones a user reads.
const MAX_PROBLEMS = 100;

/**
 * Walks a value against its schema as the API server's structural validation does, with kubectl's strict
 * field validation (unknown fields are problems). A field set to null is read as absent, as the API server
 * prunes it; a null list item is a problem. Problems come in the order of the value's fields.
 */
export function checkAgainstSchema(value: unknown, node: SchemaNode, path: FieldPath = []): ApiProblem[] {
  const problems: ApiProblem[] = [];
  walk(value, node, path, problems);
  return problems;
}

function walk(value: unknown, node: SchemaNode, path: FieldPath, problems: ApiProblem[]): void {
  if (problems.length >= MAX_PROBLEMS) return;
  const add = (code: ApiCode, message: string, fix: string, at: FieldPath = path) => problems.push({ code, path: at, message, fix });
  if (value === null && !node.nullable && (node.type !== undefined || node.intOrString)) {
    add(ApiCode.API_TYPE, `must be ${expected(node)}, got null`, `remove the entry, or write ${expected(node)}`);
    return;
  }
  if (value === null) return;
  const typeFix = typeMismatch(value, node);
  if (typeFix !== undefined) {
    add(ApiCode.API_TYPE, `must be ${expected(node)}, got ${describeValue(value)}`, typeFix);
    return;
  }
  checkScalar(value, node, add);
  if (Array.isArray(value)) checkList(value, node, path, problems, add);
  else if (isMapping(value)) checkMapping(value, node, path, problems, add);
}

type Add = (code: ApiCode, message: string, fix: string, at?: FieldPath) => void;

function checkScalar(value: unknown, node: SchemaNode, add: Add): void {
  if (node.enum !== undefined && !node.enum.includes(value as string)) {
    const close = typeof value === 'string' ? node.enum.find(e => typeof e === 'string' && e.toLowerCase() === value.toLowerCase()) : undefined;
    add(ApiCode.API_ENUM, `must be one of ${node.enum.join(', ')}, got ${describeValue(value)}`, close !== undefined ? `write ${JSON.stringify(close)} (values are case-sensitive)` : `use one of ${node.enum.join(', ')}`);
  }
  if (typeof value === 'string') {
    if (node.pattern !== undefined && !patternOf(node.pattern).test(value)) {
      add(ApiCode.API_PATTERN, `must match the pattern ${JSON.stringify(node.pattern)}, got ${describeValue(value)}`, 'write a value of the form the pattern describes');
    }
    if (node.minLength !== undefined && [...value].length < node.minLength) add(ApiCode.API_SIZE, `must be at least ${node.minLength} characters long, got ${describeValue(value)}`, 'write a longer value');
    if (node.maxLength !== undefined && [...value].length > node.maxLength) add(ApiCode.API_SIZE, `must be at most ${node.maxLength} characters long, got ${describeValue(value)}`, 'write a shorter value');
    if (node.format === 'cidr') {
      const cidr = readCidr(value);
      if ('error' in cidr) add(ApiCode.API_CIDR, `must be a CIDR such as 10.0.0.0/8, got ${describeValue(value)}: ${cidr.error}`, 'write the network as "a.b.c.d/n" or "x:y::/n"');
    }
  }
  if (typeof value === 'number') {
    if (node.minimum !== undefined && value < node.minimum) add(ApiCode.API_RANGE, `must be at least ${node.minimum}, got ${value}`, `use a number from ${node.minimum}${node.maximum !== undefined ? ` to ${node.maximum}` : ' up'}`);
    if (node.maximum !== undefined && value > node.maximum) add(ApiCode.API_RANGE, `must be at most ${node.maximum}, got ${value}`, `use a number${node.minimum !== undefined ? ` from ${node.minimum}` : ''} up to ${node.maximum}`);
  }
}

function checkList(value: readonly unknown[], node: SchemaNode, path: FieldPath, problems: ApiProblem[], add: Add): void {
  if (node.minItems !== undefined && value.length < node.minItems) add(ApiCode.API_SIZE, `must list at least ${node.minItems} ${node.minItems === 1 ? 'entry' : 'entries'}, got ${value.length}`, 'add the missing entries, or remove the field if it is optional');
  if (node.maxItems !== undefined && value.length > node.maxItems) add(ApiCode.API_SIZE, `must list at most ${node.maxItems} entries, got ${value.length}`, 'split the entries over several rules or objects');
  if (node.unique) {
    const seen = new Map<string, number>();
    value.forEach((item, i) => {
      const key = canonical(item);
      const first = seen.get(key);
      if (first !== undefined) add(ApiCode.API_DUPLICATE, `repeats entry [${first}] (${describeValue(item)}); the entries must be unique`, `remove [${i}]`, [...path, i]);
      else seen.set(key, i);
    });
  }
  if (node.mapKeys !== undefined) {
    const keys = node.mapKeys;
    const seen = new Map<string, number>();
    value.forEach((item, i) => {
      if (!isMapping(item)) return;
      const key = canonical(keys.map(k => item[k] ?? null));
      const first = seen.get(key);
      if (first !== undefined) add(ApiCode.API_DUPLICATE, `has the same ${keys.join(', ')} as entry [${first}]; entries must differ in ${keys.join(', ')}`, `merge [${i}] into [${first}], or remove it`, [...path, i]);
      else seen.set(key, i);
    });
  }
  if (node.items !== undefined) value.forEach((item, i) => walk(item, node.items!, [...path, i], problems));
}

function checkMapping(value: Record<string, unknown>, node: SchemaNode, path: FieldPath, problems: ApiProblem[], add: Add): void {
  const present = (name: string) => value[name] !== undefined && value[name] !== null;
  for (const name of node.required ?? []) {
    if (!present(name)) add(ApiCode.API_REQUIRED, 'is missing', `add ${name}; it is required here`, [...path, name]);
  }
  if (node.oneOfFields !== undefined) {
    const set = node.oneOfFields.filter(fields => fields.every(present));
    const names = node.oneOfFields.map(f => f.join(' and ')).join(', ');
    if (set.length === 0) add(ApiCode.API_REQUIRED, `must set one of ${names}`, `add exactly one of ${names}`);
    if (set.length > 1) add(ApiCode.API_ONE_OF, `sets ${set.map(f => f.join(' and ')).join(' and ')}; exactly one of ${names} may be set`, 'keep one of them; write the others as separate entries');
  }
  if (node.anyOfFields !== undefined && !node.anyOfFields.some(fields => fields.every(present))) {
    const names = node.anyOfFields.map(f => f.join(' and ')).join(', ');
    add(ApiCode.API_REQUIRED, `must set at least one of ${names}`, `add one of ${names}`);
  }
  const count = Object.keys(value).filter(present).length;
  if (node.minProperties !== undefined && count < node.minProperties) {
    add(ApiCode.API_SIZE, `must set at least ${node.minProperties} field${node.minProperties === 1 ? '' : 's'}, got ${count}`, `set ${fieldList(node)}`);
  }
  if (node.maxProperties !== undefined && count > node.maxProperties) {
    add(ApiCode.API_SIZE, `must set at most ${node.maxProperties} field${node.maxProperties === 1 ? '' : 's'}, got ${count}`, 'write the others as separate entries');
  }
  for (const [name, child] of Object.entries(value)) {
    const at = [...path, name];
    const known = node.properties?.[name];
    if (known !== undefined) {
      // A field set to null is absent: the API server prunes it (CRDs) or decodes it as unset (built-ins).
      if (child !== null) walk(child, known, at, problems);
    } else if (typeof node.additionalProperties === 'object') {
      walk(child, node.additionalProperties, at, problems);
    } else if (node.additionalProperties === false) {
      add(ApiCode.API_UNKNOWN_FIELD, `is not a field of ${where(path)}`, unknownFieldFix(name, node), at);
    }
  }
}

const patterns = new Map<string, RegExp>();

/** A schema pattern, compiled once. */
function patternOf(source: string): RegExp {
  let pattern = patterns.get(source);
  if (pattern === undefined) patterns.set(source, pattern = new RegExp(source, 'u'));
  return pattern;
}

/** The fix for a value of the wrong type, or undefined when the type is right. */
function typeMismatch(value: unknown, node: SchemaNode): string | undefined {
  const json = jsonType(value);
  if (node.intOrString) {
    if (json === 'integer' || json === 'string') return undefined;
    return json === 'number' ? 'write a whole number' : `write ${expected(node)}`;
  }
  if (node.type === undefined || node.type === json || (node.type === 'number' && json === 'integer')) return undefined;
  if (node.type === 'array' && json === 'object') return 'write it as a list: one "- " entry per item';
  if (node.type === 'object' && json === 'array') return 'write it as a mapping (key: value), not a list';
  if ((node.type === 'integer' || node.type === 'number') && json === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(value as string)) return `write the number without quotes: ${value as string}`;
  if (node.type === 'string' && (json === 'integer' || json === 'number' || json === 'boolean')) return `quote it: "${String(value)}"`;
  return `write ${expected(node)}`;
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : Number.isFinite(value) ? 'number' : 'non-finite number';
  return typeof value;
}

function expected(node: SchemaNode): string {
  if (node.intOrString) return 'an integer or a string';
  switch (node.type) {
    case 'array': return 'a list';
    case 'object': return 'a mapping';
    case 'integer': return 'a whole number';
    case 'number': return 'a number';
    case 'boolean': return 'true or false';
    case 'string': return 'a string';
    default: return 'a value';
  }
}

function where(path: FieldPath): string {
  return path.length === 0 ? 'the object' : pathText(path);
}

function fieldList(node: SchemaNode): string {
  return Object.keys(node.properties ?? {}).join(', ') || 'no field';
}

/** Names the field meant when the unknown one is a near miss; else lists the fields. */
function unknownFieldFix(name: string, node: SchemaNode): string {
  const fields = Object.keys(node.properties ?? {});
  const close = fields.filter(f => closeNames(name, f));
  if (close.length > 0) return `did you mean ${close.map(f => JSON.stringify(f)).join(' or ')}? Otherwise remove it`;
  return fields.length === 0 ? 'remove it: this object has no fields' : `remove it, or move it where it belongs (fields here: ${fields.join(', ')})`;
}

/** Case-insensitively equal, or at most two edits apart (and not both very short). */
export function closeNames(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  if (Math.min(x.length, y.length) < 4) return false;
  return editDistance(x, y, 2) <= 2;
}

/** Damerau-Levenshtein (adjacent swaps) distance, stopping at `limit + 1`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], before[j - 2] + 1);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/** JSON with sorted keys: equal values have equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isMapping(value)) return `{${Object.keys(value).sort().map(k => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
