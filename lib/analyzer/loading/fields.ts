import { Problem } from '../../model/problem';
import { checkLabelKey, checkLabelValue, checkNamespaceName, checkObjectName } from '../../model/syntax';
import { Labels, Protocol } from '../types';
import { describeValue, isMapping } from './describe';
import { ManifestError } from './manifest-error';
import { Origin, originMessage } from './origin';

/** Throws a ManifestError about `field` of the object being read. */
export type Fail = (field: string, problem: string) => never;

const PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];

/** `<message> (got "x"). Fix: <fix>`: a model problem as the tail of a loader message. */
export function problemText(problem: Problem): string {
  return `${problem.message} (got ${JSON.stringify(problem.value)}). Fix: ${problem.fix}`;
}

/** `metadata.name`, checked as Kubernetes checks it (a namespace's as a DNS label, others as a DNS subdomain). */
export function readName(doc: Record<string, any>, fail: Fail, isNamespace = false): string {
  const name = metadataOf(doc, fail).name;
  if (name === undefined || name === null || name === '') fail('metadata.name', 'is missing');
  if (typeof name !== 'string') fail('metadata.name', `must be a string, got ${describeValue(name)}`);
  const problems = isNamespace ? checkNamespaceName(name) : checkObjectName(name);
  if (problems.length > 0) fail('metadata.name', problemText(problems[0]));
  return name;
}

/** `metadata.namespace`; `default` when unset, as `kubectl apply` without `-n` does. */
export function readNamespace(doc: Record<string, any>, fail: Fail): string {
  const namespace = metadataOf(doc, fail).namespace;
  if (namespace === undefined || namespace === null || namespace === '') return 'default';
  if (typeof namespace !== 'string') fail('metadata.namespace', `must be a string, got ${describeValue(namespace)}`);
  const problems = checkNamespaceName(namespace);
  if (problems.length > 0) fail('metadata.namespace', problemText(problems[0]));
  return namespace;
}

/** A label map (labels, or a Service's selector): string keys and values, checked as Kubernetes checks labels. */
export function readLabels(value: unknown, field: string, fail: Fail): Labels {
  if (value === undefined || value === null) return {};
  if (!isMapping(value)) fail(field, `must map label keys to values, got ${describeValue(value)}`);
  const labels: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    const at = `${field}[${JSON.stringify(key)}]`;
    const keyProblems = checkLabelKey(key);
    if (keyProblems.length > 0) fail(at, problemText(keyProblems[0]));
    if (typeof v !== 'string') fail(at, `must be a string, got ${describeValue(v)}; quote it in YAML`);
    const valueProblems = checkLabelValue(v);
    if (valueProblems.length > 0) fail(at, problemText(valueProblems[0]));
    labels[key] = v;
  }
  return labels;
}

/** A port number: an integer from 1 to 65535. */
export function readPortNumber(value: unknown, field: string, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    fail(field, `must be a port number from 1 to 65535, got ${describeValue(value)}`);
  }
  return value;
}

/** A protocol; TCP when unset, as the API server defaults it. */
export function readProtocol(value: unknown, field: string, fail: Fail): Protocol {
  if (value === undefined || value === null) return 'TCP';
  if (typeof value !== 'string' || !PROTOCOLS.includes(value)) fail(field, `must be TCP, UDP or SCTP, got ${describeValue(value)}`);
  return value as Protocol;
}

/** A list field: empty when unset. */
export function readList(value: unknown, field: string, fail: Fail): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(field, `must be a list, got ${describeValue(value)}`);
  return value;
}

/** A mapping field: undefined when unset. */
export function readMapping(value: unknown, field: string, fail: Fail): Record<string, any> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isMapping(value)) fail(field, `must be a mapping, got ${describeValue(value)}`);
  return value;
}

/** A mapping that must be there. */
export function readObject(value: unknown, field: string, fail: Fail): Record<string, any> {
  if (!isMapping(value)) fail(field, `must be a mapping, got ${describeValue(value)}`);
  return value;
}

function metadataOf(doc: Record<string, any>, fail: Fail): Record<string, any> {
  const metadata = readMapping(doc.metadata, 'metadata', fail);
  if (metadata === undefined) fail('metadata.name', 'is missing');
  return metadata;
}

/** A `Fail` for one object: messages read `<file>: document <n>: <subject>: <field>: <problem>`. */
export function failFor(origin: Origin, subject: string): Fail {
  return (field, problem) => {
    throw new ManifestError(origin.file, originMessage(origin, `${subject}: ${field}: ${problem}`));
  };
}
