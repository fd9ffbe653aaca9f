import { NAMESPACE_NAME_LABEL } from './compile/defaults';
import type { IpBlockPeerForm, LabelSelector, NetworksPeerForm, PeerForm, PodsPeerForm } from './compile/form';
import { ParsedCidr, ipInCidr, parseIp } from './ip-match';
import { selectorText } from './selector-text';
import { matchesLabelSelector } from './selectors';
import { Cluster, Endpoint, FlowPeer, Labels } from './types';

/** Decides whether one side of a flow is among a rule's peers. Built once; never throws. */
export interface PeerMatcher {
  readonly text: string;
  /** For pod peers: the selectors, so the matrix can find matching pods by namespace instead of one by one. */
  readonly pods?: { readonly podSelector?: LabelSelector; readonly namespaceSelector?: LabelSelector; readonly ownNamespace?: string };
  /** For address peers: every address it matches lies in one of these networks (none: it matches nothing). */
  readonly networks?: readonly ParsedCidr[];
  matches(peer: FlowPeer): boolean;
}

/** Namespace labels by name; a namespace the model does not know has only its name label. */
export function namespaceLabelsOf(cluster: Cluster): (namespace: string) => Labels {
  return namespace => cluster.namespaces.get(namespace)?.labels ?? { [NAMESPACE_NAME_LABEL]: namespace };
}

/** Pods whose namespace matches `namespaceSelector` (undefined: only `ownNamespace`) and whose labels match `podSelector` (undefined: all). */
export function podPeer(
  text: string,
  nsLabels: (namespace: string) => Labels,
  podSelector: LabelSelector | undefined,
  namespaceSelector: LabelSelector | undefined,
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

/**
 * Addresses inside `range.cidr` and outside every `range.except`; a pod matches through its IPs. Without a range
 * (a CIDR that cannot be read) it matches nothing.
 */
export function ipBlockPeer(text: string, range: IpBlockPeerForm['range']): PeerMatcher {
  const inBlock = (ip: string) => {
    const parsed = parseIp(ip);
    return parsed !== undefined && range !== undefined && ipInCidr(parsed, range.cidr) && !range.except.some(x => ipInCidr(parsed, x));
  };
  return {
    text,
    networks: range === undefined ? [] : [range.cidr],
    matches(peer) {
      if (range === undefined) return false;
      return peer.kind === 'ip' ? inBlock(peer.ip) : peer.endpoint.ips.some(inBlock);
    },
  };
}

/** Any of the readable networks of an admin `networks` peer; a pod matches through its IPs. */
export function networksPeer(text: string, cidrs: readonly ParsedCidr[]): PeerMatcher {
  const inNetworks = (ip: string) => {
    const parsed = parseIp(ip);
    return parsed !== undefined && cidrs.some(c => ipInCidr(parsed, c));
  };
  return {
    text,
    networks: cidrs,
    matches: peer => cidrs.length > 0 && (peer.kind === 'ip' ? inNetworks(peer.ip) : peer.endpoint.ips.some(inNetworks)),
  };
}

/** `namespaces(env=prod)/pods(app=web)`: a pods peer as traces print it. */
export function podsPeerText(peer: PodsPeerForm): string {
  return [
    peer.namespaceSelector !== undefined ? `namespaces(${selectorText(peer.namespaceSelector)})` : undefined,
    peer.podSelector !== undefined ? `pods(${selectorText(peer.podSelector)})` : undefined,
  ].filter(Boolean).join('/');
}

/** `ipBlock(10.0.0.0/8 except 10.1.0.0/16)`. */
export function ipBlockText(peer: IpBlockPeerForm): string {
  return `ipBlock(${peer.cidr}${peer.except.length ? ` except ${peer.except.join(',')}` : ''})`;
}

/** `networks(10.0.0.0/8,192.168.0.0/16)`. */
export function networksText(peer: NetworksPeerForm): string {
  return `networks(${peer.networks.join(',')})`;
}

/** A peer that matches nothing (it could not be read). */
export const NO_PEER: PeerMatcher = { text: 'nothing', networks: [], matches: () => false };

/** The matcher of a NetworkPolicy or admin peer (Kubernetes semantics); an unreadable peer matches nothing. */
export function peerMatcherOf(peer: PeerForm, nsLabels: (namespace: string) => Labels): PeerMatcher {
  switch (peer.kind) {
    case 'pods': return podPeer(podsPeerText(peer), nsLabels, peer.podSelector, peer.namespaceSelector, peer.ownNamespace);
    case 'ipBlock': return ipBlockPeer(ipBlockText(peer), peer.range);
    case 'networks': return networksPeer(networksText(peer), peer.cidrs);
    case 'unreadable': return NO_PEER;
  }
}

/** Every peer, inside or outside the cluster. */
export const ANY_PEER: PeerMatcher = { text: 'anywhere', matches: () => true };

/** The endpoint of a flow side, if it is one. */
export function endpointOf(peer: FlowPeer): Endpoint | undefined {
  return peer.kind === 'endpoint' ? peer.endpoint : undefined;
}
