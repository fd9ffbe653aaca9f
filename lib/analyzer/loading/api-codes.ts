/**
 * Stable codes of the API checks on input: what the API server (with kubectl's strict field validation)
 * would refuse. Part of the public contract (CLI output, lint findings, CI filters). Never rename one.
 */
export const ApiCode = {
  /** A field the kind's schema does not have (strict validation refuses it; a lenient server drops it). */
  API_UNKNOWN_FIELD: 'API_UNKNOWN_FIELD',
  /** A value of the wrong type: a mapping for a list, a string for an integer... */
  API_TYPE: 'API_TYPE',
  /** A value outside the allowed set (a protocol, an action, a policy type). */
  API_ENUM: 'API_ENUM',
  /** A required field is missing, or none of the fields of which one is required is set. */
  API_REQUIRED: 'API_REQUIRED',
  /** More than one of fields that exclude each other is set. */
  API_ONE_OF: 'API_ONE_OF',
  /** A string the schema's pattern refuses. */
  API_PATTERN: 'API_PATTERN',
  /** A number outside the schema's bounds. */
  API_RANGE: 'API_RANGE',
  /** Too few or too many items, characters or fields. */
  API_SIZE: 'API_SIZE',
  /** An entry listed twice where entries must be unique. */
  API_DUPLICATE: 'API_DUPLICATE',
  /** Not a CIDR the API server reads. */
  API_CIDR: 'API_CIDR',
  /** An `except` CIDR that is not strictly inside its `cidr` (or of the other address family). */
  API_EXCEPT_NOT_INSIDE: 'API_EXCEPT_NOT_INSIDE',
  /** A port that is neither a number from 1 to 65535 nor a port name (IANA_SVC_NAME). */
  API_PORT: 'API_PORT',
  /** An `endPort` without a numeric `port`, below it, or out of range. */
  API_END_PORT: 'API_END_PORT',
  /** A label selector the API server refuses: a bad key or value, an unknown operator, values that do not fit it. */
  API_SELECTOR: 'API_SELECTOR',
  /** A NetworkPolicy peer that sets nothing, or ipBlock beside a selector. */
  API_PEER: 'API_PEER',
  /** Another rule of the kind's validation (its CEL rules, its documented constraints). */
  API_INVALID: 'API_INVALID',
  /** A kind the API group does not have (a misspelling of one it has). */
  API_KIND_UNKNOWN: 'API_KIND_UNKNOWN',
  /** An object of a group or kind the analyzer does not read: skipped (lint reports it as info). */
  API_KIND_SKIPPED: 'API_KIND_SKIPPED',
} as const;

export type ApiCode = typeof ApiCode[keyof typeof ApiCode];

/** What lint says about a code: its severity and why it matters. */
export interface ApiCodeInfo {
  readonly severity: 'error' | 'info';
  readonly title: string;
  readonly why: string;
}

const REFUSED = 'The API server refuses this object, so the cluster never enforces it; reading it anyway would analyze a policy that does not exist.';

export const API_CODE_INFO: { readonly [code in ApiCode]: ApiCodeInfo } = {
  API_UNKNOWN_FIELD: {
    severity: 'error',
    title: 'A field the kind does not have',
    why: 'Strict field validation (kubectl apply, the default since 1.27) refuses it; a lenient client drops it silently, which can widen a rule (a misspelt "podSelector" selects every pod).',
  },
  API_TYPE: { severity: 'error', title: 'A value of the wrong type', why: REFUSED },
  API_ENUM: { severity: 'error', title: 'A value outside the allowed set', why: REFUSED },
  API_REQUIRED: { severity: 'error', title: 'A required field is missing', why: REFUSED },
  API_ONE_OF: { severity: 'error', title: 'Fields that exclude each other', why: REFUSED },
  API_PATTERN: { severity: 'error', title: 'A string the schema refuses', why: REFUSED },
  API_RANGE: { severity: 'error', title: 'A number out of range', why: REFUSED },
  API_SIZE: { severity: 'error', title: 'Too few or too many entries', why: REFUSED },
  API_DUPLICATE: { severity: 'error', title: 'An entry listed twice', why: REFUSED },
  API_CIDR: { severity: 'error', title: 'Not a valid CIDR', why: REFUSED },
  API_EXCEPT_NOT_INSIDE: { severity: 'error', title: 'An except outside its cidr', why: REFUSED },
  API_PORT: { severity: 'error', title: 'Not a port number or port name', why: REFUSED },
  API_END_PORT: { severity: 'error', title: 'An invalid endPort', why: REFUSED },
  API_SELECTOR: { severity: 'error', title: 'An invalid label selector', why: REFUSED },
  API_PEER: { severity: 'error', title: 'An invalid NetworkPolicy peer', why: REFUSED },
  API_INVALID: { severity: 'error', title: 'A value the kind\'s validation refuses', why: REFUSED },
  API_KIND_UNKNOWN: {
    severity: 'error',
    title: 'A kind the API group does not have',
    why: 'The API server refuses an unknown kind; the analyzer would otherwise skip it without a word, and the policy it was meant to be would be missing from every verdict.',
  },
  API_KIND_SKIPPED: {
    severity: 'info',
    title: 'An object the analyzer does not read',
    why: 'Its group is not one the analyzer reads (workloads, Services, Namespaces and network policies are), so it plays no part in any verdict.',
  },
};
