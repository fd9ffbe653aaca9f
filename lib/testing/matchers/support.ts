import { endpointId, endpointRef } from '../../analyzer/endpoints';
import { Cluster, Endpoint, FlowPeer } from '../../analyzer/types';

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

/** A flow side as the matchers print it, and read it back: `ns/name` (`ns/Kind/name` when the name is shared), or the IP. */
export function peerRefIn(cluster: Cluster, peer: FlowPeer): string {
  return peer.kind === 'ip' ? peer.ip : endpointRef(peer.endpoint, cluster);
}

/** A key equal for the same side however it was written. */
export function peerKey(peer: FlowPeer): string {
  return peer.kind === 'ip' ? `ip:${peer.ip}` : endpointId(peer.endpoint);
}

// A message stays readable in a big cluster; the loader's own message names the namespace's endpoints.
const MAX_LISTED = 50;

/** The endpoints of the cluster, one per line, sorted; or why there are none. */
export function knownEndpointsText(cluster: Cluster): string {
  if (cluster.endpoints.length === 0) {
    return 'The chart has no workloads: declare the pods its policies should be judged against with declareWorkloads(chart, [...]) or withWorkloads(chart, [...]).';
  }
  const lines = cluster.endpoints.map(e => `  ${endpointRef(e, cluster)} (${e.kind}${labelsText(e)})`).sort();
  const more = lines.length > MAX_LISTED ? `\n  ... and ${lines.length - MAX_LISTED} more` : '';
  return `Known endpoints:\n${lines.slice(0, MAX_LISTED).join('\n')}${more}`;
}

function labelsText(e: Endpoint): string {
  const labels = Object.entries(e.labels).map(([k, v]) => `${k}=${v}`).join(',');
  return labels ? ` ${labels}` : '';
}
