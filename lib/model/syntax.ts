import { labelKeyInvalid, labelValueInvalid, nameInvalid, namespaceNameInvalid, portNameInvalid } from './messages/values';
import { Problem } from './problem';

// Kubernetes apimachinery validation, ported as regular expressions (k8s.io/apimachinery/pkg/util/validation).
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

// Strings already found valid, per check: apps repeat the same keys, values and names in every namespace. Bounded, so a
// long-running process that checks many distinct strings does not keep them all.
const MAX_REMEMBERED = 10_000;
const validated = {
  labelKeys: new Set<string>(),
  labelValues: new Set<string>(),
  namespaceNames: new Set<string>(),
  objectNames: new Set<string>(),
};

/** `check(text)`, remembering the texts it accepts (it is a pure function of them). */
function remembering(valid: Set<string>, text: string, check: (text: string) => Problem[]): Problem[] {
  if (valid.has(text)) return [];
  const problems = check(text);
  if (problems.length === 0 && typeof text === 'string') {
    if (valid.size >= MAX_REMEMBERED) valid.clear();
    valid.add(text);
  }
  return problems;
}

/** Checks a label key: optional DNS subdomain prefix (≤253) and a name part (≤63). */
export function checkLabelKey(key: string): Problem[] {
  return remembering(validated.labelKeys, key, labelKeyProblems);
}

function labelKeyProblems(key: string): Problem[] {
  const parts = key.split('/');
  if (parts.length > 2) {
    return [labelKeyInvalid('', key, 'slashes')];
  }
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) {
      return [labelKeyInvalid('', key, 'prefix')];
    }
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME_PART.test(name)) {
    return [labelKeyInvalid('', key, 'name')];
  }
  return [];
}

/** Checks a label value: empty, or ≤63 characters of [A-Za-z0-9-_.] starting and ending alphanumeric. */
export function checkLabelValue(value: string): Problem[] {
  return remembering(validated.labelValues, value, labelValueProblems);
}

function labelValueProblems(value: string): Problem[] {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    return [labelValueInvalid('', value)];
  }
  return [];
}

/** Checks a namespace name: a DNS-1123 label of at most 63 characters. */
export function checkNamespaceName(name: string): Problem[] {
  return remembering(validated.namespaceNames, name, namespaceNameProblems);
}

function namespaceNameProblems(name: string): Problem[] {
  if (name.length === 0 || name.length > 63 || !DNS1123_LABEL.test(name)) {
    return [namespaceNameInvalid('', name, suggestName(name, 63))];
  }
  return [];
}

/** Checks an object name: a DNS-1123 subdomain of at most 253 characters. */
export function checkObjectName(name: string): Problem[] {
  return remembering(validated.objectNames, name, objectNameProblems);
}

function objectNameProblems(name: string): Problem[] {
  if (name.length === 0 || name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    return [nameInvalid('', name, suggestName(name, 253))];
  }
  return [];
}

/** Checks a named port against the IANA service name rules Kubernetes applies (RFC 6335). */
export function checkPortName(name: string): Problem[] {
  if (name.length === 0 || name.length > 15) return [portNameInvalid('', name, 'length')];
  if (!IANA_SVC_NAME.test(name)) return [portNameInvalid('', name, 'characters')];
  if (name.includes('--')) return [portNameInvalid('', name, 'double-dash')];
  if (!/[a-z]/.test(name)) return [portNameInvalid('', name, 'no-letter')];
  return [];
}

/** Lowercases and replaces illegal characters, so error messages can propose a legal name. */
export function suggestName(raw: string, max: number): string {
  return raw.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, max).replace(/-+$/, '');
}
