import { explainText } from '../analyzer';
import { analyze } from './analysis';
import { FlowSpec, resolveFlow } from './flow-spec';
import { HOW_TO_DECIDE, MatcherContextLike, MatcherResult, cannotEvaluate, indent, matcherHint } from './matcher-result';
import { peerRefIn } from './peer-ref';
import { NetpolTarget } from './target';

/**
 * Passes when the policies of `target` allow the flow (both the source's egress and the destination's ingress).
 * An uncertain verdict (it depends on where a pod without declared IPs sits in the pod CIDRs) fails, with `.not` too.
 */
export function toAllow(this: MatcherContextLike, target: NetpolTarget, flow: FlowSpec): MatcherResult {
  return judgeFlow(this, 'toAllow', target, flow, true);
}

/** Passes when the policies of `target` deny the flow (on either side). An uncertain verdict fails, with `.not` too. */
export function toDeny(this: MatcherContextLike, target: NetpolTarget, flow: FlowSpec): MatcherResult {
  return judgeFlow(this, 'toDeny', target, flow, false);
}

function judgeFlow(ctx: MatcherContextLike, name: string, target: NetpolTarget, spec: FlowSpec, wantAllowed: boolean): MatcherResult {
  const hint = matcherHint(ctx, name, flowSpecText(spec));
  const { cluster, evaluator } = analyze(target, spec.engine);
  const flow = resolveFlow(cluster, spec);
  if (!flow.ok) return cannotEvaluate(ctx, hint, flow.message);
  const verdict = evaluator.evaluate(flow.value);
  const f = flow.value;
  const text = `${peerRefIn(cluster, f.from)} -> ${peerRefIn(cluster, f.to)} ${f.port}/${f.protocol}`;
  const wanted = (ctx.isNot ? !wantAllowed : wantAllowed) ? 'allowed' : 'denied';
  if (verdict.certain === false) {
    // Neither answer is proven, so neither the assertion nor its negation may pass.
    return {
      pass: ctx.isNot,
      message: () => `${hint}\n\nExpected ${text} to be ${wanted}, but the verdict is uncertain:\n  ${verdict.assumption}\n${HOW_TO_DECIDE}\n`
        + `The trace for a pod in no address peer:\n${indent(explainText(f, { ...verdict, certain: true }), '  ')}`,
    };
  }
  const actual = verdict.allowed ? 'allowed' : 'denied';
  return {
    pass: verdict.allowed === wantAllowed,
    message: () => `${hint}\n\nExpected ${text} to be ${wanted}, but it is ${actual}:\n${indent(explainText(f, verdict), '  ')}`,
  };
}

function flowSpecText(spec: FlowSpec): string {
  const protocol = spec.protocol ? `, protocol: '${spec.protocol}'` : '';
  const port = typeof spec.port === 'string' ? `'${spec.port}'` : String(spec.port);
  return `{ from: '${spec.from}', to: '${spec.to}', port: ${port}${protocol} }`;
}
