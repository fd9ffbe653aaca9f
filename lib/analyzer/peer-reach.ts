// Where the pods a rule may match as its peer are, so the matrix looks there instead of asking every class: a
// rule's peers are found once per rule, and each destination then costs the rules that apply to it.

import { ParsedCidr } from './ip-match';
import { PeerMatcher } from './peers';
import { matchesLabelSelector } from './selectors';
import { Endpoint, Labels } from './types';

/** Namespaces named outright, or those a selector matches (`key` names the selector: equal keys, equal namespaces). */
export type NamespaceSet =
  | { readonly names: readonly string[] }
  | { readonly key: string; matches(namespace: string): boolean };

/**
 * Every endpoint a rule may match as its peer is in one of `namespaces` or has an IP in one of `networks` (a pod
 * matched by address, wherever it runs).
 */
export interface PeerBound {
  readonly namespaces: readonly NamespaceSet[];
  readonly networks: readonly ParsedCidr[];
}

/** The endpoints a rule may match as its peer. */
export interface PeerReach {
  /** Undefined: they may be anywhere. */
  readonly bound?: PeerBound;
  /** False only when the rule matches no flow with this endpoint as its peer, whatever the rest of the flow. */
  mayMatch(endpoint: Endpoint): boolean;
}

/** A rule that may match any endpoint as its peer. */
export const ANYWHERE: PeerReach = { mayMatch: () => true };

/** Only endpoints in these namespaces, or with an IP in these networks. */
export function bounded(namespaces: readonly NamespaceSet[], networks: readonly ParsedCidr[], mayMatch: (e: Endpoint) => boolean): PeerReach {
  return { bound: { namespaces, networks }, mayMatch };
}

/**
 * The reach of Kubernetes-style peers (any of them): pods peers by their namespaces, address peers by their networks.
 * A peer that says neither (an unknown kind) leaves the reach unbounded.
 */
export function reachOfPeers(peers: readonly PeerMatcher[], nsLabels: (namespace: string) => Labels): PeerReach {
  const namespaces: NamespaceSet[] = [];
  const networks: ParsedCidr[] = [];
  let unbounded = false;
  for (const peer of peers) {
    if (peer.pods !== undefined) {
      const { namespaceSelector, ownNamespace } = peer.pods;
      if (namespaceSelector === undefined) {
        if (ownNamespace === undefined) unbounded = true;
        else namespaces.push({ names: [ownNamespace] });
      } else {
        namespaces.push({ key: `k8s:${JSON.stringify(namespaceSelector)}`, matches: ns => matchesLabelSelector(namespaceSelector, nsLabels(ns)) });
      }
    } else if (peer.networks !== undefined) {
      networks.push(...peer.networks);
    } else {
      unbounded = true;
    }
  }
  const mayMatch = (endpoint: Endpoint) => peers.some(p => p.matches({ kind: 'endpoint', endpoint }));
  return unbounded ? { mayMatch } : bounded(namespaces, networks, mayMatch);
}
