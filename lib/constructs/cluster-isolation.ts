import { Peer, PeerKind, Problem } from '../model';
import { dnsNamespaceListed, dnsNamespaceUnnamed, kubeSystemNotExempt, namespaceIsolatedAndExempt } from '../model/messages';

/** What a cluster deny leaves alone and what it isolates, as the props gave them. */
export interface ClusterIsolation {
  /** Namespaces left alone. */
  readonly exempt: readonly string[];
  /** For engines without cluster-wide policy: the namespaces listed to isolate; undefined when every namespace not exempt is. */
  readonly listed?: readonly string[];
  /** The DNS servers the deny keeps open. */
  readonly dnsPeer: Peer;
  /** The default exempt list as fixes name it, e.g. `ClusterDefaultDeny.SYSTEM_NAMESPACES`. */
  readonly defaultExempt: string;
}

/** A namespace both listed to isolate and exempt: rendering nothing for it would drop it without a word. */
export function isolatedAndExemptProblems(isolation: ClusterIsolation): Problem[] {
  return (isolation.listed ?? []).flatMap((ns, i) => isolation.exempt.includes(ns) ? [namespaceIsolatedAndExempt(`namespaces[${i}]`, ns)] : []);
}

/**
 * The namespace of the DNS pods must stay exempt. Isolating it in either direction breaks DNS for every pod:
 * ingress, pods cannot query the DNS pods; egress, the DNS pods cannot reach their upstream resolvers and the
 * API server, which the deny does not allow. Fields: `exemptNamespaces`, `namespaces[i]` or `dnsPeer`.
 */
export function dnsNamespaceProblems(isolation: ClusterIsolation): Problem[] {
  const { exempt, listed, dnsPeer } = isolation;
  const isolated = (ns: string) => !exempt.includes(ns) && (listed === undefined || listed.includes(ns));
  // Nothing isolated (every listed namespace exempt, or none listed): nothing to protect.
  if (listed !== undefined && !listed.some(isolated)) return [];
  // An external resolver has no namespace to protect.
  if (dnsPeer.kind === PeerKind.IP_BLOCK) return [];
  // Pods chosen by namespace labels, or in each isolated namespace itself (no namespace): which one to keep exempt is unknown.
  if (dnsPeer.kind === PeerKind.PODS && dnsPeer.namespaceName === undefined) {
    return [dnsNamespaceUnnamed('dnsPeer', dnsPeer.toString())];
  }
  // Other peers (anywhere, an entity) still reach the cluster DNS where it runs by default.
  const ns = dnsPeer.kind === PeerKind.PODS ? dnsPeer.namespaceName! : 'kube-system';
  if (!isolated(ns)) return [];
  const dns = dnsPeer.kind !== PeerKind.PODS || dnsPeer.toString() === Peer.clusterDns().toString() ? 'the cluster DNS (CoreDNS)' : `the DNS pods ${dnsPeer}`;
  if (listed !== undefined) {
    return [dnsNamespaceListed(`namespaces[${listed.indexOf(ns)}]`, ns, dns)];
  }
  return [kubeSystemNotExempt('exemptNamespaces', exempt.length > 0 ? exempt.join(',') : '[]', ns, dns, isolation.defaultExempt)];
}
