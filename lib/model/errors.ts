import { joinField } from './field-paths';
import { Problem } from './problem';

/**
 * Stable error codes. Tests and users match on these, never on message prose.
 */
export class ErrorCode {
  /** A CIDR that is not an IPv4/IPv6 address with a prefix length. */
  public static readonly CIDR_MALFORMED = 'CIDR_MALFORMED';
  /** A CIDR without the `/prefix` part. */
  public static readonly CIDR_MISSING_MASK = 'CIDR_MISSING_MASK';
  /** A prefix length outside 0..32 (IPv4) or 0..128 (IPv6). */
  public static readonly CIDR_INVALID_MASK = 'CIDR_INVALID_MASK';
  /** A CIDR whose address has bits set beyond its prefix. */
  public static readonly CIDR_HOST_BITS_SET = 'CIDR_HOST_BITS_SET';
  /** IPv4 and IPv6 mixed in one ipBlock. */
  public static readonly CIDR_FAMILY_MIX = 'CIDR_FAMILY_MIX';
  /** An `except` entry that is not strictly inside its `cidr`. */
  public static readonly EXCEPT_NOT_INSIDE_CIDR = 'EXCEPT_NOT_INSIDE_CIDR';
  /** A port number outside 1..65535. */
  public static readonly PORT_OUT_OF_RANGE = 'PORT_OUT_OF_RANGE';
  /** A port number that is not an integer. */
  public static readonly PORT_NOT_INTEGER = 'PORT_NOT_INTEGER';
  /** A port range whose end is below its start. */
  public static readonly END_PORT_BELOW_PORT = 'END_PORT_BELOW_PORT';
  /** A port range that starts at a named port. */
  public static readonly END_PORT_WITH_NAMED_PORT = 'END_PORT_WITH_NAMED_PORT';
  /** A named port that breaks the IANA service name rules. */
  public static readonly PORT_NAME_INVALID = 'PORT_NAME_INVALID';
  /** A port given both (or neither) as a number and as a name. */
  public static readonly PORT_AMBIGUOUS = 'PORT_AMBIGUOUS';
  /** A label key that breaks the Kubernetes label key syntax. */
  public static readonly LABEL_KEY_INVALID = 'LABEL_KEY_INVALID';
  /** A label value that breaks the Kubernetes label value syntax. */
  public static readonly LABEL_VALUE_INVALID = 'LABEL_VALUE_INVALID';
  /** A selector expression with values where none are allowed, or none where some are needed. */
  public static readonly SELECTOR_EXPRESSION_INVALID = 'SELECTOR_EXPRESSION_INVALID';
  /** An empty label map used as a selector; `Selector.all()` is the explicit way to say "every pod". */
  public static readonly SELECTOR_EMPTY = 'SELECTOR_EMPTY';
  /** An object name that is not a DNS-1123 subdomain of at most 253 characters. */
  public static readonly NAME_INVALID = 'NAME_INVALID';
  /** A namespace name that is not a DNS-1123 label of at most 63 characters. */
  public static readonly NAMESPACE_NAME_INVALID = 'NAMESPACE_NAME_INVALID';
  /** A namespaced policy with no namespace from its props, its subject or its Chart. */
  public static readonly NAMESPACE_REQUIRED = 'NAMESPACE_REQUIRED';
  /** Two namespaces given for one policy that disagree. */
  public static readonly NAMESPACE_CONFLICT = 'NAMESPACE_CONFLICT';
  /** A namespace listed twice where each entry renders its own policies (a kubernetes-engine cluster default deny). */
  public static readonly NAMESPACE_DUPLICATE = 'NAMESPACE_DUPLICATE';
  /** Two policies that render to the same name in one namespace. */
  public static readonly POLICY_NAME_COLLISION = 'POLICY_NAME_COLLISION';
  /** A rule with no peers where "every peer" was not said with `Peer.anywhere()`. */
  public static readonly RULE_WITHOUT_PEERS = 'RULE_WITHOUT_PEERS';
  /** A rule with no ports where "every port" was not said with `Port.allPorts()`. */
  public static readonly RULE_WITHOUT_PORTS = 'RULE_WITHOUT_PORTS';
  /**
   * An `action` given to a one-rule construct (`AllowFrom`, `DenyTo`...) that says another action than its class: from
   * JavaScript, or code written when `AllowFrom` and `AllowTo` took `action`. Refused, never read as the class's action.
   */
  public static readonly RULE_ACTION_UNKNOWN = 'RULE_ACTION_UNKNOWN';
  /** Rules for a direction the policy does not isolate (Kubernetes would ignore them). */
  public static readonly RULES_WITHOUT_ISOLATION = 'RULES_WITHOUT_ISOLATION';
  /** A policy that isolates no direction and so would do nothing. */
  public static readonly POLICY_WITHOUT_DIRECTION = 'POLICY_WITHOUT_DIRECTION';
  /** An L7 HTTP match that is malformed. */
  public static readonly HTTP_MATCH_INVALID = 'HTTP_MATCH_INVALID';
  /** L7 HTTP matches on a rule that is not an allow rule on TCP ports. */
  public static readonly HTTP_RULE_INVALID = 'HTTP_RULE_INVALID';
  /** An FQDN that is not a DNS name or a `*` pattern of one. */
  public static readonly FQDN_INVALID = 'FQDN_INVALID';
  /** An FQDN peer in an ingress rule (DNS names only make sense for destinations). */
  public static readonly FQDN_IN_INGRESS = 'FQDN_IN_INGRESS';
  /** A priority (order) that is not a number from 0 up. */
  public static readonly PRIORITY_INVALID = 'PRIORITY_INVALID';
  /** A Calico tier name that is not a DNS-1123 label. */
  public static readonly TIER_INVALID = 'TIER_INVALID';
  /** A policy scoped both to a namespace and to a namespace selector, or to neither. */
  public static readonly SCOPE_AMBIGUOUS = 'SCOPE_AMBIGUOUS';
  /** A kubernetes-engine cluster default deny without the namespaces it should isolate. */
  public static readonly NAMESPACES_REQUIRED = 'NAMESPACES_REQUIRED';
  /** A namespace list given to a cluster-scoped engine, which isolates every namespace not exempt. */
  public static readonly NAMESPACES_IGNORED = 'NAMESPACES_IGNORED';
  /** An engine-specific construct given another engine. */
  public static readonly ENGINE_MISMATCH = 'ENGINE_MISMATCH';
  /** An engine name that does not exist: an `engine` prop that is not an Engine, or an unknown `cdk-netpol:engine` context value. */
  public static readonly ENGINE_UNKNOWN = 'ENGINE_UNKNOWN';
  /** `DefaultEngine.set` on a scope that already has children (construct context is set before the first child). */
  public static readonly DEFAULT_ENGINE_TOO_LATE = 'DEFAULT_ENGINE_TOO_LATE';
  /** The engine cannot express deny rules. */
  public static readonly ENGINE_NO_DENY = 'ENGINE_NO_DENY';
  /** The engine cannot express pass rules. */
  public static readonly ENGINE_NO_PASS = 'ENGINE_NO_PASS';
  /** The engine cannot express log rules. */
  public static readonly ENGINE_NO_LOG = 'ENGINE_NO_LOG';
  /** The engine cannot order policies. */
  public static readonly ENGINE_NO_ORDER = 'ENGINE_NO_ORDER';
  /** The engine has no policy tiers. */
  public static readonly ENGINE_NO_TIERS = 'ENGINE_NO_TIERS';
  /** The engine has no cluster-scoped policy. */
  public static readonly ENGINE_NO_CLUSTER_SCOPE = 'ENGINE_NO_CLUSTER_SCOPE';
  /** The engine cannot match DNS names. */
  public static readonly ENGINE_NO_FQDN = 'ENGINE_NO_FQDN';
  /** The engine cannot match L7 HTTP requests (here). */
  public static readonly ENGINE_NO_L7 = 'ENGINE_NO_L7';
  /** The engine cannot render Calico selector expressions. */
  public static readonly ENGINE_NO_SELECTOR_EXPRESSION = 'ENGINE_NO_SELECTOR_EXPRESSION';
  /** The engine cannot select peers by service account. */
  public static readonly ENGINE_NO_SERVICE_ACCOUNTS = 'ENGINE_NO_SERVICE_ACCOUNTS';
  /** The engine has no entities. */
  public static readonly ENGINE_NO_ENTITIES = 'ENGINE_NO_ENTITIES';
  /** A workload construct from which no pod selector can be read. */
  public static readonly WORKLOAD_WITHOUT_SELECTOR = 'WORKLOAD_WITHOUT_SELECTOR';
  /**
   * Calico: a pods peer without a namespace (meaning "the policy's own namespace") in a cluster-scoped policy.
   * A GlobalNetworkPolicy has no namespace of its own, and a rule selector without namespaceSelector there matches
   * every namespace and host endpoints; Calico has no "same namespace as the selected pod".
   */
  public static readonly CALICO_PEER_NAMESPACE_REQUIRED = 'CALICO_PEER_NAMESPACE_REQUIRED';
  /**
   * Calico: a policy name its validator refuses. Calico policy names are a DNS-1123 label, or two joined by one dot
   * (libcalico-go validator `networkPolicyNameRegex`); Kubernetes allows more dots.
   */
  public static readonly CALICO_POLICY_NAME_INVALID = 'CALICO_POLICY_NAME_INVALID';
  /**
   * Calico: deny, pass or log rules for a direction the intent does not isolate, with no catch-all Deny or Pass rule.
   * A Calico policy applies to every direction it has rules for, and traffic none of its rules decides meets the
   * tier's end-of-tier deny, so rendering them would isolate the direction.
   */
  public static readonly CALICO_RULES_WITHOUT_ISOLATION = 'CALICO_RULES_WITHOUT_ISOLATION';
  /** Calico: a label name or value its selector language cannot write (names of [a-zA-Z0-9_./-]; strings without escapes). */
  public static readonly CALICO_SELECTOR_UNQUOTABLE = 'CALICO_SELECTOR_UNQUOTABLE';
  /** Warning, calico-crd: raw `crd.projectcalico.org/v1` objects are for managed Calico (e.g. AKS) without the Calico API server. */
  public static readonly CALICO_CRD_MANAGED = 'CALICO_CRD_MANAGED';
  /**
   * Warning, Calico: deny or pass rules in the default tier with no priority below 1000, so Kubernetes NetworkPolicies
   * (order 1000 in tier default) and lower-order policies are evaluated first and their allows win.
   */
  public static readonly CALICO_ORDER_AFTER_KUBERNETES = 'CALICO_ORDER_AFTER_KUBERNETES';
  /** Warning, Calico v3: a policy in a non-default tier named without the `<tier>.` prefix that API servers before v3.32 require. */
  public static readonly CALICO_TIER_NAME_PRE_V3_32 = 'CALICO_TIER_NAME_PRE_V3_32';
  /**
   * Cilium: a pods peer without a namespace (meaning "the policy's own namespace") in a cluster-scoped policy.
   * A CiliumClusterwideNetworkPolicy has no namespace of its own; Cilium would match the pods in every namespace.
   */
  public static readonly CILIUM_PODS_PEER_NEEDS_NAMESPACE = 'CILIUM_PODS_PEER_NEEDS_NAMESPACE';
  /** Cilium: a DNS-name (FQDN) peer in a deny rule; Cilium deny rules cannot match `toFQDNs`. */
  public static readonly CILIUM_DENY_FQDN = 'CILIUM_DENY_FQDN';
  /** Cilium: L7 HTTP matches on every port of a protocol (`Port.allTcp()`, port "0"), which Cilium refuses. */
  public static readonly CILIUM_L7_ALL_PORTS = 'CILIUM_L7_ALL_PORTS';
  /**
   * Warning, Cilium: an ipBlock peer covering private ranges (RFC 1918, 100.64.0.0/10, fc00::/7). Cilium CIDR rules
   * never match pods (nor nodes), so a rule meant to reach pods by IP does not.
   */
  public static readonly CILIUM_CIDR_NOT_PODS = 'CILIUM_CIDR_NOT_PODS';
  /**
   * Warning, Cilium: the policy has FQDN peers, so its egress also allows DNS to the cluster DNS (kube-system
   * `k8s-app=kube-dns`, UDP and TCP 53) through Cilium's DNS proxy, without which FQDN rules never learn an address.
   */
  public static readonly CILIUM_FQDN_DNS_RULE_ADDED = 'CILIUM_FQDN_DNS_RULE_ADDED';
  /** Warning, Cilium: SCTP policy is a beta feature that only works with SCTP enabled (Helm `sctp.enabled=true`). */
  public static readonly CILIUM_SCTP_BETA = 'CILIUM_SCTP_BETA';
  /**
   * Warning, Cilium: a port range (`endPort`). Cilium enforces ranges from 1.16; earlier versions ignore `endPort`
   * and match the first port only, which narrows an allow and leaves the rest of the range open for a deny.
   */
  public static readonly CILIUM_PORT_RANGE_NEEDS_1_16 = 'CILIUM_PORT_RANGE_NEEDS_1_16';
  /**
   * Warning, Cilium: deny rules in a direction the policy does not isolate. They stay deny-only through
   * `enableDefaultDeny: false`; Cilium releases without that field (before cilium/cilium#30572) put the direction
   * into default deny, so the policy would also drop everything no other policy allows.
   */
  public static readonly CILIUM_DENY_WITHOUT_ISOLATION = 'CILIUM_DENY_WITHOUT_ISOLATION';
  /** A rendered object read for the wrong host: `apiObject` of a construct in a cdktf stack, or `terraformResource` in a cdk8s Chart. */
  public static readonly HOST_MISMATCH = 'HOST_MISMATCH';
  /** A construct in a cdktf TerraformStack, without `@cdktf/provider-kubernetes` installed. */
  public static readonly HOST_DEPENDENCY_MISSING = 'HOST_DEPENDENCY_MISSING';
  /** Two policies would get the same Terraform resource address in one stack. */
  public static readonly TERRAFORM_NAME_COLLISION = 'TERRAFORM_NAME_COLLISION';
  /**
   * A cluster deny (ClusterDefaultDeny and its Calico and Cilium forms, AksNetworkBaseline) that would isolate the
   * namespace of the cluster DNS (kube-system, or the namespace of a custom `dnsPeer`), or whose DNS pods' namespace
   * cannot be named: DNS, which the deny keeps open, would break for every pod.
   */
  public static readonly KUBE_SYSTEM_NOT_EXEMPT = 'KUBE_SYSTEM_NOT_EXEMPT';
  /** A namespace listed both to isolate and as exempt. */
  public static readonly NAMESPACE_ISOLATED_AND_EXEMPT = 'NAMESPACE_ISOLATED_AND_EXEMPT';
  /** AksNetworkBaseline given both `networkPolicy` and its deprecated name `engine`, or neither. */
  public static readonly NETWORK_POLICY_AMBIGUOUS = 'NETWORK_POLICY_AMBIGUOUS';
  /** The engine has no namespaced policy (cluster-network-policy renders cluster-scoped intents only). */
  public static readonly ENGINE_NO_NAMESPACE_SCOPE = 'ENGINE_NO_NAMESPACE_SCOPE';
  /** ClusterNetworkPolicy: a tier other than `admin` or `baseline` (spec.tier Admin or Baseline). */
  public static readonly CLUSTER_NETWORK_POLICY_TIER_UNKNOWN = 'CLUSTER_NETWORK_POLICY_TIER_UNKNOWN';
  /** ClusterNetworkPolicy: a priority that is not a whole number from 0 to 1000. */
  public static readonly CLUSTER_NETWORK_POLICY_PRIORITY_OUT_OF_RANGE = 'CLUSTER_NETWORK_POLICY_PRIORITY_OUT_OF_RANGE';
  /** ClusterNetworkPolicy: a pods peer without a namespace ("the policy's own namespace") in a cluster-scoped policy. */
  public static readonly CLUSTER_NETWORK_POLICY_PEER_NAMESPACE_REQUIRED = 'CLUSTER_NETWORK_POLICY_PEER_NAMESPACE_REQUIRED';
  /** ClusterNetworkPolicy: an ipBlock source; v1alpha2 ingress peers are pods and namespaces only. */
  public static readonly CLUSTER_NETWORK_POLICY_INGRESS_IP_BLOCK = 'CLUSTER_NETWORK_POLICY_INGRESS_IP_BLOCK';
  /** ClusterNetworkPolicy: a named port in an egress rule to an ipBlock or anywhere (`networks` peers have no named ports). */
  public static readonly CLUSTER_NETWORK_POLICY_NAMED_PORT_TO_NETWORKS = 'CLUSTER_NETWORK_POLICY_NAMED_PORT_TO_NETWORKS';
  /** ClusterNetworkPolicy: more than 25 rules per direction, or peers or protocols per rule, once rendered. */
  public static readonly CLUSTER_NETWORK_POLICY_TOO_MANY_ITEMS = 'CLUSTER_NETWORK_POLICY_TOO_MANY_ITEMS';
  /**
   * Warning, ClusterNetworkPolicy: ingress isolation or an ingress rule from anywhere. Ingress peers are pods only, so
   * traffic from outside the cluster, nodes and host-network pods is not matched (not denied by the isolation).
   */
  public static readonly CLUSTER_NETWORK_POLICY_INGRESS_PODS_ONLY = 'CLUSTER_NETWORK_POLICY_INGRESS_PODS_ONLY';
  /**
   * Warning, ClusterNetworkPolicy: isolation rendered as a final Deny rule, so policies evaluated later (tier Admin: later
   * Admin policies, NetworkPolicies, Baseline; tier Baseline: later Baseline policies) cannot allow more for the subject.
   */
  public static readonly CLUSTER_NETWORK_POLICY_ISOLATION_NOT_ADDITIVE = 'CLUSTER_NETWORK_POLICY_ISOLATION_NOT_ADDITIVE';
  /**
   * Warning, ClusterNetworkPolicy: rules in tier Baseline, which a NetworkPolicy selecting the pod for that direction
   * replaces: those pods lose its allows (e.g. DNS) and NetworkPolicy allows win over its denies.
   */
  public static readonly CLUSTER_NETWORK_POLICY_BASELINE_AFTER_NETWORK_POLICIES = 'CLUSTER_NETWORK_POLICY_BASELINE_AFTER_NETWORK_POLICIES';
  /** Warning, ClusterNetworkPolicy: a named port; `destinationNamedPort` has no protocol, the container port's own applies. */
  public static readonly CLUSTER_NETWORK_POLICY_NAMED_PORT_ANY_PROTOCOL = 'CLUSTER_NETWORK_POLICY_NAMED_PORT_ANY_PROTOCOL';

  /**
   * Warning, whole-app check: an allow intent whose flow, between the pods it names and on its ports, is denied end
   * to end by other policies of the same app (the other side isolated without a matching rule, a deny rule, an
   * earlier Calico tier or order, a cluster deny, a ClusterNetworkPolicy tier).
   */
  public static readonly ALLOW_BLOCKED = 'ALLOW_BLOCKED';
  /** Warning, whole-app check: pods whose egress an intent isolates and that cannot reach the cluster DNS on UDP and TCP 53. */
  public static readonly EGRESS_WITHOUT_DNS = 'EGRESS_WITHOUT_DNS';
  /** Warning, whole-app check: the app's objects could not be read (e.g. a Calico tier no object declares), so the check did not run. */
  public static readonly APP_CHECK_SKIPPED = 'APP_CHECK_SKIPPED';
  /** Warning, whole-app check: an intent whose subject matches none of the workloads the app declares in its namespace. */
  public static readonly SUBJECT_SELECTS_NOTHING = 'SUBJECT_SELECTS_NOTHING';

  /**
   * A bug in cdk-netpol: a state its own checks rule out was reached (e.g. a renderer given an intent that
   * `Engine.problems()` refuses). Never caused by input alone; report it.
   */
  public static readonly INTERNAL = 'INTERNAL';

  private constructor() {}
}

const NETPOL_ERROR = Symbol.for('cdk-netpol.NetpolError');

/**
 * Builds the error thrown for bad input: code, construct path, field, value, fix.
 *
 * Plain `Error`s with extra properties, so they survive jsii and two copies of the library.
 */
export class NetpolErrors {
  /** True when `x` is an error raised by cdk-netpol. */
  public static isNetpolError(x: any): boolean {
    return x !== null && typeof x === 'object' && NETPOL_ERROR in x;
  }

  /**
   * The stable code of a cdk-netpol error, or undefined for any other value. An error that reports several
   * problems carries the code of the first; `codesOf` lists them all.
   */
  public static codeOf(x: any): string | undefined {
    return NetpolErrors.isNetpolError(x) ? x.code : undefined;
  }

  /**
   * The stable codes of every problem a cdk-netpol error reports, in the order reported (a construct reports
   * all the problems of its props at once, in the order of its props); empty for any other value.
   */
  public static codesOf(x: any): string[] {
    if (!NetpolErrors.isNetpolError(x)) return [];
    // An error from a copy of the library that reported one problem only has no `problems`.
    return Array.isArray(x.problems) ? x.problems.map((p: Problem) => p.code) : [x.code];
  }

  /** @internal */
  public static _fromProblem(path: string, field: string, problem: Problem): Error {
    return NetpolErrors._fromProblems(path, field, [problem]);
  }

  /**
   * @internal One error for every problem of one construct: the one-line form for a single problem; for several,
   * a count line, then one such line per problem. `code`, `field`, `value` and `fix` are the first problem's;
   * `problems` holds them all, each field joined to `field`.
   */
  public static _fromProblems(path: string, field: string, problems: readonly Problem[]): Error {
    const where = path || '<root>';
    const placed = problems.map(p => ({ code: p.code, field: joinField(field, p.field), value: p.value, message: p.message, fix: p.fix }));
    const lines = placed.map(p => `[${p.code}] ${where}: ${p.field ? `${p.field}: ` : ''}${p.message} (got ${JSON.stringify(p.value)}). Fix: ${p.fix}`);
    const message = lines.length === 1 ? lines[0] : [`${lines.length} problems at ${where}:`, ...lines.map(l => `  ${l}`)].join('\n');
    const first = placed[0];
    const error = new Error(message) as any;
    error.name = 'NetpolError';
    error.code = first.code;
    error.path = path;
    error.field = first.field;
    error.value = first.value;
    error.fix = first.fix;
    error.problems = placed;
    error[NETPOL_ERROR] = true;
    return error;
  }

  /** @internal Throws one error reporting every problem, if there is any. */
  public static _throwIfAny(path: string, field: string, problems: readonly Problem[]): void {
    if (problems.length > 0) {
      throw NetpolErrors._fromProblems(path, field, problems);
    }
  }

  private constructor() {}
}
