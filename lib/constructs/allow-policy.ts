import { Construct } from 'constructs';
import { AllowRuleProps } from './allow-rule-props';
import { engineProblems } from './engine-prop';
import { resolveNamespace } from './namespace-resolution';
import { PropChecks } from './prop-checks';
import { ErrorCode, Policy, Rule, RuleAction, RuleOptions } from '../model';
import { peersSlug, policyName } from '../model/names';

const FACTORIES: Readonly<Record<string, (options: RuleOptions) => Rule>> = {
  [RuleAction.ALLOW]: Rule.allow, [RuleAction.DENY]: Rule.deny, [RuleAction.PASS]: Rule.pass, [RuleAction.LOG]: Rule.log,
};

/** Checks the props, reporting every problem at once, and builds the one-rule policy of `AllowFrom` or `AllowTo`. */
export function buildAllowPolicy(scope: Construct, props: AllowRuleProps, direction: 'ingress' | 'egress'): Policy {
  const checks = new PropChecks(scope);
  checks.add('subject', props.subject._problems());
  const options = { peers: props.peers, ports: props.ports, http: props.http };
  const given = props.action ?? RuleAction.ALLOW;
  // Reachable from JavaScript, where the enum is not enforced: an unknown action is refused, never read as allow.
  const known = checks.add('action', FACTORIES[given] !== undefined ? [] : [{
    code: ErrorCode.RULE_ACTION_UNKNOWN,
    field: '',
    value: String(given),
    message: 'not a rule action',
    fix: `use one of ${Object.values(RuleAction).map(a => `RuleAction.${a.toUpperCase()}`).join(', ')}`,
  }]);
  // Without a known action there is no rule to check further.
  if (!known) throw checks.error();
  const action = given;
  const rule = FACTORIES[action](options);
  // peers, ports and http, as the props name them.
  checks.add('', rule._problems());
  const namespaceName = resolveNamespace(checks, props.namespaceName, props.subject.namespaceName);
  const verb = action === RuleAction.ALLOW ? '' : `${action.toLowerCase()}-`;
  const name = props.name ?? policyName(props.subject.displayName, `${verb}${direction === 'ingress' ? 'ingress-from' : 'egress-to'}`, peersSlug(rule.peers));
  const policy = new Policy({
    name,
    namespaceName,
    subject: props.subject.selector,
    priority: props.priority,
    tier: props.tier,
    ingress: direction === 'ingress' ? [rule] : undefined,
    egress: direction === 'egress' ? [rule] : undefined,
  });
  checks.addPolicy(policy, ['name']);
  checks.add('engine', engineProblems(props.engine));
  checks.addPolicy(policy, ['priority', 'tier']);
  checks.throwIfAny();
  return policy;
}
