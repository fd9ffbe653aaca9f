import { Construct } from 'constructs';
import { AllowRuleProps } from './allow-rule-props';
import { OneRulePolicy } from './one-rule-policy';
import { RuleAction } from '../model';

/** Props of `AllowTo`. */
export interface AllowToProps extends AllowRuleProps {}

/**
 * Allows egress from `subject` to `peers` on `ports`. Like every NetworkPolicy with egress
 * rules, it also isolates `subject` for egress: add `AllowDns` if it resolves names.
 */
export class AllowTo extends OneRulePolicy {
  /**
   * @param scope the Chart, or a construct inside one, that receives the rendered policies
   * @param id the construct id; it does not change the rendered policy names, which derive from the intent
   * @param props what to allow
   */
  public constructor(scope: Construct, id: string, props: AllowToProps) {
    super(scope, id, props, RuleAction.ALLOW, 'egress');
  }
}
