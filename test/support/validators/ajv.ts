/**
 * The one ajv instance of the validator, and ajv's errors in the API server's wording.
 */
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { isGoCidr } from './cidr';
import { fieldPath, show } from './errors';

let instance: Ajv | undefined;

/** The shared ajv instance (strict: an unknown keyword or format in a converted schema is an error). */
export function ajv(): Ajv {
  if (instance) return instance;
  instance = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  // `format: cidr` as the API server checks it (Go net.ParseCIDR); the rules check the strict form on top.
  instance.addFormat('cidr', { type: 'string', validate: isGoCidr });
  // `x-kubernetes-list-type: map`: items are unique by their `x-kubernetes-list-map-keys`.
  instance.addKeyword({
    keyword: 'listMapKeys',
    type: 'array',
    schemaType: 'array',
    errors: true,
    validate: function uniqueByKeys(keys: string[], data: any[]): boolean {
      const seen = new Set<string>();
      for (let i = 0; i < data.length; i++) {
        const item = data[i];
        if (typeof item !== 'object' || item === null) continue;
        const key = JSON.stringify(keys.map(k => item[k]));
        if (seen.has(key)) {
          (uniqueByKeys as any).errors = [{ keyword: 'listMapKeys', message: 'duplicate key', params: { index: i, key: Object.fromEntries(keys.map(k => [k, item[k]])) } }];
          return false;
        }
        seen.add(key);
      }
      return true;
    },
  });
  return instance;
}

/** The violations `validate` finds in `obj`, worded like the API server. */
export function schemaViolations(validate: ValidateFunction, obj: any): string[] {
  if (validate(obj)) return [];
  return formatAjvErrors(validate.errors ?? []);
}

/**
 * Words ajv's errors. A `oneOf`/`anyOf` whose branches each only require one field (the generated
 * form of "exactly one of" / "at least one of") becomes one message naming the fields, and its
 * branches' own errors are dropped; so does `minProperties`/`maxProperties` 1 on a union object.
 */
export function formatAjvErrors(errors: ErrorObject[]): string[] {
  const summarized = errors.filter(e => (e.keyword === 'oneOf' || e.keyword === 'anyOf') && requiredOnlyBranches(e.schema) !== undefined);
  const isBranchError = (e: ErrorObject) => summarized.some(j => e !== j && e.instancePath.startsWith(j.instancePath) && e.schemaPath.startsWith(`${j.schemaPath}/`));
  return errors.filter(e => !isBranchError(e)).map(formatAjvError);
}

function formatAjvError(error: ErrorObject): string {
  const segments = pointerSegments(error.instancePath);
  const at = fieldPath(segments) || '<root>';
  const params: any = error.params;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown field "${fieldPath([...segments, params.additionalProperty])}"`;
    case 'required':
      return `${fieldPath([...segments, params.missingProperty])}: Required value: required by the schema`;
    case 'enum':
      return `${at}: Unsupported value: ${show(error.data)}: supported values: ${(error.schema as unknown[]).map(v => show(v)).join(', ')}`;
    case 'pattern':
      return `${at}: Invalid value: ${show(error.data)}: must match the pattern ${JSON.stringify(error.schema)}`;
    case 'format':
      return `${at}: Invalid value: ${show(error.data)}: must be a valid ${params.format === 'cidr' ? 'CIDR (format "cidr")' : `"${params.format}"`}`;
    case 'minimum':
    case 'maximum':
      return `${at}: Invalid value: ${show(error.data)}: must be ${error.keyword === 'minimum' ? 'greater' : 'less'} than or equal to ${params.limit}`;
    case 'maxItems':
      return `${at}: Too many: ${(error.data as unknown[]).length}: must have at most ${params.limit} items`;
    case 'minItems':
      return `${at}: Invalid value: ${show(error.data)}: must have at least ${params.limit} item${params.limit === 1 ? '' : 's'}`;
    case 'maxLength':
      return `${at}: Too long: may not be more than ${params.limit} characters`;
    case 'minLength':
      return `${at}: Invalid value: ${show(error.data)}: must be at least ${params.limit} character${params.limit === 1 ? '' : 's'} long`;
    case 'uniqueItems':
      return `${fieldPath([...segments, Math.max(params.i, params.j)])}: Duplicate value: ${show((error.data as unknown[])[Math.max(params.i, params.j)])}`;
    case 'listMapKeys':
      return `${fieldPath([...segments, params.index])}: Duplicate value: ${show(params.key)}`;
    case 'minProperties':
    case 'maxProperties':
      return unionObjectError(at, error) ?? `${at}: ${error.message}`;
    case 'oneOf':
    case 'anyOf':
      return junctorError(at, error) ?? `${at}: ${error.message}`;
    default:
      return `${at}: ${error.message}`;
  }
}

/** `oneOf`/`anyOf` of `{required: [x]}` branches: the fields of "exactly one of" / "at least one of". */
function requiredOnlyBranches(branches: unknown): string[] | undefined {
  if (!Array.isArray(branches)) return undefined;
  const fields: string[] = [];
  for (const branch of branches) {
    const keys = Object.keys(branch).filter(k => k !== 'properties');
    if (keys.length !== 1 || keys[0] !== 'required' || branch.required.length !== 1) return undefined;
    fields.push(branch.required[0]);
  }
  return fields;
}

function junctorError(at: string, error: ErrorObject): string | undefined {
  const fields = requiredOnlyBranches(error.schema);
  if (!fields) return undefined;
  const names = fields.map(f => `"${f}"`).join(', ');
  if (error.keyword === 'anyOf') return `${at}: Required value: must specify at least one of ${names}`;
  const passing: number[] | null = (error.params as any).passingSchemas;
  if (!passing) return `${at}: Required value: must specify exactly one of ${names}`;
  return `${at}: Forbidden: may specify only one of ${names} (found ${passing.map(i => `"${fields[i]}"`).join(', ')})`;
}

/** `minProperties`/`maxProperties` 1 beside `properties`: a union object, of which one member (or at least one) is set. */
function unionObjectError(at: string, error: ErrorObject): string | undefined {
  const parent: any = error.parentSchema;
  if (!parent?.properties) return undefined;
  const names = Object.keys(parent.properties).map(f => `"${f}"`).join(', ');
  if (error.keyword === 'minProperties' && parent.minProperties === 1) {
    return `${at}: Required value: must specify ${parent.maxProperties === 1 ? 'exactly' : 'at least'} one of ${names}`;
  }
  if (error.keyword === 'maxProperties' && parent.maxProperties === 1) {
    return `${at}: Forbidden: may specify only one of ${names} (found ${Object.keys(error.data as object).map(f => `"${f}"`).join(', ')})`;
  }
  return undefined;
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
