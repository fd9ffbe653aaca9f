import { ParsedCidr, ipInCidr, parseCidr, parseIp } from '../ip-match';
import { PeerMatcher } from '../peers';
import { selectorText } from '../selector-text';
import { FlowPeer } from '../types';
import { Identity, NAMESPACE_LABELS_PREFIX, POD_NAMESPACE_LABEL, matchesCiliumSelector, readsKey, readsReserved, selectorProblems } from './labels';

/** What a Cilium peer is made of; `endpoints` peers also take the `fromRequires`/`toRequires` of the endpoint. */
export type CiliumPeerKind = 'endpoints' | 'cidr' | 'entity' | 'fqdn' | 'unsupported' | 'nodes' | 'failClosed';

/** A peer matcher that knows its kind. Built once; never throws. */
export interface CiliumPeer extends PeerMatcher {
  readonly kind: CiliumPeerKind;
  /** `endpoints` peers: the match with extra requirement selectors ANDed to the selector (folded `*Requires`). */
  matchesWith?(peer: FlowPeer, requirements: readonly any[]): boolean;
}

/** How the compiler reads the other side of a flow: its identity. Outside addresses are `reserved:world`. */
export interface IdentityOf {
  (peer: FlowPeer): Identity;
}

/** Where a policy lives: a namespace (CiliumNetworkPolicy, NetworkPolicy) or the whole cluster. */
export type PolicyScope = { readonly namespace: string } | { readonly clusterwide: true };

const K8S_NAMESPACE_KEY = `k8s:${POD_NAMESPACE_LABEL}`;

/** A selector as Cilium scopes it, and what scoping added. */
export interface ScopedSelector {
  readonly selector: any;
  /** `namespace`: the policy's namespace was added; `cluster`: "has a namespace" was added. */
  readonly added?: 'namespace' | 'cluster';
}

/**
 * The selector Cilium actually uses for a `fromEndpoints`/`toEndpoints`/`*Requires` entry
 * (pkg/k8s/apis/cilium.io/utils getEndpointSelector): a selector naming `io.kubernetes.pod.namespace`
 * (with `k8s:`, `any:` or no source) is kept; one with `reserved:` keys is kept (for peers, not for
 * requirements); otherwise a CiliumNetworkPolicy adds its own namespace (unless the selector reads
 * `io.cilium.k8s.namespace.labels.*`) and a clusterwide policy adds "has a namespace", so `{}` is every
 * pod of the namespace, or every pod of the cluster, never an address outside it.
 */
export function scopeSelector(selector: any, scope: PolicyScope, peer = true): ScopedSelector {
  const base = selector ?? {};
  if (peer && readsReserved(base)) return { selector: base };
  if (readsKey(base, k => k === POD_NAMESPACE_LABEL)) return { selector: base };
  if ('clusterwide' in scope) {
    const matchExpressions = [...(base.matchExpressions ?? []), { key: K8S_NAMESPACE_KEY, operator: 'Exists' }];
    return { selector: { ...base, matchExpressions }, added: 'cluster' };
  }
  if (readsKey(base, k => k.startsWith(NAMESPACE_LABELS_PREFIX))) return { selector: base };
  return { selector: { ...base, matchLabels: { ...(base.matchLabels ?? {}), [K8S_NAMESPACE_KEY]: scope.namespace } }, added: 'namespace' };
}

/** An endpoint selector peer of a Cilium rule, scoped as Cilium scopes it: `endpoints(app=web) in prod`. */
export function endpointsPeer(selector: any, scope: PolicyScope, identityOf: IdentityOf): CiliumPeer {
  const scoped = scopeSelector(selector, scope);
  const where = scoped.added === 'namespace' && 'namespace' in scope ? ` in ${scope.namespace}` : scoped.added === 'cluster' ? ' in any namespace' : '';
  return selectorPeer(`endpoints(${selectorText(selector ?? {})})${where}`, scoped.selector, identityOf);
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

/** A selector peer, unless its selector is unreadable. */
export function checkedEndpointsPeer(
  selector: any, scope: PolicyScope, identityOf: IdentityOf, deny: boolean, problem: (p: string) => void,
): CiliumPeer {
  const bad = selectorProblems(selector);
  if (bad.length > 0) {
    problem(`unreadable endpoint selector (${bad.join('; ')})`);
    return unreadablePeer(`endpoints(${selectorText(selector)})`, deny);
  }
  return endpointsPeer(selector, scope, identityOf);
}

/** `10.0.0.0/8`, or a bare address as a host prefix (fromCIDR/toCIDR accept both; CIDRSet needs a prefix). */
export function readCidr(text: unknown, allowBareIp: boolean): ParsedCidr | undefined {
  const s = String(text);
  if (s.includes('/')) return parseCidr(s);
  if (!allowBareIp) return undefined;
  const ip = parseIp(s);
  return ip === undefined ? undefined : parseCidr(`${s}/${ip.kind() === 'ipv4' ? 32 : 128}`);
}

/**
 * A CIDR peer. Cilium identifies its own endpoints by identity, never by address: CIDR rules match only
 * addresses outside the cluster (docs "Layer 3 Policies", IP/CIDR based), so a pod never matches, even
 * when its IP lies in the block.
 */
export function cidrPeer(cidr: unknown, except: readonly unknown[], allowBareIp: boolean, deny: boolean, problem: (p: string) => void): CiliumPeer {
  const text = `cidr(${String(cidr)}${except.length ? ` except ${except.map(String).join(',')}` : ''})`;
  const block = readCidr(cidr, allowBareIp);
  const excluded = except.map(e => readCidr(e, false));
  if (block === undefined || excluded.some(e => e === undefined)) {
    problem(`unreadable CIDR in ${text}`);
    return unreadablePeer(text, deny);
  }
  return {
    kind: 'cidr',
    text,
    matches(peer) {
      if (peer.kind !== 'ip') return false;
      const ip = parseIp(peer.ip);
      return ip !== undefined && ipInCidr(ip, block) && !excluded.some(x => ipInCidr(ip, x!));
    },
  };
}

/** Entities Cilium knows (pkg/policy/api EntitySelectorMapping) and what they are in the analyzer's model. */
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
export const KNOWN_ENTITIES: readonly string[] = [...ENTITIES.keys()];

/**
 * An entity peer. `world` is any address outside the cluster's pods, `cluster` every pod, `all`
 * everything; host, remote-node, kube-apiserver, ingress, health, init, unmanaged and none stand for
 * peers the analyzer has no flows for (nodes, the API server, Cilium's own endpoints) and match nothing.
 */
export function entityPeer(name: unknown, deny: boolean, problem: (p: string) => void): CiliumPeer {
  const test = typeof name === 'string' ? ENTITIES.get(name) : undefined;
  if (test === undefined) {
    problem(`unknown entity ${JSON.stringify(name)}`);
    return unreadablePeer(`entity(${String(name)})`, deny);
  }
  const unmodeled = ['host', 'remote-node', 'kube-apiserver', 'ingress', 'health', 'init', 'unmanaged'].includes(name as string);
  return { kind: 'entity', text: `entity(${String(name)})${unmodeled ? ' [no such peer in the model]' : ''}`, matches: test };
}

/**
 * A `toFQDNs` peer. The analyzer has no DNS: the addresses a name resolves to are unknown, so an FQDN
 * peer matches no flow; explanations list it so the reader knows why an address was not allowed.
 */
export function fqdnPeer(selectors: readonly any[]): CiliumPeer {
  const names = selectors.map(s => s?.matchName !== undefined ? `matchName=${s.matchName}` : `matchPattern=${s?.matchPattern}`);
  return { kind: 'fqdn', text: `fqdn(${names.join(',')}) [no DNS offline: matches no address]`, matches: () => false };
}

/** `fromNodes`/`toNodes`: nodes are not in the analyzer's model; they match no flow. */
export function nodesPeer(selector: any): CiliumPeer {
  return { kind: 'nodes', text: `nodes(${selectorText(selector ?? {})}) [no such peer in the model]`, matches: () => false };
}
