import { PolicyFamily, groupOf } from '../policy-family';
import { ManifestError } from './manifest-error';
import { Origin, originMessage } from './origin';

/** What the analyzer makes of an object of a kind it reads. */
export type KindRole = 'namespace' | 'pod' | 'workload' | 'service' | 'policy' | 'tier' | 'networkSet' | 'serviceAccount' | 'unmodelled';

/** How to read one kind of one API group. */
export interface KindInfo {
  readonly kind: string;
  readonly role: KindRole;
  /** The API group (`''` is the core group); the same kind name in another group is someone else's (Calico's NetworkPolicy). */
  readonly group: string;
  readonly namespaced: boolean;
  /** Workloads: the path to the pod template. */
  readonly template?: readonly string[];
  /** Policies and tiers: the apiVersions whose semantics the analyzer knows; other versions of the group are refused. */
  readonly apiVersions?: readonly string[];
  /** Policies: whose semantics they carry. */
  readonly family?: PolicyFamily;
  /** `NetworkPolicy`, `Calico NetworkPolicy`: the kind as messages and duplicate checks name it. */
  readonly label: string;
  /** Kinds the analyzer reads but does not model: what verdicts leave out because of it. */
  readonly unmodelled?: string;
}

const SPEC_TEMPLATE = ['spec', 'template'];
const STAGED = 'staged policies are not enforced (they only preview what a policy would do): no verdict depends on it';
const CALICO_V3 = 'projectcalico.org/v3';
const CALICO_CRD = 'crd.projectcalico.org/v1';

const KIND_LIST: readonly KindInfo[] = [
  core({ kind: 'Namespace', role: 'namespace', group: '', namespaced: false }),
  core({ kind: 'Pod', role: 'pod', group: '', namespaced: true }),
  ...['apps', 'extensions'].flatMap(group => ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].map(kind =>
    core({ kind, role: 'workload', group, namespaced: true, template: SPEC_TEMPLATE }))),
  core({ kind: 'ReplicationController', role: 'workload', group: '', namespaced: true, template: SPEC_TEMPLATE }),
  core({ kind: 'Job', role: 'workload', group: 'batch', namespaced: true, template: SPEC_TEMPLATE }),
  core({ kind: 'CronJob', role: 'workload', group: 'batch', namespaced: true, template: ['spec', 'jobTemplate', 'spec', 'template'] }),
  core({ kind: 'Service', role: 'service', group: '', namespaced: true }),
  core({ kind: 'ServiceAccount', role: 'serviceAccount', group: '', namespaced: true }),
  unmodelled('Node', '', false, 'nodes and host networking are not modelled: rules that select nodes (Cilium fromNodes/toNodes, Calico host endpoints) match no flow side, and the host and remote-node entities only their named peers'),
  ...['networking.k8s.io', 'extensions'].map(group =>
    policy({ kind: 'NetworkPolicy', group, namespaced: true, apiVersions: ['networking.k8s.io/v1'], family: 'kubernetes' })),
  policy({ kind: 'AdminNetworkPolicy', group: 'policy.networking.k8s.io', namespaced: false, apiVersions: ['policy.networking.k8s.io/v1alpha1'], family: 'admin' }),
  policy({ kind: 'BaselineAdminNetworkPolicy', group: 'policy.networking.k8s.io', namespaced: false, apiVersions: ['policy.networking.k8s.io/v1alpha1'], family: 'admin' }),
  policy({ kind: 'ClusterNetworkPolicy', group: 'policy.networking.k8s.io', namespaced: false, apiVersions: ['policy.networking.k8s.io/v1alpha2'], family: 'admin' }),
  // Calico's API server (projectcalico.org/v3) and the CRDs under it (crd.projectcalico.org/v1) are one store.
  ...[['projectcalico.org', CALICO_V3], ['crd.projectcalico.org', CALICO_CRD]].flatMap(([group, version]) => [
    policy({ kind: 'NetworkPolicy', group, namespaced: true, apiVersions: [version], family: 'calico', label: 'Calico NetworkPolicy' }),
    policy({ kind: 'GlobalNetworkPolicy', group, namespaced: false, apiVersions: [version], family: 'calico' }),
    { kind: 'Tier', role: 'tier' as const, group, namespaced: false, apiVersions: [version], label: 'Tier' },
    { kind: 'NetworkSet', role: 'networkSet' as const, group, namespaced: true, apiVersions: [version], label: 'NetworkSet' },
    { kind: 'GlobalNetworkSet', role: 'networkSet' as const, group, namespaced: false, apiVersions: [version], label: 'GlobalNetworkSet' },
    unmodelled('HostEndpoint', group, false, 'host endpoints are not modelled: policies that select them are not evaluated for them, and rule selectors never match their addresses'),
    unmodelled('Profile', group, false, 'Calico Profiles are not modelled: their labelsToApply and their rules (applied after every tier) are ignored; only the namespace profiles Calico makes itself (kns.<namespace>, which allow) are'),
    ...['StagedNetworkPolicy', 'StagedKubernetesNetworkPolicy'].map(kind => unmodelled(kind, group, true, STAGED)),
    unmodelled('StagedGlobalNetworkPolicy', group, false, STAGED),
  ]),
  policy({ kind: 'CiliumNetworkPolicy', group: 'cilium.io', namespaced: true, apiVersions: ['cilium.io/v2'], family: 'cilium' }),
  policy({ kind: 'CiliumClusterwideNetworkPolicy', group: 'cilium.io', namespaced: false, apiVersions: ['cilium.io/v2'], family: 'cilium' }),
  unmodelled('CiliumCIDRGroup', 'cilium.io', false, 'Cilium CIDR groups are not modelled: a fromCIDRSet/toCIDRSet entry naming one by cidrGroupRef (or cidrGroupSelector) is not resolved to its CIDRs'),
  unmodelled('CiliumNode', 'cilium.io', false, 'Cilium nodes are not modelled: rules that select nodes (fromNodes/toNodes) match no flow side, and the host and remote-node entities only their named peers'),
  unmodelled('CiliumExternalWorkload', 'cilium.io', false, 'Cilium external workloads are not modelled: endpoint selectors never match them'),
];

const KINDS: ReadonlyMap<string, KindInfo> = new Map(KIND_LIST.map(k => [kindKey(k.group, k.kind), k]));

/** The kinds that become endpoints, in the order `Endpoint.kind` documents them. */
export const ENDPOINT_KINDS: readonly string[] = [...new Set(KIND_LIST.filter(k => k.role === 'pod' || k.role === 'workload').map(k => k.kind))];

/**
 * How to read an object, or undefined when the analyzer ignores its kind (ConfigMap, Calico's IPPool...).
 * A kind a policy could refer to but the analyzer does not model (HostEndpoint, a staged policy, CiliumNode...)
 * has the role `unmodelled`. A policy, tier or network set kind of a known group at an unknown version is refused:
 * its rules would otherwise be dropped without a word.
 */
export function kindInfo(doc: { readonly kind: string; readonly apiVersion: string }, origin: Origin): KindInfo | undefined {
  const known = KINDS.get(kindKey(groupOf(doc.apiVersion), doc.kind));
  if (!known) return undefined;
  if (known.apiVersions && !known.apiVersions.includes(doc.apiVersion)) {
    const problem = `${known.label}: apiVersion ${doc.apiVersion} is not supported; use ${known.apiVersions.join(' or ')}`;
    throw new ManifestError(origin.file, originMessage(origin, problem));
  }
  return known;
}

function kindKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}

function core(k: Omit<KindInfo, 'label'>): KindInfo {
  return { ...k, label: k.kind };
}

/** A kind read only to say that it is not modelled: any apiVersion of its group. */
function unmodelled(kind: string, group: string, namespaced: boolean, why: string): KindInfo {
  return { kind, role: 'unmodelled', group, namespaced, label: kind, unmodelled: why };
}

function policy(k: Omit<KindInfo, 'role' | 'label'> & { readonly label?: string }): KindInfo {
  return { ...k, role: 'policy', label: k.label ?? k.kind };
}
