import { ErrorCode } from '../errors';
import { Problem } from '../problem';
import { problem } from './problem';

// Rules and policies: what a rule or a policy says as a whole.

const RULE_WITHOUT_PEERS = {
  'rule': ['a rule without peers would match every source and destination', 'list the peers, or pass [Peer.anywhere()] to match every peer on purpose'],
  'service-accounts': ['a service-account peer without service accounts matches nothing', 'list the service accounts'],
} as const;

/** RULE_WITHOUT_PEERS: a rule with no peers, or a service-account peer with no service accounts. */
export function ruleWithoutPeers(field: string, of: keyof typeof RULE_WITHOUT_PEERS): Problem {
  const [message, fix] = RULE_WITHOUT_PEERS[of];
  return problem(ErrorCode.RULE_WITHOUT_PEERS, field, '[]', message, fix);
}

/** RULE_WITHOUT_PORTS. */
export function ruleWithoutPorts(field: string): Problem {
  return problem(ErrorCode.RULE_WITHOUT_PORTS, field, '[]', 'a rule without ports would match every port and protocol',
    'list the ports, e.g. [Port.tcp(8080)], or pass [Port.allPorts()] to match every port on purpose');
}

/**
 * RULE_ACTION_UNKNOWN: an `action` (`value`) given to `construct` (e.g. AllowFrom), whose class is `action`; `wanted` is
 * the construct of action `value` among `constructs`, if there is one (there is no Log construct).
 */
export function ruleActionUnknown(
  field: string, value: string, construct: string, action: string, wanted: string | undefined, constructs: readonly string[],
): Problem {
  return problem(ErrorCode.RULE_ACTION_UNKNOWN, field, value, `${construct} takes no action: its class is its action (${action})`,
    wanted !== undefined ? `use ${wanted} for a ${value} rule, and drop action`
      : value === 'Log' ? 'drop action: a Log rule goes in a Policy with the rules it comes before (Rule.log), rendered with Engine.CALICO.render'
        : `drop action, and use one of ${constructs.join(', ')}`);
}

/** RULES_WITHOUT_ISOLATION: allow rules (`value`) for a direction the policy does not isolate. */
export function rulesWithoutIsolation(direction: 'ingress' | 'egress', value: string): Problem {
  return problem(ErrorCode.RULES_WITHOUT_ISOLATION, direction, value, `${direction} allow rules on a policy that does not isolate ${direction} would be ignored by Kubernetes`,
    `set isolate${direction === 'ingress' ? 'Ingress' : 'Egress'}: true, or drop the ${direction} rules`);
}

const POLICY_WITHOUT_DIRECTION = {
  policy: ['the policy isolates neither ingress nor egress, so it would have no effect', 'isolate at least one direction, or remove the policy'],
  deny: ['the deny isolates neither ingress nor egress, so it would have no effect', 'isolate at least one direction, or remove the construct'],
} as const;

/** POLICY_WITHOUT_DIRECTION: a policy, or a cluster deny construct, that isolates no direction. */
export function policyWithoutDirection(field: string, value: string, what: keyof typeof POLICY_WITHOUT_DIRECTION): Problem {
  const [message, fix] = POLICY_WITHOUT_DIRECTION[what];
  return problem(ErrorCode.POLICY_WITHOUT_DIRECTION, field, value, message, fix);
}

/** HTTP_RULE_INVALID: HTTP matches on a rule whose action (not Allow) cannot carry them. */
export function httpRuleInvalid(field: string, value: string, action: string): Problem {
  return problem(ErrorCode.HTTP_RULE_INVALID, field, value, `HTTP matches narrow an allow; a ${action} rule cannot carry them`, 'use Rule.allow for the HTTP rule');
}

/** HTTP_RULE_INVALID: HTTP matches on an allow rule with `ports` that are not TCP ports. */
export function httpRuleWithoutTcp(field: string, value: string, ports: readonly string[]): Problem {
  return problem(ErrorCode.HTTP_RULE_INVALID, field, value, `HTTP matches need TCP ports, not ${ports.join(',')}`,
    'list the TCP ports the HTTP server listens on, e.g. [Port.tcp(8080)]');
}

/** FQDN_IN_INGRESS. */
export function fqdnInIngress(field: string, value: string): Problem {
  return problem(ErrorCode.FQDN_IN_INGRESS, field, value, 'a DNS name identifies a destination, not a source', 'use the clients\' pods or IP blocks for ingress');
}

/** SCOPE_AMBIGUOUS: a policy naming `neither` a namespace nor a namespace selector, or `both`. */
export function scopeAmbiguous(field: string, value: string, names: 'neither' | 'both'): Problem {
  return problem(ErrorCode.SCOPE_AMBIGUOUS, field, value,
    names === 'neither' ? 'the policy names neither a namespace nor a namespace selector' : 'the policy names both a namespace and a namespace selector',
    'give namespaceName for a namespaced policy, or namespaceSelector (Selector.all() for every namespace) for a cluster-scoped one');
}
