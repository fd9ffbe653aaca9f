import { ErrorCode } from './errors';
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
  const bad = (message: string, fix: string): Problem[] => [{ code: ErrorCode.LABEL_KEY_INVALID, field: '', value: key, message, fix }];
  const parts = key.split('/');
  if (parts.length > 2) {
    return bad('label key has more than one "/"', 'use "prefix/name", e.g. "app.kubernetes.io/name"');
  }
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) {
      return bad('label key prefix must be a lowercase DNS subdomain of at most 253 characters', 'use a prefix like "example.com" or drop the prefix');
    }
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME_PART.test(name)) {
    return bad('label key name must be 1-63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric', 'use a key like "app" or "app.kubernetes.io/name"');
  }
  return [];
}

/** Checks a label value: empty, or ≤63 characters of [A-Za-z0-9-_.] starting and ending alphanumeric. */
export function checkLabelValue(value: string): Problem[] {
  return remembering(validated.labelValues, value, labelValueProblems);
}

function labelValueProblems(value: string): Problem[] {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    return [{
      code: ErrorCode.LABEL_VALUE_INVALID,
      field: '',
      value,
      message: 'label value must be at most 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric',
      fix: 'use a value like "web" or "v1.2"',
    }];
  }
  return [];
}

/** Checks a namespace name: a DNS-1123 label of at most 63 characters. */
export function checkNamespaceName(name: string): Problem[] {
  return remembering(validated.namespaceNames, name, namespaceNameProblems);
}

function namespaceNameProblems(name: string): Problem[] {
  if (name.length === 0 || name.length > 63 || !DNS1123_LABEL.test(name)) {
    return [{
      code: ErrorCode.NAMESPACE_NAME_INVALID,
      field: '',
      value: name,
      message: 'namespace name must be a DNS-1123 label: 1-63 lowercase alphanumerics or "-", starting and ending alphanumeric',
      fix: `use a name like "${suggestName(name, 63) || 'prod'}"`,
    }];
  }
  return [];
}

/** Checks an object name: a DNS-1123 subdomain of at most 253 characters. */
export function checkObjectName(name: string): Problem[] {
  return remembering(validated.objectNames, name, objectNameProblems);
}

function objectNameProblems(name: string): Problem[] {
  if (name.length === 0 || name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    return [{
      code: ErrorCode.NAME_INVALID,
      field: '',
      value: name,
      message: 'object name must be a DNS-1123 subdomain: 1-253 lowercase alphanumerics, "-" or ".", starting and ending alphanumeric',
      fix: `use a name like "${suggestName(name, 253) || 'allow-web'}"`,
    }];
  }
  return [];
}

/** Checks a named port against the IANA service name rules Kubernetes applies (RFC 6335). */
export function checkPortName(name: string): Problem[] {
  const problem = (message: string): Problem[] => [{
    code: ErrorCode.PORT_NAME_INVALID,
    field: '',
    value: name,
    message,
    fix: 'use the container port\'s name as declared in the pod spec, e.g. "http" or "metrics"',
  }];
  if (name.length === 0 || name.length > 15) return problem('a port name must be 1-15 characters');
  if (!IANA_SVC_NAME.test(name)) return problem('a port name must be lowercase alphanumerics or "-", starting and ending alphanumeric');
  if (name.includes('--')) return problem('a port name must not contain "--"');
  if (!/[a-z]/.test(name)) return problem('a port name must contain at least one letter');
  return [];
}

/** Lowercases and replaces illegal characters, so error messages can propose a legal name. */
export function suggestName(raw: string, max: number): string {
  return raw.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, max).replace(/-+$/, '');
}
