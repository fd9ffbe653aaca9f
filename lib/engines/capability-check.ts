import { EngineCapabilities } from './capabilities';
import { ErrorCode, PeerKind, Policy, PolicyScope, Problem, RuleAction, Selector } from '../model';

const DIRECTIONS = ['ingress', 'egress'] as const;

/**
 * What a policy asks for that an engine's capability table says it cannot express. Each problem
 * names the intent, the engine and the fix; an engine never drops or widens what it cannot say.
 */
export function capabilityProblems(engine: string, capabilities: EngineCapabilities, policy: Policy): Problem[] {
  const problems: Problem[] = [];
  const add = (code: string, field: string, value: string, what: string, fix: string) =>
    problems.push({ code, field, value, message: `engine ${engine} cannot express ${what}`, fix });
  if (policy.scope === PolicyScope.NAMESPACE && !capabilities.namespaceScope) {
    // First, so a namespaced construct on a cluster-only engine reports the one problem that matters.
    add(ErrorCode.ENGINE_NO_NAMESPACE_SCOPE, 'namespaceName', policy.namespaceName!,
      'namespaced policies (its cluster-scoped deny is not additive with the namespace\'s NetworkPolicies as an isolation is)',
      'use Engine.KUBERNETES for namespaced policies (or calico, calico-crd, cilium), or state a cluster-scoped intent with namespaceSelector');
  }
  // Plain loops, and fields only built for a problem found: every policy of an app goes through here.
  for (const direction of DIRECTIONS) {
    const list = policy[direction];
    for (let i = 0; i < list.length; i++) {
      const r = list[i];
      const field = () => `${direction}[${i}]`;
      if (r.action === RuleAction.DENY && !capabilities.denyRules) {
        add(ErrorCode.ENGINE_NO_DENY, field(), r.toString(), 'deny rules (its policies only add allowed traffic)',
          'use an engine with deny rules (calico, calico-crd, cilium), or express the intent as a default deny plus narrower allows');
      }
      if (r.action === RuleAction.PASS && !capabilities.passRules) {
        add(ErrorCode.ENGINE_NO_PASS, field(), r.toString(), 'pass rules', 'use calico (tiers), or drop the pass rule');
      }
      if (r.action === RuleAction.LOG && !capabilities.logRules) {
        add(ErrorCode.ENGINE_NO_LOG, field(), r.toString(), 'log rules', 'use calico, or drop the log rule');
      }
      if (r.http.length > 0 && !capabilities.l7Http) {
        add(ErrorCode.ENGINE_NO_L7, `${field()}.http`, r.toString(), 'L7 HTTP rules', 'use cilium, or drop the HTTP matches (the rule then allows every request on its ports)');
      } else if (r.http.length > 0 && policy.scope === PolicyScope.CLUSTER && !capabilities.l7HttpClusterScope) {
        add(ErrorCode.ENGINE_NO_L7, `${field()}.http`, r.toString(), 'L7 HTTP rules in a cluster-scoped policy', 'put the HTTP rule in a namespaced policy');
      }
      const peers = r._peersAsGiven();
      for (let j = 0; j < peers.length; j++) {
        const p = peers[j];
        if (p.kind === PeerKind.FQDN && !capabilities.fqdn) {
          add(ErrorCode.ENGINE_NO_FQDN, `${field()}.peers[${j}]`, p.toString(), 'DNS-name (FQDN) destinations',
            'use cilium, or an ipBlock of the service\'s published ranges');
        }
        if (p.serviceAccountNames !== undefined && !capabilities.serviceAccounts) {
          add(ErrorCode.ENGINE_NO_SERVICE_ACCOUNTS, `${field()}.peers[${j}]`, p.toString(), 'peers chosen by service account',
            'use calico or cilium, or select the pods by their labels');
        }
        if (p.kind === PeerKind.ENTITY && !capabilities.entities) {
          add(ErrorCode.ENGINE_NO_ENTITIES, `${field()}.peers[${j}]`, p.toString(), 'entities', 'use cilium, or pods/namespaces/ipBlock peers');
        }
      }
    }
  }
  if (!capabilities.selectorExpressions) {
    const expression = (field: string, selector: Selector | undefined) => {
      if (selector?.calicoExpression !== undefined) {
        add(ErrorCode.ENGINE_NO_SELECTOR_EXPRESSION, field, selector.toString(), 'Calico selector expressions',
          'use calico, or label selectors (Selector.of with matchExpressions; several peers for an OR)');
      }
    };
    expression('subject', policy.subject);
    expression('namespaceSelector', policy.namespaceSelector);
    for (const direction of DIRECTIONS) {
      const list = policy[direction];
      for (let i = 0; i < list.length; i++) {
        const peers = list[i]._peersAsGiven();
        for (let j = 0; j < peers.length; j++) {
          expression(`${direction}[${i}].peers[${j}].podSelector`, peers[j].podSelector);
          expression(`${direction}[${i}].peers[${j}].namespaceSelector`, peers[j].namespaceSelector);
        }
      }
    }
  }
  if (policy.priority !== undefined && !capabilities.ordering) {
    add(ErrorCode.ENGINE_NO_ORDER, 'priority', String(policy.priority), 'policy order (every policy applies; allows add up)', 'drop priority, or use calico');
  }
  if (policy.tier !== undefined && !capabilities.tiers) {
    add(ErrorCode.ENGINE_NO_TIERS, 'tier', policy.tier, 'tiers', 'drop tier (use priority within the default tier), or use calico (projectcalico.org/v3)');
  }
  if (policy.scope === PolicyScope.CLUSTER && !capabilities.clusterScope) {
    add(ErrorCode.ENGINE_NO_CLUSTER_SCOPE, 'namespaceSelector', String(policy.namespaceSelector), 'cluster-scoped policies',
      'render one namespaced policy per namespace (ClusterDefaultDeny does this for kubernetes), or use calico, cilium or cluster-network-policy');
  }
  return problems;
}
