import { classIndex } from '../class-index';
import { EndpointClass, EndpointClasses } from '../classes';
import { LabelSelector } from '../compile/form';
import { CompiledPolicy, CompiledRule } from '../compiled';
import { ParsedCidr } from '../ip-match';
import { MatrixPort, MatrixSupport, classFlow, pairVerdictOf } from '../matrix-support';
import { PeerMatcher } from '../peers';
import { matchesLabelSelector } from '../selectors';
import { Effect, Endpoint, Flow, FlowPeer, Labels, Verdict } from '../types';

type Direction = 'ingress' | 'egress';

/** The policies that apply to one endpoint, per tier, in evaluation order. */
export interface KubernetesSelection {
  /** Admin tier policies selecting it, by priority. */
  readonly admin: readonly CompiledPolicy[];
  /** NetworkPolicies of its namespace selecting it and isolating it for ingress / egress, in the cluster's order. */
  readonly ingress: readonly CompiledPolicy[];
  readonly egress: readonly CompiledPolicy[];
  /** Baseline tier policies selecting it, by priority. */
  readonly baseline: readonly CompiledPolicy[];
}

/** The Kubernetes semantics, compiled once, as the evaluator and its matrix support share them. */
export interface KubernetesRules {
  readonly nsLabels: (namespace: string) => Labels;
  /** The policies that apply to `pod` (computed once per endpoint). */
  selectionOf(pod: Endpoint): KubernetesSelection;
  /** Whether `pod`'s side of the flow lets it through; `effects`, when given, receives the trace. */
  side(direction: Direction, pod: Endpoint, flow: Flow, effects?: Effect[]): boolean;
}

const ALL = 'all';
/** Classes a peer or rule matches: a list (repeats allowed), or every class. */
type ClassList = readonly EndpointClass[] | typeof ALL;

/**
 * The Kubernetes evaluator's matrix path. For a destination class and port, its ingress side is walked once over
 * the classes: the admin tier's rules in order (the first that matches a source decides it; Pass sends it on), then
 * the NetworkPolicies isolating it (the union of their peers), or else the baseline tier and the default allow. Each
 * peer's classes are found once (pod peers through their namespaces). The sources whose ingress is allowed are the
 * candidates; a pair then costs only the source's egress side. Sources without a known IP, when pod addresses
 * matter, are always candidates and their pairs are evaluated whole (their verdict may be uncertain), as are pairs
 * to a destination without a known IP.
 */
export function kubernetesMatrixSupport(
  rules: KubernetesRules, classes: EndpointClasses, evaluate: (flow: Flow) => Verdict, podAddressesMatter: boolean,
): MatrixSupport {
  const all = classes.classes;
  const n = all.length;
  const byNamespace = new Map<string, EndpointClass[]>();
  for (const c of all) {
    const list = byNamespace.get(c.representative.namespace);
    if (list) list.push(c);
    else byNamespace.set(c.representative.namespace, [c]);
  }
  const namespaces = [...byNamespace.keys()];
  const unknownAddress = (c: EndpointClass) => podAddressesMatter && c.representative.ips.length === 0;
  const placed = all.filter(unknownAddress);

  // Namespaces by label, so a namespace selector with `matchLabels` is checked against the namespaces that carry one
  // of its labels only (`kubernetes.io/metadata.name: x` against one), not against every namespace.
  const namespacesByLabel = new Map<string, string[]>();
  for (const ns of namespaces) {
    const labels = rules.nsLabels(ns);
    for (const key of Object.keys(labels)) {
      const at = `${key}\u0000${labels[key]}`;
      const list = namespacesByLabel.get(at);
      if (list) list.push(ns);
      else namespacesByLabel.set(at, [ns]);
    }
  }
  const namespaceCache = new Map<string, string[]>();
  const namespacesMatching = (selector: LabelSelector): string[] => {
    const key = JSON.stringify(selector);
    let found = namespaceCache.get(key);
    if (found === undefined) {
      let candidates: readonly string[] = namespaces;
      for (const [label, value] of Object.entries(selector.matchLabels ?? {})) {
        const list = typeof value === 'string' ? namespacesByLabel.get(`${label}\u0000${value}`) ?? [] : [];
        if (list.length < candidates.length) candidates = list;
      }
      found = candidates.filter(ns => matchesLabelSelector(selector, rules.nsLabels(ns)));
      namespaceCache.set(key, found);
    }
    return found;
  };
  const peerCache = new Map<PeerMatcher, ClassList>();
  const byText = new Map<string, ClassList>();
  const inNetworks = classesInNetworks(classes);
  const peerClasses = (peer: PeerMatcher): ClassList => {
    let found = peerCache.get(peer);
    if (found !== undefined) return found;
    const pods = peer.pods;
    if (pods) {
      const inNamespaces = pods.namespaceSelector === undefined ? [pods.ownNamespace!] : namespacesMatching(pods.namespaceSelector);
      const everyPod = selectsEverything(pods.podSelector);
      found = everyPod && pods.namespaceSelector !== undefined && inNamespaces.length === namespaces.length
        ? ALL
        : inNamespaces.flatMap(ns => (byNamespace.get(ns) ?? [])
          .filter(c => everyPod || matchesLabelSelector(pods.podSelector, c.representative.labels)));
    } else {
      // An address peer (or one that matches nothing): the same text is the same test.
      found = byText.get(peer.text);
      if (found === undefined) {
        // The classes with an IP in one of the peer's networks, then checked: not every class for every peer.
        const candidates = inNetworks(peer.text) ?? all;
        found = candidates.filter(c => peer.matches({ kind: 'endpoint', endpoint: c.representative }));
        byText.set(peer.text, found);
      }
    }
    peerCache.set(peer, found);
    return found;
  };
  const ruleCache = new Map<CompiledRule, ClassList>();
  const ruleClasses = (rule: CompiledRule): ClassList => {
    let found = ruleCache.get(rule);
    if (found === undefined) {
      if (rule.peers === undefined) {
        found = ALL;
      } else {
        const lists = rule.peers.map(peerClasses);
        found = lists.includes(ALL) ? ALL : (lists as (readonly EndpointClass[])[]).flat();
      }
      ruleCache.set(rule, found);
    }
    return found;
  };

  // Whether a class is among a rule's classes, for the admin and baseline tiers' rules (few, cluster-scoped): a rule's
  // deny list is looked up, never walked, so a destination costs the sources that may be allowed.
  const memberCache = new Map<CompiledRule, ReadonlySet<EndpointClass> | typeof ALL>();
  const membersOf = (rule: CompiledRule): ReadonlySet<EndpointClass> | typeof ALL => {
    let found = memberCache.get(rule);
    if (found === undefined) {
      const list = ruleClasses(rule);
      found = list === ALL ? ALL : new Set(list);
      memberCache.set(rule, found);
    }
    return found;
  };
  const isMember = (rule: CompiledRule, c: EndpointClass) => {
    const members = membersOf(rule);
    return members === ALL || members.has(c);
  };
  // Stamps instead of sets, per destination and port: `inUnion[i] === w` when a NetworkPolicy rule admits class i,
  // `seen[i] === w` when class i was considered, `chosen[i] === w` when it is a candidate.
  const inUnion = new Int32Array(n);
  const seen = new Int32Array(n);
  const chosen = new Int32Array(n);
  let walkStamp = 0;

  return {
    candidateSources(destination: EndpointClass, port: MatrixPort): EndpointClass[] {
      const to: FlowPeer = { kind: 'endpoint', endpoint: destination.representative };
      const portMatches = (rule: CompiledRule) => rule.ports === undefined || rule.ports.some(m => m.matches(port.port, port.protocol, to));
      const selection = rules.selectionOf(destination.representative);
      const admin = selection.admin.flatMap(p => p.ingress.filter(portMatches));
      const baseline = selection.baseline.flatMap(p => p.ingress.filter(portMatches));
      const isolated = selection.ingress.length > 0;
      const w = ++walkStamp;

      // The union of the NetworkPolicies' allows, when they isolate the destination.
      let unionAll = false;
      const unionLists: (readonly EndpointClass[])[] = [];
      for (const policy of selection.ingress) {
        for (const rule of policy.ingress) {
          if (!portMatches(rule)) continue;
          const list = ruleClasses(rule);
          if (list === ALL) {
            unionAll = true;
            continue;
          }
          unionLists.push(list);
          for (const c of list) inUnion[c.index] = w;
        }
      }
      /** The destination's ingress verdict for a source: the first admin rule with it decides (Pass sends it on), ... */
      const allows = (c: EndpointClass): boolean => {
        for (const rule of admin) {
          if (!isMember(rule, c)) continue;
          if (rule.action === 'Allow') return true;
          if (rule.action === 'Deny') return false;
          break;
        }
        // ... then the NetworkPolicies isolating it, or else the first baseline rule with it (Pass allows), or allow.
        if (isolated) return unionAll || inUnion[c.index] === w;
        for (const rule of baseline) if (isMember(rule, c)) return rule.action !== 'Deny';
        return true;
      };

      // Where allowed sources come from: admin Allow rules; then, for the sources that get past the admin tier (all,
      // or when an Allow or Deny rule of it takes every class, only those passed on before it), the NetworkPolicies'
      // allows, or the baseline tier's Allow and Pass rules and the default allow.
      let everyClass = false;
      const lists: (readonly EndpointClass[])[] = [];
      const from = (list: ClassList) => {
        if (list === ALL) everyClass = true;
        else lists.push(list);
      };
      // Undefined: any source may get past the admin tier; else only those the Pass rules before its first rule taking
      // every class passed on.
      let pastAdmin: (readonly EndpointClass[])[] | undefined;
      const passed: (readonly EndpointClass[])[] = [];
      for (const rule of admin) {
        const list = ruleClasses(rule);
        if (rule.action === 'Allow') from(list);
        if (list === ALL) {
          if (rule.action !== 'Pass') pastAdmin = passed;
          break;
        }
        if (rule.action === 'Pass') passed.push(list);
      }
      const fromPast = (list: ClassList) => {
        if (list !== ALL) lists.push(list);
        else if (pastAdmin === undefined) everyClass = true;
        else lists.push(...pastAdmin);
      };
      if (isolated) {
        if (unionAll) fromPast(ALL);
        else lists.push(...unionLists);
      } else {
        let reachDefault = true;
        for (const rule of baseline) {
          const list = ruleClasses(rule);
          if (rule.action !== 'Deny') fromPast(list);
          if (list === ALL) {
            reachDefault = false;
            break;
          }
        }
        if (reachDefault) fromPast(ALL);
      }

      const out: EndpointClass[] = [];
      const consider = (c: EndpointClass) => {
        if (seen[c.index] === w) return;
        seen[c.index] = w;
        if (!allows(c)) return;
        chosen[c.index] = w;
        out.push(c);
      };
      if (everyClass) all.forEach(consider);
      else for (const list of lists) list.forEach(consider);
      // Sources whose place in the pod CIDRs may change the verdict: always candidates.
      for (const c of placed) if (chosen[c.index] !== w) out.push(c);
      return out;
    },

    verdict(source: EndpointClass, destination: EndpointClass, port: MatrixPort) {
      const flow = classFlow(source, destination, port);
      if (unknownAddress(source) || unknownAddress(destination)) return pairVerdictOf(evaluate(flow));
      // The ingress side chose the candidate: only the source's egress is left.
      return { allowed: rules.side('egress', source.representative, flow), certain: true };
    },
  };
}

/**
 * The classes whose representative has an IP in one of the networks of the address test named `text` (an ipBlock's
 * `cidr`, an admin peer's `networks`): a superset of those the test holds for, found through the class index.
 * Undefined for a text no address test has.
 */
function classesInNetworks(classes: EndpointClasses): (text: string) => readonly EndpointClass[] | undefined {
  const tests = new Map<string, readonly ParsedCidr[]>();
  for (const p of classes.features.addresses) if (!tests.has(p.text)) tests.set(p.text, p.cidrs);
  const index = classIndex(classes);
  return text => {
    const cidrs = tests.get(text);
    return cidrs === undefined ? undefined : index.within({ namespaces: [], networks: cidrs });
  };
}

/** Whether a label selector selects every pod: undefined or `{}`. */
function selectsEverything(selector: LabelSelector | undefined): boolean {
  if (selector === undefined) return true;
  const labels = selector.matchLabels ?? {};
  const expressions = selector.matchExpressions ?? [];
  return Object.keys(labels).length === 0 && expressions.length === 0;
}
