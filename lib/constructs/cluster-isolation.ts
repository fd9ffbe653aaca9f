import { ErrorCode, Peer, PeerKind, Problem } from '../model';

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
  return (isolation.listed ?? []).flatMap((ns, i) => isolation.exempt.includes(ns) ? [{
    code: ErrorCode.NAMESPACE_ISOLATED_AND_EXEMPT,
    field: `namespaces[${i}]`,
    value: ns,
    message: `namespace "${ns}" is listed to isolate and also exempt`,
    fix: `drop "${ns}" from \`namespaces\`, or from \`exemptNamespaces\` to isolate it on purpose`,
  }] : []);
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
    return [{
      code: ErrorCode.KUBE_SYSTEM_NOT_EXEMPT,
      field: 'dnsPeer',
      value: dnsPeer.toString(),
      message: 'the DNS pods\' namespace is not named, so the deny cannot keep it exempt, and isolating it would break DNS for every pod',
      fix: 'name its namespace with Peer.podsInNamespace(namespace, selector), and keep that namespace exempt',
    }];
  }
  // Other peers (anywhere, an entity) still reach the cluster DNS where it runs by default.
  const ns = dnsPeer.kind === PeerKind.PODS ? dnsPeer.namespaceName! : 'kube-system';
  if (!isolated(ns)) return [];
  const dns = dnsPeer.kind !== PeerKind.PODS || dnsPeer.toString() === Peer.clusterDns().toString() ? 'the cluster DNS (CoreDNS)' : `the DNS pods ${dnsPeer}`;
  const message = `${ns} would be isolated, and with it ${dns}: pods could not query it, nor could it reach its upstream resolvers and the API server`;
  if (listed !== undefined) {
    return [{
      code: ErrorCode.KUBE_SYSTEM_NOT_EXEMPT,
      field: `namespaces[${listed.indexOf(ns)}]`,
      value: ns,
      message,
      fix: `drop "${ns}" from \`namespaces\`: the namespace of the DNS pods must stay open`,
    }];
  }
  return [{
    code: ErrorCode.KUBE_SYSTEM_NOT_EXEMPT,
    field: 'exemptNamespaces',
    value: exempt.length > 0 ? exempt.join(',') : '[]',
    message,
    fix: ns === 'kube-system'
      ? `keep kube-system in \`exemptNamespaces\`: extend ${isolation.defaultExempt} rather than replace it`
      : `add "${ns}" to \`exemptNamespaces\`, e.g. [...${isolation.defaultExempt}, '${ns}']`,
  }];
}
