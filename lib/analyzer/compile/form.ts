// The analyzer's engine-neutral normalized form: every policy document read once, its defaults applied once.
// Plain readonly data (no closures): the evaluators build their matchers from it, the lints, the matrix and the
// address predicates read it. Nothing outside `loading/` and `compile/` reads a policy document's `spec`.

import { CalicoSelector } from '../../engines/calico/selector-language';
import { CalicoPort } from '../calico/rule-fields';
import { ParsedCidr } from '../ip-match';
import { PolicyFamily } from '../policy-family';
import { PolicyKind, Protocol, Service } from '../types';

/** A direction of traffic, as the policies spell their rule lists. */
export type Direction = 'ingress' | 'egress';

/** One value per direction. */
export interface PerDirection<T> {
  readonly ingress: T;
  readonly egress: T;
}

/** One requirement of a Kubernetes label selector. */
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

/**
 * A Kubernetes label selector as written (`matchLabels` and `matchExpressions` must all hold; `{}` selects
 * everything). Kept as the manifest wrote it: the matchers read it as they always did.
 */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** What every normalized policy has. */
interface PolicyFormBase {
  /** `NetworkPolicy prod/web`, `AdminNetworkPolicy deny-all`, `Calico NetworkPolicy prod/x`, `GlobalNetworkPolicy x`... */
  readonly id: string;
  readonly kind: PolicyKind;
  readonly family: PolicyFamily;
  readonly apiVersion: string;
  readonly name: string;
  /** Namespaced kinds: the namespace (`default` when the manifest names none); undefined for cluster-scoped kinds. */
  readonly namespace?: string;
  /** Where the document was read from, for messages: `file.yaml#3`. */
  readonly source?: string;
  /** Parts that could not be read (or are read in a narrower sense than written), in reading order, with their field. */
  readonly problems: readonly string[];
}

/** Every policy kind, read. `failure` tells a document that could not be read at all from the others. */
export type PolicyForm = NetworkPolicyForm | AdminPolicyForm | CalicoPolicyForm | CiliumPolicyForm | UnreadablePolicyForm;

/** A policy that could be read. */
export type ReadablePolicyForm = Exclude<PolicyForm, UnreadablePolicyForm>;

// ---------------------------------------------------------------------------------------------------------------
// Kubernetes: NetworkPolicy (networking.k8s.io/v1) and the admin kinds (policy.networking.k8s.io).

/** A `networking.k8s.io/v1` NetworkPolicy. */
export interface NetworkPolicyForm extends PolicyFormBase {
  readonly family: 'kubernetes';
  readonly failure?: undefined;
  readonly namespace: string;
  /** `spec.podSelector` over the pods of `namespace`; `{}` when absent: every pod of the namespace. */
  readonly podSelector: LabelSelector;
  /** `spec.policyTypes` as written (empty when absent), for messages. */
  readonly policyTypes: readonly string[];
  /** The directions it isolates: `policyTypes` with the API server's default applied (`effectivePolicyTypes`). */
  readonly isolates: PerDirection<boolean>;
  /** The rules as written, also those of a direction `policyTypes` leaves out. Every rule's action is `Allow`. */
  readonly ingress: readonly RuleForm[];
  readonly egress: readonly RuleForm[];
  /** Its ipBlock peers, each once, in the order the manifest writes them. */
  readonly addressPeers: readonly IpBlockPeerForm[];
}

/** An AdminNetworkPolicy, BaselineAdminNetworkPolicy (v1alpha1) or ClusterNetworkPolicy (v1alpha2). */
export interface AdminPolicyForm extends PolicyFormBase {
  readonly family: 'admin';
  readonly failure?: undefined;
  readonly namespace?: undefined;
  /** AdminNetworkPolicy and ClusterNetworkPolicy tier Admin: `Admin`; the baseline kinds: `Baseline`. */
  readonly tier: 'Admin' | 'Baseline';
  /** Lower first; undefined when not a number. */
  readonly priority?: number;
  readonly subject: AdminSubjectForm;
  /** Rules in order; an admin rule with no peers matches nothing. */
  readonly ingress: readonly RuleForm[];
  readonly egress: readonly RuleForm[];
  /** Its `networks` peers, in the order the manifest writes them. */
  readonly addressPeers: readonly NetworksPeerForm[];
}

/** The pods an admin policy applies to. */
export type AdminSubjectForm =
  | { readonly kind: 'namespaces'; readonly namespaceSelector: LabelSelector }
  | { readonly kind: 'pods'; readonly namespaceSelector: LabelSelector; readonly podSelector: LabelSelector }
  /** Neither namespaces nor pods: it selects nothing (listed in `problems`). */
  | { readonly kind: 'none' };

/** A rule of a NetworkPolicy or an admin policy. */
export interface RuleForm {
  /** `ingress[0]`; admin rules add their name: `ingress[1] (deny-y)`. */
  readonly label: string;
  /** Undefined when the action cannot be read: the rule then matches nothing. */
  readonly action?: 'Allow' | 'Deny' | 'Pass';
  /** Undefined: every peer (a NetworkPolicy rule without `from`/`to`); empty: no peer. */
  readonly peers?: readonly PeerForm[];
  /** Undefined: every port. */
  readonly ports?: readonly PortForm[];
}

/** A peer of a NetworkPolicy or admin rule. */
export type PeerForm = PodsPeerForm | IpBlockPeerForm | NetworksPeerForm | UnreadablePeerForm;

/**
 * Pods chosen by selectors: those matching `podSelector` (undefined: all) in the namespaces matching
 * `namespaceSelector`, or, when it is undefined, in `ownNamespace` (the NetworkPolicy's own).
 */
export interface PodsPeerForm {
  readonly kind: 'pods';
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ownNamespace?: string;
}

/** A NetworkPolicy `ipBlock`: addresses in `cidr` outside every `except`; a pod matches through its IPs. */
export interface IpBlockPeerForm {
  readonly kind: 'ipBlock';
  readonly cidr: string;
  readonly except: readonly string[];
  /** Undefined when a CIDR cannot be read: the peer then matches nothing (listed in `problems`). */
  readonly range?: { readonly cidr: ParsedCidr; readonly except: readonly ParsedCidr[] };
}

/** An admin egress peer `networks`: any of the CIDRs (unreadable ones match nothing). */
export interface NetworksPeerForm {
  readonly kind: 'networks';
  readonly networks: readonly string[];
  /** The readable ones. */
  readonly cidrs: readonly ParsedCidr[];
}

/** A peer that cannot be read: it matches nothing. */
export interface UnreadablePeerForm {
  readonly kind: 'unreadable';
  /** `empty peer; it matches nothing`: the problem, without its field. */
  readonly problem: string;
}

/** A port of a NetworkPolicy or admin rule (a NetworkPolicy's protocol defaults to TCP). */
export type PortForm =
  /** Every port of the protocol. */
  | { readonly kind: 'all'; readonly protocol: Protocol }
  /** `port`, or `port` to `endPort` when given (as written: a range whose end is before its start is empty). */
  | { readonly kind: 'number'; readonly protocol: Protocol; readonly port: number; readonly endPort?: number }
  /** A container port of the destination pod by name; without protocol (admin policies), the container port's own. */
  | { readonly kind: 'named'; readonly protocol?: Protocol; readonly name: string }
  /** Cannot be read: it matches nothing. */
  | { readonly kind: 'unreadable'; readonly problem: string };

// ---------------------------------------------------------------------------------------------------------------
// Calico: NetworkPolicy and GlobalNetworkPolicy, projectcalico.org/v3 or crd.projectcalico.org/v1.

/** What a Calico rule does to the traffic it matches: `Log` records it and evaluation goes on. */
export type CalicoAction = 'Allow' | 'Deny' | 'Log' | 'Pass';

/** A Calico `NetworkPolicy` (namespaced) or `GlobalNetworkPolicy`. */
export interface CalicoPolicyForm extends PolicyFormBase {
  readonly family: 'calico';
  readonly failure?: undefined;
  /** The namespace of a NetworkPolicy; undefined for a GlobalNetworkPolicy. */
  readonly namespace?: string;
  /** `spec.tier`, or `default`. */
  readonly tier: string;
  /** `spec.order`; undefined (last) when unset. */
  readonly order?: number;
  /** The directions it governs: `types` with Calico's default applied (`calicoPolicyTypes`). */
  readonly governs: PerDirection<boolean>;
  readonly subject: CalicoSubjectForm;
  readonly ingress: readonly CalicoRuleForm[];
  readonly egress: readonly CalicoRuleForm[];
  /**
   * The entities with `nets` or `notNets`, in the order the manifest writes them, then the nets of each network set
   * an entity's selector or notSelector matches (each set once).
   */
  readonly addressPeers: readonly CalicoAddressesForm[];
}

/** The pods a Calico policy applies to. */
export type CalicoSubjectForm =
  /** Host endpoints only (`doNotTrack`, `preDNAT`), or an unreadable selector: no pod (listed in `problems`). */
  | { readonly kind: 'none' }
  /** Pods of its namespace (a NetworkPolicy) or of every namespace (a GlobalNetworkPolicy) matching every selector given. */
  | {
    readonly kind: 'endpoints';
    readonly selector?: CalicoSelector;
    /** GlobalNetworkPolicy only. */
    readonly namespaceSelector?: CalicoSelector;
    readonly serviceAccountSelector?: CalicoSelector;
  };

/** A Calico rule; every part given must hold. */
export interface CalicoRuleForm {
  readonly label: string;
  /** Undefined when unreadable: the rule matches nothing. */
  readonly action?: CalicoAction;
  readonly protocol?: CalicoProtocolForm;
  readonly notProtocol?: CalicoProtocolForm;
  /** An `icmp` match: only ICMP packets have it. */
  readonly icmp: boolean;
  readonly ipVersion?: 4 | 6;
  /** An `http` match: needs application layer policy, not evaluated. */
  readonly http: boolean;
  readonly source: CalicoEntityForm;
  readonly destination: CalicoEntityForm;
}

/** A protocol as written, and its number (undefined when Calico would refuse it). */
export interface CalicoProtocolForm {
  readonly written: string;
  readonly number?: number;
}

/** A rule's `source` or `destination` (all fields undefined when the rule has none: every peer). */
export interface CalicoEntityForm {
  /** A selector field could not be parsed: whether the side is selected is unknown (listed in `problems`). */
  readonly unreadableSelector: boolean;
  readonly selector?: CalicoSelector;
  readonly notSelector?: CalicoSelector;
  readonly namespaceSelector?: CalicoSelector;
  /** Present when names or a selector are given. */
  readonly serviceAccounts?: { readonly names: readonly string[]; readonly selector?: CalicoSelector };
  /** `nets` and `notNets`. */
  readonly addresses?: CalicoAddressesForm;
  /**
   * The NetworkSets and GlobalNetworkSets of the cluster that the positive selector expression (`selector`,
   * `serviceAccounts`, with their namespace scoping) matches: an address in one is selected as a matching pod is.
   * Undefined when the entity has no positive expression.
   */
  readonly selectedSets?: readonly CalicoNetworkSetForm[];
  /** The network sets `notSelector` matches: an address in one is excluded as a matching pod is. */
  readonly notSelectedSets?: readonly CalicoNetworkSetForm[];
  readonly services?: CalicoServiceForm;
  readonly ports?: CalicoPortsForm;
  readonly notPorts?: CalicoPortsForm;
}

/** A network set an entity's selector matches: its addresses, as a rule's `nets` are read. */
export interface CalicoNetworkSetForm {
  /** `NetworkSet staging/external-database`, `GlobalNetworkSet ip-protect`. */
  readonly id: string;
  readonly nets: CalicoNetsForm;
}

/**
 * `nets` and `notNets` of an entity (a bare address is a /32 or /128; unreadable entries are left out), or the
 * `nets` of a network set its selector matches (`networkSet` names it).
 */
export interface CalicoAddressesForm {
  readonly kind: 'nets';
  /** Set when these are a network set's nets: `NetworkSet staging/external-database`. */
  readonly networkSet?: string;
  readonly nets?: CalicoNetsForm;
  readonly notNets?: CalicoNetsForm;
}

/** One of `nets`/`notNets`: as written (for texts) and parsed. */
export interface CalicoNetsForm {
  readonly written: readonly string[];
  readonly cidrs: readonly ParsedCidr[];
}

/** `services`: a Service of the cluster; `service` is undefined when its pods are not known (listed in `problems`). */
export interface CalicoServiceForm {
  readonly namespace: string;
  readonly name: string;
  readonly service?: Service;
}

/** `ports` or `notPorts`: the readable entries, and whether some could not be read. */
export interface CalicoPortsForm {
  readonly ports: readonly CalicoPort[];
  readonly unreadable: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Cilium: CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io/v2).

/** A CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy: one rule set per `spec` / `specs[]` entry. */
export interface CiliumPolicyForm extends PolicyFormBase {
  readonly family: 'cilium';
  readonly failure?: undefined;
  /** The namespace of a CiliumNetworkPolicy; undefined for a clusterwide one. */
  readonly namespace?: string;
  readonly ruleSets: readonly CiliumRuleSetForm[];
}

/** One rule set (`spec` or an entry of `specs`). */
export interface CiliumRuleSetForm {
  readonly subject: CiliumSubjectForm;
  /** Deny rules first, then allow rules, each list in order. */
  readonly ingress: readonly CiliumRuleForm[];
  readonly egress: readonly CiliumRuleForm[];
  /** `enableDefaultDeny` per direction; undefined when unset (or unreadable): see `ciliumDefaultDeny`. */
  readonly enableDefaultDeny: { readonly ingress?: boolean; readonly egress?: boolean };
  /** `fromRequires`/`toRequires` of the allow rules, scoped as Cilium scopes them (unreadable ones kept: they match nothing). */
  readonly requires: PerDirection<readonly LabelSelector[]>;
  /** This rule set's problems, prefixed with `specs[i].` for entries of `specs`. */
  readonly problems: readonly string[];
}

/** The pods a rule set applies to. */
export type CiliumSubjectForm =
  /** `endpointSelector`, with the implicit namespace scoping applied: a namespaced policy applies in its namespace only. */
  | { readonly kind: 'endpoints'; readonly selector: LabelSelector }
  /** Missing or unreadable `endpointSelector`: every pod of the policy's scope, its allow rules allowing nothing (fail closed). */
  | { readonly kind: 'unreadable' }
  /** No pod: a host policy (`nodeSelector`), or a rule set that is not a mapping. */
  | { readonly kind: 'none' };

/** A Cilium allow or deny rule. */
export interface CiliumRuleForm {
  /** `ingress[0]`, `egressDeny[1]`, `specs[2].ingress[0]`. */
  readonly label: string;
  readonly action: 'Allow' | 'Deny';
  /** The union of its L3 fields; undefined: every peer; empty: none. */
  readonly peers?: readonly CiliumPeerForm[];
  /** Its `toPorts` ports; undefined: every port; empty: ICMP only, no TCP/UDP/SCTP flow. */
  readonly ports?: readonly CiliumPortForm[];
  /** Why a deny rule is read as matching although it could not be read (fail closed). */
  readonly failClosed?: string;
}

/** A Cilium peer. */
export type CiliumPeerForm =
  /** `fromEndpoints`/`toEndpoints`: `selector` as Cilium scopes it; `added` says what scoping added. */
  | { readonly kind: 'endpoints'; readonly written: LabelSelector; readonly selector: LabelSelector; readonly added?: 'namespace' | 'cluster' }
  /** `fromCIDR`/`toCIDR`/`*CIDRSet`: addresses outside the cluster in `cidr` outside every `except`. */
  | { readonly kind: 'cidr'; readonly cidr: string; readonly except: readonly string[]; readonly range: { readonly cidr: ParsedCidr; readonly except: readonly ParsedCidr[] } }
  /** `fromEntities`/`toEntities`: a name Cilium knows. */
  | { readonly kind: 'entity'; readonly name: string }
  /** `toFQDNs`. */
  | { readonly kind: 'fqdn'; readonly fqdns: readonly { readonly matchName?: string; readonly matchPattern?: string }[] }
  /** `fromNodes`/`toNodes`. */
  | { readonly kind: 'nodes'; readonly selector: LabelSelector }
  /** A peer Cilium would read but the analyzer cannot: `text` names it; an allow matches nothing, a deny everything. */
  | { readonly kind: 'unreadable'; readonly text: string };

/** A `toPorts[].ports[]` entry, with the L7 rules of its port rule. */
export type CiliumPortForm =
  /** Every port (`port: 0`) of `protocols`. */
  | { readonly kind: 'all'; readonly protocol: string; readonly protocols: readonly Protocol[]; readonly l7?: string }
  | { readonly kind: 'range'; readonly protocol: string; readonly protocols: readonly Protocol[]; readonly first: number; readonly last: number; readonly l7?: string }
  /** An IANA service name (lower case), resolved on the destination's container ports. */
  | { readonly kind: 'named'; readonly protocol: string; readonly protocols: readonly Protocol[]; readonly name: string; readonly l7?: string }
  /** Cannot be read: an allow matches nothing, a deny every port (fail closed). */
  | { readonly kind: 'unreadable'; readonly reason: string };

// ---------------------------------------------------------------------------------------------------------------

/** A document that could not be read at all; each evaluator reads it as selecting nothing (or failing closed). */
export interface UnreadablePolicyForm extends PolicyFormBase {
  readonly failure: string;
  /** Whether it has deny rules per direction (Cilium reads them as denying everything in the policy's scope). */
  readonly denies: PerDirection<boolean>;
}
