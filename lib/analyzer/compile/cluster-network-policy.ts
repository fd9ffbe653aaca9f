import { parseCidr, ParsedCidr } from '../ip-match';
import { protocolOf } from '../ports';
import { PolicyDocument, Protocol } from '../types';
import { AdminPolicyForm, AdminSubjectForm, Direction, NetworksPeerForm, PeerForm, PortForm, RuleForm } from './form';
import { DIRECTIONS, PEERS_FIELD, inWrittenOrder, listOf, written } from './read';

/**
 * Reads the cluster-scoped policies of the SIG network-policy-api: AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy (v1alpha1) and ClusterNetworkPolicy (v1alpha2, tier Admin or Baseline).
 * Unreadable parts match nothing and are listed in `problems`.
 */
export function readAdminPolicy(doc: PolicyDocument): AdminPolicyForm {
  const spec = doc.spec ?? {};
  const problems: string[] = [];
  const tier: 'Admin' | 'Baseline' = doc.kind === 'AdminNetworkPolicy' ? 'Admin'
    : doc.kind === 'BaselineAdminNetworkPolicy' ? 'Baseline'
      : spec.tier === 'Baseline' ? 'Baseline' : 'Admin';
  if (doc.kind === 'ClusterNetworkPolicy' && spec.tier !== 'Admin' && spec.tier !== 'Baseline') {
    problems.push(`spec.tier: ${JSON.stringify(spec.tier)} is neither Admin nor Baseline; read as Admin`);
  }
  const priority = typeof spec.priority === 'number' ? spec.priority : undefined;
  const subject = readSubject(spec.subject, problems);
  const rulesOf = (direction: Direction): RuleForm[] => listOf(spec[direction]).map((rule: any, i: number) => {
    const label = `${direction}[${i}]${rule?.name ? ` (${rule.name})` : ''}`;
    const action = actionOf(rule?.action);
    if (action === undefined) problems.push(`${label}: unknown action ${JSON.stringify(rule?.action)}; the rule matches nothing`);
    const peerList = rule?.[PEERS_FIELD[direction]];
    const peersField = `${label}.${PEERS_FIELD[direction]}`;
    const peers = listOf(peerList).map((p: any, j: number) => readPeer(p, `${peersField}[${j}]`, problems));
    const ports = readPorts(rule, label, problems);
    return { label, ...(action === undefined ? {} : { action }), peers, ...(ports === undefined ? {} : { ports }) };
  });
  const ingress = rulesOf('ingress');
  const egress = rulesOf('egress');
  const rules = { ingress, egress };
  return {
    id: `${doc.kind} ${doc.name}`,
    kind: doc.kind,
    family: 'admin',
    apiVersion: doc.apiVersion,
    name: doc.name,
    ...(doc.source === undefined ? {} : { source: doc.source }),
    problems,
    tier,
    ...(priority === undefined ? {} : { priority }),
    subject,
    ingress,
    egress,
    addressPeers: inWrittenOrder(spec, DIRECTIONS).flatMap(d => rules[d].flatMap(r => (r.peers ?? []).filter(isNetworks))),
  };
}

function isNetworks(peer: PeerForm): peer is NetworksPeerForm {
  return peer.kind === 'networks';
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

function readSubject(subject: any, problems: string[]): AdminSubjectForm {
  if (subject?.namespaces !== undefined) return { kind: 'namespaces', namespaceSelector: subject.namespaces ?? {} };
  if (subject?.pods !== undefined && subject.pods !== null) {
    return { kind: 'pods', namespaceSelector: subject.pods.namespaceSelector ?? {}, podSelector: subject.pods.podSelector ?? {} };
  }
  problems.push('spec.subject: neither namespaces nor pods; the policy selects nothing');
  return { kind: 'none' };
}

function readPeer(peer: any, field: string, problems: string[]): PeerForm {
  if (peer?.namespaces !== undefined) return { kind: 'pods', namespaceSelector: peer.namespaces ?? {} };
  if (peer?.pods !== undefined) {
    return { kind: 'pods', namespaceSelector: peer.pods?.namespaceSelector ?? {}, podSelector: peer.pods?.podSelector ?? {} };
  }
  if (Array.isArray(peer?.networks)) {
    const networks: unknown[] = peer.networks;
    return {
      kind: 'networks',
      networks: networks.map(written),
      cidrs: networks.map(n => parseCidr(String(n))).filter((c): c is ParsedCidr => c !== undefined),
    };
  }
  const problem = `a peer kind the analyzer does not read (${Object.keys(peer ?? {}).join(',') || 'empty'}); it matches nothing`;
  problems.push(`${field}: ${problem}`);
  return { kind: 'unreadable', problem };
}

/** v1alpha1 `ports` (portNumber, portRange, namedPort) or v1alpha2 `protocols` (tcp/udp/sctp destinationPort, destinationNamedPort). */
function readPorts(rule: any, label: string, problems: string[]): PortForm[] | undefined {
  const unreadable = (field: string, problem: string): PortForm => {
    problems.push(`${field}: ${problem}`);
    return { kind: 'unreadable', problem };
  };
  if (Array.isArray(rule?.ports) && rule.ports.length > 0) {
    return rule.ports.map((p: any, j: number): PortForm => {
      if (p?.portNumber) return { kind: 'number', protocol: protocolOf(p.portNumber.protocol) ?? 'TCP', port: Number(p.portNumber.port) };
      if (p?.portRange) {
        return { kind: 'number', protocol: protocolOf(p.portRange.protocol) ?? 'TCP', port: Number(p.portRange.start), endPort: Number(p.portRange.end) };
      }
      if (typeof p?.namedPort === 'string') return { kind: 'named', name: p.namedPort };
      return unreadable(`${label}.ports[${j}]`, 'unreadable port; it matches nothing');
    });
  }
  if (Array.isArray(rule?.protocols) && rule.protocols.length > 0) {
    return rule.protocols.map((p: any, j: number): PortForm => {
      if (typeof p?.destinationNamedPort === 'string') return { kind: 'named', name: p.destinationNamedPort };
      for (const [key, protocol] of [['tcp', 'TCP'], ['udp', 'UDP'], ['sctp', 'SCTP']] as Array<[string, Protocol]>) {
        if (p?.[key] !== undefined) {
          const port = p[key]?.destinationPort;
          if (port === undefined) return { kind: 'all', protocol };
          if (typeof port?.number === 'number') return { kind: 'number', protocol, port: port.number };
          if (port?.range) return { kind: 'number', protocol, port: Number(port.range.start), endPort: Number(port.range.end) };
        }
      }
      return unreadable(`${label}.protocols[${j}]`, 'unreadable protocol entry; it matches nothing');
    });
  }
  return undefined;
}
