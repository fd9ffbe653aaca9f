import { CompiledPolicy, CompiledRule } from '../compiled';
import { PeerMatcher, ipBlockPeer, podPeer } from '../peers';
import { PortMatcher, namedPort, numericPort, protocolOf, wholeProtocol } from '../ports';
import { selectorText } from '../selector-text';
import { matchesLabelSelector } from '../selectors';
import { Endpoint, Labels, PolicyDocument, Protocol } from '../types';

/**
 * Compiles the cluster-scoped policies of the SIG network-policy-api: AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy (v1alpha1) and ClusterNetworkPolicy (v1alpha2, tier Admin or Baseline).
 * Unreadable parts match nothing and are listed in `problems`.
 */
export function compileClusterScopedPolicy(doc: PolicyDocument, nsLabels: (namespace: string) => Labels): CompiledPolicy {
  const spec = doc.spec ?? {};
  const problems: string[] = [];
  const tier: 'Admin' | 'Baseline' = doc.kind === 'AdminNetworkPolicy' ? 'Admin'
    : doc.kind === 'BaselineAdminNetworkPolicy' ? 'Baseline'
      : spec.tier === 'Baseline' ? 'Baseline' : 'Admin';
  if (doc.kind === 'ClusterNetworkPolicy' && spec.tier !== 'Admin' && spec.tier !== 'Baseline') {
    problems.push(`spec.tier: ${JSON.stringify(spec.tier)} is neither Admin nor Baseline; read as Admin`);
  }
  const priority = typeof spec.priority === 'number' ? spec.priority : undefined;
  const compileRules = (rules: unknown, direction: 'ingress' | 'egress'): CompiledRule[] =>
    (Array.isArray(rules) ? rules : []).map((rule: any, i: number) => {
      const label = `${direction}[${i}]${rule?.name ? ` (${rule.name})` : ''}`;
      const action = actionOf(rule?.action);
      if (action === undefined) problems.push(`${label}: unknown action ${JSON.stringify(rule?.action)}; the rule matches nothing`);
      const peerList = direction === 'ingress' ? rule?.from : rule?.to;
      const peersField = `${label}.${direction === 'ingress' ? 'from' : 'to'}`;
      const peers = (Array.isArray(peerList) ? peerList : []).map((p: any, j: number) => compilePeer(p, nsLabels, `${peersField}[${j}]`, problems));
      const ports = compilePorts(rule, label, problems);
      // A rule the analyzer cannot read must not decide anything: give it no peers.
      return { label, action: action ?? 'Deny', peers: action === undefined ? [] : peers, ports };
    });
  return {
    id: `${doc.kind} ${doc.name}`,
    tier,
    priority,
    selects: subjectMatcher(spec.subject, nsLabels, problems),
    isolatesIngress: false,
    isolatesEgress: false,
    ingress: compileRules(spec.ingress, 'ingress'),
    egress: compileRules(spec.egress, 'egress'),
    problems,
  };
}

function actionOf(action: unknown): 'Allow' | 'Deny' | 'Pass' | undefined {
  switch (action) {
    case 'Allow':
    case 'Accept': return 'Allow';
    case 'Deny': return 'Deny';
    case 'Pass': return 'Pass';
    default: return undefined;
  }
}

function subjectMatcher(subject: any, nsLabels: (namespace: string) => Labels, problems: string[]): (e: Endpoint) => boolean {
  if (subject?.namespaces !== undefined) return e => matchesLabelSelector(subject.namespaces, nsLabels(e.namespace));
  if (subject?.pods !== undefined) {
    const { namespaceSelector, podSelector } = subject.pods;
    return e => matchesLabelSelector(namespaceSelector ?? {}, nsLabels(e.namespace)) && matchesLabelSelector(podSelector ?? {}, e.labels);
  }
  problems.push('spec.subject: neither namespaces nor pods; the policy selects nothing');
  return () => false;
}

function compilePeer(peer: any, nsLabels: (namespace: string) => Labels, field: string, problems: string[]): PeerMatcher {
  if (peer?.namespaces !== undefined) return podPeer(`namespaces(${selectorText(peer.namespaces)})`, nsLabels, undefined, peer.namespaces, undefined);
  if (peer?.pods !== undefined) {
    const ns = peer.pods.namespaceSelector ?? {};
    return podPeer(`namespaces(${selectorText(ns)})/pods(${selectorText(peer.pods.podSelector)})`, nsLabels, peer.pods.podSelector ?? {}, ns, undefined);
  }
  if (Array.isArray(peer?.networks)) {
    const blocks = peer.networks.map((cidr: string) => ipBlockPeer(`network(${cidr})`, cidr, []));
    return { text: `networks(${peer.networks.join(',')})`, matches: p => blocks.some((b: PeerMatcher) => b.matches(p)) };
  }
  problems.push(`${field}: a peer kind the analyzer does not read (${Object.keys(peer ?? {}).join(',') || 'empty'}); it matches nothing`);
  return { text: 'nothing', matches: () => false };
}

/** v1alpha1 `ports` (portNumber, portRange, namedPort) or v1alpha2 `protocols` (tcp/udp/sctp destinationPort, destinationNamedPort). */
function compilePorts(rule: any, label: string, problems: string[]): PortMatcher[] | undefined {
  if (Array.isArray(rule?.ports) && rule.ports.length > 0) {
    return rule.ports.map((p: any, j: number): PortMatcher => {
      if (p?.portNumber) return numericPort(protocolOf(p.portNumber.protocol) ?? 'TCP', Number(p.portNumber.port));
      if (p?.portRange) return numericPort(protocolOf(p.portRange.protocol) ?? 'TCP', Number(p.portRange.start), Number(p.portRange.end));
      if (typeof p?.namedPort === 'string') return namedPort(undefined, p.namedPort);
      problems.push(`${label}.ports[${j}]: unreadable port; it matches nothing`);
      return { text: 'nothing', matches: () => false };
    });
  }
  if (Array.isArray(rule?.protocols) && rule.protocols.length > 0) {
    return rule.protocols.map((p: any, j: number): PortMatcher => {
      if (typeof p?.destinationNamedPort === 'string') return namedPort(undefined, p.destinationNamedPort);
      for (const [key, protocol] of [['tcp', 'TCP'], ['udp', 'UDP'], ['sctp', 'SCTP']] as Array<[string, Protocol]>) {
        if (p?.[key] !== undefined) {
          const port = p[key]?.destinationPort;
          if (port === undefined) return wholeProtocol(protocol);
          if (typeof port.number === 'number') return numericPort(protocol, port.number);
          if (port.range) return numericPort(protocol, Number(port.range.start), Number(port.range.end));
        }
      }
      problems.push(`${label}.protocols[${j}]: unreadable protocol entry; it matches nothing`);
      return { text: 'nothing', matches: () => false };
    });
  }
  return undefined;
}
