import { cidrText } from '../compile/cilium';
import { CiliumPeerForm } from '../compile/form';
import { ipInCidr, parseIp } from '../ip-match';
import { PeerMatcher } from '../peers';
import { selectorText } from '../selector-text';
import { FlowPeer } from '../types';
import { KNOWN_ENTITIES, UNMODELED_ENTITIES } from './entities';
import { Identity, matchesCiliumSelector } from './labels';

/** What a Cilium peer is made of; `endpoints` peers also take the `fromRequires`/`toRequires` of the endpoint. */
export type CiliumPeerKind = 'endpoints' | 'cidr' | 'entity' | 'fqdn' | 'unsupported' | 'nodes' | 'failClosed';

/** A peer matcher that knows its kind. Built once; never throws. */
export interface CiliumPeer extends PeerMatcher {
  readonly kind: CiliumPeerKind;
  /**
   * `endpoints` peers: the endpoint selector, as Cilium scoped it (the matrix finds the classes it matches). Every
   * other kind matches a pod or not whatever the pod: by kind of peer only.
   */
  readonly selector?: any;
  /** `endpoints` peers: the match with extra requirement selectors ANDed to the selector (folded `*Requires`). */
  matchesWith?(peer: FlowPeer, requirements: readonly any[]): boolean;
}

/** How the compiler reads the other side of a flow: its identity. Outside addresses are `reserved:world`. */
export interface IdentityOf {
  (peer: FlowPeer): Identity;
}

/** A peer matching a ready-made Cilium endpoint selector. */
export function selectorPeer(text: string, selector: any, identityOf: IdentityOf): CiliumPeer {
  const withRequirements = (peer: FlowPeer, requirements: readonly any[]) => {
    const identity = identityOf(peer);
    return matchesCiliumSelector(selector, identity) && requirements.every(r => matchesCiliumSelector(r, identity));
  };
  return {
    kind: 'endpoints',
    text,
    selector,
    matches: peer => withRequirements(peer, []),
    matchesWith: withRequirements,
  };
}

/** A peer Cilium would read but the analyzer cannot: it matches nothing when it allows, everything when it denies. */
export function unreadablePeer(text: string, deny: boolean): CiliumPeer {
  return deny
    ? { kind: 'failClosed', text: `${text} [not evaluated: treated as matching, fail closed]`, matches: () => true }
    : { kind: 'unsupported', text: `${text} [not evaluated: matches nothing]`, matches: () => false };
}

/** What the entities Cilium knows (`KNOWN_ENTITIES`) are in the analyzer's model. */
const ENTITIES: ReadonlyMap<string, (peer: FlowPeer) => boolean> = new Map([
  ['all', () => true],
  ['world', (p: FlowPeer) => p.kind === 'ip'],
  ['world-ipv4', (p: FlowPeer) => p.kind === 'ip' && parseIp(p.ip)?.kind() === 'ipv4'],
  ['world-ipv6', (p: FlowPeer) => p.kind === 'ip' && parseIp(p.ip)?.kind() === 'ipv6'],
  // Every pod of the cluster (and host, remote-node, init...: peers the analyzer has no flows for).
  ['cluster', (p: FlowPeer) => p.kind === 'endpoint'],
  ['host', () => false],
  ['remote-node', () => false],
  ['kube-apiserver', () => false],
  ['ingress', () => false],
  ['health', () => false],
  ['init', () => false],
  ['unmanaged', () => false],
  ['none', () => false],
]);

/** The entities the analyzer reads. */
export { KNOWN_ENTITIES };

/**
 * The matcher of a Cilium peer. An endpoint selector matches by identity (a CiliumNetworkPolicy's selectors already
 * scoped to its namespace); a CIDR matches only addresses outside the cluster (Cilium identifies its own endpoints by
 * identity, never by address: docs "Layer 3 Policies"), so a pod never matches, even when its IP lies in the block.
 * `world` is any address outside the cluster's pods, `cluster` every pod, `all` everything; host, remote-node,
 * kube-apiserver, ingress, health, init, unmanaged and none stand for peers the analyzer has no flows for (nodes, the
 * API server, Cilium's own endpoints) and match nothing. The analyzer has no DNS: a `toFQDNs` peer matches no flow,
 * and nodes are not in its model. An unreadable peer matches nothing when it allows, everything when it denies.
 */
export function ciliumPeerOf(peer: CiliumPeerForm, deny: boolean, namespace: string | undefined, identityOf: IdentityOf): CiliumPeer {
  switch (peer.kind) {
    case 'endpoints': {
      const where = peer.added === 'namespace' && namespace !== undefined ? ` in ${namespace}` : peer.added === 'cluster' ? ' in any namespace' : '';
      return selectorPeer(`endpoints(${selectorText(peer.written)})${where}`, peer.selector, identityOf);
    }
    case 'cidr': {
      const { cidr, except } = peer.range;
      return {
        kind: 'cidr',
        text: cidrText(peer.cidr, peer.except),
        matches(other) {
          if (other.kind !== 'ip') return false;
          const ip = parseIp(other.ip);
          return ip !== undefined && ipInCidr(ip, cidr) && !except.some(x => ipInCidr(ip, x));
        },
      };
    }
    case 'entity': {
      const unmodeled = UNMODELED_ENTITIES.includes(peer.name);
      return { kind: 'entity', text: `entity(${peer.name})${unmodeled ? ' [no such peer in the model]' : ''}`, matches: ENTITIES.get(peer.name) ?? (() => false) };
    }
    case 'fqdn': {
      const names = peer.fqdns.map(s => s.matchName !== undefined ? `matchName=${s.matchName}` : `matchPattern=${s.matchPattern}`);
      return { kind: 'fqdn', text: `fqdn(${names.join(',')}) [no DNS offline: matches no address]`, matches: () => false };
    }
    case 'nodes':
      return { kind: 'nodes', text: `nodes(${selectorText(peer.selector)}) [no such peer in the model]`, matches: () => false };
    case 'unreadable':
      return unreadablePeer(peer.text, deny);
  }
}
