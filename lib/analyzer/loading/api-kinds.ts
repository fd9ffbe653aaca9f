import { ApiCode } from './api-codes';
import { ApiProblem } from './api-problem';
import { groupOf } from '../policy-family';
import { closeNames } from './schema/check';

/** The kinds of an API group the analyzer reads objects of. */
interface GroupKinds {
  /** Every kind of the group (closed), or the well-known ones (open: CRD groups grow, and vendors add kinds). */
  readonly kinds: readonly string[];
  /**
   * Closed: any other kind is refused, as the API server would. Open: another kind is refused only when it
   * is a near miss of a known one (`Networkpolicy`), else skipped like a kind the analyzer does not read.
   */
  readonly closed: boolean;
}

const CALICO_KINDS = [
  'BGPConfiguration', 'BGPFilter', 'BGPPeer', 'BlockAffinity', 'CalicoNodeStatus', 'ClusterInformation', 'FelixConfiguration',
  'GlobalNetworkPolicy', 'GlobalNetworkSet', 'HostEndpoint', 'IPAMBlock', 'IPAMConfig', 'IPAMConfiguration', 'IPAMHandle', 'IPPool',
  'IPReservation', 'KubeControllersConfiguration', 'NetworkPolicy', 'NetworkSet', 'Profile', 'StagedGlobalNetworkPolicy',
  'StagedKubernetesNetworkPolicy', 'StagedNetworkPolicy', 'Tier',
];

const GROUPS: ReadonlyMap<string, GroupKinds> = new Map<string, GroupKinds>([
  ['', {
    closed: false,
    kinds: ['Binding', 'ComponentStatus', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'List', 'Namespace', 'Node', 'PersistentVolume',
      'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount', 'Status'],
  }],
  ['apps', { closed: true, kinds: ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'] }],
  ['batch', { closed: true, kinds: ['CronJob', 'Job'] }],
  // kubernetes release-1.35 OpenAPI (v1), and the v1alpha1 ClusterCIDR of older releases.
  ['networking.k8s.io', { closed: true, kinds: ['ClusterCIDR', 'IPAddress', 'Ingress', 'IngressClass', 'NetworkPolicy', 'ServiceCIDR'] }],
  // network-policy-api v0.1.8 and v0.2.0, both channels.
  ['policy.networking.k8s.io', { closed: true, kinds: ['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy'] }],
  ['projectcalico.org', { closed: false, kinds: CALICO_KINDS }],
  ['crd.projectcalico.org', { closed: false, kinds: CALICO_KINDS }],
  ['cilium.io', {
    closed: false,
    kinds: ['CiliumBGPAdvertisement', 'CiliumBGPClusterConfig', 'CiliumBGPNodeConfig', 'CiliumBGPNodeConfigOverride', 'CiliumBGPPeerConfig',
      'CiliumBGPPeeringPolicy', 'CiliumCIDRGroup', 'CiliumClusterwideEnvoyConfig', 'CiliumClusterwideNetworkPolicy', 'CiliumEgressGatewayPolicy',
      'CiliumEndpoint', 'CiliumEndpointSlice', 'CiliumEnvoyConfig', 'CiliumExternalWorkload', 'CiliumGatewayClassConfig', 'CiliumIdentity',
      'CiliumL2AnnouncementPolicy', 'CiliumLoadBalancerIPPool', 'CiliumLocalRedirectPolicy', 'CiliumNetworkPolicy', 'CiliumNode',
      'CiliumNodeConfig', 'CiliumPodIPPool'],
  }],
]);

/** What the loader makes of an object's group and kind, before anything else is read. */
export type KindVerdict =
  | { readonly verdict: 'known' }
  | { readonly verdict: 'unknown'; readonly problem: ApiProblem }
  | { readonly verdict: 'skipped'; readonly reason: string };

/** Whether an object's kind exists in its group, as far as the analyzer can tell. */
export function kindVerdict(apiVersion: string, kind: string): KindVerdict {
  const group = groupOf(apiVersion);
  const known = GROUPS.get(group);
  if (known === undefined) return { verdict: 'skipped', reason: `the analyzer reads no kind of ${group === '' ? 'the core group' : `group ${group}`}` };
  // `PodList` without items is not flattened; it is a list all the same.
  const base = kind.length > 4 && kind.endsWith('List') ? kind.slice(0, -4) : kind;
  if (known.kinds.includes(kind) || known.kinds.includes(base)) return { verdict: 'known' };
  // A plural (`NetworkPolicies`, the resource's name) is a near miss of its kind too.
  const singular = kind.replace(/ies$/, 'y').replace(/([^s])s$/, '$1');
  const close = known.kinds.filter(k => closeNames(kind, k) || closeNames(singular, k));
  if (!known.closed && close.length === 0) return { verdict: 'skipped', reason: `${kind} is not a kind the analyzer knows in ${groupName(group)}` };
  const kinds = known.closed ? `its kinds: ${known.kinds.join(', ')}` : `its kinds include ${known.kinds.join(', ')}`;
  return {
    verdict: 'unknown',
    problem: {
      code: ApiCode.API_KIND_UNKNOWN,
      path: ['kind'],
      message: `${JSON.stringify(kind)} is not a kind of ${apiVersion} (${kinds})`,
      fix: close.length > 0 ? `did you mean ${close.join(' or ')}? Kinds are case-sensitive` : 'use one of its kinds, or the apiVersion of the group that has this kind',
    },
  };
}

function groupName(group: string): string {
  return group === '' ? 'the core group' : group;
}
