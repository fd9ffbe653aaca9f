import { parseCidr } from '../ip-match';
import { describeValue, isMapping } from './describe';
import { Fail, readLabels } from './fields';

// The shape checks the API server applies before storing a policy. A malformed policy is refused, never read
// as "matches nothing": a check that says ALLOW for a manifest the cluster would reject is a false green.

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/** Checks a `networking.k8s.io/v1` NetworkPolicy spec. */
export function checkNetworkPolicySpec(spec: Record<string, any>, fail: Fail): void {
  if (spec.podSelector !== undefined && spec.podSelector !== null) checkSelector(spec.podSelector, 'spec.podSelector', fail);
  const types = spec.policyTypes;
  if (types !== undefined && types !== null) {
    if (!Array.isArray(types)) fail('spec.policyTypes', `must be a list, got ${describeValue(types)}`);
    types.forEach((t: unknown, i: number) => {
      if (t !== 'Ingress' && t !== 'Egress') fail(`spec.policyTypes[${i}]`, `must be Ingress or Egress, got ${describeValue(t)}`);
    });
  }
  for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    const rules = spec[direction];
    if (rules === undefined || rules === null) continue;
    if (!Array.isArray(rules)) fail(`spec.${direction}`, `must be a list, got ${describeValue(rules)}`);
    rules.forEach((rule: unknown, i: number) => {
      const field = `spec.${direction}[${i}]`;
      if (!isMapping(rule)) fail(field, `must be a mapping, got ${describeValue(rule)}`);
      listOf(rule[peersKey], `${field}.${peersKey}`, fail).forEach((peer, j) => checkPeer(peer, `${field}.${peersKey}[${j}]`, fail));
      listOf(rule.ports, `${field}.ports`, fail).forEach((port, j) => checkPort(port, `${field}.ports[${j}]`, fail));
    });
  }
}

/** Checks the parts of an AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy spec the evaluator reads. */
export function checkClusterScopedPolicySpec(kind: string, spec: Record<string, any>, fail: Fail): void {
  if (kind !== 'BaselineAdminNetworkPolicy' && (!Number.isInteger(spec.priority) || spec.priority < 0 || spec.priority > 1000)) {
    fail('spec.priority', `must be a whole number from 0 to 1000, got ${describeValue(spec.priority)}`);
  }
  if (kind === 'ClusterNetworkPolicy' && spec.tier !== 'Admin' && spec.tier !== 'Baseline') {
    fail('spec.tier', `must be Admin or Baseline, got ${describeValue(spec.tier)}`);
  }
  const subject = spec.subject;
  if (!isMapping(subject) || (subject.namespaces === undefined) === (subject.pods === undefined)) {
    fail('spec.subject', 'must set exactly one of namespaces or pods');
  }
  if (subject.namespaces !== undefined) checkSelector(subject.namespaces, 'spec.subject.namespaces', fail);
  if (subject.pods !== undefined) checkPodsPeer(subject.pods, 'spec.subject.pods', fail);
  const actions = kind === 'ClusterNetworkPolicy' ? ['Accept', 'Deny', 'Pass'] : kind === 'AdminNetworkPolicy' ? ['Allow', 'Deny', 'Pass'] : ['Allow', 'Deny'];
  for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    listOf(spec[direction], `spec.${direction}`, fail).forEach((rule, i) => {
      const field = `spec.${direction}[${i}]`;
      if (!actions.includes(rule.action)) fail(`${field}.action`, `must be one of ${actions.join(', ')}, got ${describeValue(rule.action)}`);
      const peers = listOf(rule[peersKey], `${field}.${peersKey}`, fail);
      if (peers.length === 0) fail(`${field}.${peersKey}`, 'must list at least one peer');
      peers.forEach((peer, j) => {
        const peerField = `${field}.${peersKey}[${j}]`;
        if (peer.namespaces !== undefined) checkSelector(peer.namespaces, `${peerField}.namespaces`, fail);
        else if (peer.pods !== undefined) checkPodsPeer(peer.pods, `${peerField}.pods`, fail);
        else if (direction === 'egress' && Array.isArray(peer.networks)) peer.networks.forEach((c: unknown, k: number) => checkCidr(c, `${peerField}.networks[${k}]`, fail));
        else fail(peerField, `must set namespaces or pods${direction === 'egress' ? ' or networks' : ''}; other peer kinds are not read by this analyzer`);
      });
    });
  }
}

function checkPodsPeer(pods: unknown, field: string, fail: Fail): void {
  if (!isMapping(pods)) fail(field, `must be a mapping, got ${describeValue(pods)}`);
  if (pods.namespaceSelector !== undefined) checkSelector(pods.namespaceSelector, `${field}.namespaceSelector`, fail);
  checkSelector(pods.podSelector, `${field}.podSelector`, fail);
}

function checkPeer(peer: Record<string, any>, field: string, fail: Fail): void {
  const hasSelector = peer.podSelector !== undefined || peer.namespaceSelector !== undefined;
  if (peer.ipBlock !== undefined) {
    if (hasSelector) fail(field, 'ipBlock cannot be combined with podSelector or namespaceSelector in one peer');
    if (!isMapping(peer.ipBlock)) fail(`${field}.ipBlock`, `must be a mapping, got ${describeValue(peer.ipBlock)}`);
    checkCidr(peer.ipBlock.cidr, `${field}.ipBlock.cidr`, fail);
    listOf(peer.ipBlock.except, `${field}.ipBlock.except`, fail, true).forEach((c, i) => checkCidr(c, `${field}.ipBlock.except[${i}]`, fail));
    return;
  }
  if (!hasSelector) fail(field, 'must set podSelector, namespaceSelector or ipBlock');
  if (peer.podSelector !== undefined) checkSelector(peer.podSelector, `${field}.podSelector`, fail);
  if (peer.namespaceSelector !== undefined) checkSelector(peer.namespaceSelector, `${field}.namespaceSelector`, fail);
}

function checkPort(port: Record<string, any>, field: string, fail: Fail): void {
  if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol)) fail(`${field}.protocol`, `must be TCP, UDP or SCTP, got ${describeValue(port.protocol)}`);
  const p = port.port;
  const numeric = Number.isInteger(p) && p >= 1 && p <= 65535;
  if (p !== undefined && p !== null && !numeric && !(typeof p === 'string' && p.length > 0)) {
    fail(`${field}.port`, `must be a port number 1..65535 or a port name, got ${describeValue(p)}`);
  }
  if (port.endPort !== undefined && port.endPort !== null) {
    if (!numeric) fail(`${field}.endPort`, 'needs a numeric port');
    if (!Number.isInteger(port.endPort) || port.endPort < p || port.endPort > 65535) fail(`${field}.endPort`, `must be a whole number from ${p} to 65535, got ${describeValue(port.endPort)}`);
  }
}

function checkSelector(selector: unknown, field: string, fail: Fail): void {
  if (!isMapping(selector)) fail(field, `must be a label selector mapping, got ${describeValue(selector)}`);
  if (selector.matchLabels !== undefined && selector.matchLabels !== null) readLabels(selector.matchLabels, `${field}.matchLabels`, fail);
  listOf(selector.matchExpressions, `${field}.matchExpressions`, fail).forEach((e, i) => {
    const f = `${field}.matchExpressions[${i}]`;
    if (typeof e.key !== 'string' || e.key === '') fail(`${f}.key`, `must be a label key, got ${describeValue(e.key)}`);
    if (!OPERATORS.includes(e.operator)) fail(`${f}.operator`, `must be one of ${OPERATORS.join(', ')}, got ${describeValue(e.operator)}`);
    const values = e.values ?? [];
    if (!Array.isArray(values) || values.some((v: unknown) => typeof v !== 'string')) fail(`${f}.values`, 'must be a list of strings');
    const needsValues = e.operator === 'In' || e.operator === 'NotIn';
    if (needsValues !== values.length > 0) fail(`${f}.values`, needsValues ? `must not be empty for ${e.operator}` : `must be empty for ${e.operator}`);
  });
}

function checkCidr(cidr: unknown, field: string, fail: Fail): void {
  if (typeof cidr !== 'string' || !cidr.includes('/') || parseCidr(cidr) === undefined) fail(field, `must be a CIDR such as 10.0.0.0/8, got ${describeValue(cidr)}`);
}

/** A list of mappings (absent or null is empty); anything else fails. */
function listOf(value: unknown, field: string, fail: Fail, scalars = false): any[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(field, `must be a list, got ${describeValue(value)}`);
  if (!scalars) value.forEach((item, i) => { if (!isMapping(item)) fail(`${field}[${i}]`, `must be a mapping, got ${describeValue(item)}`); });
  return value;
}
