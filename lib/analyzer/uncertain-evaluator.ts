import { addressPredicatesOf } from './address-predicates';
import { endpointRef } from './endpoints';
import { parseIp } from './ip-match';
import { endpointOf } from './peers';
import { Family, PodAddress, PodAddressSpace, podAddressSpace } from './pod-addresses';
import { podCidrsOf } from './pod-cidrs';
import { Cluster, Endpoint, Evaluator, Flow, FlowPeer, Verdict } from './types';

/** An evaluator that marks verdicts depending on where a pod without a known IP sits in the pod CIDRs. */
export interface PodAddressAware {
  /** False when no address peer of the policies reaches into the pod CIDRs: no verdict can be uncertain. */
  readonly podAddressesMatter: boolean;
}

/** Whether `evaluator` was wrapped by `withPodAddressUncertainty` and some verdict of it may be uncertain. */
export function podAddressesMatter(evaluator: Evaluator): boolean {
  return (evaluator as Partial<PodAddressAware>).podAddressesMatter === true;
}

/** One way to fill in a flow's sides: each IP-less endpoint given one candidate place. */
interface Placement {
  readonly from?: PodAddress;
  readonly to?: PodAddress;
  readonly verdict: Verdict;
}

// Bounds the search for the address peers that tell an allowed placement from a denied one.
const MAX_COMPARED = 64;

/**
 * Wraps an evaluator so that a flow with an endpoint whose IPs are not known is also evaluated with that endpoint
 * at each candidate place in the pod CIDRs (both sides' places combined when both are unknown). When every place
 * gives the same verdict it is certain; when they differ the verdict keeps the answer for a pod that matches no
 * address peer, with `certain: false` and an assumption naming the pod and the peers that decide it. Other fields
 * of the evaluator (`policies`, `problems`) are kept.
 *
 * A side is placed only when evaluating the flow read its (empty) IPs: an evaluation that never looks at them
 * takes the same path whatever they are, so its verdict cannot depend on them. That keeps flows no address peer
 * takes part in as cheap as before.
 */
export function withPodAddressUncertainty<E extends Evaluator>(evaluator: E, cluster: Cluster): E & PodAddressAware {
  const space = podAddressSpace(podCidrsOf(cluster), addressPredicatesOf(cluster, evaluator.engine));
  if (!space.matters) return { ...evaluator, podAddressesMatter: false };

  const placed = new WeakMap<Endpoint, Endpoint[]>();
  const placedAt = (e: Endpoint, i: number): Endpoint => {
    let copies = placed.get(e);
    if (copies === undefined) {
      copies = space.candidates.map(c => ({ ...e, ips: c.ips }));
      placed.set(e, copies);
    }
    return copies[i];
  };
  const sidesOf = (peer: FlowPeer, read: boolean): { peer: FlowPeer; address?: PodAddress }[] => {
    if (!read || !unknownAddress(peer)) return [{ peer }];
    return space.candidates.map((address, i) => ({ peer: { kind: 'endpoint', endpoint: placedAt(endpointOf(peer)!, i) }, address }));
  };

  // Copies of IP-less endpoints that note when an evaluation reads their IPs; one per side, as a pod may talk to a replica.
  const read = new Set<Side>();
  const watched = { from: new WeakMap<Endpoint, Endpoint>(), to: new WeakMap<Endpoint, Endpoint>() };
  const watch = (peer: FlowPeer, side: Side): FlowPeer => {
    if (!unknownAddress(peer)) return peer;
    const endpoint = endpointOf(peer)!;
    let copy = watched[side].get(endpoint);
    if (copy === undefined) {
      copy = Object.defineProperty({ ...endpoint }, 'ips', { enumerable: true, get: () => (read.add(side), endpoint.ips) });
      watched[side].set(endpoint, copy);
    }
    return { kind: 'endpoint', endpoint: copy };
  };

  return {
    ...evaluator,
    podAddressesMatter: true,
    evaluate(flow: Flow): Verdict {
      if (!unknownAddress(flow.from) && !unknownAddress(flow.to)) return evaluator.evaluate(flow);
      read.clear();
      const base = evaluator.evaluate({ ...flow, from: watch(flow.from, 'from'), to: watch(flow.to, 'to') });
      if (read.size === 0) return base;
      const placements: Placement[] = [];
      for (const from of sidesOf(flow.from, read.has('from'))) {
        for (const to of sidesOf(flow.to, read.has('to'))) {
          // A connection uses one family: two sides without a common one never talk.
          if (!shareFamily(from.peer, to.peer)) continue;
          placements.push({ from: from.address, to: to.address, verdict: evaluator.evaluate({ ...flow, from: from.peer, to: to.peer }) });
        }
      }
      if (placements.length === 0) return base;
      const allowed = placements[0].verdict.allowed;
      if (placements.every(p => p.verdict.allowed === allowed)) return allowed === base.allowed ? base : placements[0].verdict;
      return { ...base, certain: false, assumption: assumptionOf(cluster, space, flow, placements) };
    },
  };
}

function unknownAddress(peer: FlowPeer): boolean {
  return peer.kind === 'endpoint' && peer.endpoint.ips.length === 0;
}

function familiesOf(peer: FlowPeer): Family[] {
  const ips = peer.kind === 'ip' ? [peer.ip] : peer.endpoint.ips;
  return ips.map(ip => parseIp(ip)?.kind()).filter((f): f is Family => f !== undefined);
}

function shareFamily(a: FlowPeer, b: FlowPeer): boolean {
  const fa = familiesOf(a);
  const fb = familiesOf(b);
  return fa.length === 0 || fb.length === 0 || fa.some(f => fb.includes(f));
}

type Side = 'from' | 'to';

/**
 * `prod/attacker has no known IP; whether it is in ipBlock(...) of NetworkPolicy prod/db decides the verdict (pod
 * CIDRs ...): declare its IP or the pod CIDRs`. The peers named are those that differ between an allowed and a
 * denied placement that differ least, preferring peers of policies that took part in some verdict.
 */
function assumptionOf(cluster: Cluster, space: PodAddressSpace, flow: Flow, placements: readonly Placement[]): string {
  const allowed = placements.filter(p => p.verdict.allowed).slice(0, MAX_COMPARED);
  const denied = placements.filter(p => !p.verdict.allowed).slice(0, MAX_COMPARED);
  let best = Infinity;
  let deciding = new Set<string>();
  for (const a of allowed) {
    for (const d of denied) {
      const differences = (['from', 'to'] as const).flatMap(side => differencesOf(side, a[side], d[side]));
      if (differences.length < best) {
        best = differences.length;
        deciding = new Set(differences);
      } else if (differences.length === best) {
        differences.forEach(x => deciding.add(x));
      }
    }
  }
  const involved = new Set(placements.flatMap(p => p.verdict.trace.map(e => e.policy).filter((x): x is string => x !== undefined)));
  // Traces name Calico's view of a NetworkPolicy `NetworkPolicy ns/x (knp, ...)`: the predicate's id is its prefix.
  const takesPart = (policy: string) => [...involved].some(id => id === policy || id.startsWith(`${policy} (`));
  const peerKeys = [...deciding].filter(k => predicateOf(space, k) !== undefined);
  const relevant = peerKeys.filter(k => takesPart(predicateOf(space, k)!.policy));
  // In the policies' order, the address family last: the same cluster always words it the same way.
  const keys = [
    ...(relevant.length > 0 ? relevant : peerKeys).sort((x, y) => Number(x.split(':')[1]) - Number(y.split(':')[1])),
    ...[...deciding].filter(k => k.endsWith(':family')),
  ];

  const unknownSides = (['from', 'to'] as const).flatMap(side => {
    const endpoint = endpointOf(flow[side]);
    return endpoint !== undefined && endpoint.ips.length === 0 ? [{ endpoint, keys: keys.filter(k => k.startsWith(`${side}:`)) }] : [];
  });
  // Both sides unknown: name only the side whose place decides, unless neither can be singled out.
  const shown = unknownSides.some(s => s.keys.length > 0) ? unknownSides.filter(s => s.keys.length > 0) : unknownSides;
  const named = shown.map(s => `${endpointRef(s.endpoint, cluster)} has no known IP; ${decidingText(space, s.keys)}`);
  const declared = cluster.podCidrs === undefined ? 'default pod CIDRs' : 'pod CIDRs';
  return `${named.join('; ')} (${declared} ${space.podCidrs.join(', ')}): declare ${shown.length > 1 ? 'their IPs' : 'its IP'} or the pod CIDRs`;
}

/** `side:family` and `side:<predicate index>` for what tells the two placements of a side apart. */
function differencesOf(side: Side, a: PodAddress | undefined, b: PodAddress | undefined): string[] {
  if (a === undefined || b === undefined) return [];
  const keys = a.matches.flatMap((m, i) => m !== b.matches[i] ? [`${side}:${i}`] : []);
  if (a.families.join() !== b.families.join()) keys.push(`${side}:family`);
  return keys;
}

function predicateOf(space: PodAddressSpace, key: string) {
  const index = key.split(':')[1];
  return index === 'family' ? undefined : space.predicates[Number(index)];
}

/** `whether it is in X of P or Y of Q (and its address family) decides the verdict`. */
function decidingText(space: PodAddressSpace, keys: readonly string[]): string {
  const byText = new Map<string, string[]>();
  for (const key of keys) {
    const p = predicateOf(space, key);
    if (p !== undefined) byText.set(p.text, [...byText.get(p.text) ?? [], p.policy]);
  }
  const family = keys.some(k => k.endsWith(':family'));
  const peers = [...byText].map(([text, policies]) => `${text} of ${[...new Set(policies)].join(', ')}`).join(' or ');
  if (peers === '' && !family) return 'where it sits in the pod CIDRs decides the verdict';
  if (peers === '') return 'whether it has an IPv4 address, an IPv6 address or both decides the verdict';
  return `whether it is in ${peers}${family ? ' (and which address families it has)' : ''} decides the verdict`;
}
