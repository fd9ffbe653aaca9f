import { Construct } from 'constructs';
import { OneRulePolicy } from './one-rule-policy';
import { RulePolicyProps } from './rule-policy-props';
import { RuleAction } from '../model';

/** Props of `DenyFrom`. */
export interface DenyFromProps extends RulePolicyProps {}

/**
 * Denies ingress to `subject` from `peers` on `ports`, whatever allows say, and does not isolate `subject`: traffic
 * it does not deny is left to the other policies. Named `<subject>-deny-ingress-from-<peers>`. Cilium, Calico and
 * calico-crd can express it (Calico only for every peer on every port, at a `priority` below the allows it must beat);
 * with `namespaceSelector` it is cluster-wide, and ClusterNetworkPolicy can express it too (tier Admin); kubernetes has
 * no deny (`ENGINE_NO_DENY`).
 */
export class DenyFrom extends OneRulePolicy {
  /**
   * @param scope the Chart, or a construct inside one, that receives the rendered policy
   * @param id the construct id; it does not change the rendered policy's name, which derives from the intent
   * @param props what to deny, and from which peers
   */
  public constructor(scope: Construct, id: string, props: DenyFromProps) {
    super(scope, id, props, RuleAction.DENY, 'ingress');
  }
}
