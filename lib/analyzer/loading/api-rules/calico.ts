import { ApiCode } from '../api-codes';
import { ApiProblem, FieldPath } from '../api-problem';
import { isMapping } from '../describe';

// The CEL rules (`x-kubernetes-validations`) of Calico v3.32.1's CRDs, for projectcalico.org/v3 and
// crd.projectcalico.org/v1 alike (the v1 CRDs are Calico's storage of the same types). Calico's own
// validator (libcalico-go lib/validator/v3) is ported in ../calico-spec.ts. Runs on an object the schema
// check passed.

/** The problems of a Calico NetworkPolicy, GlobalNetworkPolicy or Tier (paths from the object's root). */
export function calicoProblems(kind: string, doc: Record<string, any>): ApiProblem[] {
  const spec = isMapping(doc.spec) ? doc.spec : {};
  if (kind === 'Tier') return tierProblems(doc, spec);
  const problems: ApiProblem[] = [];
  for (const direction of ['ingress', 'egress']) {
    listOf(spec[direction]).forEach((rule, i) => isMapping(rule) && problems.push(...ruleProblems(rule, ['spec', direction, i])));
  }
  if (kind === 'GlobalNetworkPolicy') problems.push(...globalSpecProblems(spec));
  return problems;
}

/**
 * Fields of Calico Enterprise and Calico Cloud that Calico Open Source's schemas lack and that the analyzer reads
 * (and reports as not modelled) rather than refusing: a network set's `allowedEgressDomains`, a list of domain names.
 * Returns the object to check against the open-source schema, and the problems of those fields' shape.
 */
export function calicoEnterpriseFields(doc: Record<string, any>): { readonly rest: Record<string, any>; readonly problems: ApiProblem[] } {
  const group = typeof doc.apiVersion === 'string' ? doc.apiVersion.split('/')[0] : '';
  const calico = group === 'projectcalico.org' || group === 'crd.projectcalico.org';
  if (!calico || (doc.kind !== 'NetworkSet' && doc.kind !== 'GlobalNetworkSet') || !isMapping(doc.spec) || !('allowedEgressDomains' in doc.spec)) {
    return { rest: doc, problems: [] };
  }
  const { allowedEgressDomains: domains, ...spec } = doc.spec;
  const problems: ApiProblem[] = [];
  if (domains !== null && domains !== undefined) {
    if (!Array.isArray(domains)) {
      problems.push({ code: ApiCode.API_TYPE, path: ['spec', 'allowedEgressDomains'], message: 'must be a list of domain names', fix: 'write a list such as ["db.example.com", "*.example.com"]' });
    } else {
      domains.forEach((d, i) => {
        if (typeof d !== 'string' || d === '') problems.push({ code: ApiCode.API_TYPE, path: ['spec', 'allowedEgressDomains', i], message: 'must be a domain name', fix: 'write a domain such as "db.example.com" or "*.example.com"' });
      });
    }
  }
  return { rest: { ...doc, spec }, problems };
}

function ruleProblems(rule: Record<string, any>, at: FieldPath): ApiProblem[] {
  const problems: ApiProblem[] = [];
  const add = (path: FieldPath, message: string, fix: string) => problems.push({ code: ApiCode.API_INVALID, path, message, fix });
  if (set(rule.http)) {
    if (set(rule.protocol) && rule.protocol !== 'TCP' && rule.protocol !== 6) add([...at, 'http'], `needs protocol TCP (or none), got protocol ${JSON.stringify(rule.protocol)}`, 'set protocol: TCP, or remove http');
    if (rule.action !== 'Allow') add([...at, 'http'], `is only allowed on Allow rules, got action ${JSON.stringify(rule.action)}`, 'remove http, or make the rule an Allow');
  }
  const destination = rule.destination;
  if (isMapping(destination) && set(destination.services) && (nonEmpty(destination.ports) || nonEmpty(destination.notPorts))) {
    add([...at, 'destination'], 'cannot list ports or notPorts beside services (the Service gives the ports)', 'remove ports and notPorts, or match the pods by selector instead of services');
  }
  for (const key of ['icmp', 'notICMP']) {
    const icmp = rule[key];
    if (isMapping(icmp) && set(icmp.code) && !set(icmp.type)) add([...at, key, 'code'], 'needs a type: an ICMP code is a code of a type', 'add type, or remove code');
  }
  return problems;
}

function globalSpecProblems(spec: Record<string, any>): ApiProblem[] {
  const problems: ApiProblem[] = [];
  const add = (field: string, message: string, fix: string) => problems.push({ code: ApiCode.API_INVALID, path: ['spec', field], message, fix });
  if (spec.doNotTrack === true && spec.preDNAT === true) add('preDNAT', 'cannot be true beside doNotTrack', 'set one of preDNAT and doNotTrack');
  if (spec.preDNAT === true && nonEmpty(spec.egress)) add('egress', 'must be empty when preDNAT is true (pre-DNAT policies apply to ingress only)', 'move the egress rules to another policy');
  if (spec.preDNAT === true && listOf(spec.types).includes('Egress')) add('types', 'must not list Egress when preDNAT is true', 'remove Egress from types');
  if ((spec.doNotTrack === true || spec.preDNAT === true) && spec.applyOnForward !== true) {
    add('applyOnForward', `must be true when ${spec.doNotTrack === true ? 'doNotTrack' : 'preDNAT'} is true`, 'set applyOnForward: true');
  }
  return problems;
}

/** The reserved tiers' default actions, checked after the API server defaults defaultAction to Deny. */
function tierProblems(doc: Record<string, any>, spec: Record<string, any>): ApiProblem[] {
  const name = isMapping(doc.metadata) ? doc.metadata.name : undefined;
  const wanted = name === 'default' ? 'Deny' : name === 'kube-admin' || name === 'kube-baseline' ? 'Pass' : undefined;
  const action = spec.defaultAction ?? 'Deny';
  if (wanted === undefined || action === wanted) return [];
  return [{ code: ApiCode.API_INVALID, path: ['spec', 'defaultAction'], message: `must be ${wanted} for the reserved tier ${JSON.stringify(name)}, got ${JSON.stringify(action)}`, fix: `set defaultAction: ${wanted}` }];
}

function set(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function nonEmpty(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
