import { ErrorCode } from '../errors';
import { Problem } from '../problem';
import { problem } from './problem';

// Values: CIDRs, ports, labels, names, selectors, DNS names, HTTP matches, priorities, tiers.

const CIDR_MALFORMED = {
  'ipv4-in-ipv6': ['IPv4-mapped or IPv4-embedded IPv6 addresses are not accepted by Kubernetes', 'write the IPv4 network in plain IPv4 form, e.g. "10.0.0.0/8"'],
  'not-an-address': ['not an IPv4 address (four decimal octets 0-255, no leading zeros) or an IPv6 address',
    'write the network as "a.b.c.d/n" (IPv4) or "x:y::/n" (IPv6), e.g. "10.0.0.0/8"'],
} as const;

/** CIDR_MALFORMED: the address part is not an address Kubernetes accepts. */
export function cidrMalformed(field: string, value: string, reason: keyof typeof CIDR_MALFORMED): Problem {
  const [message, fix] = CIDR_MALFORMED[reason];
  return problem(ErrorCode.CIDR_MALFORMED, field, value, message, fix);
}

/** CIDR_MISSING_MASK: `address` without `/prefix`; `maxPrefix` is 32 or 128. */
export function cidrMissingMask(field: string, value: string, address: string, maxPrefix: number): Problem {
  return problem(ErrorCode.CIDR_MISSING_MASK, field, value, 'the prefix length is missing', `did you mean "${address}/${maxPrefix}"?`);
}

/** CIDR_INVALID_MASK: a prefix length that is not 0..maxPrefix for `family`. */
export function cidrInvalidMask(field: string, value: string, address: string, maxPrefix: number, family: string): Problem {
  return problem(ErrorCode.CIDR_INVALID_MASK, field, value, `the prefix length must be a whole number from 0 to ${maxPrefix} for ${family}`,
    `use a prefix length from 0 to ${maxPrefix}, e.g. "${address}/${maxPrefix}"`);
}

/** CIDR_HOST_BITS_SET: `address` has bits set beyond the prefix; `network` is its network address. */
export function cidrHostBitsSet(field: string, value: string, address: string, network: string, prefixLength: number, maxPrefix: number): Problem {
  return problem(ErrorCode.CIDR_HOST_BITS_SET, field, value, `the address has host bits set beyond the /${prefixLength} prefix`,
    `use the network address "${network}/${prefixLength}", or "${address}/${maxPrefix}" for the single host`);
}

/** CIDR_FAMILY_MIX: an exception of family `exceptionFamily` (IPv4 or IPv6) in `block` of the other family. */
export function cidrFamilyMix(field: string, value: string, exceptionFamily: string, block: string, blockFamily: string): Problem {
  // IpFamily.IPV4; the enum's module imports this one.
  const everything = exceptionFamily === 'IPv4' ? '"0.0.0.0/0"' : '"::/0"';
  return problem(ErrorCode.CIDR_FAMILY_MIX, field, value, `${exceptionFamily} exception in an ${blockFamily} block ${block}`,
    `put ${exceptionFamily} networks in their own Peer.ipBlock(${everything}, [...])`);
}

/**
 * EXCEPT_NOT_INSIDE_CIDR: an exception (`value`) not strictly inside `block`: outside it, equal to it, or (ThreeTierApp)
 * covering a whole destination block.
 */
export function exceptNotInsideCidr(field: string, value: string, block: string, reason: 'outside' | 'equals-block' | 'covers-destination'): Problem {
  if (reason === 'covers-destination') {
    return problem(ErrorCode.EXCEPT_NOT_INSIDE_CIDR, field, value, `the exception covers the whole destination ${block}, which would then allow nothing`,
      `drop ${block} from cidrs, or narrow the exception`);
  }
  return problem(ErrorCode.EXCEPT_NOT_INSIDE_CIDR, field, value, `exception is not strictly inside ${block}`,
    reason === 'equals-block' ? 'drop the exception: it equals the block; to allow nothing, remove the peer' : `use exceptions inside ${block}, or widen the block to contain ${value}`);
}

/** PORT_NOT_INTEGER: `field` (port or endPort) is `n`, not a whole number. */
export function portNotInteger(field: string, n: number): Problem {
  return problem(ErrorCode.PORT_NOT_INTEGER, field, String(n), `${field} must be a whole number`, `use a whole number from 1 to 65535, e.g. ${Math.round(Number(n)) || 443}`);
}

/** PORT_OUT_OF_RANGE: `field` (port or endPort) is `n`, outside 1..65535. */
export function portOutOfRange(field: string, n: number): Problem {
  return problem(ErrorCode.PORT_OUT_OF_RANGE, field, String(n), `${field} must be between 1 and 65535`,
    'use a port number from 1 to 65535' + (n === 0 ? ', or Port.allTcp() for every TCP port' : ''));
}

const PORT_AMBIGUOUS = {
  'all-ports': ['allPorts excludes protocol, port, name and endPort', 'use Port.allPorts() alone, or drop allPorts'],
  'number-and-name': ['a port is either a number or a name, not both', 'use Port.tcp(n) for a number or Port.named(name) for a container port name'],
} as const;

/** PORT_AMBIGUOUS: allPorts with a port, or a port given both as a number and as a name. */
export function portAmbiguous(field: string, value: string, reason: keyof typeof PORT_AMBIGUOUS): Problem {
  const [message, fix] = PORT_AMBIGUOUS[reason];
  return problem(ErrorCode.PORT_AMBIGUOUS, field, value, message, fix);
}

const END_PORT_WITH_NAMED_PORT = {
  'named': ['endPort needs a numeric port; a named port cannot start a range', 'use Port.tcpRange(first, last) with numbers, or drop endPort'],
  'no-port': ['endPort needs a numeric port', 'give port as the first port of the range'],
} as const;

/** END_PORT_WITH_NAMED_PORT: an endPort after a named port, or after no port at all. */
export function endPortWithNamedPort(field: string, value: string, reason: keyof typeof END_PORT_WITH_NAMED_PORT): Problem {
  const [message, fix] = END_PORT_WITH_NAMED_PORT[reason];
  return problem(ErrorCode.END_PORT_WITH_NAMED_PORT, field, value, message, fix);
}

/** END_PORT_BELOW_PORT: a range from `port` down to `endPort`; `protocol` names the range factory of the fix. */
export function endPortBelowPort(field: string, value: string, port: number, endPort: number, protocol: string | undefined): Problem {
  return problem(ErrorCode.END_PORT_BELOW_PORT, field, value, `endPort ${endPort} is below port ${port}`,
    `swap them: ${protocol?.toLowerCase()}Range(${endPort}, ${port})`);
}

const PORT_NAME_INVALID = {
  'length': 'a port name must be 1-15 characters',
  'characters': 'a port name must be lowercase alphanumerics or "-", starting and ending alphanumeric',
  'double-dash': 'a port name must not contain "--"',
  'no-letter': 'a port name must contain at least one letter',
} as const;

/** PORT_NAME_INVALID: a named port that breaks one IANA service name rule. */
export function portNameInvalid(field: string, value: string, rule: keyof typeof PORT_NAME_INVALID): Problem {
  return problem(ErrorCode.PORT_NAME_INVALID, field, value, PORT_NAME_INVALID[rule],
    'use the container port\'s name as declared in the pod spec, e.g. "http" or "metrics"');
}

const LABEL_KEY_INVALID = {
  slashes: ['label key has more than one "/"', 'use "prefix/name", e.g. "app.kubernetes.io/name"'],
  prefix: ['label key prefix must be a lowercase DNS subdomain of at most 253 characters', 'use a prefix like "example.com" or drop the prefix'],
  name: ['label key name must be 1-63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric', 'use a key like "app" or "app.kubernetes.io/name"'],
} as const;

/** LABEL_KEY_INVALID: the part of a label key that breaks the syntax. */
export function labelKeyInvalid(field: string, value: string, part: keyof typeof LABEL_KEY_INVALID): Problem {
  const [message, fix] = LABEL_KEY_INVALID[part];
  return problem(ErrorCode.LABEL_KEY_INVALID, field, value, message, fix);
}

/** LABEL_VALUE_INVALID. */
export function labelValueInvalid(field: string, value: string): Problem {
  return problem(ErrorCode.LABEL_VALUE_INVALID, field, value,
    'label value must be at most 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric', 'use a value like "web" or "v1.2"');
}

/** SELECTOR_EXPRESSION_INVALID: operator In or NotIn (`operator`) on `key` without values. */
export function selectorExpressionInvalid(field: string, value: string, operator: string, key: string): Problem {
  // 'In' is LabelOperator.IN; the enum's module imports this one.
  return problem(ErrorCode.SELECTOR_EXPRESSION_INVALID, field, value, `operator ${operator} needs at least one value`,
    `give values, or use LabelExpression.${operator === 'In' ? 'exists' : 'doesNotExist'}("${key}")`);
}

/** SELECTOR_EXPRESSION_INVALID: label requirements beside a Calico expression. */
export function calicoExpressionWithLabels(field: string, value: string): Problem {
  return problem(ErrorCode.SELECTOR_EXPRESSION_INVALID, field, value, 'label requirements cannot be added to a Calico expression',
    'write them into the expression with &&');
}

/** SELECTOR_EXPRESSION_INVALID: a Calico expression its parser refuses with `error`. */
export function calicoExpressionInvalid(field: string, value: string, error: string): Problem {
  return problem(ErrorCode.SELECTOR_EXPRESSION_INVALID, field, value, `not a Calico selector: ${error}`,
    'write it as Calico documents, e.g. "has(team) && tier in {\'a\', \'b\'}"');
}

/** SELECTOR_EMPTY: an empty label map used as a selector. */
export function selectorEmpty(field: string): Problem {
  return problem(ErrorCode.SELECTOR_EMPTY, field, '{}', 'an empty label selector selects everything',
    'use Selector.all() to select every pod on purpose, or give at least one label');
}

/** NAME_INVALID: an object name; `suggestion` is a legal form of it, or empty. */
export function nameInvalid(field: string, value: string, suggestion: string): Problem {
  return problem(ErrorCode.NAME_INVALID, field, value,
    'object name must be a DNS-1123 subdomain: 1-253 lowercase alphanumerics, "-" or ".", starting and ending alphanumeric',
    `use a name like "${suggestion || 'allow-web'}"`);
}

/** NAMESPACE_NAME_INVALID: a namespace name; `suggestion` is a legal form of it, or empty. */
export function namespaceNameInvalid(field: string, value: string, suggestion: string): Problem {
  return problem(ErrorCode.NAMESPACE_NAME_INVALID, field, value,
    'namespace name must be a DNS-1123 label: 1-63 lowercase alphanumerics or "-", starting and ending alphanumeric',
    `use a name like "${suggestion || 'prod'}"`);
}

/** TIER_INVALID: a Calico tier name; `suggestion` is a legal form of it, or empty. */
export function tierInvalid(field: string, value: string, suggestion: string): Problem {
  return problem(ErrorCode.TIER_INVALID, field, value,
    'tier name must be a DNS-1123 label: 1-63 lowercase alphanumerics or "-", starting and ending alphanumeric',
    `use a name like "${suggestion || 'prod'}"`);
}

/** FQDN_INVALID: a DNS name, or a `*` pattern of one when `pattern`. */
export function fqdnInvalid(field: string, value: string, pattern: boolean): Problem {
  return problem(ErrorCode.FQDN_INVALID, field, value,
    pattern ? 'not a DNS name pattern (labels of letters, digits, "-" and "*")' : 'not a fully qualified DNS name',
    pattern ? 'use a pattern like "*.example.com"' : 'use a name like "api.example.com"; for wildcards use Peer.fqdnPattern');
}

/** HTTP_MATCH_INVALID: a method that is none of `methods`. */
export function httpMatchMethodInvalid(field: string, value: string, methods: readonly string[]): Problem {
  return problem(ErrorCode.HTTP_MATCH_INVALID, field, value, 'not an HTTP method', `use one of ${methods.join(', ')}`);
}

/** HTTP_MATCH_INVALID: a path that is no regular expression, or does not start with "/", or a header, or an empty match. */
export function httpMatchInvalid(field: string, value: string, reason: 'path-regex' | 'path-slash' | 'header' | 'empty'): Problem {
  switch (reason) {
    case 'path-regex': return problem(ErrorCode.HTTP_MATCH_INVALID, field, value, 'not a valid regular expression', 'escape special characters, e.g. "/v1/charges(/.*)?"');
    case 'path-slash': return problem(ErrorCode.HTTP_MATCH_INVALID, field, value, 'an HTTP path starts with "/"', `use "/${value}"`);
    case 'header': return problem(ErrorCode.HTTP_MATCH_INVALID, field, value, 'not a header name, optionally with ": value"', 'use "X-Team" or "X-Team: payments"');
    case 'empty': return problem(ErrorCode.HTTP_MATCH_INVALID, field, value, 'an empty HTTP match allows every request, which an L7 rule is meant to narrow', 'give a method, a path or headers');
  }
}

/** PRIORITY_INVALID: a priority that is not a number from 0 up. */
export function priorityInvalid(field: string, value: string): Problem {
  return problem(ErrorCode.PRIORITY_INVALID, field, value, 'a priority is a number from 0 up (lower is evaluated first)', 'use e.g. 100');
}
