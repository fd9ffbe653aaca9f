/**
 * The official schemas (../shared/schemas), read, converted and compiled once per kind.
 *
 * - built-in kinds: the OpenAPI v3 document of the group (components, `$ref`s);
 * - custom resources: the CRD's `openAPIV3Schema` of the named served version;
 * - kinds whose CRD is not stored: a kubeconform JSON schema (datreeio/CRDs-catalog).
 * A custom resource's `metadata` (`type: object` in every CRD) is validated against the built-in,
 * closed ObjectMeta, as the API server does.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ValidateFunction } from 'ajv';
import * as YAML from 'yaml';
import { ajv } from './ajv';
import { checkCelRule } from './cel';
import { hoistRepeated } from './hoist';
import { closedDefinitions, convertSchema } from './openapi';
import { requireSchemaDir } from './schema-dir';

/** The OpenAPI v3 document of `networking.k8s.io/v1`, relative to the schema folder. */
export const NETWORKING_V1_OPENAPI = 'kubernetes/release-1.35/apis__networking.k8s.io__v1_openapi.json';
const BUILTIN_ID = 'k8s:networking.k8s.io/v1';
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const META_REF = { $ref: `${BUILTIN_ID}#/definitions/${OBJECT_META}` };
const BUILTIN_ROOTS = ['io.k8s.api.networking.v1.NetworkPolicy', OBJECT_META];

/** Where the schema of a kind comes from. */
export type SchemaSource =
  | { readonly builtin: string }
  | { readonly crd: string; readonly group: string; readonly version: string; readonly kind: string; readonly namespaced: boolean }
  | { readonly jsonSchema: string; readonly rootProperties: readonly string[] };

const compiled = new Map<string, ValidateFunction>();
// Converted schemas by their text: CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy differ only in descriptions.
const byText = new Map<string, ValidateFunction>();

/** Milliseconds spent reading, converting and compiling each source (built-in document included once). */
export const compileMillis = new Map<string, number>();

/** The compiled schema of `source`, built on first use. Throws if the schema folder is absent. */
export function compiledSchema(source: SchemaSource): ValidateFunction {
  const key = JSON.stringify(source);
  const cached = compiled.get(key);
  if (cached) return cached;
  const dir = requireSchemaDir();
  addBuiltinDefinitions(dir);
  const start = performance.now();
  let validate: ValidateFunction;
  if ('builtin' in source) {
    validate = ajv().compile({ $ref: `${BUILTIN_ID}#/definitions/${source.builtin}` });
  } else {
    const schema = hoistRepeated('crd' in source ? crdSchema(dir, source) : jsonSchema(dir, source));
    const text = JSON.stringify(schema);
    validate = byText.get(text) ?? ajv().compile(schema);
    byText.set(text, validate);
  }
  compileMillis.set('builtin' in source ? source.builtin : path.basename('crd' in source ? source.crd : source.jsonSchema), performance.now() - start);
  compiled.set(key, validate);
  return validate;
}

let builtinAdded = false;

/** The components of the built-in document that the validators use (NetworkPolicy, ObjectMeta). */
function addBuiltinDefinitions(dir: string): void {
  if (builtinAdded) return;
  const start = performance.now();
  const document = JSON.parse(fs.readFileSync(path.join(dir, NETWORKING_V1_OPENAPI), 'utf-8'));
  const definitions = Object.assign({}, ...BUILTIN_ROOTS.map(root => closedDefinitions(document.components.schemas, root)));
  ajv().addSchema({ $id: BUILTIN_ID, definitions });
  builtinAdded = true;
  compileMillis.set(path.basename(NETWORKING_V1_OPENAPI), performance.now() - start);
}

/** The served version's schema of a CRD, after checking the file defines the kind we expect. */
function crdSchema(dir: string, source: Extract<SchemaSource, { crd: string }>): any {
  const file = path.join(dir, source.crd);
  const crd = YAML.parse(fs.readFileSync(file, 'utf-8'));
  const what = `${source.group}/${source.version} ${source.kind}`;
  if (crd?.apiVersion !== 'apiextensions.k8s.io/v1' || crd.kind !== 'CustomResourceDefinition') throw new Error(`kube-validator: ${file} is not a CustomResourceDefinition`);
  if (crd.spec.group !== source.group || crd.spec.names?.kind !== source.kind) throw new Error(`kube-validator: ${file} defines ${crd.spec.group} ${crd.spec.names?.kind}, not ${what}`);
  if ((crd.spec.scope === 'Namespaced') !== source.namespaced) throw new Error(`kube-validator: ${file} says ${what} is ${crd.spec.scope}; the validator assumes otherwise`);
  const version = (crd.spec.versions ?? []).find((v: any) => v.name === source.version);
  if (!version?.served) throw new Error(`kube-validator: ${file} does not serve ${what}`);
  return customResourceSchema(version.schema.openAPIV3Schema, what);
}

/** A kubeconform JSON schema; its root (left open by openapi2jsonschema) is closed like every other object. */
function jsonSchema(dir: string, source: Extract<SchemaSource, { jsonSchema: string }>): any {
  const file = path.join(dir, source.jsonSchema);
  const schema = JSON.parse(fs.readFileSync(file, 'utf-8'));
  const found = Object.keys(schema.properties ?? {}).sort();
  if (JSON.stringify(found) !== JSON.stringify([...source.rootProperties].sort())) {
    throw new Error(`kube-validator: ${file} has root properties ${found.join(', ')}; the validator expects ${source.rootProperties.join(', ')}`);
  }
  return customResourceSchema(schema, file);
}

function customResourceSchema(schema: any, where: string): any {
  const metadata = schema?.properties?.metadata;
  if (JSON.stringify(metadata) !== JSON.stringify({ type: 'object' })) {
    throw new Error(`kube-validator: ${where}: metadata schema ${JSON.stringify(metadata)} is not the plain \`type: object\` the validator replaces with ObjectMeta`);
  }
  const converted = convertSchema(schema, where, ref => {
    throw new Error(`kube-validator: unexpected $ref ${ref} in ${where}`);
  }, { structural: true, onCel: checkCelRule });
  converted.properties.metadata = META_REF;
  return converted;
}
