/**
 * Writes lib/analyzer/loading/schema/<kind>.generated.ts from the official schemas in ../shared/schemas:
 * for every kind the analyzer checks, a compact tree of what validation needs (types, fields, items, enums,
 * required fields, bounds, patterns, list types), with descriptions, defaults and examples stripped.
 *
 * Run by `npx projen schemas:generate`; never by the build, since a clone has no ../shared. The product
 * reads only the generated files; test/analyzer/load/schema-tables.test.ts regenerates them in memory
 * and fails when they differ from the committed ones.
 *
 * Every keyword is either translated, dropped as an annotation, or refused: a construct this script does
 * not know (a new keyword, format or junction) throws, so an updated schema forces a decision.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import type { KindSchema, SchemaNode } from '../lib/analyzer/loading/schema/schema-node';

/** Where the schemas live, relative to the repository. */
export const SCHEMA_DIR = path.resolve(__dirname, '..', '..', 'shared', 'schemas');
/** Where the tables go. */
export const TABLE_DIR = path.resolve(__dirname, '..', 'lib', 'analyzer', 'loading', 'schema');

/** Where one local schema file comes from (../shared/schemas/README.md). */
interface Upstream {
  readonly repo: string;
  readonly path: string;
  readonly commit: string;
  readonly license: string;
}

/** One apiVersion of a kind, read from one file. */
interface Source {
  readonly apiVersion: string;
  readonly file: string;
  readonly upstream: Upstream;
  /** OpenAPI document: the component of the kind. CRD: the served version. JSON schema: neither. */
  readonly component?: string;
  readonly crdVersion?: string;
}

/** One generated file: a kind, at every apiVersion the analyzer reads it. */
interface Table {
  readonly file: string;
  readonly kind: string;
  readonly constant: string;
  readonly sources: readonly Source[];
}

const KUBERNETES: Upstream = {
  repo: 'https://github.com/kubernetes-sigs/kubectl-validate',
  path: 'pkg/openapiclient/builtins/1.35/apis/networking.k8s.io/v1.json (kubernetes/kubernetes api/openapi-spec/v3, release-1.35)',
  commit: 'a97ccfaca20b164819afdae780392496f6ed6bbd',
  license: 'Apache-2.0',
};
const NPAPI_V018 = { repo: 'https://github.com/kubernetes-sigs/network-policy-api', commit: '5a62954284765fb16f2e601f11907ca0b839b89f (v0.1.8)', license: 'Apache-2.0' };
const NPAPI_V020 = { repo: 'https://github.com/kubernetes-sigs/network-policy-api', commit: 'a17adecd0316b8ff1c3f83939ec0441d68cd6cce (v0.2.0)', license: 'Apache-2.0' };
const CALICO = { repo: 'https://github.com/projectcalico/calico', commit: '0ca9d1b93644778cafdf1812f3dda02ac0c361e8 (v3.32.1)', license: 'Apache-2.0' };
const DATREE = {
  repo: 'https://github.com/datreeio/CRDs-catalog',
  commit: '7b1e26ef9deea49293714d204c1a2270aab1178f',
  license: 'MIT (catalog); generated from the Cilium 1.18.2 CRDs (Apache-2.0)',
};

function npapi(version: 'v0.1.8' | 'v0.2.0', plural: string, crdVersion: string): Source {
  const local = `config/crd/standard/policy.networking.k8s.io_${plural}.yaml`;
  return {
    apiVersion: `policy.networking.k8s.io/${crdVersion}`,
    file: `network-policy-api/${version}/${local}`,
    upstream: { ...(version === 'v0.1.8' ? NPAPI_V018 : NPAPI_V020), path: local },
    crdVersion,
  };
}

function calico(plural: string): Source[] {
  const v3 = `api/config/crd/projectcalico.org_${plural}.yaml`;
  const v1 = `libcalico-go/config/crd/crd.projectcalico.org_${plural}.yaml`;
  return [
    { apiVersion: 'projectcalico.org/v3', file: `calico/v3.32.1/${v3}`, upstream: { ...CALICO, path: v3 }, crdVersion: 'v3' },
    { apiVersion: 'crd.projectcalico.org/v1', file: `calico/v3.32.1/${v1}`, upstream: { ...CALICO, path: v1 }, crdVersion: 'v1' },
  ];
}

function cilium(name: string): Source {
  const local = `cilium.io/${name}_v2.json`;
  return { apiVersion: 'cilium.io/v2', file: `datreeio-crds-catalog/${local}`, upstream: { ...DATREE, path: local } };
}

/** Every kind the loader checks against its schema. */
export const TABLES: readonly Table[] = [
  {
    file: 'network-policy.generated.ts',
    kind: 'NetworkPolicy',
    constant: 'NETWORK_POLICY',
    sources: [{
      apiVersion: 'networking.k8s.io/v1',
      file: 'kubernetes/release-1.35/apis__networking.k8s.io__v1_openapi.json',
      upstream: KUBERNETES,
      component: 'io.k8s.api.networking.v1.NetworkPolicy',
    }],
  },
  { file: 'admin-network-policy.generated.ts', kind: 'AdminNetworkPolicy', constant: 'ADMIN_NETWORK_POLICY', sources: [npapi('v0.1.8', 'adminnetworkpolicies', 'v1alpha1')] },
  { file: 'baseline-admin-network-policy.generated.ts', kind: 'BaselineAdminNetworkPolicy', constant: 'BASELINE_ADMIN_NETWORK_POLICY', sources: [npapi('v0.1.8', 'baselineadminnetworkpolicies', 'v1alpha1')] },
  { file: 'cluster-network-policy.generated.ts', kind: 'ClusterNetworkPolicy', constant: 'CLUSTER_NETWORK_POLICY', sources: [npapi('v0.2.0', 'clusternetworkpolicies', 'v1alpha2')] },
  { file: 'calico-network-policy.generated.ts', kind: 'NetworkPolicy', constant: 'CALICO_NETWORK_POLICY', sources: calico('networkpolicies') },
  { file: 'calico-global-network-policy.generated.ts', kind: 'GlobalNetworkPolicy', constant: 'CALICO_GLOBAL_NETWORK_POLICY', sources: calico('globalnetworkpolicies') },
  { file: 'calico-tier.generated.ts', kind: 'Tier', constant: 'CALICO_TIER', sources: calico('tiers') },
  { file: 'calico-network-set.generated.ts', kind: 'NetworkSet', constant: 'CALICO_NETWORK_SET', sources: calico('networksets') },
  { file: 'calico-global-network-set.generated.ts', kind: 'GlobalNetworkSet', constant: 'CALICO_GLOBAL_NETWORK_SET', sources: calico('globalnetworksets') },
  { file: 'cilium-network-policy.generated.ts', kind: 'CiliumNetworkPolicy', constant: 'CILIUM_NETWORK_POLICY', sources: [cilium('ciliumnetworkpolicy')] },
  { file: 'cilium-clusterwide-network-policy.generated.ts', kind: 'CiliumClusterwideNetworkPolicy', constant: 'CILIUM_CLUSTERWIDE_NETWORK_POLICY', sources: [cilium('ciliumclusterwidenetworkpolicy')] },
];

/** The content of every table file, by file name. */
export function generateSchemaTables(schemaDir: string = SCHEMA_DIR): Map<string, string> {
  const out = new Map<string, string>();
  for (const table of TABLES) {
    const schemas = table.sources.map(source => ({ apiVersion: source.apiVersion, kind: table.kind, root: rootOf(schemaDir, source, table.kind) }));
    out.set(table.file, render(table, schemas));
  }
  return out;
}

// ---- reading -------------------------------------------------------------------------------------

function rootOf(dir: string, source: Source, kind: string): SchemaNode {
  const file = path.join(dir, source.file);
  const where = source.file;
  let root: SchemaNode;
  if (source.component !== undefined) {
    const components = JSON.parse(fs.readFileSync(file, 'utf8')).components.schemas;
    const gvk = components[source.component]?.['x-kubernetes-group-version-kind'] ?? [];
    const [group, version] = source.apiVersion.split('/');
    if (!gvk.some((g: any) => g.group === group && g.version === version && g.kind === kind)) throw new Error(`${where}: ${source.component} is not ${source.apiVersion} ${kind}`);
    root = convert(components[source.component], source.component, { structural: false, components, refs: [] });
  } else if (source.crdVersion !== undefined) {
    const crd = YAML.parse(fs.readFileSync(file, 'utf8'));
    if (crd?.kind !== 'CustomResourceDefinition' || crd.spec?.names?.kind !== kind || `${crd.spec.group}/${source.crdVersion}` !== source.apiVersion) {
      throw new Error(`${where}: not the CustomResourceDefinition of ${source.apiVersion} ${kind}`);
    }
    const version = (crd.spec.versions ?? []).find((v: any) => v.name === source.crdVersion);
    if (!version?.served) throw new Error(`${where}: does not serve ${source.crdVersion}`);
    root = convert(version.schema.openAPIV3Schema, kind, { structural: true, components: {}, refs: [] });
  } else {
    root = convert(JSON.parse(fs.readFileSync(file, 'utf8')), kind, { structural: true, components: {}, refs: [] });
  }
  // metadata is read (names, namespace, labels) and status ignored by the loader: neither is checked here.
  const properties = { ...root.properties };
  for (const name of ['metadata', 'status']) if (name in properties) properties[name] = {};
  return { ...root, properties };
}

interface Context {
  /** CRDs and the kubeconform catalog are structural schemas: an object without fields holds none. */
  readonly structural: boolean;
  readonly components: { readonly [name: string]: any };
  /** The `$ref`s being expanded, to refuse a cycle. */
  readonly refs: readonly string[];
}

const DROPPED = new Set(['description', 'default', 'example', 'title', 'externalDocs', 'x-kubernetes-group-version-kind', 'x-kubernetes-map-type', 'x-kubernetes-patch-merge-key', 'x-kubernetes-patch-strategy']);
const COPIED = ['required', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const;
const ANNOTATION_FORMATS = new Set(['int64', 'date-time', 'byte', 'idn-hostname', 'int-or-string']);
const INT32 = { minimum: -2147483648, maximum: 2147483647 };
const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);
const REF_PREFIX = '#/components/schemas/';

function convert(node: any, where: string, context: Context): SchemaNode {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) throw new Error(`${where}: a schema must be an object`);
  if (typeof node.$ref === 'string') return convertRef(node.$ref, where, context);
  const out: any = {};
  const intOrString = node['x-kubernetes-int-or-string'] === true || node.format === 'int-or-string';
  for (const [key, value] of Object.entries<any>(node)) {
    if (DROPPED.has(key)) continue;
    if ((COPIED as readonly string[]).includes(key)) {
      out[key] = value;
    } else if (key === 'type') {
      if (!TYPES.has(value)) throw new Error(`${where}: unsupported type ${JSON.stringify(value)}`);
      out.type = value;
    } else if (key === 'pattern') {
      out.pattern = translatePattern(value, where);
    } else if (key === 'properties') {
      out.properties = {};
      for (const name of Object.keys(value).sort()) out.properties[name] = convert(value[name], `${where}.${name}`, context);
    } else if (key === 'additionalProperties') {
      out.additionalProperties = typeof value === 'boolean' ? value : convert(value, `${where}{*}`, context);
    } else if (key === 'items') {
      out.items = convert(value, `${where}[*]`, context);
    } else if (key === 'allOf') {
      Object.assign(out, allOf(value, where, context));
    } else if (key === 'anyOf' || key === 'oneOf') {
      // int-or-string carries `anyOf: [{type: integer}, {type: string}]`: the flag says it.
      if (!intOrString) out[key === 'anyOf' ? 'anyOfFields' : 'oneOfFields'] = requiredAlternatives(value, `${where}.${key}`);
    } else if (key === 'nullable') {
      if (value === true) out.nullable = true;
    } else if (key === 'format') {
      if (value === 'int32') Object.assign(out, { minimum: Math.max(node.minimum ?? INT32.minimum, INT32.minimum), maximum: Math.min(node.maximum ?? INT32.maximum, INT32.maximum) });
      else if (value === 'cidr') out.format = 'cidr';
      else if (!ANNOTATION_FORMATS.has(value)) throw new Error(`${where}: unsupported format ${JSON.stringify(value)}`);
    } else if (key === 'x-kubernetes-int-or-string') {
      // read above
    } else if (key === 'x-kubernetes-preserve-unknown-fields') {
      if (value === true) out.additionalProperties = true;
    } else if (key === 'x-kubernetes-list-type') {
      if (!['atomic', 'set', 'map'].includes(value)) throw new Error(`${where}: unsupported x-kubernetes-list-type ${JSON.stringify(value)}`);
      // The built-in document's list types steer server-side apply only; CRDs enforce them.
      if (context.structural && value === 'set') out.unique = true;
      if (context.structural && value === 'map') out.mapKeys = node['x-kubernetes-list-map-keys'];
    } else if (key === 'x-kubernetes-list-map-keys') {
      if (node['x-kubernetes-list-type'] !== 'map') throw new Error(`${where}: x-kubernetes-list-map-keys without x-kubernetes-list-type: map`);
    } else if (key === 'x-kubernetes-validations') {
      out.cel = (value as any[]).map(v => String(v.rule).replace(/\s+/g, ' ').trim());
    } else {
      throw new Error(`${where}: unsupported schema keyword ${JSON.stringify(key)}`);
    }
  }
  if (intOrString) {
    delete out.type;
    out.intOrString = true;
  }
  if (out.additionalProperties === undefined && (out.properties !== undefined || (context.structural && out.type === 'object'))) {
    // Closed, as `kubectl apply --validate=strict` reads it; a structural object without fields holds none.
    out.additionalProperties = false;
  }
  return out;
}

function convertRef(ref: string, where: string, context: Context): SchemaNode {
  if (!ref.startsWith(REF_PREFIX)) throw new Error(`${where}: unsupported $ref ${ref}`);
  const name = ref.slice(REF_PREFIX.length);
  if (context.refs.includes(name)) throw new Error(`${where}: $ref cycle through ${name}`);
  const target = context.components[name];
  if (target === undefined) throw new Error(`${where}: $ref to a missing schema ${name}`);
  return convert(target, name, { ...context, refs: [...context.refs, name] });
}

/** `allOf: [{$ref}]` (how the generator attaches a default to a reference), or enums to intersect. */
function allOf(members: any[], where: string, context: Context): Partial<SchemaNode> {
  if (members.length === 1) return convert(members[0], `${where}.allOf[0]`, context);
  if (members.every(m => Object.keys(m).every(k => k === 'enum'))) {
    return { enum: members.reduce((left: unknown[], m) => left.filter(v => m.enum.includes(v)), members[0].enum) };
  }
  throw new Error(`${where}: unsupported allOf ${JSON.stringify(members)}`);
}

/** `anyOf`/`oneOf` whose members only require fields: the lists of fields. */
function requiredAlternatives(members: any[], where: string): string[][] {
  return members.map(m => {
    const properties = Object.entries<any>(m.properties ?? {});
    const plain = Object.keys(m).every(k => k === 'properties' || k === 'required') && properties.every(([, s]) => Object.keys(s).length === 0);
    if (!plain || !Array.isArray(m.required)) throw new Error(`${where}: unsupported junction member ${JSON.stringify(m)}`);
    return m.required;
  });
}

/** A Go (RE2) pattern as a JavaScript `u` expression: `\pL` becomes `\p{L}`; RE2-only syntax throws. */
function translatePattern(pattern: string, where: string): string {
  if (/\(\?[A-Za-z]|\(\?P<|\\[zA]/.test(pattern)) throw new Error(`${where}: unsupported RE2 syntax in ${JSON.stringify(pattern)}`);
  const translated = pattern.replace(/(?<!\\)((?:\\\\)*)\\([pP])([A-Za-z])/g, '$1\\$2{$3}');
  new RegExp(translated, 'u'); // throws on a pattern JavaScript cannot read
  return translated;
}

// ---- writing -------------------------------------------------------------------------------------

/** Subtrees used more than once and at least this long are written once, as constants. */
const SHARED_MIN_LENGTH = 60;

function render(table: Table, schemas: readonly KindSchema[]): string {
  const counts = new Map<string, number>();
  const count = (node: SchemaNode): void => {
    const key = canonical(node);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if ((counts.get(key) ?? 0) > 1) return; // its children are counted once per distinct subtree
    children(node).forEach(([, child]) => count(child));
  };
  schemas.forEach(s => count(s.root));

  const names = new Map<string, string>();
  const used = new Set<string>();
  const constants: string[] = [];
  const literal = (node: SchemaNode, hint: string, indent: string, isRoot = false): string => {
    const key = canonical(node);
    const named = names.get(key);
    if (named !== undefined) return named;
    const share = isRoot || ((counts.get(key) ?? 0) > 1 && key.length >= SHARED_MIN_LENGTH);
    const body = objectLiteral(node, share ? '' : indent, hint, literal);
    if (!share) return body;
    const name = uniqueName(isRoot ? `${table.constant.toLowerCase()}Root` : hint, used);
    names.set(key, name);
    constants.push(`const ${name}: SchemaNode = ${body};`);
    return name;
  };
  const exported = schemas.map(s => `  { apiVersion: '${s.apiVersion}', kind: '${s.kind}', root: ${literal(s.root, 'root', '', true)} },`);
  const header = [
    '// Generated by scripts/generate-schema-tables.ts (`npx projen schemas:generate`) from ../shared/schemas. Do not edit.',
    `// ${table.kind}: the whole object, descriptions, defaults and examples stripped; metadata and status are left to the loader.`,
    ...table.sources.flatMap(s => [
      `// ${s.apiVersion}: ${s.file}`,
      `//   from ${s.upstream.repo} ${s.upstream.path} at commit ${s.upstream.commit}; licence ${s.upstream.license}.`,
    ]),
  ];
  return [
    ...header,
    "import { KindSchema, SchemaNode } from './schema-node';",
    '',
    ...constants.flatMap(c => [c, '']),
    `export const ${table.constant}: readonly KindSchema[] = [`,
    ...exported,
    '];',
    '',
  ].join('\n');
}

const ORDER = ['type', 'intOrString', 'nullable', 'format', 'enum', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems',
  'minProperties', 'maxProperties', 'unique', 'mapKeys', 'required', 'oneOfFields', 'anyOfFields', 'cel', 'properties', 'additionalProperties', 'items'];

function children(node: SchemaNode): [string, SchemaNode][] {
  const out: [string, SchemaNode][] = Object.entries(node.properties ?? {});
  if (typeof node.additionalProperties === 'object') out.push(['{*}', node.additionalProperties]);
  if (node.items) out.push(['[*]', node.items]);
  return out;
}

type Literal = (node: SchemaNode, hint: string, indent: string) => string;

function objectLiteral(node: SchemaNode, indent: string, hint: string, literal: Literal): string {
  const keys = Object.keys(node);
  const unknown = keys.filter(k => !ORDER.includes(k));
  if (unknown.length > 0) throw new Error(`render: unknown node keys ${unknown.join(', ')}`);
  if (keys.length === 0) return '{}';
  const inner = `${indent}  `;
  const lines = ORDER.filter(k => k in node).map(k => {
    const value = (node as any)[k];
    if (k === 'properties') {
      const props = Object.entries<SchemaNode>(value).map(([name, child]) => `${inner}  ${propertyKey(name)}: ${literal(child, name, `${inner}  `)},`);
      return `${inner}properties: {\n${props.join('\n')}\n${inner}},`;
    }
    if ((k === 'additionalProperties' && typeof value === 'object') || k === 'items') return `${inner}${k}: ${literal(value, `${hint}Item`, inner)},`;
    return `${inner}${k}: ${scalar(value)},`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(scalar).join(', ')}]`;
  return String(value);
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : scalar(name);
}

function uniqueName(hint: string, used: Set<string>): string {
  const base = hint.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase()).replace(/^[^A-Za-z]+/, '') || 'node';
  let name = base;
  for (let i = 2; used.has(name) || RESERVED.has(name); i++) name = `${base}${i}`;
  used.add(name);
  return name;
}

const RESERVED = new Set(['default', 'except', 'from', 'to', 'in', 'delete', 'new', 'class', 'function', 'export', 'import', 'enum', 'type', 'interface']);

/** JSON with sorted keys: equal subtrees have equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value).sort().map(k => `${JSON.stringify(k)}:${canonical((value as any)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function main(): void {
  if (!fs.existsSync(SCHEMA_DIR)) throw new Error(`${SCHEMA_DIR} is absent: the tables are generated from ../shared/schemas`);
  for (const [file, content] of generateSchemaTables()) {
    const target = path.join(TABLE_DIR, file);
    const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (before !== content) fs.writeFileSync(target, content);
    console.log(`${before === content ? 'unchanged' : 'wrote'} ${path.relative(process.cwd(), target)}`);
  }
}

if (require.main === module) main();
