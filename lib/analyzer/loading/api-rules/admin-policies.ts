import { readCidr } from './cidr';
import { labelSelectorProblems } from './label-selector';
import { checkPortName } from '../../../model/syntax';
import { ApiCode } from '../api-codes';
import { ApiProblem, FieldPath } from '../api-problem';
import { isMapping } from '../describe';

// AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1, network-policy-api
// v0.1.8) and ClusterNetworkPolicy (v1alpha2, v0.2.0): the CRDs' CEL rules (`networks` items are CIDRs, the
// BaselineAdminNetworkPolicy is named `default`, a port range starts below its end) and the constraints the
// API documents that no schema enforces (label selectors as apimachinery reads them, v1alpha1 protocols
// TCP, UDP or SCTP, a named port is a port name). Runs on a spec the schema check passed.

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/** The problems of an admin policy (paths from the object's root). */
export function adminPolicyProblems(kind: string, doc: Record<string, any>): ApiProblem[] {
  const problems: ApiProblem[] = [];
  if (kind === 'BaselineAdminNetworkPolicy' && isMapping(doc.metadata) && typeof doc.metadata.name === 'string' && doc.metadata.name !== 'default') {
    problems.push({
      code: ApiCode.API_INVALID,
      path: ['metadata', 'name'],
      message: `must be "default": only one BaselineAdminNetworkPolicy, named default, can exist in a cluster (got ${JSON.stringify(doc.metadata.name)})`,
      fix: 'name it default, and merge other baseline rules into it',
    });
  }
  const spec = doc.spec;
  if (!isMapping(spec)) return problems;
  problems.push(...peerProblems(spec.subject, ['spec', 'subject']));
  for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    listOf(spec[direction]).forEach((rule, i) => {
      if (!isMapping(rule)) return;
      const at = ['spec', direction, i];
      listOf(rule[peersKey]).forEach((peer, j) => problems.push(...peerProblems(peer, [...at, peersKey, j])));
      if (kind === 'ClusterNetworkPolicy') listOf(rule.protocols).forEach((p, j) => problems.push(...protocolProblems(p, [...at, 'protocols', j])));
      else listOf(rule.ports).forEach((p, j) => problems.push(...portProblems(p, [...at, 'ports', j])));
    });
  }
  return problems;
}

/** A subject or peer: `namespaces` (a selector), `pods` (two selectors), `networks` (CIDRs, CEL isCIDR). */
function peerProblems(peer: unknown, at: FieldPath): ApiProblem[] {
  if (!isMapping(peer)) return [];
  const problems = labelSelectorProblems(peer.namespaces, [...at, 'namespaces']);
  if (isMapping(peer.pods)) {
    problems.push(...labelSelectorProblems(peer.pods.namespaceSelector, [...at, 'pods', 'namespaceSelector']));
    problems.push(...labelSelectorProblems(peer.pods.podSelector, [...at, 'pods', 'podSelector']));
  }
  listOf(peer.networks).forEach((text, i) => {
    if (typeof text !== 'string') return;
    const cidr = readCidr(text);
    if ('error' in cidr) {
      problems.push({ code: ApiCode.API_CIDR, path: [...at, 'networks', i], message: `must be a CIDR such as 10.0.0.0/8, got ${JSON.stringify(text)}: ${cidr.error}`, fix: 'write the network as "a.b.c.d/n" or "x:y::/n"' });
    }
  });
  return problems;
}

/** v1alpha1 `ports` item: `portNumber` or `portRange`, each with a protocol. */
function portProblems(port: unknown, at: FieldPath): ApiProblem[] {
  if (!isMapping(port)) return [];
  const problems: ApiProblem[] = [];
  for (const key of ['portNumber', 'portRange']) {
    const value = port[key];
    if (!isMapping(value) || value.protocol === undefined || value.protocol === null || PROTOCOLS.includes(value.protocol as string)) continue;
    problems.push({ code: ApiCode.API_ENUM, path: [...at, key, 'protocol'], message: `must be TCP, UDP or SCTP, got ${JSON.stringify(value.protocol)}`, fix: 'write TCP, UDP or SCTP (case-sensitive)' });
  }
  problems.push(...rangeProblems(port.portRange, [...at, 'portRange']));
  return problems;
}

/** v1alpha2 `protocols` item: `tcp`/`udp`/`sctp` destination ports, or `destinationNamedPort`. */
function protocolProblems(protocol: unknown, at: FieldPath): ApiProblem[] {
  if (!isMapping(protocol)) return [];
  const problems: ApiProblem[] = [];
  for (const key of ['tcp', 'udp', 'sctp']) {
    const value = protocol[key];
    if (isMapping(value) && isMapping(value.destinationPort)) problems.push(...rangeProblems(value.destinationPort.range, [...at, key, 'destinationPort', 'range']));
  }
  if (typeof protocol.destinationNamedPort === 'string') {
    const [problem] = checkPortName(protocol.destinationNamedPort);
    if (problem) problems.push({ code: ApiCode.API_PORT, path: [...at, 'destinationNamedPort'], message: `${problem.message} (got ${JSON.stringify(protocol.destinationNamedPort)})`, fix: problem.fix });
  }
  return problems;
}

/** CEL `self.start < self.end` (v1alpha2; documented for v1alpha1). */
function rangeProblems(range: unknown, at: FieldPath): ApiProblem[] {
  if (!isMapping(range) || typeof range.start !== 'number' || typeof range.end !== 'number' || range.start < range.end) return [];
  return [{ code: ApiCode.API_PORT, path: at, message: `start (${range.start}) must be less than end (${range.end})`, fix: range.start === range.end ? `use a single port: number: ${range.start}` : 'swap start and end' }];
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
