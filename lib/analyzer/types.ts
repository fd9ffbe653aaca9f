// The analyzer's vocabulary. The analyzer is TypeScript-only (not part of the jsii API):
// it uses unions and maps freely and is imported from `cdk-netpol/build/analyzer`.

/** Transport protocols network policies match. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** A label map. */
export type Labels = Readonly<Record<string, string>>;

/** A container port a workload declares. */
export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/** A namespace: declared by a manifest, or implied by a reference (then only its name label). */
export interface Namespace {
  readonly name: string;
  readonly labels: Labels;
  readonly declared: boolean;
}

/** A set of pods that policies cannot tell apart: a Pod, or the pod template of a workload. */
export interface Endpoint {
  /** `Pod`, `Deployment`, `StatefulSet`, `DaemonSet`, `ReplicaSet`, `ReplicationController`, `Job`, `CronJob`. */
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** The pods' labels (a Pod's own, a workload's pod template's). */
  readonly labels: Labels;
  /** `status.podIP`/`podIPs` of a Pod; empty when unknown. */
  readonly ips: readonly string[];
  readonly ports: readonly ContainerPort[];
  /** The pods' service account (`spec.serviceAccountName`, `default` when unset); Calico and Cilium can select on it. */
  readonly serviceAccount?: string;
  /** Where it was read from, for messages: `file.yaml#3`. */
  readonly source?: string;
}

/** A Calico Tier: policies in tiers of lower order are evaluated first. */
export interface Tier {
  readonly name: string;
  /** Unset means last. */
  readonly order?: number;
  /** What happens to traffic that policies of the tier selected but no rule decided: `Deny` (default) or `Pass`. */
  readonly defaultAction?: 'Deny' | 'Pass';
  readonly source?: string;
}

/** A Service, kept to tell Service ports from container ports. */
export interface Service {
  readonly name: string;
  readonly namespace: string;
  readonly selector: Labels;
  readonly ports: readonly { readonly name?: string; readonly port: number; readonly targetPort?: number | string; readonly protocol: Protocol }[];
  readonly source?: string;
}

/**
 * A Calico `NetworkSet` (namespaced) or `GlobalNetworkSet` (no namespace): addresses that Calico rule selectors
 * match by the set's labels, as they match pods.
 */
export interface NetworkSet {
  /** Undefined for a GlobalNetworkSet. */
  readonly namespace?: string;
  readonly name: string;
  readonly labels: Labels;
  /** `spec.nets` as written: CIDRs, or bare addresses (a /32 or /128). */
  readonly nets: readonly string[];
  /** `spec.allowedEgressDomains` (Calico Enterprise): not resolved to addresses. */
  readonly allowedEgressDomains?: readonly string[];
  readonly source?: string;
}

/** A ServiceAccount: Calico passes its labels on to the pods that run as it (`pcsa.<key>`, service account selectors). */
export interface ServiceAccount {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly source?: string;
}

/**
 * An object of a kind a policy could refer to, or that changes what policies do, but that the analyzer does not
 * model (a host endpoint, a staged policy, a Calico Profile, a Cilium CIDR group...): verdicts are computed as if
 * it did not exist, and `why` says what that leaves out.
 */
export interface UnmodelledObject {
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string;
  readonly namespace?: string;
  /** Where it was read from: `file.yaml#3`. */
  readonly source?: string;
  /** One sentence: what the analyzer leaves out. */
  readonly why: string;
}

/**
 * Policy kinds the analyzer reads, as their manifests name them. `NetworkPolicy` is also Calico's namespaced kind
 * (`projectcalico.org/v3` or `crd.projectcalico.org/v1`): tell them apart by `apiVersion`.
 */
export type PolicyKind =
  | 'NetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy' | 'ClusterNetworkPolicy'
  | 'GlobalNetworkPolicy' | 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy';

/** A policy manifest as read, before compilation. */
export interface PolicyDocument {
  readonly apiVersion: string;
  readonly kind: PolicyKind;
  readonly name: string;
  /** Set for namespaced kinds (NetworkPolicy); `default` when the manifest names none. */
  readonly namespace?: string;
  readonly spec: any;
  readonly source?: string;
}

/** Everything the analyzer knows about a cluster. */
export interface Cluster {
  readonly namespaces: ReadonlyMap<string, Namespace>;
  readonly endpoints: readonly Endpoint[];
  readonly services: readonly Service[];
  readonly policies: readonly PolicyDocument[];
  /** Calico Tiers declared by the manifests (the `default` tier exists without being declared). */
  readonly tiers?: readonly Tier[];
  /** Calico NetworkSets and GlobalNetworkSets: addresses Calico rule selectors match by label. */
  readonly networkSets?: readonly NetworkSet[];
  /** ServiceAccounts declared by the manifests; a pod's account that none declares has only its name label. */
  readonly serviceAccounts?: readonly ServiceAccount[];
  /** Objects the analyzer read but does not model, in input order: the CLI warns about each, lint reports them. */
  readonly unmodelled?: readonly UnmodelledObject[];
  /**
   * The CIDRs pods get their IPs from (the cluster's `--cluster-cidr`): where a pod without a known IP may sit.
   * Unset: `DEFAULT_POD_CIDRS`, the private ranges.
   */
  readonly podCidrs?: readonly string[];
}

/** One side of a flow: pods of an endpoint, or an address outside the cluster. */
export type FlowPeer =
  | { readonly kind: 'endpoint'; readonly endpoint: Endpoint }
  | AddressPeer;

/**
 * An address outside the cluster's pods. Cilium tells more than the address: `fqdn` is the DNS name the address was
 * reached by (its `toFQDNs` rules match it), and `entity` a reserved identity the address has instead of `world`
 * (`host`, `remote-node`, `kube-apiserver`...). Every other engine sees the address alone.
 */
export interface AddressPeer {
  readonly kind: 'ip';
  readonly ip: string;
  readonly fqdn?: string;
  readonly entity?: string;
}

/** A connection attempt. */
export interface Flow {
  readonly from: FlowPeer;
  readonly to: FlowPeer;
  readonly port: number;
  readonly protocol: Protocol;
}

/** What one policy, rule or default did to a flow in one direction. */
export type EffectAction =
  | 'Allow' // a rule allowed it
  | 'Deny' // a rule denied it (admin tiers)
  | 'Pass' // an admin rule passed it on to the next tier
  | 'NotIsolated' // no policy selects the pod in this direction: allowed
  | 'Isolated' // policies select the pod in this direction and none allowed it: denied
  | 'NotApplicable'; // the side is outside the cluster: no policy of ours applies

/** One step of a verdict's explanation, in evaluation order. */
export interface Effect {
  readonly direction: 'ingress' | 'egress';
  /**
   * Kubernetes evaluator: `Admin` (AdminNetworkPolicy, ClusterNetworkPolicy tier Admin), `NetworkPolicy`, `Baseline`,
   * or `default` for the end of the chain. Calico evaluator: the Calico tier's name (`default`, `adminnetworkpolicy`,
   * `security`...), `profile` for the namespace profile that allows what no tier decided, `outside` for a side
   * outside the cluster.
   */
  readonly tier: string;
  /** `NetworkPolicy prod/web-ingress` etc.; undefined for defaults. */
  readonly policy?: string;
  /** `ingress[0]`, with the rule's name for admin rules (`ingress[1] (deny-y)`); undefined when no single rule decided. */
  readonly rule?: string;
  readonly priority?: number;
  readonly action: EffectAction;
  /** One line, stable text. */
  readonly detail: string;
}

/** The answer for one flow. */
export interface Verdict {
  readonly allowed: boolean;
  readonly egressAllowed: boolean;
  readonly ingressAllowed: boolean;
  /** Egress effects first (the source's side), then ingress (the destination's side). */
  readonly trace: readonly Effect[];
  /**
   * False when the verdict depends on where a pod without a known IP sits in the pod CIDRs (an ipBlock, a
   * `networks` or `nets` peer holds some of its possible IPs and not others); `allowed` is then the verdict for a
   * pod that matches no such peer.
   */
  readonly certain: boolean;
  /** When not certain: which pod and which address peer decide it, and how to settle it. */
  readonly assumption?: string;
}

/** An engine's semantics, compiled once over a cluster; evaluation never throws. */
export interface Evaluator {
  readonly engine: string;
  evaluate(flow: Flow): Verdict;
}
