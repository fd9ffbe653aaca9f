import { CiliumPolicy, CiliumRule } from './compiled';
import { Identity, matchesCiliumSelector, parseSelectorKey, selectorProblems } from './labels';
import { CiliumPeer } from './peers';
import { EndpointClass, EndpointClasses } from '../classes';
import { MatrixPort, MatrixSupport, classFlow, pairVerdictOf } from '../matrix-support';
import { Effect, Endpoint, Flow, FlowPeer, Verdict } from '../types';

type Direction = 'ingress' | 'egress';

/** The rule sets that apply to a pod, per direction (those with rules in it that select it), in the policies' order. */
export interface CiliumSelection {
  readonly ingress: readonly CiliumPolicy[];
  readonly egress: readonly CiliumPolicy[];
}

/** The `fromRequires`/`toRequires` of the rule sets selecting a pod, folded into its allow rules' endpoint selectors. */
export function requirementsOf(selecting: readonly CiliumPolicy[], direction: Direction): any[] {
  return selecting.length === 1 ? selecting[0].requires[direction] as any[] : selecting.flatMap(p => p.requires[direction]);
}

/** What the Cilium evaluator shares with its matrix path. */
export interface CiliumRules {
  selectionOf(pod: Endpoint): CiliumSelection;
  podIdentityOf(pod: Endpoint): Identity;
  side(direction: Direction, pod: Endpoint, other: FlowPeer, flow: Flow, effects?: Effect[]): boolean;
}

const ALL = 'all';
/** Classes a peer or rule matches: a list (repeats allowed), or every class. */
type ClassList = readonly EndpointClass[] | typeof ALL;
const NONE: readonly EndpointClass[] = [];

/**
 * The Cilium evaluator's matrix path: for a destination class and port, the rule sets selecting it for ingress give
 * its allowed peers (the classes their endpoint selectors match, with `fromRequires` folded in), and its deny rules
 * take theirs away; a destination no rule set selects for ingress admits every class, and one in no default deny
 * every class its deny rules leave. Endpoint selectors find their classes through an index of the classes' identity
 * labels. A candidate pair then costs only the source's egress side. Cilium matches pods by identity, never by
 * address, so no verdict depends on a pod's IPs; pairs with a pod without a known IP are still evaluated whole when
 * the evaluator says addresses matter.
 */
export function ciliumMatrixSupport(
  rules: CiliumRules, classes: EndpointClasses, evaluate: (flow: Flow) => Verdict, podAddressesMatter: boolean,
): MatrixSupport {
  const all = classes.classes;
  const n = all.length;
  const unknownAddress = (c: EndpointClass) => podAddressesMatter && c.representative.ips.length === 0;
  const placed = all.filter(unknownAddress);
  const identityOf = (c: EndpointClass) => rules.podIdentityOf(c.representative);

  // The classes carrying an identity label, by value, for each key a selector anchors on (indexed when first asked):
  // every pod identity label is a `k8s:` one.
  const index = new Map<string, Map<string, EndpointClass[]>>();
  const classesWith = (key: string, value: string): readonly EndpointClass[] => {
    let byValue = index.get(key);
    if (byValue === undefined) {
      byValue = new Map();
      for (const c of all) {
        for (const label of identityOf(c).get(key) ?? []) {
          const list = byValue.get(label.value);
          if (list) list.push(c);
          else byValue.set(label.value, [c]);
        }
      }
      index.set(key, byValue);
    }
    return byValue.get(value) ?? NONE;
  };

  /** The classes matching every selector: looked up by their most selective `matchLabels` pair, then checked. */
  const matchingAll = (selectors: readonly any[]): readonly EndpointClass[] => {
    if (selectors.some(s => selectorProblems(s).length > 0)) return NONE;
    let smallest: readonly EndpointClass[] | undefined;
    for (const selector of selectors) {
      const labels = selector?.matchLabels ?? {};
      // `reserved:all` matches every identity: no anchor from this selector.
      if (Object.keys(labels).some(raw => isReservedAll(raw))) continue;
      for (const [raw, value] of Object.entries(labels)) {
        const { source, key } = parseSelectorKey(raw);
        // Pods carry no other source than k8s: a selector on another source matches no pod.
        const list = source === 'any' || source === 'k8s' ? classesWith(key, String(value)) : NONE;
        if (smallest === undefined || list.length < smallest.length) smallest = list;
      }
    }
    return (smallest ?? all).filter(c => selectors.every(s => matchesCiliumSelector(s, identityOf(c))));
  };
  const selectorCache = new Map<any, Map<string, readonly EndpointClass[]>>();
  const selectorClasses = (selector: any, requirements: readonly any[]): readonly EndpointClass[] => {
    let bySelector = selectorCache.get(selector);
    if (bySelector === undefined) {
      bySelector = new Map();
      selectorCache.set(selector, bySelector);
    }
    const key = requirements.length === 0 ? '' : JSON.stringify(requirements);
    let found = bySelector.get(key);
    if (found === undefined) {
      found = matchingAll([selector, ...requirements]);
      bySelector.set(key, found);
    }
    return found;
  };
  // A peer that is not an endpoint selector (an entity, a CIDR, an FQDN, nodes, an unreadable peer) matches every
  // pod or none, whatever the pod: ask it about one.
  const kindCache = new Map<CiliumPeer, ClassList>();
  const peerClasses = (peer: CiliumPeer, requirements: readonly any[]): ClassList => {
    if (peer.kind === 'endpoints' && peer.selector !== undefined) return selectorClasses(peer.selector, peer.matchesWith ? requirements : []);
    let found = kindCache.get(peer);
    if (found === undefined) {
      found = n > 0 && peer.matches({ kind: 'endpoint', endpoint: all[0].representative }) ? ALL : NONE;
      kindCache.set(peer, found);
    }
    return found;
  };
  const ruleClasses = (rule: CiliumRule, requirements: readonly any[]): ClassList => {
    if (rule.peers === undefined) return ALL;
    // Requirements narrow the endpoint selectors of allow rules only.
    const folded = rule.action === 'Allow' ? requirements : [];
    const lists = rule.peers.map(p => peerClasses(p, folded));
    if (lists.includes(ALL)) return ALL;
    return lists.length === 1 ? lists[0] : (lists as (readonly EndpointClass[])[]).flat();
  };

  // Deny rules' classes, looked up (never walked per destination): a destination costs the sources it may admit.
  const denyCache = new Map<CiliumRule, ReadonlySet<EndpointClass>>();
  const deniedBy = (rule: CiliumRule): ReadonlySet<EndpointClass> => {
    let found = denyCache.get(rule);
    if (found === undefined) {
      found = new Set(ruleClasses(rule, []) as readonly EndpointClass[]);
      denyCache.set(rule, found);
    }
    return found;
  };
  const chosen = new Int32Array(n);
  let stamp = 0;

  return {
    candidateSources(destination: EndpointClass, port: MatrixPort): Iterable<EndpointClass> | 'all' {
      const selecting = rules.selectionOf(destination.representative).ingress;
      if (selecting.length === 0) return 'all';
      const to: FlowPeer = { kind: 'endpoint', endpoint: destination.representative };
      const portMatches = (rule: CiliumRule) => rule.ports === undefined || rule.ports.some(m => m.matches(port.port, port.protocol, to));
      const denies: CiliumRule[] = [];
      const allows: CiliumRule[] = [];
      for (const policy of selecting) {
        for (const rule of policy.ingress) {
          if (!portMatches(rule)) continue;
          if (rule.action === 'Deny') {
            // A deny rule of every peer admits nothing: only pairs whose verdict may be uncertain are left.
            if (ruleClasses(rule, []) === ALL) return placed;
            denies.push(rule);
          } else {
            allows.push(rule);
          }
        }
      }
      const s = ++stamp;
      const out: EndpointClass[] = [];
      const consider = (c: EndpointClass) => {
        if (chosen[c.index] === s) return;
        chosen[c.index] = s;
        // Deny rules win over every allow.
        if (!denies.some(rule => deniedBy(rule).has(c))) out.push(c);
      };
      // Not in default deny: every class its deny rules leave; else those its allow rules admit.
      if (!selecting.some(p => p.isolatesIngress)) {
        all.forEach(consider);
      } else {
        const requirements = requirementsOf(selecting, 'ingress');
        for (const rule of allows) {
          const list = ruleClasses(rule, requirements);
          if (list === ALL) {
            all.forEach(consider);
            break;
          }
          list.forEach(consider);
        }
      }
      for (const c of placed) if (!out.includes(c)) out.push(c);
      return out;
    },

    verdict(source: EndpointClass, destination: EndpointClass, port: MatrixPort) {
      const flow = classFlow(source, destination, port);
      if (unknownAddress(source) || unknownAddress(destination)) return pairVerdictOf(evaluate(flow));
      // The ingress side chose the candidate: only the source's egress is left.
      return { allowed: rules.side('egress', source.representative, flow.to, flow), certain: true };
    },
  };
}

function isReservedAll(raw: string): boolean {
  const { source, key } = parseSelectorKey(raw);
  return source === 'reserved' && key === 'all';
}
