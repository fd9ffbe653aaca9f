import { protocolOf } from '../ports';
import { PolicyDocument } from '../types';
import { DEFAULT_NAMESPACE, effectivePolicyTypes } from './defaults';
import { Direction, IpBlockPeerForm, NetworkPolicyForm, PeerForm, PortForm, RuleForm } from './form';
import { DIRECTIONS, PEERS_FIELD, inWrittenOrder, listOf, parsedCidrs, unreadableCidrs, written } from './read';

/**
 * Reads a `networking.k8s.io/v1` NetworkPolicy. Unreadable parts match nothing and are listed in `problems`, so a
 * broken rule can only deny, never allow. A selector written as `null` is unset, as the API server reads it.
 */
export function readNetworkPolicy(doc: PolicyDocument): NetworkPolicyForm {
  const namespace = doc.namespace ?? DEFAULT_NAMESPACE;
  const spec = doc.spec ?? {};
  const problems: string[] = [];
  const rulesOf = (direction: Direction): RuleForm[] => listOf(spec[direction]).map((rule, i) => {
    const label = `${direction}[${i}]`;
    const key = PEERS_FIELD[direction];
    const peers: PeerForm[] | undefined = Array.isArray(rule?.[key]) && rule[key].length > 0
      ? rule[key].map((p: any, j: number) => readPeer(p, namespace, `${label}.${key}[${j}]`, problems))
      : undefined;
    const ports: PortForm[] | undefined = Array.isArray(rule?.ports) && rule.ports.length > 0
      ? rule.ports.map((p: any, j: number) => readPort(p, `${label}.ports[${j}]`, problems))
      : undefined;
    return { label, action: 'Allow', ...(peers ? { peers } : {}), ...(ports ? { ports } : {}) };
  });
  const ingress = rulesOf('ingress');
  const egress = rulesOf('egress');
  const types = effectivePolicyTypes(spec.policyTypes, egress.length > 0);
  const rules = { ingress, egress };
  return {
    id: `NetworkPolicy ${namespace}/${doc.name}`,
    kind: doc.kind,
    family: 'kubernetes',
    apiVersion: doc.apiVersion,
    name: doc.name,
    namespace,
    ...(doc.source === undefined ? {} : { source: doc.source }),
    problems,
    podSelector: spec.podSelector ?? {},
    policyTypes: Array.isArray(spec.policyTypes) ? spec.policyTypes.map(written) : [],
    isolates: { ingress: types.includes('Ingress'), egress: types.includes('Egress') },
    ingress,
    egress,
    addressPeers: inWrittenOrder(spec, DIRECTIONS).flatMap(d => rules[d].flatMap(r => (r.peers ?? []).filter(isIpBlock))),
  };
}

function isIpBlock(peer: PeerForm): peer is IpBlockPeerForm {
  return peer.kind === 'ipBlock';
}

function readPeer(peer: any, namespace: string, field: string, problems: string[]): PeerForm {
  if (peer?.ipBlock) {
    const except: unknown[] = listOf(peer.ipBlock.except);
    const cidr: unknown = peer.ipBlock.cidr;
    const form = ipBlockPeer(cidr, except);
    for (const bad of unreadableCidrs([cidr, ...except])) problems.push(`${field}.ipBlock: unreadable CIDR ${JSON.stringify(bad)}; the peer matches nothing`);
    return form;
  }
  const podSelector = peer?.podSelector ?? undefined;
  const namespaceSelector = peer?.namespaceSelector ?? undefined;
  if (podSelector === undefined && namespaceSelector === undefined) {
    const problem = 'empty peer; it matches nothing';
    problems.push(`${field}: ${problem}`);
    return { kind: 'unreadable', problem };
  }
  return {
    kind: 'pods',
    ...(podSelector === undefined ? {} : { podSelector }),
    ...(namespaceSelector === undefined ? { ownNamespace: namespace } : { namespaceSelector }),
  };
}

/** An `ipBlock` (or any CIDR with exceptions); its range is undefined when a CIDR cannot be read. */
export function ipBlockPeer(cidr: unknown, except: readonly unknown[]): IpBlockPeerForm {
  const block = parsedCidrs([cidr]);
  const excluded = parsedCidrs(except);
  return {
    kind: 'ipBlock',
    cidr: String(cidr),
    except: except.map(written),
    ...(block !== undefined && excluded !== undefined ? { range: { cidr: block[0], except: excluded } } : {}),
  };
}

/**
 * A NetworkPolicy port: protocol TCP unless given; no port is every port of the protocol; a string is a named port
 * (even `"80"`: the API server stores an int-or-string as a number only if given as one); `endPort` as written.
 */
function readPort(port: any, field: string, problems: string[]): PortForm {
  const protocol = protocolOf(port?.protocol);
  if (protocol === undefined) {
    const problem = `unknown protocol ${JSON.stringify(port?.protocol)}; it matches nothing`;
    problems.push(`${field}: ${problem}`);
    return { kind: 'unreadable', problem };
  }
  if (port?.port === undefined || port?.port === null) return { kind: 'all', protocol };
  if (typeof port.port === 'string') return { kind: 'named', protocol, name: port.port };
  return { kind: 'number', protocol, port: Number(port.port), ...(typeof port.endPort === 'number' ? { endPort: port.endPort } : {}) };
}

/** A NetworkPolicy's peer read on its own (lints and tests hold peers outside a policy): see `readNetworkPolicy`. */
export function readNetworkPolicyPeer(peer: unknown, namespace: string): PeerForm {
  return readPeer(peer, namespace, 'peer', []);
}

/** A NetworkPolicy rule's `ports` read on their own: undefined (every port) when absent or empty. */
export function readNetworkPolicyPorts(ports: unknown): PortForm[] | undefined {
  return Array.isArray(ports) && ports.length > 0 ? ports.map((p, j) => readPort(p, `ports[${j}]`, [])) : undefined;
}
