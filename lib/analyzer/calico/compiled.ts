import { CalicoAction } from '../compile/form';
import { Endpoint, Flow } from '../types';

export type { CalicoAction };

/** A rule compiled once: protocol, source and destination together. Never throws. */
export interface CalicoRule {
  /** `ingress[0]`, with the admin rule's name when it has one. */
  readonly label: string;
  readonly action: CalicoAction;
  /** One line for traces: what the rule matches. */
  readonly text: string;
  matches(flow: Flow): boolean;
}

/** A policy as Calico orders and applies it: its own kinds, Kubernetes NetworkPolicies and the admin kinds. */
export interface CalicoPolicy {
  /** `Calico NetworkPolicy prod/x`, `GlobalNetworkPolicy x`, `NetworkPolicy prod/x (knp, order 1000, tier default)`. */
  readonly id: string;
  /** The Calico tier's name. */
  readonly tier: string;
  /** Lower first; undefined is last. */
  readonly order?: number;
  /** `name/namespace/kind` as Calico names the policy internally: breaks ties of order (felix `PolKVLess`). */
  readonly sortKey: string;
  readonly governsIngress: boolean;
  readonly governsEgress: boolean;
  readonly ingress: readonly CalicoRule[];
  readonly egress: readonly CalicoRule[];
  /** Parts read in a narrower sense than written (source ports, HTTP matches, unknown Services), for explanations. */
  readonly problems: readonly string[];
  /** Whether the policy applies to pods of this endpoint. */
  selects(endpoint: Endpoint): boolean;
}
