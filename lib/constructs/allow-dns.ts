import { Construct } from 'constructs';
import { checkProp, emitPolicy, resolveNamespace } from './cdk8s-sink';
import { Subject } from './subject';
import { Peer, Policy, Port, Rule } from '../model';
import { policyName } from '../model/names';

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

/** Props of `AllowDns`. */
export interface AllowDnsProps extends DnsOptions {
  /**
   * The pods that may resolve names.
   * @default Subject.allPods()
   */
  readonly subject?: Subject;
  /**
   * The namespace.
   * @default - the subject's namespace, else the enclosing Chart's
   */
  readonly namespaceName?: string;
  /**
   * The policy's name.
   * @default - `allow-dns`, or `allow-dns-<subject>` for a narrower subject
   */
  readonly name?: string;
}

/**
 * Allows egress to the cluster DNS on UDP and TCP 53 (TCP carries truncated answers),
 * plus node-local DNS addresses when given.
 */
export class AllowDns extends Construct {
  /** The policy intent. */
  public readonly policy: Policy;

  public constructor(scope: Construct, id: string, props: AllowDnsProps = {}) {
    super(scope, id);
    const subject = props.subject ?? Subject.allPods();
    checkProp(this, 'subject', subject._problems());
    const peers = dnsPeers(this, props);
    const namespaceName = resolveNamespace(this, props.namespaceName, subject.namespaceName);
    this.policy = new Policy({
      name: props.name ?? (subject.selector.selectsAll ? 'allow-dns' : policyName('allow-dns', subject.displayName)),
      namespaceName,
      subject: subject.selector,
      egress: [Rule.allow({ peers, ports: [Port.DNS_UDP, Port.DNS_TCP] })],
    });
    emitPolicy(this, this.policy);
  }
}

/** The DNS peers of `options`, checked, with node-local addresses as host-sized ipBlocks. */
export function dnsPeers(scope: Construct, options: DnsOptions): Peer[] {
  const dnsPeer = options.dnsPeer ?? Peer.clusterDns();
  checkProp(scope, 'dnsPeer', dnsPeer._problems());
  const nodeLocal = (options.nodeLocalDnsAddresses ?? []).map((address, i) => {
    const cidr = address.includes('/') ? address : `${address}/${address.includes(':') ? 128 : 32}`;
    const peer = Peer.ipBlock(cidr)._named('node-local-dns');
    checkProp(scope, `nodeLocalDnsAddresses[${i}]`, peer.cidr!._problems());
    return peer;
  });
  return [dnsPeer, ...nodeLocal];
}
