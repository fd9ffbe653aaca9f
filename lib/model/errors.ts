import { Problem } from './problem';
import { joinField } from './problems';

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
  /** Two policies that render to the same name in one namespace. */
  public static readonly POLICY_NAME_COLLISION = 'POLICY_NAME_COLLISION';
  /** A rule with no peers where "every peer" was not said with `Peer.anywhere()`. */
  public static readonly RULE_WITHOUT_PEERS = 'RULE_WITHOUT_PEERS';
  /** A rule with no ports where "every port" was not said with `Port.allPorts()`. */
  public static readonly RULE_WITHOUT_PORTS = 'RULE_WITHOUT_PORTS';
  /** Rules for a direction the policy does not isolate (Kubernetes would ignore them). */
  public static readonly RULES_WITHOUT_ISOLATION = 'RULES_WITHOUT_ISOLATION';
  /** A policy that isolates no direction and so would do nothing. */
  public static readonly POLICY_WITHOUT_DIRECTION = 'POLICY_WITHOUT_DIRECTION';
  /** A workload construct from which no pod selector can be read. */
  public static readonly WORKLOAD_WITHOUT_SELECTOR = 'WORKLOAD_WITHOUT_SELECTOR';

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

  /** The stable code of a cdk-netpol error, or undefined for any other value. */
  public static codeOf(x: any): string | undefined {
    return NetpolErrors.isNetpolError(x) ? x.code : undefined;
  }

  /** @internal */
  public static _fromProblem(path: string, field: string, problem: Problem): Error {
    const where = joinField(field, problem.field);
    const message = `[${problem.code}] ${path || '<root>'}: ${where ? `${where}: ` : ''}${problem.message} (got ${JSON.stringify(problem.value)}). Fix: ${problem.fix}`;
    const error = new Error(message) as any;
    error.name = 'NetpolError';
    error.code = problem.code;
    error.path = path;
    error.field = where;
    error.value = problem.value;
    error.fix = problem.fix;
    error[NETPOL_ERROR] = true;
    return error;
  }

  /** @internal */
  public static _throwIfAny(path: string, field: string, problems: readonly Problem[]): void {
    if (problems.length > 0) {
      throw NetpolErrors._fromProblem(path, field, problems[0]);
    }
  }

  private constructor() {}
}
