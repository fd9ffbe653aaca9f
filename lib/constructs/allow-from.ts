import { Construct } from 'constructs';
import { checkProp, emitPolicy, resolveNamespace } from './cdk8s-sink';
import { Subject } from './subject';
import { Peer, Policy, Port, Rule } from '../model';
import { peersSlug, policyName } from '../model/names';

/** Props shared by `AllowFrom` and `AllowTo`. */
export interface AllowRuleProps {
  /** The pods the policy applies to. */
  readonly subject: Subject;
  /** The other side. `[Peer.anywhere()]` means every peer. */
  readonly peers: Peer[];
  /** The destination pods' container ports (not Service ports). `[Port.allPorts()]` means every port. */
  readonly ports: Port[];
  /**
   * The namespace.
   * @default - the subject's namespace, else the enclosing Chart's
   */
  readonly namespaceName?: string;
  /**
   * The policy's name.
   * @default - derived from the intent: `<subject>-ingress-from-<peers>` or `<subject>-egress-to-<peers>`
   */
  readonly name?: string;
}

/** Props of `AllowFrom`. */
export interface AllowFromProps extends AllowRuleProps {}

/**
 * Allows ingress to `subject` from `peers` on `ports`. Like every NetworkPolicy, it also
 * isolates `subject` for ingress: traffic no policy allows is dropped.
 */
export class AllowFrom extends Construct {
  /** The policy intent. */
  public readonly policy: Policy;

  public constructor(scope: Construct, id: string, props: AllowFromProps) {
    super(scope, id);
    this.policy = buildAllowPolicy(this, props, 'ingress');
    emitPolicy(this, this.policy);
  }
}

/** Checks the props and builds the one-rule policy of `AllowFrom` or `AllowTo`. */
export function buildAllowPolicy(scope: Construct, props: AllowRuleProps, direction: 'ingress' | 'egress'): Policy {
  checkProp(scope, 'subject', props.subject._problems());
  const rule = Rule.allow({ peers: props.peers, ports: props.ports });
  checkProp(scope, '', rule._problems());
  const namespaceName = resolveNamespace(scope, props.namespaceName, props.subject.namespaceName);
  const name = props.name ?? policyName(props.subject.displayName, direction === 'ingress' ? 'ingress-from' : 'egress-to', peersSlug(rule.peers));
  return new Policy({
    name,
    namespaceName,
    subject: props.subject.selector,
    ingress: direction === 'ingress' ? [rule] : undefined,
    egress: direction === 'egress' ? [rule] : undefined,
  });
}

