import { isKnownTier } from '../calico/tiers';
import { policyFamily } from '../policy-family';
import { Cluster, Endpoint, Namespace, NetworkSet, PolicyDocument, Service, ServiceAccount, Tier, UnmodelledObject } from '../types';
import { ApiCode } from './api-codes';
import { ApiCheckOptions, screenObject, subjectOf } from './api-screen';
import { endpointOf } from './endpoint';
import { kindInfo } from './kinds';
import { ManifestError } from './manifest-error';
import { impliedNamespace, namespaceOf } from './namespace';
import { networkSetOf } from './network-set';
import { SourcedObject } from './objects';
import { Origin, originMessage, originText } from './origin';
import { policyOf } from './policy';
import { serviceOf } from './service';
import { serviceAccountObjectOf } from './service-account';
import { oneLineMessage } from './source-label';
import { tierOf } from './tier';
import { unmodelledOf } from './unmodelled';

/**
 * The cluster that a set of objects describes. Kinds the analyzer does not read are skipped; those a policy
 * could refer to but the analyzer does not model are listed in `unmodelled` (input order);
 * a namespace that objects live in but no manifest declares is implied. Endpoints, services, network sets,
 * service accounts and namespaces come out sorted; policies keep their input order (admin tiers break ties by it).
 * Calico policies must name a tier that a manifest declares or that Calico creates itself.
 * Every object is first checked as the API server would (`options.mode`, strict by default).
 */
export function buildClusterFrom(objects: readonly SourcedObject[], options: ApiCheckOptions = {}): Cluster {
  const declared = new Map<string, Namespace>();
  const endpoints: Endpoint[] = [];
  const services: Service[] = [];
  const policies: PolicyDocument[] = [];
  const policyOrigins: Origin[] = [];
  const tiers: Tier[] = [];
  const networkSets: NetworkSet[] = [];
  const serviceAccounts: ServiceAccount[] = [];
  const unmodelled: UnmodelledObject[] = [];
  const claims = new Map<string, Origin>();
  // Each object read but not modelled is listed, and warned about (the CLI prints it on stderr).
  const notModelled = (object: UnmodelledObject, subject: string, origin: Origin) => {
    unmodelled.push(object);
    const message = originMessage(origin, `${subject} (${object.apiVersion}): ${object.why}`);
    options.onWarning?.({ source: origin.file, message: oneLineMessage(origin.file, message) });
  };
  const claim = (kind: string, namespace: string | undefined, name: string, origin: Origin) => {
    const subject = `${kind} ${namespace === undefined ? '' : `${namespace}/`}${name}`;
    const first = claims.get(subject);
    if (first) throw new ManifestError(origin.file, originMessage(origin, `${subject}: defined twice (first at ${originText(first)})`));
    claims.set(subject, origin);
  };

  for (const object of objects) {
    const { origin } = object;
    const info = kindInfo(object.doc as { kind: string; apiVersion: string }, origin);
    const doc = screenObject(object, info, options);
    if (doc === undefined) continue;
    switch (info?.role) {
      case undefined:
        break;
      case 'namespace': {
        const namespace = namespaceOf(doc, origin);
        claim(info.kind, undefined, namespace.name, origin);
        declared.set(namespace.name, namespace);
        break;
      }
      case 'pod':
      case 'workload': {
        const endpoint = endpointOf(doc, info, origin);
        claim(info.kind, endpoint.namespace, endpoint.name, origin);
        endpoints.push(endpoint);
        break;
      }
      case 'service': {
        const service = serviceOf(doc, origin);
        claim(info.kind, service.namespace, service.name, origin);
        services.push(service);
        break;
      }
      case 'policy': {
        let policy: PolicyDocument;
        try {
          policy = policyOf(doc, info, origin, object.rendered === true);
        } catch (error) {
          // lint reports what the engine's own validator refuses (Calico, Cilium) as a finding, like a schema problem.
          const engineValidated = info.family === 'calico' || info.family === 'cilium';
          if (options.mode !== 'report' || !engineValidated || !(error instanceof ManifestError) || options.onFinding === undefined) throw error;
          options.onFinding({ code: ApiCode.API_INVALID, subject: subjectOf(doc, info), origin, message: error.message });
          continue;
        }
        claim(info.label, policy.namespace, policy.name, origin);
        policies.push(policy);
        policyOrigins.push(origin);
        break;
      }
      case 'tier': {
        const tier = tierOf(doc, info, origin);
        claim(info.label, undefined, tier.name, origin);
        tiers.push(tier);
        break;
      }
      case 'networkSet': {
        const set = networkSetOf(doc, info, origin);
        claim(info.label, set.namespace, set.name, origin);
        networkSets.push(set);
        if (set.allowedEgressDomains) notModelled(allowedDomainsOf(set, doc.apiVersion, info.kind), subjectOf(doc, info), origin);
        break;
      }
      case 'serviceAccount': {
        const account = serviceAccountObjectOf(doc, origin);
        claim(info.kind, account.namespace, account.name, origin);
        serviceAccounts.push(account);
        break;
      }
      case 'unmodelled':
        notModelled(unmodelledOf(doc, info, origin), subjectOf(doc, info), origin);
        break;
    }
  }
  policies.forEach((p, i) => checkTierDeclared(p, policyOrigins[i], tiers));

  endpoints.sort((a, b) => compareStrings(a.namespace, b.namespace) || compareStrings(a.kind, b.kind) || compareStrings(a.name, b.name));
  services.sort((a, b) => compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name));
  tiers.sort((a, b) => compareStrings(a.name, b.name));
  networkSets.sort((a, b) => compareStrings(a.namespace ?? '', b.namespace ?? '') || compareStrings(a.name, b.name));
  serviceAccounts.sort((a, b) => compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name));
  const namespaced = [...networkSets.flatMap(s => s.namespace === undefined ? [] : [s.namespace]), ...serviceAccounts.map(a => a.namespace)];
  return {
    namespaces: allNamespaces(declared, endpoints, services, policies, namespaced),
    endpoints,
    services,
    policies,
    tiers,
    networkSets,
    serviceAccounts,
    unmodelled,
  };
}

/** A network set whose `allowedEgressDomains` (Calico Enterprise) the analyzer reads but does not resolve. */
function allowedDomainsOf(set: NetworkSet, apiVersion: string, kind: string): UnmodelledObject {
  return {
    kind,
    apiVersion,
    name: set.name,
    ...(set.namespace === undefined ? {} : { namespace: set.namespace }),
    ...(set.source === undefined ? {} : { source: set.source }),
    why: `spec.allowedEgressDomains (Calico Enterprise) is not modelled: egress to ${set.allowedEgressDomains!.join(', ')} is allowed only where an address lies in the set's nets`,
  };
}

/** A Calico policy in a tier no manifest declares cannot be ordered (and Calico refuses to create it). */
function checkTierDeclared(policy: PolicyDocument, origin: Origin, tiers: readonly Tier[]): void {
  if (policyFamily(policy) !== 'calico' || typeof policy.spec.tier !== 'string' || isKnownTier(policy.spec.tier, tiers)) return;
  const subject = `${policy.kind === 'NetworkPolicy' ? 'Calico NetworkPolicy' : policy.kind} ${policy.namespace === undefined ? '' : `${policy.namespace}/`}${policy.name}`;
  const problem = `${subject}: spec.tier: tier ${JSON.stringify(policy.spec.tier)} is not declared by the manifests read; add its Tier (kind: Tier, apiVersion: ${policy.apiVersion}) so its order is known`;
  throw new ManifestError(origin.file, originMessage(origin, problem));
}

function allNamespaces(
  declared: ReadonlyMap<string, Namespace>,
  endpoints: readonly Endpoint[],
  services: readonly Service[],
  policies: readonly PolicyDocument[],
  others: readonly string[],
): Map<string, Namespace> {
  const referenced = [
    ...endpoints.map(e => e.namespace),
    ...services.map(s => s.namespace),
    ...policies.flatMap(p => p.namespace === undefined ? [] : [p.namespace]),
    ...others,
  ];
  const names = [...new Set([...declared.keys(), ...referenced])].sort(compareStrings);
  return new Map(names.map(name => [name, declared.get(name) ?? impliedNamespace(name)]));
}

/** Orders by code unit, so output does not depend on the locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
