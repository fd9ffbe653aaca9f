import { Construct } from 'constructs';
import { AllowRuleProps } from './allow-rule-props';
import { checkProp, resolveNamespace } from './policy-sink';
import { Policy, Rule, RuleAction } from '../model';
import { peersSlug, policyName } from '../model/names';

/** Checks the props and builds the one-rule policy of `AllowFrom` or `AllowTo`. */
export function buildAllowPolicy(scope: Construct, props: AllowRuleProps, direction: 'ingress' | 'egress'): Policy {
  checkProp(scope, 'subject', props.subject._problems());
  const options = { peers: props.peers, ports: props.ports, http: props.http };
  const action = props.action ?? RuleAction.ALLOW;
  const factories = { [RuleAction.ALLOW]: Rule.allow, [RuleAction.DENY]: Rule.deny, [RuleAction.PASS]: Rule.pass, [RuleAction.LOG]: Rule.log };
  const rule = factories[action](options);
  checkProp(scope, '', rule._problems());
  const namespaceName = resolveNamespace(scope, props.namespaceName, props.subject.namespaceName);
  const verb = action === RuleAction.ALLOW ? '' : `${action.toLowerCase()}-`;
  const name = props.name ?? policyName(props.subject.displayName, `${verb}${direction === 'ingress' ? 'ingress-from' : 'egress-to'}`, peersSlug(rule.peers));
  return new Policy({
    name,
    namespaceName,
    subject: props.subject.selector,
    priority: props.priority,
    tier: props.tier,
    ingress: direction === 'ingress' ? [rule] : undefined,
    egress: direction === 'egress' ? [rule] : undefined,
  });
}

