import { Construct } from 'constructs';
import { OneRulePolicy } from './one-rule-policy';
import { RulePolicyProps } from './rule-policy-props';
import { RuleAction } from '../model';

/** Props of `PassFrom`. */
export interface PassFromProps extends RulePolicyProps {}

/**
 * Hands ingress to `subject` from `peers` on `ports` to the next tier, skipping the rest of this one (Calico `Pass`).
 * Named `<subject>-pass-ingress-from-<peers>`. Calico and calico-crd, for every peer on every port; kubernetes and
 * cilium have no tiers to pass to (`ENGINE_NO_PASS`).
 */
export class PassFrom extends OneRulePolicy {
  /**
   * @param scope the Chart, or a construct inside one, that receives the rendered policy
   * @param id the construct id; it does not change the rendered policy's name, which derives from the intent
   * @param props what to pass on, and from which peers
   */
  public constructor(scope: Construct, id: string, props: PassFromProps) {
    super(scope, id, props, RuleAction.PASS, 'ingress');
  }
}
