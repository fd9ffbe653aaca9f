import { apiCheck } from './api-check';
import { ApiCode } from './api-codes';
import { ApiError } from './api-error';
import { ApiProblem, pathText } from './api-problem';
import { isMapping } from './describe';
import { KindInfo } from './kinds';
import { SourcedObject } from './objects';
import { Origin, originMessage } from './origin';
import { withoutFields } from './schema/prune';
import { escapeControls, oneLineMessage } from './source-label';

/**
 * What to do with an object the API server would refuse:
 * - `strict` (the default): refuse it, as `kubectl apply` (strict field validation) does;
 * - `lenient`: read it as an API server without strict field validation would: unknown fields dropped
 *   (with a warning per object), every other problem still refused;
 * - `report`: skip it and report each problem (and each object of a kind the analyzer does not read).
 */
export type ApiCheckMode = 'strict' | 'lenient' | 'report';

/** A note about one object, for the user: a lenient read that dropped fields, or an object read but not modelled. */
export interface LoaderWarning {
  /** The file, as `ManifestError.source`. */
  readonly source: string;
  /** One line, starting with the file (labelled as ManifestError messages label it). */
  readonly message: string;
}

/** One problem of one object, or one skipped object, in `report` mode. */
export interface ApiFinding {
  readonly code: ApiCode;
  /** `NetworkPolicy prod/web`. */
  readonly subject: string;
  readonly origin: Origin;
  /** The field path, the problem and its fix (or why the object is skipped), one line. */
  readonly message: string;
  /** The field path alone (`spec.egress[0].from`); absent for a skipped object. */
  readonly field?: string;
  /** The fix alone; absent for a skipped object. */
  readonly fix?: string;
}

export interface ApiCheckOptions {
  readonly mode?: ApiCheckMode;
  readonly onWarning?: (warning: LoaderWarning) => void;
  readonly onFinding?: (finding: ApiFinding) => void;
}

/**
 * The object to read, after the API checks: the object itself, a copy without its unknown fields
 * (lenient), or undefined when it is skipped (report mode, or a kind not read). Throws an ApiError in
 * strict and lenient modes for an object the API server would refuse.
 */
export function screenObject(object: SourcedObject, info: KindInfo | undefined, options: ApiCheckOptions = {}): Record<string, any> | undefined {
  const { doc, origin } = object;
  if (object.rendered === true) return doc;
  const mode = options.mode ?? 'strict';
  const check = apiCheck(doc);
  if (check.skipped !== undefined) {
    if (mode === 'report') options.onFinding?.({ code: ApiCode.API_KIND_SKIPPED, subject: subjectOf(doc, info), origin, message: `${doc.apiVersion} ${doc.kind} is skipped: ${check.skipped}` });
    return undefined;
  }
  if (check.problems.length === 0) return doc;
  const subject = subjectOf(doc, info);
  if (mode === 'report') {
    for (const p of check.problems) {
      options.onFinding?.({ code: p.code, subject, origin, message: `${pathText(p.path)}: ${p.message}. Fix: ${p.fix}`, field: pathText(p.path), fix: p.fix });
    }
    return undefined;
  }
  if (mode === 'strict') throw new ApiError(origin, subject, check.problems);
  return lenientRead(doc, origin, subject, check.problems, options);
}

function lenientRead(
  doc: Record<string, any>, origin: Origin, subject: string, problems: readonly ApiProblem[], options: ApiCheckOptions,
): Record<string, any> {
  const unknown = problems.filter(p => p.code === ApiCode.API_UNKNOWN_FIELD);
  const pruned = withoutFields(doc, unknown.map(p => p.path));
  // What remains is checked again: a peer that held only a misspelt field is now empty, and refused.
  const remaining = unknown.length === 0 ? problems : apiCheck(pruned).problems;
  if (remaining.length > 0) throw new ApiError(origin, subject, remaining);
  const fields = unknown.map(p => pathText(p.path)).join(', ');
  const text = originMessage(origin, `${subject}: dropped unknown field${unknown.length > 1 ? 's' : ''} ${fields} (read leniently, as an API server without strict field validation would)`);
  options.onWarning?.({ source: origin.file, message: oneLineMessage(origin.file, text) });
  return pruned;
}

/** `NetworkPolicy prod/web`, `Calico NetworkPolicy prod/web`, `Tier security`: the object as messages and lint name it. */
export function subjectOf(doc: Record<string, any>, info: KindInfo | undefined): string {
  const metadata = isMapping(doc.metadata) ? doc.metadata : {};
  const name = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : '<unnamed>';
  const given = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  const namespace = info === undefined ? given : info.namespaced ? given ?? 'default' : undefined;
  return escapeControls(`${info?.label ?? doc.kind} ${namespace === undefined ? '' : `${namespace}/`}${name}`);
}
