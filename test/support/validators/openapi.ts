/**
 * OpenAPI v3 schemas (the built-in OpenAPI document, CRD `openAPIV3Schema`, kubeconform JSON schemas)
 * converted to closed draft-07 JSON schemas for ajv.
 *
 * Objects that declare `properties` and no `additionalProperties` are closed (`additionalProperties:
 * false`), as `kubectl apply --validate=strict` does; maps (`additionalProperties: {...}`) stay maps and
 * `x-kubernetes-preserve-unknown-fields` objects stay open. Subschemas of `allOf`/`anyOf`/`oneOf` are
 * never closed: in a structural schema they only constrain fields declared beside them.
 * Every keyword is either translated, dropped as an annotation, or refused: an unknown keyword,
 * format, extension or CEL rule throws, so a new schema construct forces a decision instead of being ignored.
 */

const REF_PREFIX = '#/components/schemas/';

export interface ConvertOptions {
  /**
   * Structural-schema semantics of a CRD, which the apiextensions API server enforces:
   * `x-kubernetes-list-type: set` items are unique, `map` items are unique by their keys, and an
   * object with neither `properties` nor `additionalProperties` holds no field at all (the server prunes them).
   * Off for the built-in OpenAPI document, whose list types are not enforced by the schema.
   */
  readonly structural?: boolean;
  /** Called for every CEL rule (`x-kubernetes-validations`); must throw for a rule nobody ported or listed. */
  readonly onCel?: (rule: string, where: string) => void;
}

// JSON-schema keywords copied as they are.
const COPIED = new Set(['type', 'required', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties']);
// Annotations and OpenAPI-only keywords with no effect on validity.
const DROPPED = new Set(['description', 'default', 'example', 'title', 'externalDocs', 'readOnly', 'writeOnly', 'deprecated']);
// Kubernetes extensions that only steer merging, client generation or atomicity: no effect on validity.
const DROPPED_EXTENSIONS = new Set(['x-kubernetes-group-version-kind', 'x-kubernetes-patch-merge-key', 'x-kubernetes-patch-strategy', 'x-kubernetes-map-type']);
// Extensions read below, together with the keyword they qualify.
const READ_EXTENSIONS = new Set(['x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-validations']);
// Formats without an ajv validator: annotations for the API server too (int64, date-time, byte: JSON
// numbers and status fields; idn-hostname: not among the formats the API server checks).
const ANNOTATION_FORMATS = new Set(['int64', 'date-time', 'byte', 'idn-hostname', 'int-or-string']);
const INT32 = { minimum: -2147483648, maximum: 2147483647 };
const JUNCTORS = new Set(['allOf', 'oneOf', 'anyOf']);

/** The component schemas reachable from `root` in an OpenAPI document, converted for ajv and closed. */
export function closedDefinitions(components: { [name: string]: any }, root: string, options: ConvertOptions = {}): { [name: string]: any } {
  const definitions: { [name: string]: any } = {};
  const pending = [root];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name in definitions) continue;
    const schema = components[name];
    if (schema === undefined) throw new Error(`kube-validator: $ref to missing schema ${name}`);
    definitions[name] = convertSchema(schema, name, ref => pending.push(ref), options);
  }
  return definitions;
}

/** Converts one OpenAPI v3 schema node (see the file comment). `$ref`s to components are reported to `onRef`. */
export function convertSchema(node: any, where: string, onRef: (name: string) => void, options: ConvertOptions = {}, inJunctor = false): any {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) throw new Error(`kube-validator: schema at ${where} is not an object`);
  if (typeof node.$ref === 'string') {
    if (!node.$ref.startsWith(REF_PREFIX)) throw new Error(`kube-validator: unsupported $ref ${node.$ref} at ${where}`);
    const name = node.$ref.slice(REF_PREFIX.length);
    onRef(name);
    return { $ref: `#/definitions/${name}` };
  }
  const out: any = {};
  const intOrString = node.format === 'int-or-string' || node['x-kubernetes-int-or-string'] === true;
  const openObject = node['x-kubernetes-preserve-unknown-fields'] === true;
  let int32 = false;
  for (const [key, value] of Object.entries<any>(node)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue; // extensions: readExtensions()
    if (COPIED.has(key)) {
      out[key] = value;
    } else if (key === 'pattern') {
      out.pattern = translatePattern(value, where);
    } else if (key === 'properties') {
      out.properties = {};
      for (const [prop, schema] of Object.entries<any>(value)) out.properties[prop] = convertSchema(schema, `${where}.${prop}`, onRef, options);
    } else if (key === 'additionalProperties') {
      out.additionalProperties = typeof value === 'boolean' ? value : convertSchema(value, `${where}{*}`, onRef, options);
    } else if (key === 'items') {
      out.items = convertSchema(value, `${where}[*]`, onRef, options);
    } else if (JUNCTORS.has(key)) {
      // int-or-string carries `anyOf: [{type: integer}, {type: string}]`, replaced by a union type below.
      if (!intOrString) out[key] = (value as any[]).map((s, i) => convertSchema(s, `${where}.${key}[${i}]`, onRef, options, true));
    } else if (key === 'nullable') {
      if (value === true) out.nullable = true;
    } else if (key === 'format') {
      if (value === 'int32') int32 = true;
      else if (value === 'cidr') out.format = 'cidr';
      else if (!ANNOTATION_FORMATS.has(value)) throw new Error(`kube-validator: unsupported format "${value}" at ${where}`);
    } else {
      throw new Error(`kube-validator: unsupported OpenAPI keyword "${key}" at ${where}`);
    }
  }
  readExtensions(node, out, where, options);
  if (int32) {
    // The tighter of the format's range and the schema's own bounds.
    out.minimum = Math.max(out.minimum ?? INT32.minimum, INT32.minimum);
    out.maximum = Math.min(out.maximum ?? INT32.maximum, INT32.maximum);
  }
  if (intOrString) {
    delete out.type;
    out.type = ['integer', 'string'];
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
  }
  // allOf: [{$ref}] is how the generator attaches a description or default to a reference: unwrap it.
  if (Array.isArray(out.allOf) && out.allOf.length === 1 && Object.keys(out).length === 1) return out.allOf[0];
  if (!inJunctor && !openObject && out.additionalProperties === undefined) {
    if (out.properties !== undefined) out.additionalProperties = false;
    else if (options.structural && out.type === 'object') out.additionalProperties = false;
  }
  return out;
}

/** The `x-kubernetes-*` extensions that constrain values; any other `x-` key throws. */
function readExtensions(node: any, out: any, where: string, options: ConvertOptions): void {
  for (const key of Object.keys(node)) {
    if (key.startsWith('x-') && !DROPPED_EXTENSIONS.has(key) && !READ_EXTENSIONS.has(key)) {
      throw new Error(`kube-validator: unsupported extension "${key}" at ${where}`);
    }
  }
  const listType = node['x-kubernetes-list-type'];
  if (listType !== undefined && !['atomic', 'set', 'map'].includes(listType)) throw new Error(`kube-validator: unsupported x-kubernetes-list-type "${listType}" at ${where}`);
  const mapKeys = node['x-kubernetes-list-map-keys'];
  if ((listType === 'map') !== (mapKeys !== undefined)) throw new Error(`kube-validator: x-kubernetes-list-map-keys without x-kubernetes-list-type: map (or the reverse) at ${where}`);
  if (options.structural && listType === 'set') out.uniqueItems = true;
  if (options.structural && listType === 'map') out.listMapKeys = mapKeys;
  const validations = node['x-kubernetes-validations'];
  if (validations !== undefined) {
    if (!options.onCel) throw new Error(`kube-validator: CEL rules at ${where}, and no inventory of CEL rules for this schema`);
    for (const v of validations) options.onCel(String(v.rule), where);
  }
}

/**
 * A Go (RE2) pattern as a JavaScript `u` regular expression: one-letter Unicode classes `\pC` become
 * `\p{C}`; RE2-only syntax (flags, `\z`, named groups `(?P<`) throws rather than matching something else.
 */
export function translatePattern(pattern: string, where: string): string {
  if (/\(\?[A-Za-z]|\(\?P<|\\[zA]/.test(pattern)) throw new Error(`kube-validator: unsupported RE2 syntax in pattern ${JSON.stringify(pattern)} at ${where}`);
  const translated = pattern.replace(/(?<!\\)((?:\\\\)*)\\([pP])([A-Za-z])/g, '$1\\$2{$3}');
  try {
    new RegExp(translated, 'u');
  } catch (e) {
    throw new Error(`kube-validator: pattern ${JSON.stringify(pattern)} at ${where} is not a valid JavaScript regular expression: ${(e as Error).message}`);
  }
  return translated;
}
