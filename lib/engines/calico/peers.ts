import { calicoSelector } from './selector';
import { ErrorCode, Peer, PeerKind, Policy, PolicyScope, Selector } from '../../model';
import { internalError } from '../../model/messages';

/**
 * The Calico EntityRule fields (`selector`, `namespaceSelector`, `nets`, `notNets`) that match one intent peer.
 *
 * How Calico reads them (libcalico-go `updateprocessors/rules.go`, `getEndpointSelector`):
 * - no `namespaceSelector`: in a NetworkPolicy the `selector` matches endpoints of the policy's namespace
 *   (Kubernetes' bare podSelector); in a GlobalNetworkPolicy it matches endpoints of every namespace and host
 *   endpoints, so a peer meaning "the policy's own namespace" cannot be said there (see calicoProblems);
 * - `namespaceSelector` alone matches every workload endpoint in the selected namespaces, and `all()` every
 *   namespace (translated to `has(projectcalico.org/namespace)`), like a Kubernetes namespaceSelector;
 * - `nets` and `notNets` in one entity rule must both hold: in `cidr` and not in any `except`, as ipBlock.
 *
 * An anywhere peer has no fields; the caller leaves the entity rule empty.
 */
export function calicoPeer(policy: Policy, peer: Peer): any {
  switch (peer.kind) {
    case PeerKind.IP_BLOCK: {
      const out: any = { nets: [peer.cidr!.toString()] };
      if (peer.exceptCidrs.length > 0) out.notNets = peer.exceptCidrs.map(c => c.toString());
      return out;
    }
    case PeerKind.PODS: {
      // A peer pinned to the policy's own namespace is a bare selector there; without one it would match nothing
      // narrower than "anything", so every pod of the namespace is `all()`.
      const sameNamespace = policy.scope === PolicyScope.NAMESPACE && peer.namespaceName !== undefined && peer.namespaceName === policy.namespaceName;
      // Service accounts AND the selectors in one entity rule (Calico `serviceAccounts.names`).
      const accounts = peer.serviceAccountNames !== undefined ? { serviceAccounts: { names: [...peer.serviceAccountNames] } } : {};
      if (peer.namespaceSelector === undefined || sameNamespace) {
        if (policy.scope === PolicyScope.CLUSTER) throw unexpected(policy, peer, ErrorCode.CALICO_PEER_NAMESPACE_REQUIRED);
        return { selector: calicoSelector(peer.podSelector ?? Selector.all()), ...accounts };
      }
      const out: any = { namespaceSelector: calicoSelector(peer.namespaceSelector), ...accounts };
      if (peer.podSelector !== undefined) out.selector = calicoSelector(peer.podSelector);
      return out;
    }
    default:
      // Anywhere is handled by the caller; entities and DNS names are refused by the capability table.
      throw unexpected(policy, peer, peer.kind === PeerKind.FQDN ? ErrorCode.ENGINE_NO_FQDN : ErrorCode.ENGINE_NO_ENTITIES);
  }
}

// A peer that calicoProblems or the capability table refuses (with `refusal`) reached the renderer: never render it wider.
function unexpected(policy: Policy, peer: Peer, refusal: string): Error {
  return internalError(`policy ${policy.namespaceName ?? '(cluster)'}/${policy.name}`, 'peers', peer.toString(),
    `a peer Calico cannot express here reached the Calico renderer; Engine.problems() refuses it (${refusal})`);
}
