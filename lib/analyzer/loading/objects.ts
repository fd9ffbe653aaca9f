import { describeValue, isMapping } from './describe';
import { ManifestError } from './manifest-error';
import { itemOrigin, Origin, originMessage } from './origin';

/** A Kubernetes object and where it was read. */
export interface SourcedObject {
  readonly doc: Record<string, any>;
  readonly origin: Origin;
  /**
   * Rendered by cdk-netpol itself in this process (the whole-app check): its renderers are held to the official schemas
   * by the tests, so the API-server screen is not run on it again.
   */
  readonly rendered?: boolean;
}

/**
 * Checks that a document is a Kubernetes object and calls `visit` for it, or for each item of a
 * `List` / `*List` (recursively). Items of a typed list (`PodList`) may omit their kind and apiVersion,
 * as the API server returns them: they get the list's.
 */
export function flattenObjects(value: unknown, origin: Origin, visit: (object: SourcedObject) => void): void {
  const doc = checkObject(value, origin);
  if (!isList(doc)) {
    visit({ doc, origin });
    return;
  }
  const items = doc.items ?? [];
  if (!Array.isArray(items)) fail(origin, `${doc.kind}: items must be a list, got ${describeValue(items)}`);
  const itemKind = doc.kind === 'List' ? undefined : doc.kind.slice(0, -'List'.length);
  items.forEach((item: unknown, i: number) => {
    const filled = itemKind !== undefined && isMapping(item) && item.kind === undefined
      ? { apiVersion: doc.apiVersion, kind: itemKind, ...item }
      : item;
    flattenObjects(filled, itemOrigin(origin, i), visit);
  });
}

function isList(doc: Record<string, any>): boolean {
  if (doc.kind === 'List') return true;
  // `PodList`, `DeploymentList`...: a list only if it holds items, so a custom kind named `...List` is read as itself.
  return doc.kind.length > 'List'.length && doc.kind.endsWith('List') && Array.isArray(doc.items);
}

function checkObject(value: unknown, origin: Origin): Record<string, any> {
  if (!isMapping(value)) {
    fail(origin, `expected a Kubernetes object (a mapping with apiVersion and kind), got ${describeValue(value)}`);
  }
  if (typeof value.kind !== 'string' || value.kind === '') {
    fail(origin, `not a Kubernetes object: kind is ${value.kind === undefined ? 'missing' : `not a name (got ${describeValue(value.kind)})`}`);
  }
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '') {
    fail(origin, `${value.kind}: apiVersion is ${value.apiVersion === undefined ? 'missing' : `not a string (got ${describeValue(value.apiVersion)})`}`);
  }
  return value;
}

function fail(origin: Origin, problem: string): never {
  throw new ManifestError(origin.file, originMessage(origin, problem));
}
