import { ciliumDefaultDeny } from '../compile/defaults';
import { CiliumPolicyForm, CiliumRuleForm, CiliumRuleSetForm, CiliumSubjectForm } from '../compile/form';
import { Endpoint } from '../types';
import { CiliumPolicy, CiliumRule } from './compiled';
import { Identity, matchesCiliumSelector } from './labels';
import { IdentityOf, ciliumPeerOf } from './peers';
import { ciliumPortOf } from './ports';

/**
 * Compiles a normalized CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy into one rule set per
 * `spec`/`specs[]` entry, as Cilium's policy repository holds them. Unreadable parts match nothing in allow rules
 * and everything in deny rules (fail closed); a rule set whose `endpointSelector` cannot be read applies to every
 * pod of its scope with its allow rules allowing nothing.
 */
export function compileCiliumPolicy(form: CiliumPolicyForm, identityOf: IdentityOf, podIdentityOf: (e: Endpoint) => Identity): CiliumPolicy[] {
  return form.ruleSets.map(set => compileRuleSet(form.id, form.namespace, set, identityOf, podIdentityOf));
}

function compileRuleSet(
  id: string, namespace: string | undefined, set: CiliumRuleSetForm, identityOf: IdentityOf, podIdentityOf: (e: Endpoint) => Identity,
): CiliumPolicy {
  const allowsNothing = set.subject.kind === 'unreadable';
  const compile = (rule: CiliumRuleForm): CiliumRule => {
    const compiled = compileRule(rule, namespace, identityOf);
    return allowsNothing && compiled.action === 'Allow' ? { ...compiled, peers: [] } : compiled;
  };
  const ingress = set.ingress.map(compile);
  const egress = set.egress.map(compile);
  const hasIngress = ingress.length > 0;
  const hasEgress = egress.length > 0;
  return {
    id,
    tier: 'NetworkPolicy',
    namespace,
    selects: subjectMatcher(set.subject, namespace, podIdentityOf),
    ...(set.subject.kind === 'endpoints' ? { subjectSelector: set.subject.selector } : {}),
    isolatesIngress: ciliumDefaultDeny(hasIngress, set.enableDefaultDeny.ingress),
    isolatesEgress: ciliumDefaultDeny(hasEgress, set.enableDefaultDeny.egress),
    hasIngress,
    hasEgress,
    ingress,
    egress,
    requires: set.requires,
    problems: set.problems,
  };
}

/** Whom a rule set selects; a namespaced policy only pods of its namespace. */
function subjectMatcher(
  subject: CiliumSubjectForm, namespace: string | undefined, podIdentityOf: (e: Endpoint) => Identity,
): (e: Endpoint) => boolean {
  switch (subject.kind) {
    case 'none': return () => false;
    case 'unreadable': return namespace === undefined ? () => true : e => e.namespace === namespace;
    case 'endpoints': {
      const selector = subject.selector;
      return namespace === undefined
        ? e => matchesCiliumSelector(selector, podIdentityOf(e))
        : e => e.namespace === namespace && matchesCiliumSelector(selector, podIdentityOf(e));
    }
  }
}

function compileRule(rule: CiliumRuleForm, namespace: string | undefined, identityOf: IdentityOf): CiliumRule {
  const deny = rule.action === 'Deny';
  return {
    label: rule.label,
    action: rule.action,
    ...(rule.peers ? { peers: rule.peers.map(p => ciliumPeerOf(p, deny, namespace, identityOf)) } : {}),
    ...(rule.ports ? { ports: rule.ports.map(p => ciliumPortOf(p, deny)) } : {}),
    ...(rule.failClosed ? { failClosed: rule.failClosed } : {}),
  };
}
