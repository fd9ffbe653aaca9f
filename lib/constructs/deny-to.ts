import { Construct } from 'constructs';
import { OneRulePolicy } from './one-rule-policy';
import { RulePolicyProps } from './rule-policy-props';
import { RuleAction } from '../model';

/** Props of `DenyTo`. */
export interface DenyToProps extends RulePolicyProps {}

/**
 * Denies egress from `subject` to `peers` on `ports`, whatever allows say (e.g. the cloud metadata endpoint), and
 * does not isolate `subject`. Named `<subject>-deny-egress-to-<peers>`. Cilium, Calico and calico-crd can express it
 * (Calico only for every peer on every port); with `namespaceSelector` it is cluster-wide, and ClusterNetworkPolicy
 * can express it too (tier Admin); kubernetes has no deny (`ENGINE_NO_DENY`).
 */
export class DenyTo extends OneRulePolicy {
  /**
   * @param scope the Chart, or a construct inside one, that receives the rendered policy
   * @param id the construct id; it does not change the rendered policy's name, which derives from the intent
   * @param props what to deny, and to which peers
   */
  public constructor(scope: Construct, id: string, props: DenyToProps) {
    super(scope, id, props, RuleAction.DENY, 'egress');
  }
}
