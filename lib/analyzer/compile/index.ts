import { calicoLabels } from '../calico/labels';
import { networkSetViews } from '../calico/network-sets';
import { policyFamily } from '../policy-family';
import { Cluster, PolicyDocument, Service } from '../types';
import { CalicoSetsContext, readCalicoPolicy } from './calico';
import { readCiliumPolicy } from './cilium';
import { readAdminPolicy } from './cluster-network-policy';
import { DEFAULT_NAMESPACE } from './defaults';
import { PolicyForm, UnreadablePolicyForm } from './form';
import { readNetworkPolicy } from './kubernetes';

export * from './form';
export { NAMESPACE_NAME_LABEL, DEFAULT_NAMESPACE, effectivePolicyTypes, calicoPolicyTypes, ciliumDefaultDeny } from './defaults';

const NORMALIZED = new WeakMap<Cluster, readonly PolicyForm[]>();

/**
 * The cluster's policies in the normalized form, in the cluster's order: computed once per cluster object, so the
 * evaluators, lints, matrix and address predicates built over one cluster read the same forms.
 */
export function normalizedPolicies(cluster: Cluster): readonly PolicyForm[] {
  let forms = NORMALIZED.get(cluster);
  if (forms === undefined) {
    const namespaceLabels = calicoLabels(cluster).namespace;
    const networkSets = { sets: networkSetViews(cluster.networkSets ?? [], namespaceLabels), namespaceLabels };
    forms = cluster.policies.map(doc => normalizePolicy(doc, cluster.services, networkSets));
    NORMALIZED.set(cluster, forms);
  }
  return forms;
}

/**
 * One policy document in the normalized form; `services` are the cluster's (Calico rules can name one), and
 * `networkSets` its Calico network sets (Calico rule selectors match some; none when not given). Never throws: a
 * document that cannot be read at all is an `UnreadablePolicyForm`.
 */
export function normalizePolicy(doc: PolicyDocument, services: readonly Service[], networkSets?: CalicoSetsContext): PolicyForm {
  try {
    switch (policyFamily(doc)) {
      case 'kubernetes': return readNetworkPolicy(doc);
      case 'admin': return readAdminPolicy(doc);
      case 'calico': return readCalicoPolicy(doc, services, networkSets);
      case 'cilium': return readCiliumPolicy(doc);
    }
  } catch (e) {
    return unreadable(doc, e);
  }
}

const NAMESPACED_KINDS: readonly string[] = ['NetworkPolicy', 'CiliumNetworkPolicy'];

function unreadable(doc: PolicyDocument, error: unknown): UnreadablePolicyForm {
  const family = policyFamily(doc);
  const namespace = NAMESPACED_KINDS.includes(doc.kind) ? doc.namespace ?? DEFAULT_NAMESPACE : undefined;
  const failure = error instanceof Error ? error.message : String(error);
  let text = '';
  try {
    text = JSON.stringify(doc.spec ?? {}) ?? '';
  } catch {
    // Not serializable: no deny rules can be seen.
  }
  return {
    id: `${doc.kind} ${namespace === undefined ? '' : `${namespace}/`}${doc.name}`,
    kind: doc.kind,
    family,
    apiVersion: doc.apiVersion,
    name: doc.name,
    ...(namespace === undefined ? {} : { namespace }),
    ...(doc.source === undefined ? {} : { source: doc.source }),
    problems: [`cannot be compiled (${failure})`],
    failure,
    denies: { ingress: family === 'cilium' && text.includes('"ingressDeny"'), egress: family === 'cilium' && text.includes('"egressDeny"') },
  };
}
