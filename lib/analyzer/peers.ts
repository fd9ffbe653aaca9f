import { ParsedCidr, ipInCidr, parseCidr, parseIp } from './ip-match';
import { matchesLabelSelector } from './selectors';
import { Cluster, Endpoint, FlowPeer, Labels } from './types';

/** Decides whether one side of a flow is among a rule's peers. Built once; never throws. */
export interface PeerMatcher {
  readonly text: string;
  /** For pod peers: the selectors, so the matrix can find matching pods by namespace instead of one by one. */
  readonly pods?: { readonly podSelector?: any; readonly namespaceSelector?: any; readonly ownNamespace?: string };
  matches(peer: FlowPeer): boolean;
}

/** Namespace labels by name; a namespace the model does not know has only its name label. */
export function namespaceLabelsOf(cluster: Cluster): (namespace: string) => Labels {
  return namespace => cluster.namespaces.get(namespace)?.labels ?? { 'kubernetes.io/metadata.name': namespace };
}

/** Pods whose namespace matches `namespaceSelector` (undefined: only `ownNamespace`) and whose labels match `podSelector` (undefined: all). */
export function podPeer(
  text: string,
  nsLabels: (namespace: string) => Labels,
  podSelector: any | undefined,
  namespaceSelector: any | undefined,
  ownNamespace: string | undefined,
): PeerMatcher {
  return {
    text,
    pods: { podSelector, namespaceSelector, ownNamespace },
    matches(peer) {
      if (peer.kind !== 'endpoint') return false;
      const e = peer.endpoint;
      if (namespaceSelector === undefined) {
        if (e.namespace !== ownNamespace) return false;
      } else if (!matchesLabelSelector(namespaceSelector, nsLabels(e.namespace))) {
        return false;
      }
      return podSelector === undefined || matchesLabelSelector(podSelector, e.labels);
    },
  };
}

/** Addresses inside `cidr` and outside every `except`; a pod matches through its IPs. Unparsable CIDRs match nothing. */
export function ipBlockPeer(text: string, cidr: string, except: readonly string[]): PeerMatcher {
  const block = parseCidr(cidr);
  const excluded = except.map(parseCidr).filter((c): c is ParsedCidr => c !== undefined);
  const inBlock = (ip: string) => {
    const parsed = parseIp(ip);
    return parsed !== undefined && block !== undefined && ipInCidr(parsed, block) && !excluded.some(x => ipInCidr(parsed, x));
  };
  return {
    text,
    matches(peer) {
      if (block === undefined || excluded.length !== except.length) return false;
      return peer.kind === 'ip' ? inBlock(peer.ip) : peer.endpoint.ips.some(inBlock);
    },
  };
}

/** The CIDRs of a list that cannot be parsed. */
export function unreadableCidrs(cidrs: readonly unknown[]): unknown[] {
  return cidrs.filter(c => parseCidr(String(c)) === undefined);
}

/** Every peer, inside or outside the cluster. */
export const ANY_PEER: PeerMatcher = { text: 'anywhere', matches: () => true };

/** The endpoint of a flow side, if it is one. */
export function endpointOf(peer: FlowPeer): Endpoint | undefined {
  return peer.kind === 'endpoint' ? peer.endpoint : undefined;
}
