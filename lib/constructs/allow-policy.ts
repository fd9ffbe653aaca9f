import { Construct } from 'constructs';
import { AllowRuleProps } from './allow-rule-props';
import { checkProp, resolveNamespace } from './cdk8s-sink';
import { Policy, Rule } from '../model';
import { peersSlug, policyName } from '../model/names';

/** Checks the props and builds the one-rule policy of `AllowFrom` or `AllowTo`. */
export function buildAllowPolicy(scope: Construct, props: AllowRuleProps, direction: 'ingress' | 'egress'): Policy {
  checkProp(scope, 'subject', props.subject._problems());
  const rule = Rule.allow({ peers: props.peers, ports: props.ports });
  checkProp(scope, '', rule._problems());
  const namespaceName = resolveNamespace(scope, props.namespaceName, props.subject.namespaceName);
  const name = props.name ?? policyName(props.subject.displayName, direction === 'ingress' ? 'ingress-from' : 'egress-to', peersSlug(rule.peers));
  return new Policy({
    name,
    namespaceName,
    subject: props.subject.selector,
    ingress: direction === 'ingress' ? [rule] : undefined,
    egress: direction === 'egress' ? [rule] : undefined,
  });
}

