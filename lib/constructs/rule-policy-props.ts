import { Subject } from './subject';
import { Engine } from '../engines/engine';
import { Peer, Port, Selector } from '../model';

/** Props shared by the one-rule policies: `AllowFrom`, `AllowTo`, `DenyFrom`, `DenyTo`, `PassFrom`, `PassTo`. */
export interface RulePolicyProps {
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
   * A cluster-wide policy instead of a namespaced one: the namespaces whose pods `subject` selects (`Selector.all()` for
   * every namespace). It renders as a ClusterNetworkPolicy, a Calico GlobalNetworkPolicy or a
   * CiliumClusterwideNetworkPolicy; the kubernetes engine has no cluster-wide policy. Give it or a namespace
   * (`namespaceName` or the subject's), not both.
   * @default - a namespaced policy
   */
  readonly namespaceSelector?: Selector;
  /**
   * The policy's name.
   * @default - derived from the intent: `<subject>-ingress-from-<peers>` or `<subject>-egress-to-<peers>`, with `deny-`,
   * `pass-` or `log-` before the direction for the other actions (`api-deny-ingress-from-web`)
   */
  readonly name?: string;
  /**
   * The policy engine to render for.
   * @default - DefaultEngine.of(scope): the construct context `cdk-netpol:engine` of the Chart or App, else Engine.KUBERNETES
   */
  readonly engine?: Engine;
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
