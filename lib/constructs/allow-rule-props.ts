import { Subject } from './subject';
import { Peer, Port } from '../model';

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
