import { EngineCapabilities } from './capabilities';
import { PeerKind, Policy, PolicyScope, Problem, RuleAction, Selector } from '../model';
import * as messages from '../model/messages';

const DIRECTIONS = ['ingress', 'egress'] as const;

/**
 * What a policy asks for that an engine's capability table says it cannot express. Each problem
 * names the intent, the engine and the fix; an engine never drops or widens what it cannot say.
 */
export function capabilityProblems(engine: string, capabilities: EngineCapabilities, policy: Policy): Problem[] {
  const problems: Problem[] = [];
  if (policy.scope === PolicyScope.NAMESPACE && !capabilities.namespaceScope) {
    // First, so a namespaced construct on a cluster-only engine reports the one problem that matters.
    problems.push(messages.engineNoNamespaceScope('namespaceName', policy.namespaceName!, engine));
  }
  // Plain loops, and fields only built for a problem found: every policy of an app goes through here.
  for (const direction of DIRECTIONS) {
    const list = policy[direction];
    for (let i = 0; i < list.length; i++) {
      const r = list[i];
      const field = () => `${direction}[${i}]`;
      if (r.action === RuleAction.DENY && !capabilities.denyRules) {
        problems.push(messages.engineNoDeny(field(), r.toString(), engine));
      }
      if (r.action === RuleAction.PASS && !capabilities.passRules) {
        problems.push(messages.engineNoPass(field(), r.toString(), engine));
      }
      if (r.action === RuleAction.LOG && !capabilities.logRules) {
        problems.push(messages.engineNoLog(field(), r.toString(), engine));
      }
      if (r.http.length > 0 && !capabilities.l7Http) {
        problems.push(messages.engineNoL7(`${field()}.http`, r.toString(), engine, false));
      } else if (r.http.length > 0 && policy.scope === PolicyScope.CLUSTER && !capabilities.l7HttpClusterScope) {
        problems.push(messages.engineNoL7(`${field()}.http`, r.toString(), engine, true));
      }
      const peers = r._peersAsGiven();
      for (let j = 0; j < peers.length; j++) {
        const p = peers[j];
        if (p.kind === PeerKind.FQDN && !capabilities.fqdn) {
          problems.push(messages.engineNoFqdn(`${field()}.peers[${j}]`, p.toString(), engine));
        }
        if (p.serviceAccountNames !== undefined && !capabilities.serviceAccounts) {
          problems.push(messages.engineNoServiceAccounts(`${field()}.peers[${j}]`, p.toString(), engine));
        }
        if (p.kind === PeerKind.ENTITY && !capabilities.entities) {
          problems.push(messages.engineNoEntities(`${field()}.peers[${j}]`, p.toString(), engine));
        }
      }
    }
  }
  if (!capabilities.selectorExpressions) {
    const expression = (field: string, selector: Selector | undefined) => {
      if (selector?.calicoExpression !== undefined) {
        problems.push(messages.engineNoSelectorExpression(field, selector.toString(), engine));
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
    problems.push(messages.engineNoOrder('priority', String(policy.priority), engine, 'policy'));
  }
  if (policy.tier !== undefined && !capabilities.tiers) {
    problems.push(messages.engineNoTiers('tier', policy.tier, engine));
  }
  if (policy.scope === PolicyScope.CLUSTER && !capabilities.clusterScope) {
    problems.push(messages.engineNoClusterScope('namespaceSelector', String(policy.namespaceSelector), engine));
  }
  return problems;
}
