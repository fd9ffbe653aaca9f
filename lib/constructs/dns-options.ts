import { Peer } from '../model';

/** DNS settings shared by `AllowDns` and the constructs that include it. */
export interface DnsOptions {
  /**
   * The DNS servers' pods.
   * @default Peer.clusterDns() - pods `k8s-app=kube-dns` in `kube-system`
   */
  readonly dnsPeer?: Peer;
  /**
   * Node-local DNS cache addresses (e.g. `169.254.20.10`), allowed as /32 (or /128) ipBlocks.
   * A CIDR is taken as given.
   * @default - none
   */
  readonly nodeLocalDnsAddresses?: string[];
}
