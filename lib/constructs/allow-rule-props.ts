import { Subject } from './subject';
import { Engine } from '../engines/engine';
import { HttpMatch, Peer, Port, RuleAction } from '../model';

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
  /**
   * The policy engine to render for.
   * @default - DefaultEngine.of(scope): the nearest default set on the Chart or App, else Engine.KUBERNETES
   */
  readonly engine?: Engine;
  /**
   * What the rule does. Deny and pass need an engine that can express them (calico, cilium for deny).
   * @default RuleAction.ALLOW
   */
  readonly action?: RuleAction;
  /**
   * L7: only these HTTP requests are allowed on the TCP ports (cilium).
   * @default - any traffic on the ports
   */
  readonly http?: HttpMatch[];
  /**
   * Evaluation order where the engine has one (calico `order`).
   * @default - the engine's default
   */
  readonly priority?: number;
  /**
   * The Calico tier (engine calico only; the tier must exist in the cluster).
   * @default - the engine's default tier
   */
  readonly tier?: string;
}
