import { ErrorCode, Peer, PeerKind, Policy, Port, Rule, RuleAction, Selector } from '../../model';
import { internalError } from '../../model/messages';
import { policyMetadata } from '../metadata';

/** The API group/version and kind of native policies. */
export const NETWORK_POLICY_API_VERSION = 'networking.k8s.io/v1';
export const NETWORK_POLICY_KIND = 'NetworkPolicy';

/**
 * Renders a policy as a `networking.k8s.io/v1` NetworkPolicy manifest; `Engine.KUBERNETES.render` checks it first.
 * Keys are emitted in sorted order and lists in canonical order, so the output is byte-stable whatever the host serializer does.
 */
export function renderValidatedNetworkPolicy(policy: Policy): any {
  const spec: any = {};
  if (policy.egress.length > 0) spec.egress = policy.egress.map(r => renderRule(policy, r, 'to'));
  if (policy.ingress.length > 0) spec.ingress = policy.ingress.map(r => renderRule(policy, r, 'from'));
  spec.podSelector = renderSelector(policy.subject);
  spec.policyTypes = [
    ...(policy.isolateIngress ? ['Ingress'] : []),
    ...(policy.isolateEgress ? ['Egress'] : []),
  ];
  return {
    apiVersion: NETWORK_POLICY_API_VERSION,
    kind: NETWORK_POLICY_KIND,
    metadata: policyMetadata(policy),
    spec,
  };
}

// The code with which the capability table refuses each action but Allow.
const REFUSED_ACTIONS: Readonly<Record<string, string>> = {
  [RuleAction.DENY]: ErrorCode.ENGINE_NO_DENY, [RuleAction.PASS]: ErrorCode.ENGINE_NO_PASS, [RuleAction.LOG]: ErrorCode.ENGINE_NO_LOG,
};

function renderRule(policy: Policy, rule: Rule, peersKey: 'from' | 'to'): any {
  if (rule.action !== RuleAction.ALLOW) {
    // Native NetworkPolicy is allow-only; rendering anything else would silently widen it.
    throw internalError(`policy ${policy.namespaceName}/${policy.name}`, peersKey === 'from' ? 'ingress' : 'egress', rule.toString(),
      `a ${rule.action} rule reached the networking.k8s.io/v1 renderer, which is allow-only; Engine.problems() refuses it (${REFUSED_ACTIONS[rule.action]})`);
  }
  const out: any = {};
  const peers = rule.matchesAnyPeer ? undefined : rule.peers.map(p => renderPeer(policy, p));
  const ports = rule.matchesAnyPort ? undefined : rule.ports.map(renderPort);
  if (peersKey === 'from' && peers) out.from = peers;
  if (ports) out.ports = ports;
  if (peersKey === 'to' && peers) out.to = peers;
  return out;
}

function renderPeer(policy: Policy, peer: Peer): any {
  if ((peer.kind !== PeerKind.PODS && peer.kind !== PeerKind.IP_BLOCK) || peer.serviceAccountNames !== undefined) {
    // The capability check refuses these first; rendering them as a bare selector would widen the rule.
    const refusal = peer.kind === PeerKind.FQDN ? ErrorCode.ENGINE_NO_FQDN
      : peer.kind === PeerKind.ENTITY ? ErrorCode.ENGINE_NO_ENTITIES : ErrorCode.ENGINE_NO_SERVICE_ACCOUNTS;
    throw internalError(`policy ${policy.namespaceName}/${policy.name}`, 'peers', peer.toString(),
      `a peer networking.k8s.io/v1 cannot express reached its renderer; Engine.problems() refuses it (${refusal})`);
  }
  if (peer.kind === PeerKind.IP_BLOCK) {
    const ipBlock: any = { cidr: peer.cidr!.toString() };
    if (peer.exceptCidrs.length > 0) ipBlock.except = peer.exceptCidrs.map(c => c.toString());
    return { ipBlock };
  }
  // A peer pinned to the policy's own namespace is the same as a bare podSelector: render the simpler form.
  const sameNamespace = peer.namespaceName !== undefined && peer.namespaceName === policy.namespaceName;
  const out: any = {};
  if (peer.namespaceSelector && !sameNamespace) out.namespaceSelector = renderSelector(peer.namespaceSelector);
  if (peer.podSelector) out.podSelector = renderSelector(peer.podSelector);
  else if (sameNamespace) out.podSelector = {};
  return out;
}

function renderSelector(selector: Selector): any {
  return selector._toKube();
}

function renderPort(port: Port): any {
  return port._toKube();
}
