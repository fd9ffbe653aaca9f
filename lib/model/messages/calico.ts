import { ErrorCode } from '../errors';
import { Problem } from '../problem';
import { problem } from './problem';

// Calico (projectcalico.org/v3 and crd.projectcalico.org/v1): refusals and warnings.

/** CALICO_POLICY_NAME_INVALID. */
export function calicoPolicyNameInvalid(field: string, value: string): Problem {
  return problem(ErrorCode.CALICO_POLICY_NAME_INVALID, field, value, 'Calico policy names are a DNS-1123 label, or two labels joined by a single dot',
    `use a name without dots, e.g. "${value.replace(/\./g, '-')}"`);
}

/** CALICO_RULES_WITHOUT_ISOLATION: rules (`value`) that would isolate `direction`, which the intent leaves open. */
export function calicoRulesWithoutIsolation(direction: 'ingress' | 'egress', value: string): Problem {
  return problem(ErrorCode.CALICO_RULES_WITHOUT_ISOLATION, direction, value,
    `a Calico policy with ${direction} rules applies to ${direction}, and traffic its rules do not decide meets the tier's end-of-tier deny: `
      + `rendering these rules would isolate ${direction}, which the intent does not`,
    `isolate ${direction} on purpose (isolate${direction === 'ingress' ? 'Ingress' : 'Egress'}: true), or end the rules with `
      + 'Rule.passToNextTier({ peers: [Peer.anywhere()], ports: [Port.allPorts()] }) to hand the rest to the next tier');
}

/** CALICO_PEER_NAMESPACE_REQUIRED. */
export function calicoPeerNamespaceRequired(field: string, value: string): Problem {
  return problem(ErrorCode.CALICO_PEER_NAMESPACE_REQUIRED, field, value,
    'a pods peer without a namespace means "the policy\'s own namespace", which a cluster-scoped policy does not have; '
      + 'Calico cannot match "the same namespace as the selected pod"',
    'name the peer\'s namespaces: Peer.podsInNamespace("ns", selector), or Peer.podsInNamespaces(selector, Selector.all()) for every namespace; '
      + 'or use one namespaced policy per namespace');
}

const CALICO_SELECTOR_UNQUOTABLE = {
  key: ['Calico selectors read label names as 1-512 characters of [a-zA-Z0-9_./-] only', 'use a Kubernetes label key such as "app" or "app.kubernetes.io/name"'],
  value: ['Calico selector strings have no escapes: a value may hold single or double quotes, not both', 'use a Kubernetes label value (letters, digits, "-", "_", ".")'],
} as const;

/** CALICO_SELECTOR_UNQUOTABLE: a label key, or a label value, that Calico's selector language cannot write. */
export function calicoSelectorUnquotable(field: string, value: string, part: keyof typeof CALICO_SELECTOR_UNQUOTABLE): Problem {
  const [message, fix] = CALICO_SELECTOR_UNQUOTABLE[part];
  return problem(ErrorCode.CALICO_SELECTOR_UNQUOTABLE, field, value, message, fix);
}

/** CALICO_CRD_MANAGED (warning). */
export function calicoCrdManaged(field: string, value: string): Problem {
  return problem(ErrorCode.CALICO_CRD_MANAGED, field, value,
    'renders raw crd.projectcalico.org/v1 objects for managed Calico (e.g. AKS), bypassing the Calico API server\'s validation and defaulting',
    'on a cluster with the Calico API server (or the projectcalico.org/v3 CRDs) use the calico engine');
}

/** CALICO_ORDER_AFTER_KUBERNETES (warning): `actions` (Deny, Pass) evaluated after the NetworkPolicies at `kubernetesOrder`. */
export function calicoOrderAfterKubernetes(field: string, value: string, actions: readonly string[], kubernetesOrder: number): Problem {
  return problem(ErrorCode.CALICO_ORDER_AFTER_KUBERNETES, field, value,
    `the ${actions.join('/')} rules are evaluated after Kubernetes NetworkPolicies `
      + `(order ${kubernetesOrder} in tier default) and every lower-order policy, whose allows then win`,
    `set priority below ${kubernetesOrder} (e.g. 100) so the rules are evaluated first, or put the policy in a tier before default`);
}

/** CALICO_TIER_NAME_PRE_V3_32 (warning): policy `value` in `tier`, named without the `<tier>.` prefix. */
export function calicoTierNamePreV332(field: string, value: string, tier: string): Problem {
  return problem(ErrorCode.CALICO_TIER_NAME_PRE_V3_32, field, value,
    `Calico v3.32 and later accept this name in tier ${tier}; Calico API servers from v3.29 to v3.31 reject names without the "${tier}." prefix`,
    `run Calico v3.32 or later, or name the policy "${tier}.${value}"`);
}
