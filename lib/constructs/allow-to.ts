import { Construct } from 'constructs';
import { buildAllowPolicy } from './allow-policy';
import { AllowRuleProps } from './allow-rule-props';
import { PolicyConstruct } from './policy-construct';
import { emitPolicy } from './policy-sink';
import { Policy } from '../model';

/** Props of `AllowTo`. */
export interface AllowToProps extends AllowRuleProps {}

/**
 * Allows egress from `subject` to `peers` on `ports`. Like every NetworkPolicy with egress
 * rules, it also isolates `subject` for egress: add `AllowDns` if it resolves names.
 */
export class AllowTo extends PolicyConstruct {
  /** The policy intent. */
  public readonly policy: Policy;

  /**
   * @param scope the Chart, or a construct inside one, that receives the rendered policies
   * @param id the construct id; it does not change the rendered policy names, which derive from the intent
   * @param props what to allow or deny
   */
  public constructor(scope: Construct, id: string, props: AllowToProps) {
    super(scope, id);
    this.policy = buildAllowPolicy(this, props, 'egress');
    emitPolicy(this, this.policy, props.engine);
  }
}
