import { ErrorCode } from '../errors';
import { Problem } from '../problem';
import { problem } from './problem';

// Engines: what an engine cannot express (its capability table), and engines named wrongly.

function cannotExpress(code: string, field: string, value: string, engine: string, what: string, fix: string): Problem {
  return problem(code, field, value, `engine ${engine} cannot express ${what}`, fix);
}

/** ENGINE_NO_NAMESPACE_SCOPE: a namespaced policy for a cluster-only `engine`. */
export function engineNoNamespaceScope(field: string, value: string, engine: string): Problem {
  return cannotExpress(ErrorCode.ENGINE_NO_NAMESPACE_SCOPE, field, value, engine,
    'namespaced policies (its cluster-scoped deny is not additive with the namespace\'s NetworkPolicies as an isolation is)',
    'use Engine.KUBERNETES for namespaced policies (or calico, calico-crd, cilium), or state a cluster-scoped intent with namespaceSelector');
}

/** ENGINE_NO_CLUSTER_SCOPE. */
export function engineNoClusterScope(field: string, value: string, engine: string): Problem {
  return cannotExpress(ErrorCode.ENGINE_NO_CLUSTER_SCOPE, field, value, engine, 'cluster-scoped policies',
    'render one namespaced policy per namespace (ClusterDefaultDeny does this for kubernetes), or use calico, cilium or cluster-network-policy');
}

/** ENGINE_NO_DENY. */
export function engineNoDeny(field: string, value: string, engine: string): Problem {
  return cannotExpress(ErrorCode.ENGINE_NO_DENY, field, value, engine, 'deny rules (its policies only add allowed traffic)',
    'use an engine with deny rules (calico, calico-crd, cilium), or express the intent as a default deny plus narrower allows');
}

/** ENGINE_NO_PASS. */
export function engineNoPass(field: string, value: string, engine: string): Problem {
  return cannotExpress(ErrorCode.ENGINE_NO_PASS, field, value, engine, 'pass rules', 'use calico (tiers), or drop the pass rule');
}

/** ENGINE_NO_LOG. */
export function engineNoLog(field: string, value: string, engine: string): Problem {
  return cannotExpress(ErrorCode.ENGINE_NO_LOG, field, value, engine, 'log rules', 'use calico, or drop the log rule');
}

/** ENGINE_NO_L7: HTTP matches on an engine without L7, or (`clusterScope`) in a cluster-scoped policy of one without L7 there. */
export function engineNoL7(field: string, value: string, engine: string, clusterScope: boolean): Problem {
  return clusterScope
    ? cannotExpress(ErrorCode.ENGINE_NO_L7, field, value, engine, 'L7 HTTP rules in a cluster-scoped policy', 'put the HTTP rule in a namespaced policy')
    : cannotExpress(ErrorCode.ENGINE_NO_L7, field, value, engine, 'L7 HTTP rules', 'use cilium, or drop the HTTP matches (the rule then allows every request on its ports)');
}

/** ENGINE_NO_FQDN. */
export function engineNoFqdn(field: string, value: string, engine: string): Problem {
  return cannotExpress(ErrorCode.ENGINE_NO_FQDN, field, value, engine, 'DNS-name (FQDN) destinations', 'use cilium, or an ipBlock of the service\'s published ranges');
}

/** ENGINE_NO_SERVICE_ACCOUNTS. */
export function engineNoServiceAccounts(field: string, value: string, engine: string): Problem {
  return cannotExpress(ErrorCode.ENGINE_NO_SERVICE_ACCOUNTS, field, value, engine, 'peers chosen by service account',
    'use calico or cilium, or select the pods by their labels');
}

/** ENGINE_NO_ENTITIES. */
export function engineNoEntities(field: string, value: string, engine: string): Problem {
  return cannotExpress(ErrorCode.ENGINE_NO_ENTITIES, field, value, engine, 'entities', 'use cilium, or pods/namespaces/ipBlock peers');
}

/** ENGINE_NO_SELECTOR_EXPRESSION. */
export function engineNoSelectorExpression(field: string, value: string, engine: string): Problem {
  return cannotExpress(ErrorCode.ENGINE_NO_SELECTOR_EXPRESSION, field, value, engine, 'Calico selector expressions',
    'use calico, or label selectors (Selector.of with matchExpressions; several peers for an OR)');
}

/** ENGINE_NO_ORDER: a priority on a policy, or on the per-namespace NetworkPolicies of a kubernetes-engine cluster deny. */
export function engineNoOrder(field: string, value: string, engine: string, of: 'policy' | 'namespace-policies'): Problem {
  return of === 'policy'
    ? cannotExpress(ErrorCode.ENGINE_NO_ORDER, field, value, engine, 'policy order (every policy applies; allows add up)', 'drop priority, or use calico')
    : problem(ErrorCode.ENGINE_NO_ORDER, field, value, `engine ${engine} cannot order policies; every NetworkPolicy adds up with the others`,
      'drop priority, or use an engine with ordered policies (calico, calico-crd, cluster-network-policy)');
}

/** ENGINE_NO_TIERS. */
export function engineNoTiers(field: string, value: string, engine: string): Problem {
  return cannotExpress(ErrorCode.ENGINE_NO_TIERS, field, value, engine, 'tiers',
    'drop tier (use priority within the default tier), or use calico (projectcalico.org/v3)');
}

/** ENGINE_UNKNOWN: `value` is none of the engine `names` (Engine.of). */
export function engineUnknown(field: string, value: string, names: readonly string[]): Problem {
  return problem(ErrorCode.ENGINE_UNKNOWN, field, value, 'no such engine', `use one of ${names.join(', ')}`);
}

/** ENGINE_UNKNOWN: an `engine` prop that is not an Engine (JavaScript callers). */
export function engineNotAnEngine(field: string, value: string): Problem {
  return problem(ErrorCode.ENGINE_UNKNOWN, field, value, 'not an Engine',
    `pass one of Engine.${['KUBERNETES', 'CALICO', 'CALICO_CRD', 'CILIUM', 'CLUSTER_NETWORK_POLICY'].join(', Engine.')}, or Engine.of(name) for a name`);
}

/** ENGINE_UNKNOWN: construct context `contextKey` holds `value`, none of the engine `names`. */
export function engineContextUnknown(field: string, value: string, contextKey: string, names: readonly string[]): Problem {
  return problem(ErrorCode.ENGINE_UNKNOWN, field, value, 'the default engine in construct context is not an engine name',
    `set context "${contextKey}" to one of ${names.map(n => `"${n}"`).join(', ')}`);
}

/** ENGINE_UNKNOWN: an AKS network policy engine that is none of `engines` (JavaScript callers). */
export function aksNetworkPolicyUnknown(field: string, value: string, engines: readonly string[]): Problem {
  return problem(ErrorCode.ENGINE_UNKNOWN, field, value, 'not an AKS network policy engine', `use one of ${engines.join(', ')}`);
}

/** ENGINE_MISMATCH: engine `value` given to a construct that renders for the `family` engines only. */
export function engineMismatch(field: string, value: string, family: readonly string[]): Problem {
  return problem(ErrorCode.ENGINE_MISMATCH, field, value, `this construct renders for ${family.join(' or ')}`, `use ClusterDefaultDeny for engine ${value}, or drop engine`);
}

/** DEFAULT_ENGINE_TOO_LATE: `DefaultEngine.set(scope, Engine.<constant>)` on a scope that has children (`value`). */
export function defaultEngineTooLate(field: string, value: string, constant: string): Problem {
  return problem(ErrorCode.DEFAULT_ENGINE_TOO_LATE, field, value,
    'the default engine is construct context, which is set on a scope before its first child; the constructs already here kept the earlier default',
    `call DefaultEngine.set(scope, Engine.${constant}) before adding constructs to this scope, or on a new child construct that holds the policies, or pass \`engine\` to each construct`);
}
