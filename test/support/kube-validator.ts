/**
 * An independent validator of rendered manifests, for tests only.
 *
 * It checks a manifest the way the API server would, without trusting anything in lib/:
 * (a) strict structural validation against the official OpenAPI v3 schema of the group
 *     (`../shared/schemas`), closed like `kubectl apply --validate=strict` (unknown fields are errors);
 * (b) the rules of k8s `pkg/apis/networking/validation` and apimachinery that the schema does not carry
 *     (names, labels, selectors, ports, endPort, policyTypes, peer shape, CIDRs and `except`).
 *
 * Messages follow the API server's `field.Error` wording: `<path>: Invalid value: <value>: <detail>`.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';

/** Where the official schemas live, relative to this file: /work/main/test/support -> /work/shared/schemas. */
export const DEFAULT_SCHEMA_DIR = path.resolve(__dirname, '../../../shared/schemas');

/** The OpenAPI v3 document of `networking.k8s.io/v1`, relative to the schema folder. */
export const NETWORKING_V1_OPENAPI = 'kubernetes/release-1.35/apis__networking.k8s.io__v1_openapi.json';

/**
 * The folder holding the official schemas, or undefined when it is absent outside CI
 * (callers then skip with a visible reason). In CI (`CI=true`) an absent folder is an error.
 */
export function schemaDir(): string | undefined {
  return findSchemaDir(DEFAULT_SCHEMA_DIR, process.env.CI === 'true');
}

/** `schemaDir()` for a given folder and CI flag. */
export function findSchemaDir(dir: string, ci: boolean): string | undefined {
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) return dir;
  if (ci) {
    throw new Error(`the schema folder ${dir} is required in CI (CI=true): manifests cannot be validated against the official Kubernetes schemas without it`);
  }
  return undefined;
}

/**
 * Registers `register()`'s tests when the schema folder is present; otherwise registers one test that
 * says why validation is skipped and proves the folder is really absent.
 */
export function registerIfSchemas(register: (dir: string) => void): void {
  const dir = schemaDir();
  if (dir !== undefined) {
    register(dir);
    return;
  }
  test('schema folder absent: validation skipped', () => {
    console.warn(`kube-validator: ${DEFAULT_SCHEMA_DIR} is absent, so manifests are not validated (set CI=true to make this an error)`);
    expect(fs.existsSync(DEFAULT_SCHEMA_DIR)).toBe(false);
  });
}

/** True when `validateManifest` knows the kind of `obj` (it fails closed on any other). */
export function hasSchema(obj: any): boolean {
  return typeof obj === 'object' && obj !== null && `${obj.apiVersion}/${obj.kind}` in VALIDATORS;
}

/**
 * The violations of one manifest object, as human-readable strings; empty means valid.
 * An object of an unknown kind is a violation ("no schema for ..."), never a pass.
 * Throws if the schema folder is absent.
 */
export function validateManifest(obj: any): string[] {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return [`<root>: Invalid value: ${show(obj)}: a manifest must be an object`];
  }
  const validator = VALIDATORS[`${obj.apiVersion}/${obj.kind}`];
  if (!validator) return [`no schema for ${obj.apiVersion}/${obj.kind}`];
  return validator(obj);
}

type Validator = (obj: any) => string[];

const VALIDATORS: { [apiVersionKind: string]: Validator } = {
  'networking.k8s.io/v1/NetworkPolicy': obj => [
    ...schemaViolations(networkPolicySchema(), obj),
    ...networkPolicyRules(obj),
  ],
};

// ---------------------------------------------------------------------------------------------
// (a) Structure: OpenAPI v3 components -> a closed JSON schema for ajv, compiled once.
// ---------------------------------------------------------------------------------------------

const NETWORK_POLICY_SCHEMA = 'io.k8s.api.networking.v1.NetworkPolicy';
const REF_PREFIX = '#/components/schemas/';

let ajv: Ajv | undefined;
let compiledNetworkPolicy: ValidateFunction | undefined;

function networkPolicySchema(): ValidateFunction {
  if (compiledNetworkPolicy) return compiledNetworkPolicy;
  const dir = schemaDir();
  if (dir === undefined) {
    throw new Error(`kube-validator: the schema folder ${DEFAULT_SCHEMA_DIR} is absent; guard the caller with schemaDir() or registerIfSchemas()`);
  }
  const document = JSON.parse(fs.readFileSync(path.join(dir, NETWORKING_V1_OPENAPI), 'utf-8'));
  ajv = ajv ?? new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  const id = 'k8s:networking.k8s.io/v1';
  ajv.addSchema({ $id: id, definitions: closedDefinitions(document.components.schemas, NETWORK_POLICY_SCHEMA) });
  compiledNetworkPolicy = ajv.compile({ $ref: `${id}#/definitions/${NETWORK_POLICY_SCHEMA}` });
  return compiledNetworkPolicy;
}

/** The component schemas reachable from `root`, converted for ajv and closed. */
export function closedDefinitions(components: { [name: string]: any }, root: string): { [name: string]: any } {
  const definitions: { [name: string]: any } = {};
  const pending = [root];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name in definitions) continue;
    const schema = components[name];
    if (schema === undefined) throw new Error(`kube-validator: $ref to missing schema ${name}`);
    definitions[name] = convertSchema(schema, name, ref => pending.push(ref));
  }
  return definitions;
}

// JSON-schema keywords copied as they are.
const COPIED = new Set(['type', 'required', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'pattern', 'uniqueItems']);
// Annotations and OpenAPI-only keywords with no effect on validity.
const DROPPED = new Set(['description', 'default', 'example', 'title', 'externalDocs', 'readOnly', 'writeOnly', 'deprecated']);
// Formats ajv has no validator for (no ajv-formats): translated below or annotations only.
const INT32 = { minimum: -2147483648, maximum: 2147483647 };

/**
 * Converts one OpenAPI v3 schema node to draft-07 for ajv. Object schemas that declare `properties`
 * and no `additionalProperties` are closed (`additionalProperties: false`), as strict field validation
 * does; maps (`additionalProperties: {...}`) stay maps. Unknown keywords throw, so a new schema
 * construct forces a decision instead of being ignored.
 */
export function convertSchema(node: any, where: string, onRef: (name: string) => void): any {
  if (typeof node !== 'object' || node === null) throw new Error(`kube-validator: schema at ${where} is not an object`);
  if (typeof node.$ref === 'string') {
    if (!node.$ref.startsWith(REF_PREFIX)) throw new Error(`kube-validator: unsupported $ref ${node.$ref} at ${where}`);
    const name = node.$ref.slice(REF_PREFIX.length);
    onRef(name);
    return { $ref: `#/definitions/${name}` };
  }
  const out: any = {};
  const intOrString = node.format === 'int-or-string' || node['x-kubernetes-int-or-string'] === true;
  const openObject = node['x-kubernetes-preserve-unknown-fields'] === true;
  for (const [key, value] of Object.entries<any>(node)) {
    if (key.startsWith('x-') || DROPPED.has(key)) continue;
    if (COPIED.has(key)) {
      out[key] = value;
    } else if (key === 'properties') {
      out.properties = {};
      for (const [prop, schema] of Object.entries<any>(value)) out.properties[prop] = convertSchema(schema, `${where}.${prop}`, onRef);
    } else if (key === 'additionalProperties') {
      out.additionalProperties = typeof value === 'boolean' ? value : convertSchema(value, `${where}{*}`, onRef);
    } else if (key === 'items') {
      out.items = convertSchema(value, `${where}[*]`, onRef);
    } else if (key === 'allOf' || key === 'oneOf' || key === 'anyOf') {
      if (!intOrString) out[key] = (value as any[]).map((s, i) => convertSchema(s, `${where}.${key}[${i}]`, onRef));
    } else if (key === 'nullable') {
      if (value === true) out.nullable = true;
    } else if (key === 'format') {
      if (value === 'int32') Object.assign(out, INT32);
      // int64, date-time, byte, int-or-string: no ajv format; int-or-string is handled below.
    } else {
      throw new Error(`kube-validator: unsupported OpenAPI keyword "${key}" at ${where}`);
    }
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
  if (out.properties !== undefined && out.additionalProperties === undefined && !openObject) out.additionalProperties = false;
  return out;
}

function schemaViolations(validate: ValidateFunction, obj: any): string[] {
  if (validate(obj)) return [];
  return (validate.errors ?? []).map(formatAjvError);
}

function formatAjvError(error: ErrorObject): string {
  const at = fieldPath(pointerSegments(error.instancePath));
  const params: any = error.params;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown field "${fieldPath([...pointerSegments(error.instancePath), params.additionalProperty])}"`;
    case 'required':
      return `${fieldPath([...pointerSegments(error.instancePath), params.missingProperty])}: Required value: required by the schema`;
    default:
      return `${at || '<root>'}: ${error.message}`;
  }
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `['spec', 'ingress', '0', 'from']` -> `spec.ingress[0].from`; odd keys are quoted: `matchLabels["app.kubernetes.io/name"]`. */
function fieldPath(segments: Array<string | number>): string {
  let out = '';
  for (const segment of segments) {
    const text = String(segment);
    if (/^[0-9]+$/.test(text)) out += `[${text}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text)) out += out === '' ? text : `.${text}`;
    else out += `[${JSON.stringify(text)}]`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// (b) API-server rules (k8s pkg/apis/networking/validation, apimachinery validation), ported.
// ---------------------------------------------------------------------------------------------

/** Collects field errors in the API server's wording. */
class Errors {
  public readonly list: string[] = [];
  public invalid(at: string, value: unknown, detail: string): void {
    this.list.push(`${at}: Invalid value: ${show(value)}: ${detail}`);
  }
  public required(at: string, detail: string): void {
    this.list.push(`${at}: Required value${detail ? `: ${detail}` : ''}`);
  }
  public forbidden(at: string, detail: string): void {
    this.list.push(`${at}: Forbidden: ${detail}`);
  }
  public notSupported(at: string, value: unknown, supported: string[]): void {
    this.list.push(`${at}: Unsupported value: ${show(value)}: supported values: ${supported.map(s => `"${s}"`).join(', ')}`);
  }
  public duplicate(at: string, value: unknown): void {
    this.list.push(`${at}: Duplicate value: ${show(value)}`);
  }
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

const isObject = (x: unknown): x is { [key: string]: any } => typeof x === 'object' && x !== null && !Array.isArray(x);
const isString = (x: unknown): x is string => typeof x === 'string';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[-a-z0-9]+$/;
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

function networkPolicyRules(obj: any): string[] {
  const errors = new Errors();
  validateObjectMeta(errors, obj.metadata);
  const spec = obj.spec;
  if (isObject(spec) || spec === undefined) validateSpec(errors, spec ?? {});
  return errors.list;
}

/** apimachinery ValidateObjectMeta, for a namespaced object whose name is a DNS-1123 subdomain. */
function validateObjectMeta(errors: Errors, metadata: any): void {
  if (!isObject(metadata)) {
    errors.required('metadata.name', 'name or generateName is required');
    return;
  }
  const { name, generateName, namespace, labels, annotations } = metadata;
  if (isString(generateName) && generateName.length > 0) {
    checkDns1123Subdomain(errors, 'metadata.generateName', generateName.replace(/-$/, 'a'), generateName);
  }
  if (isString(name) && name.length > 0) {
    checkDns1123Subdomain(errors, 'metadata.name', name, name);
  } else if (!(isString(generateName) && generateName.length > 0)) {
    errors.required('metadata.name', 'name or generateName is required');
  }
  // The API server takes the namespace from the request when the manifest has none (kubectl's context).
  if (isString(namespace) && namespace.length > 0) checkDns1123Label(errors, 'metadata.namespace', namespace);
  if (isObject(labels)) validateLabels(errors, 'metadata.labels', labels);
  if (isObject(annotations)) {
    let size = 0;
    for (const [key, value] of Object.entries(annotations)) {
      checkQualifiedName(errors, 'metadata.annotations', key.toLowerCase(), key);
      size += key.length + (isString(value) ? value.length : 0);
    }
    if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errors.list.push(`metadata.annotations: Too long: may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes`);
  }
}

function validateSpec(errors: Errors, spec: { [key: string]: any }): void {
  if (spec.podSelector === undefined) {
    // Optional since Kubernetes 1.34 (kubernetes/kubernetes#131354); the schemas of older releases list it
    // as required, so a manifest without it fails `kubectl apply --validate=strict` there.
    errors.required('spec.podSelector', 'required by Kubernetes up to 1.33; write `podSelector: {}` to select every pod');
  } else if (isObject(spec.podSelector)) {
    validateLabelSelector(errors, 'spec.podSelector', spec.podSelector);
  }
  for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    const rules = spec[direction];
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, i) => {
      if (!isObject(rule)) return;
      const at = `spec.${direction}[${i}]`;
      if (Array.isArray(rule.ports)) rule.ports.forEach((port: any, j: number) => isObject(port) && validatePort(errors, `${at}.ports[${j}]`, port));
      const peers = rule[peersKey];
      if (Array.isArray(peers)) peers.forEach((peer: any, j: number) => isObject(peer) && validatePeer(errors, `${at}.${peersKey}[${j}]`, peer));
    });
  }
  const types = spec.policyTypes;
  if (Array.isArray(types)) {
    if (types.length > POLICY_TYPES.length) {
      errors.invalid('spec.policyTypes', types, 'may not specify more than two policyTypes');
      return;
    }
    types.forEach((type, i) => {
      if (!POLICY_TYPES.includes(type)) errors.notSupported(`spec.policyTypes[${i}]`, type, POLICY_TYPES);
      // The API server accepts ["Ingress", "Ingress"]; it is always a mistake, so it is refused here.
      else if (types.indexOf(type) !== i) errors.duplicate(`spec.policyTypes[${i}]`, type);
    });
  }
}

/** ValidateNetworkPolicyPort. */
function validatePort(errors: Errors, at: string, port: { [key: string]: any }): void {
  const { protocol, endPort } = port;
  if (protocol !== undefined && !PROTOCOLS.includes(protocol)) errors.notSupported(`${at}.protocol`, protocol, PROTOCOLS);
  const value = port.port;
  if (value === undefined) {
    if (endPort !== undefined) errors.invalid(`${at}.endPort`, endPort, 'may not be specified when `port` is not specified');
  } else if (typeof value === 'number') {
    checkPortNumber(errors, `${at}.port`, value);
    if (endPort !== undefined) {
      if (typeof endPort === 'number' && endPort < value) errors.invalid(`${at}.endPort`, endPort, 'must be greater than or equal to `port`');
      checkPortNumber(errors, `${at}.endPort`, endPort);
    }
  } else if (isString(value)) {
    if (endPort !== undefined) errors.invalid(`${at}.endPort`, endPort, 'may not be specified when `port` is non-numeric');
    checkPortName(errors, `${at}.port`, value);
  }
}

/** ValidateNetworkPolicyPeer. */
function validatePeer(errors: Errors, at: string, peer: { [key: string]: any }): void {
  let kinds = 0;
  for (const key of ['podSelector', 'namespaceSelector'] as const) {
    if (peer[key] === undefined || peer[key] === null) continue;
    kinds++;
    if (isObject(peer[key])) validateLabelSelector(errors, `${at}.${key}`, peer[key]);
  }
  const ipBlock = peer.ipBlock;
  if (ipBlock !== undefined && ipBlock !== null) {
    kinds++;
    if (isObject(ipBlock)) validateIpBlock(errors, `${at}.ipBlock`, ipBlock);
  }
  if (kinds === 0) errors.required(at, 'must specify a peer');
  else if (kinds > 1 && ipBlock !== undefined && ipBlock !== null) errors.forbidden(at, 'may not specify both ipBlock and another peer');
}

/** ValidateIPBlock with StrictIPCIDRValidation. */
function validateIpBlock(errors: Errors, at: string, ipBlock: { [key: string]: any }): void {
  const cidrText = ipBlock.cidr;
  if (!isString(cidrText)) return; // missing or not a string: the schema reports it
  if (cidrText === '') {
    errors.required(`${at}.cidr`, '');
    return;
  }
  const cidr = parseStrictCidr(errors, `${at}.cidr`, cidrText);
  if (!Array.isArray(ipBlock.except)) return;
  ipBlock.except.forEach((text: unknown, i: number) => {
    if (!isString(text)) return;
    const exceptAt = `${at}.except[${i}]`;
    const except = parseStrictCidr(errors, exceptAt, text);
    if (!cidr || !except) return;
    if (except.family !== cidr.family) {
      errors.invalid(exceptAt, text, `must be a strict subset of \`cidr\` (an ${except.family} network in an ${cidr.family} block)`);
    } else if (!(except.prefix > cidr.prefix && networkOf(except.network, except.bits, cidr.prefix) === cidr.network)) {
      errors.invalid(exceptAt, text, 'must be a strict subset of `cidr`');
    }
  });
}

interface ParsedCidr {
  readonly family: 'IPv4' | 'IPv6';
  readonly bits: number;
  readonly network: bigint;
  readonly prefix: number;
}

/**
 * apimachinery parseCIDR with strict validation (StrictIPCIDRValidation, on by default from Kubernetes 1.36;
 * a warning on 1.35), plus the API server's RFC 5952 warning as an error.
 *
 * Addresses are parsed here, not with ipaddr.js: the library uses ipaddr.js, which reads an embedded
 * dotted quad such as `::1.2.3.4` as `::ffff:1.2.3.4`, and a validator sharing that parser would share its mistakes.
 */
function parseStrictCidr(errors: Errors, at: string, text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? '' : text.slice(slash + 1);
  const ip = address.includes(':') ? parseIpv6(address) : parseIpv4(address);
  const bits = address.includes(':') ? 128 : 32;
  if (!ip || !/^[0-9]+$/.test(prefixText) || Number(prefixText) > bits) {
    errors.invalid(at, text, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)');
    return undefined;
  }
  const family = bits === 32 ? 'IPv4' : 'IPv6';
  const prefix = Number(prefixText);
  const value = ip.bytes.reduce((n, b) => n * 256n + BigInt(b), 0n);
  const network = networkOf(value, bits, prefix);
  if (ip.leadingZeros || (prefixText.length > 1 && prefixText.startsWith('0'))) {
    errors.invalid(at, text, 'must not have leading 0s in IP or prefix length');
  } else if (family === 'IPv6' && value / 2n ** 32n === 0xffffn) {
    errors.invalid(at, text, 'must not have an IPv4-mapped IPv6 address');
  } else if (network !== value) {
    errors.invalid(at, text, 'must not have bits set beyond the prefix length');
  } else if (family === 'IPv6') {
    const canonical = `${rfc5952(ip.bytes)}/${prefix}`;
    // The API server accepts it with a warning; rendered output must be canonical, so it is an error here.
    if (canonical !== text) errors.invalid(at, text, `should be in RFC 5952 canonical format ("${canonical}")`);
  }
  return { family, bits, network, prefix };
}

interface ParsedIp {
  readonly bytes: number[];
  /** An IPv4 octet has a leading 0 (accepted by the legacy parser, refused by the strict one). */
  readonly leadingZeros: boolean;
}

/** Four decimal octets 0-255, as Go's sloppy parser reads them (leading zeros allowed, but reported). */
function parseIpv4(text: string): ParsedIp | undefined {
  if (!/^[0-9]{1,3}(\.[0-9]{1,3}){3}$/.test(text)) return undefined;
  const octets = text.split('.');
  if (octets.some(o => Number(o) > 255)) return undefined;
  return { bytes: octets.map(Number), leadingZeros: octets.some(o => o.length > 1 && o.startsWith('0')) };
}

/** Eight hex groups, at most one `::`, optionally ending in a dotted quad (the last 32 bits). */
function parseIpv6(text: string): ParsedIp | undefined {
  let groupsText = text;
  let tailBytes: number[] = [];
  let leadingZeros = false;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const quad = parseIpv4(tail);
    if (!quad) return undefined;
    tailBytes = quad.bytes;
    leadingZeros = quad.leadingZeros;
    // `::1.2.3.4` keeps its `::`; `1:2:3:4:5:6:1.2.3.4` drops the separator before the quad.
    groupsText = text.slice(0, text.endsWith(`::${tail}`) ? lastColon + 1 : lastColon);
  }
  const halves = groupsText.split('::');
  if (halves.length > 2) return undefined;
  const split = (part: string) => part === '' ? [] : part.split(':');
  const left = split(halves[0]);
  const right = halves.length === 2 ? split(halves[1]) : [];
  const wanted = tailBytes.length === 4 ? 6 : 8;
  const given = left.length + right.length;
  if ([...left, ...right].some(g => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
  if (halves.length === 1 ? given !== wanted : given > wanted - 1) return undefined;
  const groups = [...left, ...Array(wanted - given).fill('0'), ...right].map(g => parseInt(g, 16));
  return { bytes: [...groups.flatMap(g => [Math.floor(g / 256), g % 256]), ...tailBytes], leadingZeros };
}

/** RFC 5952 text of 16 bytes: lowercase, no leading zeros, the longest (leftmost) run of two or more zero groups as `::`. */
function rfc5952(bytes: number[]): string {
  const groups = Array.from({ length: 8 }, (_, i) => bytes[2 * i] * 256 + bytes[2 * i + 1]);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = Math.max(i, j);
  }
  const hex = (gs: number[]) => gs.map(g => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

function networkOf(value: bigint, bits: number, prefix: number): bigint {
  const size = 2n ** BigInt(bits - prefix);
  return value - value % size;
}

/** apimachinery ValidateLabelSelector (without AllowInvalidLabelValueInSelector). */
function validateLabelSelector(errors: Errors, at: string, selector: { [key: string]: any }): void {
  if (isObject(selector.matchLabels)) validateLabels(errors, `${at}.matchLabels`, selector.matchLabels);
  if (!Array.isArray(selector.matchExpressions)) return;
  selector.matchExpressions.forEach((requirement: any, i: number) => {
    if (!isObject(requirement)) return;
    const reqAt = `${at}.matchExpressions[${i}]`;
    const values = Array.isArray(requirement.values) ? requirement.values : [];
    switch (requirement.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errors.required(`${reqAt}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\'');
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errors.forbidden(`${reqAt}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\'');
        break;
      default:
        if (requirement.operator !== undefined) errors.invalid(`${reqAt}.operator`, requirement.operator, 'not a valid selector operator');
    }
    if (isString(requirement.key)) checkQualifiedName(errors, `${reqAt}.key`, requirement.key, requirement.key);
    values.forEach((value: unknown, j: number) => isString(value) && checkLabelValue(errors, `${reqAt}.values[${j}]`, value));
  });
}

/** apimachinery ValidateLabels: qualified-name keys, label values. */
function validateLabels(errors: Errors, at: string, labels: { [key: string]: any }): void {
  for (const [key, value] of Object.entries(labels)) {
    checkQualifiedName(errors, at, key, key);
    if (isString(value)) checkLabelValue(errors, at, value);
  }
}

function checkQualifiedName(errors: Errors, at: string, name: string, shown: string): void {
  const parts = name.split('/');
  if (parts.length > 2) {
    errors.invalid(at, shown, 'a qualified name must consist of an optional DNS subdomain prefix and "/", then a name part');
    return;
  }
  const namePart = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0) errors.invalid(at, shown, 'prefix part must be non-empty');
    else if (prefix.length > 253) errors.invalid(at, shown, 'prefix part must be no more than 253 characters');
    else if (!DNS1123_SUBDOMAIN.test(prefix)) errors.invalid(at, shown, 'prefix part must be a lowercase RFC 1123 subdomain');
  }
  if (namePart.length === 0) {
    errors.invalid(at, shown, 'name part must be non-empty');
  } else if (namePart.length > 63) {
    errors.invalid(at, shown, 'name part must be no more than 63 characters');
  } else if (!QUALIFIED_NAME.test(namePart)) {
    errors.invalid(at, shown, 'name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character');
  }
}

function checkLabelValue(errors: Errors, at: string, value: string): void {
  if (value.length > 63) {
    errors.invalid(at, value, 'a label value must be no more than 63 characters');
  } else if (!LABEL_VALUE.test(value)) {
    errors.invalid(at, value, 'a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character');
  }
}

function checkDns1123Subdomain(errors: Errors, at: string, name: string, shown: string): void {
  if (name.length > 253) {
    errors.invalid(at, shown, 'must be no more than 253 characters');
  } else if (!DNS1123_SUBDOMAIN.test(name)) {
    errors.invalid(at, shown, 'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character');
  }
}

function checkDns1123Label(errors: Errors, at: string, name: string): void {
  if (name.length > 63) {
    errors.invalid(at, name, 'must be no more than 63 characters');
  } else if (!DNS1123_LABEL.test(name)) {
    errors.invalid(at, name, 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character');
  }
}

/** IsValidPortNum. */
function checkPortNumber(errors: Errors, at: string, port: unknown): void {
  if (typeof port !== 'number' || !Number.isInteger(port)) return; // the schema reports non-integers
  if (port < 1 || port > 65535) errors.invalid(at, port, 'must be between 1 and 65535, inclusive');
}

/** IsValidPortName (IANA_SVC_NAME, RFC 6335). */
function checkPortName(errors: Errors, at: string, name: string): void {
  if (name.length > 15) errors.invalid(at, name, 'must be no more than 15 characters');
  if (!IANA_SVC_NAME.test(name)) errors.invalid(at, name, 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errors.invalid(at, name, 'must contain at least one letter (a-z)');
  if (name.includes('--')) errors.invalid(at, name, 'must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errors.invalid(at, name, 'must not begin or end with a hyphen');
}
