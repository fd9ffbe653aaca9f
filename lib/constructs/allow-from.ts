import { Construct } from 'constructs';
import { buildAllowPolicy } from './allow-policy';
import { AllowRuleProps } from './allow-rule-props';
import { PolicyConstruct } from './policy-construct';
import { emitPolicy } from './policy-sink';
import { Policy } from '../model';

/** Props of `AllowFrom`. */
export interface AllowFromProps extends AllowRuleProps {}

/**
 * Allows ingress to `subject` from `peers` on `ports`. Like every NetworkPolicy, it also
 * isolates `subject` for ingress: traffic no policy allows is dropped.
 */
export class AllowFrom extends PolicyConstruct {
  /** The policy intent. */
  public readonly policy: Policy;

  /**
   * @param scope the Chart, or a construct inside one, that receives the rendered policies
   * @param id the construct id; it does not change the rendered policy names, which derive from the intent
   * @param props what to allow or deny
   */
  public constructor(scope: Construct, id: string, props: AllowFromProps) {
    super(scope, id);
    this.policy = buildAllowPolicy(this, props, 'ingress');
    emitPolicy(this, this.policy, props.engine);
  }
}
