import { PeerMatcher } from './peers';
import { PortMatcher } from './ports';
import { Endpoint } from './types';

/** A rule compiled once: `peers`/`ports` undefined means every peer / every port. */
export interface CompiledRule {
  /** `ingress[0]`, or the rule's name for admin policies: `ingress[0] (deny-all)`. */
  readonly label: string;
  readonly action: 'Allow' | 'Deny' | 'Pass';
  readonly peers?: readonly PeerMatcher[];
  readonly ports?: readonly PortMatcher[];
}

/** A policy compiled once, whatever its kind. */
export interface CompiledPolicy {
  /** `NetworkPolicy prod/web`, `AdminNetworkPolicy deny-all`... */
  readonly id: string;
  readonly tier: 'Admin' | 'NetworkPolicy' | 'Baseline';
  /** The namespace of a NetworkPolicy; undefined for cluster-scoped kinds. */
  readonly namespace?: string;
  /** Lower first; NetworkPolicies have none. */
  readonly priority?: number;
  /** NetworkPolicy only: the directions it isolates. */
  readonly isolatesIngress: boolean;
  readonly isolatesEgress: boolean;
  readonly ingress: readonly CompiledRule[];
  readonly egress: readonly CompiledRule[];
  /** Parts that could not be read and therefore match nothing (fail closed), for explanations and lints. */
  readonly problems: readonly string[];
  /** Whether the policy applies to pods of this endpoint. */
  selects(endpoint: Endpoint): boolean;
}
