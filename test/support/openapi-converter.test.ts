import { compileAll, knownKinds, registerIfSchemas, validateManifest } from './kube-validator';
import { formatAjvErrors } from './validators/ajv';
import { CEL_RULES, celRulesSeen, checkCelRule } from './validators/cel';
import { hoistRepeated } from './validators/hoist';
import { convertSchema, translatePattern } from './validators/openapi';

const noRefs = (name: string) => {
  throw new Error(`unexpected $ref ${name}`);
};
const acceptCel = () => undefined;
const convert = (schema: any, structural = false) => convertSchema(schema, 'test', noRefs, { structural, onCel: acceptCel });

describe('OpenAPI to JSON schema conversion', () => {
  test('can close objects with properties and keep maps and preserved objects open', () => {
    expect(convert({
      type: 'object',
      description: 'dropped',
      properties: {
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        raw: { 'type': 'object', 'properties': { a: { type: 'string' } }, 'x-kubernetes-preserve-unknown-fields': true },
        tier: { type: 'string', default: 'default' },
      },
    })).toEqual({
      type: 'object',
      properties: {
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        raw: { type: 'object', properties: { a: { type: 'string' } } },
        tier: { type: 'string' },
      },
      additionalProperties: false,
    });
  });

  test('can leave the branches of oneOf, anyOf and allOf open', () => {
    expect(convert({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      oneOf: [{ properties: { a: {} }, required: ['a'] }, { required: ['b'] }],
    }, true)).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      oneOf: [{ properties: { a: {} }, required: ['a'] }, { required: ['b'] }],
      additionalProperties: false,
    });
  });

  test('can apply structural-schema rules only to CRDs', () => {
    const schema = {
      type: 'object',
      properties: {
        empty: { type: 'object' },
        set: { 'type': 'array', 'items': { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        map: { 'type': 'array', 'items': { type: 'object', properties: { type: { type: 'string' } } }, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] },
        atomic: { 'type': 'array', 'items': { type: 'string' }, 'x-kubernetes-list-type': 'atomic', 'x-kubernetes-map-type': 'atomic' },
      },
    };
    const structural = convert(schema, true).properties;
    expect(structural.empty).toEqual({ type: 'object', additionalProperties: false });
    expect(structural.set.uniqueItems).toBe(true);
    expect(structural.map.listMapKeys).toEqual(['type']);
    expect(structural.atomic).toEqual({ type: 'array', items: { type: 'string' } });
    const builtin = convert(schema, false).properties;
    expect(builtin.empty).toEqual({ type: 'object' });
    expect(builtin.set.uniqueItems).toBeUndefined();
    expect(builtin.map.listMapKeys).toBeUndefined();
  });

  test('can translate int-or-string, nullable and int32', () => {
    expect(convert({ 'anyOf': [{ type: 'integer' }, { type: 'string' }], 'pattern': '^.*', 'x-kubernetes-int-or-string': true })).toEqual({ pattern: '^.*', type: ['integer', 'string'] });
    expect(convert({ type: 'string', nullable: true })).toEqual({ type: ['string', 'null'] });
    expect(convert({ type: 'integer', format: 'int32', minimum: 1, maximum: 65535 })).toEqual({ type: 'integer', minimum: 1, maximum: 65535 });
    expect(convert({ type: 'integer', format: 'int32' })).toEqual({ type: 'integer', minimum: -2147483648, maximum: 2147483647 });
    expect(convert({ type: 'string', format: 'cidr' })).toEqual({ type: 'string', format: 'cidr' });
    expect(convert({ type: 'string', format: 'date-time' })).toEqual({ type: 'string' });
  });

  test('can translate RE2 one-letter Unicode classes', () => {
    expect(translatePattern('^\\PC*$', 'test')).toEqual('^\\P{C}*$');
    expect(translatePattern('^\\pL+\\\\pL$', 'test')).toEqual('^\\p{L}+\\\\pL$');
    expect(new RegExp(translatePattern('^\\PC*$', 'test'), 'u').test('tab\there')).toBe(false);
  });

  test('throws if a keyword, format, extension or pattern is not translated', () => {
    expect(() => convert({ type: 'integer', multipleOf: 2 })).toThrow('unsupported OpenAPI keyword "multipleOf" at test');
    expect(() => convert({ not: { required: ['a'] } })).toThrow('unsupported OpenAPI keyword "not" at test');
    expect(() => convert({ type: 'object', properties: { a: { type: 'string', format: 'email' } } })).toThrow('unsupported format "email" at test.a');
    expect(() => convert({ 'type': 'object', 'x-kubernetes-embedded-resource': true })).toThrow('unsupported extension "x-kubernetes-embedded-resource" at test');
    expect(() => convert({ 'type': 'array', 'x-kubernetes-list-type': 'bag' })).toThrow('unsupported x-kubernetes-list-type "bag" at test');
    expect(() => convert({ 'type': 'array', 'x-kubernetes-list-type': 'map' })).toThrow('x-kubernetes-list-map-keys without x-kubernetes-list-type: map');
    expect(() => convert({ type: 'string', pattern: '(?i)^a$' })).toThrow('unsupported RE2 syntax');
    expect(() => convert({ type: 'string', pattern: '^(a$' })).toThrow('is not a valid JavaScript regular expression');
  });

  test('throws if a CEL rule is neither ported nor listed', () => {
    expect(() => convertSchema({ 'type': 'string', 'x-kubernetes-validations': [{ rule: 'self != ""' }] }, 'test', noRefs)).toThrow('CEL rules at test, and no inventory');
    expect(() => checkCelRule('self.size() > 2', 'spec.x')).toThrow('CEL rule at spec.x is neither ported nor listed as skipped in validators/cel.ts: self.size() > 2');
    expect(() => checkCelRule('isCIDR(self)', 'spec.x')).not.toThrow();
    // YAML folding leaves line breaks in long rules; they are not significant.
    expect(() => checkCelRule('self.action == \'Allow\'\n  || !has(self.http)', 'spec.x')).not.toThrow();
  });

  test('can word oneOf and anyOf of single required fields as one message', () => {
    const branch = (name: string) => ({ required: [name] });
    expect(formatAjvErrors([
      { keyword: 'required', instancePath: '/spec', schemaPath: '#/properties/spec/oneOf/0/required', params: { missingProperty: 'a' } },
      { keyword: 'required', instancePath: '/spec', schemaPath: '#/properties/spec/oneOf/1/required', params: { missingProperty: 'b' } },
      { keyword: 'oneOf', instancePath: '/spec', schemaPath: '#/properties/spec/oneOf', params: { passingSchemas: null }, schema: [branch('a'), branch('b')] },
      { keyword: 'required', instancePath: '/spec', schemaPath: '#/properties/spec/required', params: { missingProperty: 'c' } },
    ])).toEqual([
      'spec: Required value: must specify exactly one of "a", "b"',
      'spec.c: Required value: required by the schema',
    ]);
  });
});

describe('hoisting repeated subschemas', () => {
  const selector = { type: 'object', properties: { matchLabels: { type: 'object', additionalProperties: { type: 'string', pattern: '^[a-z]+$', maxLength: 63 } } }, additionalProperties: false };
  const long = { ...selector, description: 'x'.repeat(200) };

  test('can compile a repeated subschema once, by reference', () => {
    const schema = { type: 'object', properties: { a: long, b: { type: 'array', items: long } }, oneOf: [{ required: ['a'] }, { required: ['b'] }] };
    expect(hoistRepeated(schema)).toEqual({
      type: 'object',
      properties: { a: { $ref: '#/definitions/d0' }, b: { type: 'array', items: { $ref: '#/definitions/d0' } } },
      oneOf: [{ required: ['a'] }, { required: ['b'] }],
      definitions: { d0: long },
    });
  });

  test('can leave small, unique and junctor-branch subschemas in place', () => {
    const branches = { type: 'object', properties: { a: long }, anyOf: [long, long] };
    expect(hoistRepeated(branches)).toEqual(branches);
    const small = { type: 'object', properties: { a: selector, b: selector } };
    expect(hoistRepeated(small)).toEqual(small);
  });
});

describe('official schemas', () => {
  registerIfSchemas(() => {
    test('can compile the schema of every known kind', () => {
      expect(() => compileAll()).not.toThrow();
      expect(knownKinds()).toEqual([
        'networking.k8s.io/v1/NetworkPolicy',
        'projectcalico.org/v3/NetworkPolicy',
        'projectcalico.org/v3/GlobalNetworkPolicy',
        'projectcalico.org/v3/Tier',
        'crd.projectcalico.org/v1/NetworkPolicy',
        'crd.projectcalico.org/v1/GlobalNetworkPolicy',
        'crd.projectcalico.org/v1/Tier',
        'cilium.io/v2/CiliumNetworkPolicy',
        'cilium.io/v2/CiliumClusterwideNetworkPolicy',
        'policy.networking.k8s.io/v1alpha1/AdminNetworkPolicy',
        'policy.networking.k8s.io/v1alpha1/BaselineAdminNetworkPolicy',
        'policy.networking.k8s.io/v1alpha2/ClusterNetworkPolicy',
      ]);
    });

    test('can account for every CEL rule of the CRDs, and lists no rule the CRDs lack', () => {
      compileAll();
      expect([...celRulesSeen].sort()).toEqual([...CEL_RULES.keys()].sort());
      expect([...CEL_RULES.values()].every(entry => (entry.ported ?? entry.skipped ?? '').length > 0)).toBe(true);
    });

    test('throws if a manifest of any known kind has an unknown field or no name (no validator is vacuous)', () => {
      for (const apiVersionKind of knownKinds()) {
        const slash = apiVersionKind.lastIndexOf('/');
        const [apiVersion, kind] = [apiVersionKind.slice(0, slash), apiVersionKind.slice(slash + 1)];
        const violations = validateManifest({ apiVersion, kind, metadata: {}, bogus: true });
        const expected = ['unknown field "bogus"', 'metadata.name: Required value: name or generateName is required'];
        expect([apiVersionKind, violations]).toEqual([apiVersionKind, expect.arrayContaining(expected)]);
      }
    });
  });
});
