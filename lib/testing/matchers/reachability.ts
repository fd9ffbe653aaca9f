import { explainText } from '../../analyzer';
import { analyze, NetpolTarget } from '../workloads';
import { Resolved, resolvePeer, resolvePort } from './flows';
import { HOW_TO_DECIDE, MatcherContextLike, MatcherResult, cannotEvaluate, indent, matcherHint, peerKey, peerRefIn } from './support';
import { ProtocolName, badProtocolText, protocolOf } from '../../analyzer/declared/protocol-name';
import { Cluster, Evaluator, Flow, FlowPeer, Verdict } from '../../analyzer/types';

/** The complete set of flows allowed on one port among some endpoints. */
export interface ReachabilitySpec {
  /** A container port number, or a port name: then each destination's port of that name (destinations without one are skipped). */
  readonly port: number | string;
  /** Default TCP (or the named port's protocol). */
  readonly protocol?: ProtocolName;
  /** The engine whose semantics to judge by; default: the engine of the target's policies (kubernetes when only NetworkPolicies). */
  readonly engine?: 'kubernetes' | 'calico' | 'calico-crd' | 'cilium' | 'cluster-network-policy';
  /** Every allowed flow, as `"from -> to"` with `ns/name`, `ns/Kind/name` or IP sides; an endpoint to itself counts (replicas). */
  readonly allowed: readonly string[];
  /** The sides to compare, as sources and as destinations (refs or IPs). Default: every endpoint of the cluster. */
  readonly among?: readonly string[];
  /** The sources only, when they differ from the destinations. Default: `among`. */
  readonly from?: readonly string[];
  /** The destinations only, when they differ from the sources. Default: `among`. */
  readonly to?: readonly string[];
}

/** Beyond this many flows per list, traces are left out so the message stays readable. */
const MAX_TRACES = 10;

interface Judged {
  readonly text: string;
  readonly flow: Flow;
  readonly verdict: Verdict;
}

/**
 * Passes when the flows allowed on `port` among the endpoints are exactly `allowed`: nothing missing, nothing more.
 * On failure it prints the missing and the unexpected flows with their traces, and the complete allowed set.
 * When a verdict is uncertain (it depends on where a pod without declared IPs sits), it fails, with `.not` too.
 */
export function toHaveReachability(this: MatcherContextLike, target: NetpolTarget, spec: ReachabilitySpec): MatcherResult {
  const hint = matcherHint(this, 'toHaveReachability', `{ port: ${JSON.stringify(spec.port)}${spec.protocol ? `, protocol: '${spec.protocol}'` : ''}, ... }`);
  if (spec.protocol !== undefined && !protocolOf(spec.protocol)) return cannotEvaluate(this, hint, badProtocolText(spec.protocol));
  const { cluster, evaluator } = analyze(target, spec.engine);
  const sources = resolveAll(cluster, spec.from ?? spec.among);
  if (!sources.ok) return cannotEvaluate(this, hint, sources.message);
  const destinations = resolveAll(cluster, spec.to ?? spec.among);
  if (!destinations.ok) return cannotEvaluate(this, hint, destinations.message);
  const judged = judgeAll(cluster, evaluator, sources.value, destinations.value, spec);
  const expected = expectedKeys(cluster, sources.value, destinations.value, spec.allowed);
  if (!expected.ok) return cannotEvaluate(this, hint, expected.message);
  const uncertain = [...judged.values()].filter(j => j.verdict.certain === false);
  if (uncertain.length > 0) {
    // The set of allowed flows is not known, so neither the assertion nor its negation may pass.
    return { pass: this.isNot, message: () => `${hint}\n\n${uncertainText(uncertain)}` };
  }

  const allowed = [...judged.values()].filter(j => j.verdict.allowed);
  const allowedKeys = new Set([...judged].filter(([, j]) => j.verdict.allowed).map(([k]) => k));
  const missing = [...expected.value].filter(([key]) => !allowedKeys.has(key));
  const unexpected = allowed.filter(j => !expected.value.has(pairKey(j.flow.from, j.flow.to)));
  const pass = missing.length === 0 && unexpected.length === 0;

  const protocol = spec.protocol ? protocolOf(spec.protocol) : undefined;
  const portText = typeof spec.port === 'string' ? `port "${spec.port}"${protocol ? `/${protocol}` : ''}` : `${spec.port}/${protocol ?? 'TCP'}`;
  const among = `from ${sources.value.length} sources to ${destinations.value.length} destinations`;
  const complete = allowed.map(j => `  ${j.text}`).sort().join('\n') || '  (none)';
  return {
    pass,
    message: () => pass
      ? `${hint}\n\nExpected the flows allowed on ${portText} ${among} to differ from the given set, but they are exactly:\n${complete}`
      : [
        `${hint}\n\nThe flows allowed on ${portText} ${among} differ from the expected set.`,
        missing.length ? `Missing (expected allowed, but denied):\n${listed(missing.map(([key, text]) => judged.get(key) ?? text), '-')}` : '',
        unexpected.length ? `Unexpected (allowed, but not expected):\n${listed(unexpected, '+')}` : '',
        `Allowed (complete):\n${complete}`,
      ].filter(Boolean).join('\n\n'),
  };
}

/** The flows whose verdict depends on unknown pod IPs, each with what decides it, and how to decide. */
function uncertainText(uncertain: readonly Judged[]): string {
  const lines = uncertain.map(j => `  ? ${j.text} (${j.verdict.allowed ? 'allowed' : 'denied'} for a pod in no address peer)\n      ${j.verdict.assumption}`).sort();
  const shown = lines.slice(0, MAX_TRACES).join('\n');
  const more = lines.length > MAX_TRACES ? `\n  ... and ${lines.length - MAX_TRACES} more` : '';
  return `The allowed flows cannot be told: ${lines.length} ${lines.length === 1 ? 'verdict is' : 'verdicts are'} uncertain.\n${shown}${more}\n${HOW_TO_DECIDE}`;
}

/** The sides to compare, deduplicated. */
function resolveAll(cluster: Cluster, among: readonly string[] | undefined): Resolved<FlowPeer[]> {
  if (among === undefined) return { ok: true, value: cluster.endpoints.map(endpoint => ({ kind: 'endpoint', endpoint })) };
  const peers = new Map<string, FlowPeer>();
  for (const ref of among) {
    const peer = resolvePeer(cluster, ref);
    if (!peer.ok) return peer;
    peers.set(peerKey(peer.value), peer.value);
  }
  return { ok: true, value: [...peers.values()] };
}

/** Every ordered pair with a port to try, keyed by pair. Two addresses are outside the cluster and skipped. */
function judgeAll(
  cluster: Cluster, evaluator: Evaluator, sources: readonly FlowPeer[], destinations: readonly FlowPeer[], spec: ReachabilitySpec,
): Map<string, Judged> {
  const judged = new Map<string, Judged>();
  for (const from of sources) {
    for (const to of destinations) {
      if (from.kind === 'ip' && to.kind === 'ip') continue;
      if (typeof spec.port === 'string' && to.kind === 'ip') continue;
      const port = resolvePort(cluster, to, spec.port, spec.protocol);
      if (!port.ok) continue;
      const flow: Flow = { from, to, ...port.value };
      const text = `${peerRefIn(cluster, from)} -> ${peerRefIn(cluster, to)}`;
      judged.set(pairKey(from, to), { text, flow, verdict: evaluator.evaluate(flow) });
    }
  }
  return judged;
}

/** The expected pairs: key -> the text as written. */
function expectedKeys(
  cluster: Cluster, sources: readonly FlowPeer[], destinations: readonly FlowPeer[], allowed: readonly string[],
): Resolved<Map<string, string>> {
  const compared = [{ keys: new Set(sources.map(peerKey)), role: 'sources' }, { keys: new Set(destinations.map(peerKey)), role: 'destinations' }];
  const keys = new Map<string, string>();
  for (const text of allowed) {
    const sides = text.split('->').map(s => s.trim());
    if (sides.length !== 2 || !sides[0] || !sides[1]) return { ok: false, message: `"${text}" is not a flow: write "from -> to"` };
    const resolved: FlowPeer[] = [];
    for (const [i, side] of sides.entries()) {
      const peer = resolvePeer(cluster, side);
      if (!peer.ok) return peer;
      if (!compared[i].keys.has(peerKey(peer.value))) {
        return { ok: false, message: `"${side}" in "${text}" is not among the ${compared[i].role} compared (see among, from, to)` };
      }
      resolved.push(peer.value);
    }
    if (resolved[0].kind === 'ip' && resolved[1].kind === 'ip') return { ok: false, message: `"${text}" joins two addresses: one side must be in the cluster` };
    keys.set(pairKey(resolved[0], resolved[1]), text);
  }
  return { ok: true, value: keys };
}

function pairKey(from: FlowPeer, to: FlowPeer): string {
  return `${peerKey(from)} -> ${peerKey(to)}`;
}

/** One line per flow, with its trace for the first few; flows never evaluated (no such port) say so. */
function listed(items: readonly (Judged | string)[], mark: string): string {
  return items
    .map(item => typeof item === 'string' ? { text: item, judged: undefined } : { text: item.text, judged: item })
    .sort((a, b) => a.text.localeCompare(b.text))
    .map(({ text, judged }, i) => {
      if (!judged) return `  ${mark} ${text} (the destination declares no such port)`;
      return i < MAX_TRACES ? `  ${mark} ${text}\n${indent(explainText(judged.flow, judged.verdict), '      ')}` : `  ${mark} ${text}`;
    })
    .join('\n');
}
