import { CompiledPolicy, CompiledRule } from '../compiled';
import { PeerMatcher, ipBlockPeer, podPeer, unreadableCidrs } from '../peers';
import { PortMatcher, namedPort, numericPort, protocolOf, wholeProtocol } from '../ports';
import { selectorText } from '../selector-text';
import { matchesLabelSelector } from '../selectors';
import { Labels, PolicyDocument } from '../types';

/**
 * Compiles a `networking.k8s.io/v1` NetworkPolicy. Unreadable parts match nothing and are listed in
 * `problems`, so a broken rule can only deny, never allow.
 */
export function compileNetworkPolicy(doc: PolicyDocument, nsLabels: (namespace: string) => Labels): CompiledPolicy {
  const namespace = doc.namespace ?? 'default';
  const spec = doc.spec ?? {};
  const problems: string[] = [];
  const ingressRules: any[] = Array.isArray(spec.ingress) ? spec.ingress : [];
  const egressRules: any[] = Array.isArray(spec.egress) ? spec.egress : [];
  // API server defaulting: Ingress always, Egress when egress rules exist.
  const types: string[] = Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0
    ? spec.policyTypes
    : ['Ingress', ...(egressRules.length > 0 ? ['Egress'] : [])];
  const podSelector = spec.podSelector ?? {};
  const compileRules = (rules: any[], direction: 'ingress' | 'egress', peersKey: 'from' | 'to'): CompiledRule[] =>
    rules.map((rule, i) => {
      const label = `${direction}[${i}]`;
      const peers = Array.isArray(rule?.[peersKey]) && rule[peersKey].length > 0
        ? rule[peersKey].map((p: any, j: number) => compilePeer(p, namespace, nsLabels, `${label}.${peersKey}[${j}]`, problems))
        : undefined;
      const ports = Array.isArray(rule?.ports) && rule.ports.length > 0
        ? rule.ports.map((p: any, j: number) => compilePort(p, `${label}.ports[${j}]`, problems))
        : undefined;
      return { label, action: 'Allow', peers, ports };
    });
  return {
    id: `NetworkPolicy ${namespace}/${doc.name}`,
    tier: 'NetworkPolicy',
    namespace,
    selects: e => e.namespace === namespace && matchesLabelSelector(podSelector, e.labels),
    isolatesIngress: types.includes('Ingress'),
    isolatesEgress: types.includes('Egress'),
    ingress: compileRules(ingressRules, 'ingress', 'from'),
    egress: compileRules(egressRules, 'egress', 'to'),
    problems,
  };
}

function compilePeer(peer: any, namespace: string, nsLabels: (ns: string) => Labels, field: string, problems: string[]): PeerMatcher {
  if (peer?.ipBlock) {
    const except: string[] = Array.isArray(peer.ipBlock.except) ? peer.ipBlock.except : [];
    const matcher = ipBlockPeer(`ipBlock(${peer.ipBlock.cidr}${except.length ? ` except ${except.join(',')}` : ''})`, peer.ipBlock.cidr, except);
    for (const bad of unreadableCidrs([peer.ipBlock.cidr, ...except])) problems.push(`${field}.ipBlock: unreadable CIDR ${JSON.stringify(bad)}; the peer matches nothing`);
    return matcher;
  }
  if (!peer || (peer.podSelector === undefined && peer.namespaceSelector === undefined)) {
    problems.push(`${field}: empty peer; it matches nothing`);
    return { text: 'nothing', matches: () => false };
  }
  const text = [
    peer.namespaceSelector !== undefined ? `namespaces(${selectorText(peer.namespaceSelector)})` : undefined,
    peer.podSelector !== undefined ? `pods(${selectorText(peer.podSelector)})` : undefined,
  ].filter(Boolean).join('/');
  return podPeer(text, nsLabels, peer.podSelector, peer.namespaceSelector, namespace);
}

function compilePort(port: any, field: string, problems: string[]): PortMatcher {
  const protocol = protocolOf(port?.protocol);
  if (protocol === undefined) {
    problems.push(`${field}: unknown protocol ${JSON.stringify(port?.protocol)}; it matches nothing`);
    return { text: 'nothing', matches: () => false };
  }
  if (port?.port === undefined || port?.port === null) return wholeProtocol(protocol);
  if (typeof port.port === 'string') {
    // "80" in a manifest is an int-or-string that the API server would store as a number only if given as one.
    return namedPort(protocol, port.port);
  }
  return numericPort(protocol, Number(port.port), typeof port.endPort === 'number' ? port.endPort : undefined);
}
