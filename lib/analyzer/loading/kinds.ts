import { ManifestError } from './manifest-error';
import { Origin, originMessage } from './origin';

/** What the analyzer makes of an object of a kind it reads. */
export type KindRole = 'namespace' | 'pod' | 'workload' | 'service' | 'policy';

/** How to read one kind. */
export interface KindInfo {
  readonly kind: string;
  readonly role: KindRole;
  /** API groups of this kind (`''` is the core group); the same kind name in another group is someone else's. */
  readonly groups: readonly string[];
  readonly namespaced: boolean;
  /** Workloads: the path to the pod template. */
  readonly template?: readonly string[];
  /** Policies: the apiVersions whose semantics the analyzer knows; other versions of the group are refused. */
  readonly apiVersions?: readonly string[];
}

const WORKLOAD_GROUPS = ['apps', 'extensions'];
const SPEC_TEMPLATE = ['spec', 'template'];

const KINDS: ReadonlyMap<string, KindInfo> = new Map([
  info({ kind: 'Namespace', role: 'namespace', groups: [''], namespaced: false }),
  info({ kind: 'Pod', role: 'pod', groups: [''], namespaced: true }),
  info({ kind: 'Deployment', role: 'workload', groups: WORKLOAD_GROUPS, namespaced: true, template: SPEC_TEMPLATE }),
  info({ kind: 'StatefulSet', role: 'workload', groups: WORKLOAD_GROUPS, namespaced: true, template: SPEC_TEMPLATE }),
  info({ kind: 'DaemonSet', role: 'workload', groups: WORKLOAD_GROUPS, namespaced: true, template: SPEC_TEMPLATE }),
  info({ kind: 'ReplicaSet', role: 'workload', groups: WORKLOAD_GROUPS, namespaced: true, template: SPEC_TEMPLATE }),
  info({ kind: 'ReplicationController', role: 'workload', groups: [''], namespaced: true, template: SPEC_TEMPLATE }),
  info({ kind: 'Job', role: 'workload', groups: ['batch'], namespaced: true, template: SPEC_TEMPLATE }),
  info({ kind: 'CronJob', role: 'workload', groups: ['batch'], namespaced: true, template: ['spec', 'jobTemplate', 'spec', 'template'] }),
  info({ kind: 'Service', role: 'service', groups: [''], namespaced: true }),
  info({ kind: 'NetworkPolicy', role: 'policy', groups: ['networking.k8s.io', 'extensions'], namespaced: true, apiVersions: ['networking.k8s.io/v1'] }),
  info({ kind: 'AdminNetworkPolicy', role: 'policy', groups: ['policy.networking.k8s.io'], namespaced: false, apiVersions: ['policy.networking.k8s.io/v1alpha1'] }),
  info({ kind: 'BaselineAdminNetworkPolicy', role: 'policy', groups: ['policy.networking.k8s.io'], namespaced: false, apiVersions: ['policy.networking.k8s.io/v1alpha1'] }),
  info({ kind: 'ClusterNetworkPolicy', role: 'policy', groups: ['policy.networking.k8s.io'], namespaced: false, apiVersions: ['policy.networking.k8s.io/v1alpha2'] }),
]);

/** The kinds that become endpoints, in the order `Endpoint.kind` documents them. */
export const ENDPOINT_KINDS: readonly string[] = [...KINDS.values()].filter(k => k.role === 'pod' || k.role === 'workload').map(k => k.kind);

/**
 * How to read an object, or undefined when the analyzer ignores its kind (ConfigMap, Calico's
 * NetworkPolicy...). A policy kind of a known group at an unknown version is refused: its rules
 * would otherwise be dropped without a word.
 */
export function kindInfo(doc: { readonly kind: string; readonly apiVersion: string }, origin: Origin): KindInfo | undefined {
  const known = KINDS.get(doc.kind);
  if (!known || !known.groups.includes(groupOf(doc.apiVersion))) return undefined;
  if (known.apiVersions && !known.apiVersions.includes(doc.apiVersion)) {
    const problem = `${doc.kind}: apiVersion ${doc.apiVersion} is not supported; use ${known.apiVersions.join(' or ')}`;
    throw new ManifestError(origin.file, originMessage(origin, problem));
  }
  return known;
}

/** `apps/v1` -> `apps`; `v1` -> `''` (the core group). */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function info(k: KindInfo): [string, KindInfo] {
  return [k.kind, k];
}
