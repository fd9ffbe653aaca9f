/**
 * Object metadata as apimachinery validates it (ValidateObjectMeta), with the name rule of each kind,
 * plus the name, label and qualified-name checks other validators share.
 */
import { Errors, isObject, isString } from './errors';

/** Checks a (non-empty) name of one kind. */
export type NameRule = (errors: Errors, at: string, name: string) => void;

export interface MetaOptions {
  /** False for cluster-scoped kinds, which may not carry `metadata.namespace`. */
  readonly namespaced: boolean;
  readonly name: NameRule;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** apimachinery ValidateObjectMeta. */
export function validateObjectMeta(errors: Errors, metadata: any, options: MetaOptions): void {
  if (!isObject(metadata)) {
    errors.required('metadata.name', 'name or generateName is required');
    return;
  }
  const { name, generateName, namespace, labels, annotations } = metadata;
  if (isString(generateName) && generateName.length > 0) {
    // The server appends 5 random characters; a trailing `-` is the usual separator.
    options.name(errors, 'metadata.generateName', generateName.replace(/-$/, 'a'));
  }
  if (isString(name) && name.length > 0) {
    options.name(errors, 'metadata.name', name);
  } else if (!(isString(generateName) && generateName.length > 0)) {
    errors.required('metadata.name', 'name or generateName is required');
  }
  if (options.namespaced) {
    // The API server takes the namespace from the request when the manifest has none (kubectl's context).
    if (isString(namespace) && namespace.length > 0) checkDns1123Label(errors, 'metadata.namespace', namespace);
  } else if (namespace !== undefined && namespace !== '') {
    // The API server drops it silently; in a rendered manifest it is a mistake (the object is cluster-wide).
    errors.forbidden('metadata.namespace', 'not allowed on this type (the kind is cluster-scoped)');
  }
  if (isObject(labels)) validateLabels(errors, 'metadata.labels', labels);
  if (isObject(annotations)) {
    let size = 0;
    for (const [key, value] of Object.entries(annotations)) {
      checkQualifiedName(errors, 'metadata.annotations', key.toLowerCase(), key);
      size += key.length + (isString(value) ? value.length : 0);
    }
    if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errors.tooLong('metadata.annotations', TOTAL_ANNOTATION_SIZE_LIMIT);
  }
}

/** The name rule of most kinds (and of every custom resource): a DNS-1123 subdomain. */
export const dnsSubdomainName: NameRule = (errors, at, name) => checkDns1123Subdomain(errors, at, name);

/** A DNS-1123 label (63 characters, no dots). */
export const dnsLabelName: NameRule = (errors, at, name) => checkDns1123Label(errors, at, name);

/** apimachinery ValidateLabels: qualified-name keys, label values. */
export function validateLabels(errors: Errors, at: string, labels: { [key: string]: any }): void {
  for (const [key, value] of Object.entries(labels)) {
    checkQualifiedName(errors, at, key, key);
    if (isString(value)) checkLabelValue(errors, at, value);
  }
}

export function checkQualifiedName(errors: Errors, at: string, name: string, shown: string): void {
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

export function checkLabelValue(errors: Errors, at: string, value: string): void {
  if (value.length > 63) {
    errors.invalid(at, value, 'a label value must be no more than 63 characters');
  } else if (!LABEL_VALUE.test(value)) {
    errors.invalid(at, value, 'a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character');
  }
}

export function checkDns1123Subdomain(errors: Errors, at: string, name: string): void {
  if (name.length > 253) {
    errors.invalid(at, name, 'must be no more than 253 characters');
  } else if (!DNS1123_SUBDOMAIN.test(name)) {
    errors.invalid(at, name, 'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character');
  }
}

export function checkDns1123Label(errors: Errors, at: string, name: string): void {
  if (name.length > 63) {
    errors.invalid(at, name, 'must be no more than 63 characters');
  } else if (!DNS1123_LABEL.test(name)) {
    errors.invalid(at, name, 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character');
  }
}
