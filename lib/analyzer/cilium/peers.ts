import { cidrText } from '../compile/cilium';
import { CiliumPeerForm } from '../compile/form';
import { ipInCidr, parseIp } from '../ip-match';
import { PeerMatcher } from '../peers';
import { selectorText } from '../selector-text';
import { AddressPeer, FlowPeer } from '../types';
import { KNOWN_ENTITIES, UNMODELED_ENTITIES } from './entities';
import { fqdnMatches } from './fqdn';
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

// Entities inside the cluster besides its pods (docs "Layer 3 Policies", Entities Based: `cluster` includes the host,
// remote-node and init identities, and Cilium's own ingress, health and unmanaged endpoints).
const CLUSTER_ENTITIES: readonly string[] = ['host', 'remote-node', 'init', 'ingress', 'health', 'unmanaged'];

/** An address with no reserved identity but `world`: outside the cluster. */
const isWorld = (p: FlowPeer): p is AddressPeer => p.kind === 'ip' && p.entity === undefined;

/**
 * What the entities Cilium knows (`KNOWN_ENTITIES`) are in the analyzer's model. An address that stands for an entity
 * (`AddressPeer.entity`) has that entity's identity only: the kube-apiserver is matched by `kube-apiserver` and `all`
 * (Cilium also gives it `host`/`remote-node` where it runs on the nodes, or `world` outside: the analyzer cannot know
 * which, and does not assume either).
 */
const ENTITIES: ReadonlyMap<string, (peer: FlowPeer) => boolean> = new Map([
  ['all', () => true],
  ['world', isWorld],
  ['world-ipv4', (p: FlowPeer) => isWorld(p) && parseIp(p.ip)?.kind() === 'ipv4'],
  ['world-ipv6', (p: FlowPeer) => isWorld(p) && parseIp(p.ip)?.kind() === 'ipv6'],
  ['cluster', (p: FlowPeer) => p.kind === 'endpoint' || (p.kind === 'ip' && p.entity !== undefined && CLUSTER_ENTITIES.includes(p.entity))],
  ...UNMODELED_ENTITIES.map((name): [string, (p: FlowPeer) => boolean] => [name, (p: FlowPeer) => p.kind === 'ip' && p.entity === name]),
  ['none', () => false],
]);

/** The entities the analyzer reads. */
export { KNOWN_ENTITIES };

/**
 * The matcher of a Cilium peer. An endpoint selector matches by identity (a CiliumNetworkPolicy's selectors already
 * scoped to its namespace); a CIDR matches only addresses outside the cluster (Cilium identifies its own endpoints by
 * identity, never by address: docs "Layer 3 Policies"), so a pod never matches, even when its IP lies in the block.
 * `world` is any address outside the cluster's pods, `cluster` every pod and the entities inside the cluster, `all`
 * everything; host, remote-node, kube-apiserver, ingress, health, init and unmanaged match the address that stands for
 * that entity (the analyzer's named peers), none nothing. The analyzer has no DNS: a `toFQDNs` peer matches only an
 * address reached by a name it matches (a named peer), never a bare address; nodes are not in its model. An unreadable
 * peer matches nothing when it allows, everything when it denies.
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
          if (!isWorld(other)) return false;
          const ip = parseIp(other.ip);
          return ip !== undefined && ipInCidr(ip, cidr) && !except.some(x => ipInCidr(ip, x));
        },
      };
    }
    case 'entity': {
      return { kind: 'entity', text: `entity(${peer.name})`, matches: ENTITIES.get(peer.name) ?? (() => false) };
    }
    case 'fqdn': {
      const names = peer.fqdns.map(s => s.matchName !== undefined ? `matchName=${s.matchName}` : `matchPattern=${s.matchPattern}`);
      // No DNS offline: only an address reached by a name (`AddressPeer.fqdn`, the analyzer's named peers) can match.
      return {
        kind: 'fqdn',
        text: `fqdn(${names.join(',')})`,
        matches: other => isWorld(other) && other.fqdn !== undefined && peer.fqdns.some(s => fqdnMatches(s, other.fqdn!)),
      };
    }
    case 'nodes':
      return { kind: 'nodes', text: `nodes(${selectorText(peer.selector)}) [no such peer in the model]`, matches: () => false };
    case 'unreadable':
      return unreadablePeer(peer.text, deny);
  }
}
