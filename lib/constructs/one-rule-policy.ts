import { Construct } from 'constructs';
import { AllowRuleProps } from './allow-rule-props';
import { engineProblems } from './engine-prop';
import { resolveNamespace } from './namespace-resolution';
import { PolicyConstruct } from './policy-construct';
import { emitPolicy } from './policy-sink';
import { PropChecks } from './prop-checks';
import { RulePolicyProps } from './rule-policy-props';
import { Policy, Problem, Rule, RuleAction, RuleOptions } from '../model';
import { ruleActionUnknown } from '../model/messages';
import { peersSlug, policyName } from '../model/names';

// No Log constructs: a log rule alone renders on no engine (Calico would deny what it leaves undecided).
const FACTORIES: Readonly<Record<string, (options: RuleOptions) => Rule>> = {
  [RuleAction.ALLOW]: Rule.allow, [RuleAction.DENY]: Rule.deny, [RuleAction.PASS]: Rule.passToNextTier,
};

const CONSTRUCTS: Readonly<Record<string, string>> = { [RuleAction.ALLOW]: 'Allow', [RuleAction.DENY]: 'Deny', [RuleAction.PASS]: 'Pass' };

/**
 * A policy of one rule on the subject's side, in one direction: the whole of `AllowFrom`, `AllowTo`, `DenyFrom`,
 * `DenyTo`, `PassFrom` and `PassTo`, which only name the action and the direction.
 * A hidden base: jsii copies its members into each of them.
 * @internal
 */
export abstract class OneRulePolicy extends PolicyConstruct {
  /** The policy intent. */
  public readonly policy: Policy;

  protected constructor(scope: Construct, id: string, props: RulePolicyProps, action: RuleAction, direction: 'ingress' | 'egress') {
    super(scope, id);
    this.policy = buildOneRulePolicy(this, props, action, direction);
    emitPolicy(this, this.policy, props.engine);
  }
}

/** Checks the props, reporting every problem at once, and builds the policy. */
function buildOneRulePolicy(scope: Construct, props: RulePolicyProps, action: RuleAction, direction: 'ingress' | 'egress'): Policy {
  const checks = new PropChecks(scope);
  checks.add('subject', props.subject._problems());
  checks.add('action', leftoverActionProblems(props, action, direction));
  // `http` only on the allow constructs' props; from JavaScript on another, the rule refuses it (HTTP_RULE_INVALID).
  const rule = FACTORIES[action]({ peers: props.peers, ports: props.ports, http: (props as AllowRuleProps).http });
  // peers, ports and http, as the props name them.
  checks.add('', rule._problems());
  // Cluster-wide: no namespace to resolve from the Chart; one given anyway is refused by the policy (both scopes).
  const namespaceName = props.namespaceSelector !== undefined
    ? props.namespaceName ?? props.subject.namespaceName
    : resolveNamespace(checks, props.namespaceName, props.subject.namespaceName);
  const verb = action === RuleAction.ALLOW ? '' : `${action.toLowerCase()}-`;
  const name = props.name ?? policyName(props.subject.displayName, `${verb}${direction === 'ingress' ? 'ingress-from' : 'egress-to'}`, peersSlug(rule.peers));
  const policy = new Policy({
    name,
    namespaceName,
    namespaceSelector: props.namespaceSelector,
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

/**
 * The construct's class is its action. An `action` prop (JavaScript, or code written when AllowFrom took one) that
 * says another is refused: read as the class's action, a deny would turn into an allow.
 */
function leftoverActionProblems(props: RulePolicyProps, action: RuleAction, direction: 'ingress' | 'egress'): Problem[] {
  const given = (props as { action?: unknown }).action;
  if (given === undefined || given === action) return [];
  const suffix = direction === 'ingress' ? 'From' : 'To';
  const wanted = CONSTRUCTS[String(given)];
  return [ruleActionUnknown('', String(given), `${CONSTRUCTS[action]}${suffix}`, action, wanted !== undefined ? `${wanted}${suffix}` : undefined,
    Object.values(CONSTRUCTS).map(c => `${c}${suffix}`))];
}
