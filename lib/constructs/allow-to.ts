import { Construct } from 'constructs';
import { AllowRuleProps, buildAllowPolicy } from './allow-from';
import { emitPolicy } from './cdk8s-sink';
import { Policy } from '../model';

/** Props of `AllowTo`. */
export interface AllowToProps extends AllowRuleProps {}

/**
 * Allows egress from `subject` to `peers` on `ports`. Like every NetworkPolicy with egress
 * rules, it also isolates `subject` for egress: add `AllowDns` if it resolves names.
 */
export class AllowTo extends Construct {
  /** The policy intent. */
  public readonly policy: Policy;

  public constructor(scope: Construct, id: string, props: AllowToProps) {
    super(scope, id);
    this.policy = buildAllowPolicy(this, props, 'egress');
    emitPolicy(this, this.policy);
  }
}
