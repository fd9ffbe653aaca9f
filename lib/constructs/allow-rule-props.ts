import { RulePolicyProps } from './rule-policy-props';
import { HttpMatch } from '../model';

/** Props shared by `AllowFrom` and `AllowTo`. */
export interface AllowRuleProps extends RulePolicyProps {
  /**
   * L7: only these HTTP requests are allowed on the TCP ports (cilium).
   * @default - any traffic on the ports
   */
  readonly http?: HttpMatch[];
}
