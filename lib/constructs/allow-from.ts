import { Construct } from 'constructs';
import { AllowRuleProps } from './allow-rule-props';
import { OneRulePolicy } from './one-rule-policy';
import { RuleAction } from '../model';

/** Props of `AllowFrom`. */
export interface AllowFromProps extends AllowRuleProps {}

/**
 * Allows ingress to `subject` from `peers` on `ports`. Like every NetworkPolicy, it also
 * isolates `subject` for ingress: traffic no policy allows is dropped.
 */
export class AllowFrom extends OneRulePolicy {
  /**
   * @param scope the Chart, or a construct inside one, that receives the rendered policies
   * @param id the construct id; it does not change the rendered policy names, which derive from the intent
   * @param props what to allow
   */
  public constructor(scope: Construct, id: string, props: AllowFromProps) {
    super(scope, id, props, RuleAction.ALLOW, 'ingress');
  }
}
