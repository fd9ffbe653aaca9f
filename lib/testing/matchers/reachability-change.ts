import { analyze, NetpolTarget } from '../workloads';
import { MatcherContextLike, MatcherResult, cannotEvaluate, matcherHint } from './support';
import { FlowChange, reachabilityDiff } from '../../analyzer/diff';
import { EngineName } from '../../analyzer/evaluators';
import { effectText } from '../../analyzer/explain';

/** The reachability delta a change must make: every flow it newly allows and newly denies, nothing else. */
export interface ReachabilityChangeSpec {
  /**
   * Flows allowed after the change and not before, as `"ns/web -> ns/db 5432"` (`5432/UDP`; default TCP); with the
   * outside, `"ns/api -> outside:203.0.113.0/24 443"`, and `any` for every port the policies do not name.
   */
  readonly added?: readonly string[];
  /** Flows allowed before the change and not after, written the same way. */
  readonly removed?: readonly string[];
  /** The engine whose semantics to judge by; default: the engine of the changed target's policies. */
  readonly engine?: EngineName;
}

const FLOW = /^(\S+) -> (\S+) (\d+|any)(?:\/(TCP|UDP|SCTP))?$/;

/**
 * Passes when the flows (between workloads, on the ports each destination declares) that `after` allows and `before`
 * does not are exactly `added`, and those `before` allows and `after` does not exactly `removed`. On failure it prints
 * each unexpected change with its trace after the change, and each expected change that did not happen.
 */
export function toChangeReachabilityOf(
  this: MatcherContextLike, after: NetpolTarget, before: NetpolTarget, spec: ReachabilityChangeSpec = {},
): MatcherResult {
  const hint = matcherHint(this, 'toChangeReachabilityOf', 'before, { added, removed }');
  const expected: Record<'added' | 'removed', Set<string>> = { added: new Set(), removed: new Set() };
  for (const side of ['added', 'removed'] as const) {
    for (const text of spec[side] ?? []) {
      const m = FLOW.exec(text.trim());
      if (!m) return cannotEvaluate(this, hint, `${side}: ${JSON.stringify(text)} is not a flow; write "ns/from -> ns/to 5432" or "... 53/UDP"`);
      expected[side].add(`${m[1]} -> ${m[2]} ${m[3]}/${m[4] ?? 'TCP'}`);
    }
  }
  const changed = analyze(after, spec.engine);
  const original = analyze(before, changed.evaluator.engine as EngineName);
  const delta = reachabilityDiff(original.cluster, changed.cluster, changed.evaluator.engine as EngineName);
  const text = (c: FlowChange) => `${c.from} -> ${c.to} ${c.anyPort ? 'any' : c.port}/${c.protocol}`;
  const problems: string[] = [];
  for (const side of ['added', 'removed'] as const) {
    const actual = new Map(delta[side].map(c => [text(c), c]));
    const verb = side === 'added' ? 'newly allowed' : 'newly denied';
    for (const [key, c] of actual) {
      if (expected[side].has(key)) continue;
      const why = c.gone !== undefined ? `      (${c.gone} no longer exists)` : c.trace.map(e => `      ${effectText(e)}`).join('\n');
      problems.push(`  unexpected, ${verb}: ${key}${c.certain === false ? ' [uncertain]' : ''}\n${why}`);
    }
    for (const key of expected[side]) if (!actual.has(key)) problems.push(`  expected ${verb}, but not: ${key}`);
  }
  const pass = problems.length === 0;
  const all = [...delta.added.map(c => `  + ${text(c)}`), ...delta.removed.map(c => `  - ${text(c)}`)].join('\n') || '  (no change)';
  return {
    pass,
    message: () => pass
      ? `${hint}\n\nExpected another change under ${delta.engine}, but it is exactly:\n${all}`
      : `${hint}\n\nThe change under ${delta.engine} differs from the expected one:\n${problems.join('\n')}\n\nThe change (complete):\n${all}`,
  };
}
