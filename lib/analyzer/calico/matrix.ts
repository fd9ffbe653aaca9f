import { CalicoPolicy, CalicoRule } from './compiled';
import { classIndex } from '../class-index';
import { EndpointClass, EndpointClasses } from '../classes';
import { MatrixPort, MatrixSupport, classFlow, pairVerdictOf } from '../matrix-support';
import { Endpoint, Flow, FlowPeer, Tier, Verdict } from '../types';

/** A tier that applies to a pod in one direction, with its policies that apply to it, in evaluation order. */
export interface AppliedTier {
  readonly tier: Tier;
  readonly policies: readonly CalicoPolicy[];
}

/** What the Calico evaluator shares with its matrix path. */
export interface CalicoRules {
  /** The tiers that apply to the pod for ingress, in order (computed once per endpoint). */
  ingressTiersOf(pod: Endpoint): readonly AppliedTier[];
  /** Whether the flow between two pods is allowed, without a trace. */
  allows(from: Endpoint, to: Endpoint, flow: Flow): boolean;
}

const ALL = 'all';
/** Classes a rule may match: a list, or every class. */
type ClassList = readonly EndpointClass[] | typeof ALL;

/**
 * The Calico evaluator's matrix path. For a destination class and port, only the tiers and policies that apply to
 * it are read, and of their ingress rules only those that may match on that port (`IngressReach.mayMatchAt`); the
 * sources each rule may match are found once per rule, in its namespaces or networks (`IngressReach.sources`). The
 * candidates are the sources of Allow rules that can still reach them, and those that may pass every applying tier
 * to the namespace's profile; with no tier applying, every class. Each candidate pair is then evaluated without a trace.
 */
export function calicoMatrixSupport(
  rules: CalicoRules, classes: EndpointClasses, evaluate: (flow: Flow) => Verdict, podAddressesMatter: boolean,
): MatrixSupport {
  const all = classes.classes;
  // Pods without a known IP, when addresses matter: their verdicts are evaluated for every place in the pod CIDRs,
  // so a rule that matches by address may match them.
  const unknownAddress = (c: EndpointClass) => podAddressesMatter && c.representative.ips.length === 0;
  const placed = all.filter(unknownAddress);
  const index = classIndex(classes);
  const ruleCache = new Map<CalicoRule, ClassList>();
  const sourcesOf = (rule: CalicoRule): ClassList => {
    let found = ruleCache.get(rule);
    if (found === undefined) {
      const reach = rule.ingressReach?.sources;
      if (reach === undefined) {
        found = ALL;
      } else {
        const inBound = reach.bound === undefined ? all : index.within(reach.bound);
        found = inBound.filter(c => reach.mayMatch(c.representative));
        if (reach.bound === undefined && found.length === all.length) found = ALL;
      }
      ruleCache.set(rule, found);
    }
    return found;
  };
  const chosen = new Int32Array(all.length);
  let stamp = 0;

  return {
    candidateSources(destination: EndpointClass, port: MatrixPort): EndpointClass[] | typeof ALL {
      const tiers = rules.ingressTiersOf(destination.representative);
      // No tier applies: the namespace's profile allows every source.
      if (tiers.length === 0) return ALL;
      const to: FlowPeer = { kind: 'endpoint', endpoint: destination.representative };
      const at: Flow = { from: to, to, port: port.port, protocol: port.protocol };
      const anyPlace = unknownAddress(destination);
      const s = ++stamp;
      const out: EndpointClass[] = [];
      let everyClass = false;
      // The sources that may get to the current tier: undefined for every class.
      let reaching: ReadonlySet<EndpointClass> | undefined;
      const admit = (list: ClassList) => {
        if (list === ALL) {
          if (reaching === undefined) everyClass = true;
          else reaching.forEach(add);
        } else {
          for (const c of list) if (reaching === undefined || reaching.has(c)) add(c);
        }
      };
      const add = (c: EndpointClass) => {
        if (chosen[c.index] === s) return;
        chosen[c.index] = s;
        out.push(c);
      };
      for (const { tier, policies } of tiers) {
        // What leaves this tier for the next: its Pass rules' sources, or every source when the tier passes by default.
        let passesAll = tier.defaultAction === 'Pass';
        const passes: (readonly EndpointClass[])[] = [];
        for (const policy of policies) {
          for (const rule of policy.ingress) {
            if (rule.action === 'Log' || rule.action === 'Deny') continue;
            if (!anyPlace && rule.ingressReach !== undefined && !rule.ingressReach.mayMatchAt(at)) continue;
            const list = sourcesOf(rule);
            if (rule.action === 'Allow') admit(list);
            else if (list === ALL) passesAll = true;
            else passes.push(list);
          }
        }
        if (everyClass) return ALL;
        if (!passesAll) {
          const before = reaching;
          const next = new Set<EndpointClass>();
          for (const list of passes) for (const c of list) if (before === undefined || before.has(c)) next.add(c);
          reaching = next;
        }
      }
      // What every applying tier passed on reaches the profile, which allows it.
      admit(ALL);
      if (everyClass) return ALL;
      placed.forEach(add);
      return out;
    },

    verdict(source: EndpointClass, destination: EndpointClass, port: MatrixPort) {
      const flow = classFlow(source, destination, port);
      // A pair whose verdict may depend on a pod's place in the pod CIDRs is evaluated whole, as the matrix was given it.
      if (unknownAddress(source) || unknownAddress(destination)) return pairVerdictOf(evaluate(flow));
      return { allowed: rules.allows(source.representative, destination.representative, flow), certain: true };
    },
  };
}
