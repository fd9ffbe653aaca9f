import { CalicoAction } from '../compile/form';
import { PeerReach } from '../peer-reach';
import { Endpoint, Flow } from '../types';

export type { CalicoAction };

/** A rule compiled once: protocol, source and destination together. Never throws. */
export interface CalicoRule {
  /** `ingress[0]`, with the admin rule's name when it has one. */
  readonly label: string;
  readonly action: CalicoAction;
  /** One line for traces: what the rule matches. */
  readonly text: string;
  /** For the matrix, read as an ingress rule; absent: it may match any flow. */
  readonly ingressReach?: IngressReach;
  matches(flow: Flow): boolean;
}

/** What the matrix needs of an ingress rule to find its sources without asking every class. */
export interface IngressReach {
  /** The sources it may match. */
  readonly sources: PeerReach;
  /** False only when it matches no flow to this destination on this port, whatever the source (`flow.from` is not read). */
  mayMatchAt(flow: Flow): boolean;
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
  /** A namespaced policy's namespace: it applies to pods of that namespace only. */
  readonly namespace?: string;
  /** A label (`[key, value]`, in Calico's labels of the pod) every pod it applies to carries, to find it by. */
  readonly label?: readonly [string, string];
  /** Whether the policy applies to pods of this endpoint. */
  selects(endpoint: Endpoint): boolean;
}
