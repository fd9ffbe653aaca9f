import { Construct } from 'constructs';
import { OneRulePolicy } from './one-rule-policy';
import { RulePolicyProps } from './rule-policy-props';
import { RuleAction } from '../model';

/** Props of `PassTo`. */
export interface PassToProps extends RulePolicyProps {}

/**
 * Hands egress from `subject` to `peers` on `ports` to the next tier, skipping the rest of this one (Calico `Pass`).
 * Named `<subject>-pass-egress-to-<peers>`. Calico and calico-crd, for every peer on every port; kubernetes and
 * cilium have no tiers to pass to (`ENGINE_NO_PASS`).
 */
export class PassTo extends OneRulePolicy {
  /**
   * @param scope the Chart, or a construct inside one, that receives the rendered policy
   * @param id the construct id; it does not change the rendered policy's name, which derives from the intent
   * @param props what to pass on, and to which peers
   */
  public constructor(scope: Construct, id: string, props: PassToProps) {
    super(scope, id, props, RuleAction.PASS, 'egress');
  }
}
