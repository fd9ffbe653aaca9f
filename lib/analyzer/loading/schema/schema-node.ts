/**
 * One node of a kind's schema, as `scripts/generate-schema-tables.ts` writes it from the official
 * OpenAPI document or CRD: what validation needs, nothing else (no descriptions, defaults or examples).
 * An empty node (`{}`) accepts anything.
 */
export interface SchemaNode {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  /** `x-kubernetes-int-or-string`: an integer or a string (replaces `type`). */
  readonly intOrString?: true;
  readonly nullable?: true;
  readonly properties?: { readonly [name: string]: SchemaNode };
  /** false: closed (other keys are unknown fields); true: open; a node: a map whose values are that node. */
  readonly additionalProperties?: boolean | SchemaNode;
  readonly required?: readonly string[];
  /** `oneOf: [{required: [a]}, {required: [b]}]`: exactly one of these sets of fields is present. */
  readonly oneOfFields?: readonly (readonly string[])[];
  /** `anyOf: [{required: [a]}, {required: [b]}]`: at least one of these sets of fields is present. */
  readonly anyOfFields?: readonly (readonly string[])[];
  readonly items?: SchemaNode;
  readonly enum?: readonly (string | number | boolean)[];
  /** A JavaScript `u` regular expression (translated from Go RE2), matched anywhere as Go's MatchString does. */
  readonly pattern?: string;
  /** `cidr`: Go's net.ParseCIDR must accept it. Other formats are annotations or folded into bounds (`int32`). */
  readonly format?: 'cidr';
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  /** `x-kubernetes-list-type: set`: no item twice. */
  readonly unique?: true;
  /** `x-kubernetes-list-type: map`: no two items with the same values of these keys. */
  readonly mapKeys?: readonly string[];
  /** CEL rules (`x-kubernetes-validations`), not evaluated here: each is ported by hand (see api-rules/cel-rules.ts). */
  readonly cel?: readonly string[];
}

/** The schema of one kind at one apiVersion: the whole object, with `metadata` and `status` left to others. */
export interface KindSchema {
  readonly apiVersion: string;
  readonly kind: string;
  readonly root: SchemaNode;
}
