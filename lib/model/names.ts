import { createHash } from 'crypto';
import { Peer, PeerKind } from './peer';
import { Selector } from './selector';

// Label keys whose value alone names the thing well (app=web reads as "web").
const NAMING_KEYS = new Set([
  'app', 'name', 'k8s-app', 'component', 'tier', 'role',
  'app.kubernetes.io/name', 'app.kubernetes.io/component', 'app.kubernetes.io/instance',
]);

/** Lowercase DNS-safe words: `Foo_Bar.baz` becomes `foo-bar-baz`. */
export function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** A short name for what a selector selects: `app=web,tier=front` becomes `web-front`. */
export function selectorSlug(selector: Selector): string {
  if (selector.calicoExpression !== undefined) return slugify(selector.calicoExpression).slice(0, 40).replace(/-+$/, '');
  if (selector.isEmpty) return 'all-pods';
  const words = Object.entries(selector.matchLabels).map(([k, v]) => NAMING_KEYS.has(k) ? v : `${k.split('/').pop()}-${v}`);
  for (const e of selector.matchExpressions) words.push(slugify(e.toString().replace(/^!/, 'not-')));
  return slugify(words.join('-'));
}

/** A short name for a peer: `ns-prod-web`, `cidr-10-0-0-0-8`, `anywhere`. */
export function peerSlug(peer: Peer): string {
  if (peer.displayName) return slugify(peer.displayName);
  switch (peer.kind) {
    case PeerKind.ANYWHERE: return 'anywhere';
    case PeerKind.ENTITY: return slugify(peer.entityName!);
    case PeerKind.FQDN: return slugify(peer.dnsName!.replace(/\*/g, 'any'));
    case PeerKind.IP_BLOCK: {
      const text = peer.cidr!.toString();
      if (text === '0.0.0.0/0' || text === '::/0') return peer.exceptCidrs.length > 0 ? 'internet' : 'any-ip';
      return `cidr-${slugify(text)}`;
    }
    case PeerKind.PODS: {
      const ns = peer.namespaceSelector === undefined ? undefined
        : peer.namespaceName !== undefined ? `ns-${peer.namespaceName}`
          : peer.namespaceSelector.isEmpty ? 'all-namespaces' : `ns-${selectorSlug(peer.namespaceSelector)}`;
      const pods = peer.serviceAccountNames !== undefined ? `sa-${peer.serviceAccountNames.join('-')}`
        : peer.podSelector === undefined ? undefined : selectorSlug(peer.podSelector);
      return slugify([ns, ns !== undefined && pods === 'all-pods' ? undefined : pods].filter(x => x !== undefined).join('-'));
    }
  }
}

/** A short name for a list of peers. */
export function peersSlug(peers: readonly Peer[]): string {
  return [...new Set(peers.map(peerSlug))].join('-and-');
}

/**
 * Joins words into a DNS-1123 name of at most 63 characters, so it also fits a label value.
 * A longer name keeps its readable start and ends with a hash of the whole, so it stays unique and stable.
 */
export function policyName(...words: string[]): string {
  const full = slugify(words.filter(w => w.length > 0).join('-'));
  if (full.length <= 63) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  // Cut at a word boundary so the readable part stays whole words.
  const head = full.slice(0, 55);
  const cut = head.lastIndexOf('-');
  return `${cut > 0 ? head.slice(0, cut) : head.slice(0, 54)}-${hash}`;
}
