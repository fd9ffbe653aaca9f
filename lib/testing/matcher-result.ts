/** What jest passes a matcher as `this`; only what the matchers read, so jest's types are not needed at runtime. */
export interface MatcherContextLike {
  readonly isNot: boolean;
}

/** What a jest matcher returns. */
export interface MatcherResult {
  readonly pass: boolean;
  message(): string;
}

/** A failure whether or not the matcher is negated: the assertion itself names nothing to judge. */
export function cannotEvaluate(ctx: MatcherContextLike, hint: string, why: string): MatcherResult {
  return { pass: ctx.isNot, message: () => `${hint}\n\nCannot evaluate: ${why}` };
}

/** How to turn an uncertain verdict into a certain one, for failure messages. */
export const HOW_TO_DECIDE = 'Decide it: declare the pod\'s IP with `ips: [...]` in its workload spec (kind Pod), '
  + 'or the cluster\'s pod CIDRs with declareWorkloads(scope, workloads, { podCidrs: [...] }).';

/** `expect(target).toAllow(...)`, or with `.not`. */
export function matcherHint(ctx: MatcherContextLike, name: string, argument: string): string {
  return `expect(target)${ctx.isNot ? '.not' : ''}.${name}(${argument})`;
}

/** Indents every line of `text`. */
export function indent(text: string, by: string): string {
  return text.split('\n').map(line => by + line).join('\n');
}
