import { Peer, PeerKind, Policy, Port, Rule, RuleAction, Selector } from '../model';

/** The API group/version and kind of native policies. */
export const NETWORK_POLICY_API_VERSION = 'networking.k8s.io/v1';
export const NETWORK_POLICY_KIND = 'NetworkPolicy';

/** Label on every object we render, so operators can find (and prune) them. */
export const MANAGED_BY_LABELS = { 'app.kubernetes.io/managed-by': 'cdk-netpol' };

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
    metadata: {
      labels: { ...MANAGED_BY_LABELS },
      name: policy.name,
      namespace: policy.namespaceName,
    },
    spec,
  };
}

function renderRule(policy: Policy, rule: Rule, peersKey: 'from' | 'to'): any {
  if (rule.action !== RuleAction.ALLOW) {
    // Native NetworkPolicy is allow-only; rendering anything else would silently widen it.
    throw new Error(`[UNSUPPORTED_ACTION] policy ${policy.namespaceName}/${policy.name}: networking.k8s.io/v1 cannot express ${rule.action} rules. Fix: use an engine with explicit deny`);
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
    throw new Error(`[ENGINE_NO_${peer.kind === PeerKind.FQDN ? 'FQDN' : peer.kind === PeerKind.ENTITY ? 'ENTITIES' : 'SERVICE_ACCOUNTS'}] `
      + `policy ${policy.namespaceName}/${policy.name}: networking.k8s.io/v1 cannot express ${peer}. Fix: render through Engine.KUBERNETES.render`);
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
