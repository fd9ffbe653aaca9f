import { readCidr, strictlyInside } from './cidr';
import { labelSelectorProblems } from './label-selector';
import { checkPortName } from '../../../model/syntax';
import { ApiCode } from '../api-codes';
import { ApiProblem, FieldPath } from '../api-problem';
import { isMapping } from '../describe';

// The API server's validation of a `networking.k8s.io/v1` NetworkPolicy that its OpenAPI schema does not
// carry (the schema is open and has no enums here), ported from kubernetes/kubernetes
// pkg/apis/networking/validation/validation.go (release-1.35): ValidateNetworkPolicySpec,
// ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer, ValidateIPBlock; label selectors from apimachinery
// ValidateLabelSelector. Runs on a spec the schema check passed, so types are right.
// Stricter than the API server, on purpose: a policy type listed twice (accepted, always a mistake) and
// leading zeros in CIDRs (accepted with a warning until 1.36, read as octal by other tools).

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];

/** The problems of a NetworkPolicy's spec (paths start at `spec`). */
export function networkPolicyProblems(spec: unknown): ApiProblem[] {
  if (!isMapping(spec)) return [];
  const problems: ApiProblem[] = [];
  if (spec.podSelector !== undefined && spec.podSelector !== null) problems.push(...labelSelectorProblems(spec.podSelector, ['spec', 'podSelector']));
  for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    listOf(spec[direction]).forEach((rule, i) => {
      if (!isMapping(rule)) return;
      const at = ['spec', direction, i];
      listOf(rule.ports).forEach((port, j) => isMapping(port) && problems.push(...portProblems(port, [...at, 'ports', j])));
      listOf(rule[peersKey]).forEach((peer, j) => isMapping(peer) && problems.push(...peerProblems(peer, [...at, peersKey, j])));
    });
  }
  problems.push(...policyTypeProblems(listOf(spec.policyTypes)));
  return problems;
}

/** `policyTypes`: Ingress and/or Egress, at most two. */
function policyTypeProblems(types: readonly unknown[]): ApiProblem[] {
  const problems: ApiProblem[] = [];
  if (types.length > POLICY_TYPES.length) {
    problems.push({ code: ApiCode.API_SIZE, path: ['spec', 'policyTypes'], message: `may list at most two policy types, got ${types.length}`, fix: 'list Ingress, Egress or both, once each' });
  }
  types.forEach((type, i) => {
    const at = ['spec', 'policyTypes', i];
    if (!POLICY_TYPES.includes(type as string)) {
      problems.push({ code: ApiCode.API_ENUM, path: at, message: `must be Ingress or Egress, got ${JSON.stringify(type)}`, fix: 'write Ingress or Egress (case-sensitive)' });
    } else if (types.indexOf(type) !== i) {
      problems.push({ code: ApiCode.API_DUPLICATE, path: at, message: `lists ${type as string} twice`, fix: `remove [${i}]` });
    }
  });
  return problems;
}

/** ValidateNetworkPolicyPort: protocol, port number or name, endPort. */
function portProblems(port: Record<string, unknown>, at: FieldPath): ApiProblem[] {
  const problems: ApiProblem[] = [];
  const add = (code: ApiCode, field: string, message: string, fix: string) => problems.push({ code, path: [...at, field], message, fix });
  const { protocol } = port;
  const endPort = port.endPort as number | null | undefined;
  const value = port.port;
  if (protocol !== undefined && protocol !== null && !PROTOCOLS.includes(protocol as string)) {
    add(ApiCode.API_ENUM, 'protocol', `must be TCP, UDP or SCTP, got ${JSON.stringify(protocol)}`, 'write TCP, UDP or SCTP (case-sensitive)');
  }
  if (typeof value === 'number') {
    if (value < 1 || value > 65535) add(ApiCode.API_PORT, 'port', `must be a port number from 1 to 65535, got ${value}`, 'use a port from 1 to 65535, or leave port out for every port');
  } else if (typeof value === 'string') {
    // An intstr string is a port name, never a number: "5432" is not a valid name (it has no letter).
    const [problem] = checkPortName(value);
    if (problem) {
      const fix = /^[0-9]+$/.test(value) ? `write the number without quotes: port: ${Number(value)}` : problem.fix;
      add(ApiCode.API_PORT, 'port', `must be a port number or a port name (IANA_SVC_NAME: at most 15 of a-z, 0-9 and "-", with a letter), got ${JSON.stringify(value)}: ${problem.message}`, fix);
    }
  }
  if (endPort === undefined || endPort === null) return problems;
  if (value === undefined || value === null) {
    add(ApiCode.API_END_PORT, 'endPort', 'needs a port: a range starts at port', 'add port (the start of the range), or remove endPort');
  } else if (typeof value === 'string') {
    add(ApiCode.API_END_PORT, 'endPort', `needs a numeric port, got the port name ${JSON.stringify(value)}`, 'use a port number with endPort, or remove endPort');
  } else if (typeof value === 'number' && endPort < value) {
    add(ApiCode.API_END_PORT, 'endPort', `must be at least port (${value}), got ${endPort}`, `use an endPort from ${value} to 65535`);
  }
  if (endPort < 1 || endPort > 65535) add(ApiCode.API_END_PORT, 'endPort', `must be a port number from 1 to 65535, got ${endPort}`, 'use a port from 1 to 65535');
  return problems;
}

/** ValidateNetworkPolicyPeer: exactly a selector pair or an ipBlock. */
function peerProblems(peer: Record<string, unknown>, at: FieldPath): ApiProblem[] {
  const problems: ApiProblem[] = [];
  const set = ['podSelector', 'namespaceSelector', 'ipBlock'].filter(k => peer[k] !== undefined && peer[k] !== null);
  for (const key of ['podSelector', 'namespaceSelector']) if (set.includes(key)) problems.push(...labelSelectorProblems(peer[key], [...at, key]));
  if (set.includes('ipBlock')) problems.push(...ipBlockProblems(peer.ipBlock, [...at, 'ipBlock']));
  if (set.length === 0) {
    problems.push({ code: ApiCode.API_PEER, path: at, message: 'must specify a peer: podSelector, namespaceSelector or ipBlock', fix: 'add a selector or an ipBlock; `{}` as a peer is refused (use podSelector: {} for every pod of the namespace)' });
  } else if (set.length > 1 && set.includes('ipBlock')) {
    problems.push({ code: ApiCode.API_PEER, path: at, message: `may not specify both ipBlock and ${set.filter(k => k !== 'ipBlock').join(' and ')}`, fix: 'write the ipBlock as a separate peer (a separate "- " entry)' });
  }
  return problems;
}

/** ValidateIPBlock: a CIDR, and each except a CIDR strictly inside it. */
function ipBlockProblems(ipBlock: unknown, at: FieldPath): ApiProblem[] {
  if (!isMapping(ipBlock)) return [];
  const problems: ApiProblem[] = [];
  if (ipBlock.cidr === '') {
    return [{ code: ApiCode.API_REQUIRED, path: [...at, 'cidr'], message: 'must not be empty', fix: 'write the network, e.g. 10.0.0.0/8, or 0.0.0.0/0 for every IPv4 address' }];
  }
  const cidr = typeof ipBlock.cidr === 'string' ? readCidr(ipBlock.cidr) : undefined;
  if (cidr === undefined) return problems;
  if ('error' in cidr) {
    return [{ code: ApiCode.API_CIDR, path: [...at, 'cidr'], message: `must be a CIDR such as 10.0.0.0/8, got ${JSON.stringify(ipBlock.cidr)}: ${cidr.error}`, fix: 'write the network as "a.b.c.d/n" or "x:y::/n"' }];
  }
  listOf(ipBlock.except).forEach((text, i) => {
    if (typeof text !== 'string') return;
    const path = [...at, 'except', i];
    const except = readCidr(text);
    if ('error' in except) {
      problems.push({ code: ApiCode.API_CIDR, path, message: `must be a CIDR such as 10.1.0.0/16, got ${JSON.stringify(text)}: ${except.error}`, fix: 'write the network as "a.b.c.d/n" or "x:y::/n"' });
    } else if (!strictlyInside(except, cidr)) {
      const why = except.family !== cidr.family ? `an ${except.family} network in an ${cidr.family} block`
        : except.prefix <= cidr.prefix ? `its prefix /${except.prefix} is not longer than the block's /${cidr.prefix}` : 'it lies outside the block';
      problems.push({
        code: ApiCode.API_EXCEPT_NOT_INSIDE,
        path,
        message: `must be strictly inside cidr ${ipBlock.cidr as string}, got ${JSON.stringify(text)}: ${why}`,
        fix: `list only networks inside ${ipBlock.cidr as string} and smaller than it, or widen cidr`,
      });
    }
  });
  return problems;
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
