import { policyFamily } from '../policy-family';
import { Cluster, PolicyDocument } from '../types';

/** A direction of traffic, as the NetworkPolicy spec spells its rule lists. */
export type Direction = 'ingress' | 'egress';

export const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

/** The field of a rule that lists its peers: `from` for ingress, `to` for egress. */
export const PEERS_FIELD: Readonly<Record<Direction, 'from' | 'to'>> = { ingress: 'from', egress: 'to' };

/** A NetworkPolicy as the lints read it: Kubernetes defaults applied, lists normalised. */
export interface NetworkPolicyView {
  readonly doc: PolicyDocument;
  readonly namespace: string;
  /** `NetworkPolicy ns/name`. */
  readonly subject: string;
  /** `{}` when absent: every pod of the namespace. */
  readonly podSelector: any;
  /** The effective policyTypes, per direction. */
  readonly isolates: Readonly<Record<Direction, boolean>>;
  /** The rules as written (also those Kubernetes ignores because of policyTypes). */
  readonly rules: Readonly<Record<Direction, readonly any[]>>;
}

/** Every Kubernetes `NetworkPolicy` of the cluster (admin tiers, Calico and Cilium are not linted here), in model order. */
export function networkPolicies(cluster: Cluster): NetworkPolicyView[] {
  return cluster.policies.filter(p => policyFamily(p) === 'kubernetes').map(viewOf);
}

function viewOf(doc: PolicyDocument): NetworkPolicyView {
  const namespace = doc.namespace ?? 'default';
  const spec = doc.spec ?? {};
  const rules = {
    ingress: Array.isArray(spec.ingress) ? spec.ingress : [],
    egress: Array.isArray(spec.egress) ? spec.egress : [],
  };
  const types = effectivePolicyTypes(spec.policyTypes, rules.egress.length > 0);
  return {
    doc,
    namespace,
    subject: `NetworkPolicy ${namespace}/${doc.name}`,
    podSelector: spec.podSelector ?? {},
    isolates: { ingress: types.includes('Ingress'), egress: types.includes('Egress') },
    rules,
  };
}

/** API server defaulting: an absent or empty policyTypes is Ingress, plus Egress when egress rules exist. */
export function effectivePolicyTypes(policyTypes: unknown, hasEgressRules: boolean): string[] {
  if (Array.isArray(policyTypes) && policyTypes.length > 0) return policyTypes.map(String);
  return hasEgressRules ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The peers of a rule, or undefined when the rule has none (then it applies to every peer). */
export function peersOf(rule: any, direction: Direction): any[] | undefined {
  const peers = rule?.[PEERS_FIELD[direction]];
  return Array.isArray(peers) && peers.length > 0 ? peers : undefined;
}

/** True for a selector that selects everything: absent, or without labels and expressions. */
export function isEmptySelector(selector: any): boolean {
  if (selector === undefined || selector === null) return true;
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}
