import { networkPolicies, Direction } from './kubernetes/policies';
import { policySelects } from './scope';
import { endpointSubject } from './subjects';
import { compareStrings } from '../../model/canonical-order';
import { NetworkPolicyForm } from '../compile/form';
import { Cluster, Endpoint } from '../types';

/** Whether an endpoint's pods are isolated, per direction. */
export interface CoverageEntry {
  /** `ns/Kind/name`. */
  readonly endpoint: string;
  readonly ingressIsolated: boolean;
  readonly egressIsolated: boolean;
}

/**
 * Per endpoint (sorted by id), whether some NetworkPolicy isolates it for ingress and for egress:
 * a pod is isolated in a direction when a policy selecting it has that direction in its effective policyTypes.
 */
export function coverageReport(cluster: Cluster): CoverageEntry[] {
  const policies = networkPolicies(cluster);
  return cluster.endpoints
    .map(e => ({
      endpoint: endpointSubject(e),
      ingressIsolated: isolatingPolicies(policies, e, 'ingress').length > 0,
      egressIsolated: isolatingPolicies(policies, e, 'egress').length > 0,
    }))
    .sort((a, b) => compareStrings(a.endpoint, b.endpoint));
}

/** The policies that select the endpoint and isolate it in `direction`. */
export function isolatingPolicies(policies: readonly NetworkPolicyForm[], endpoint: Endpoint, direction: Direction): NetworkPolicyForm[] {
  return policies.filter(p => p.isolates[direction] && policySelects(p, endpoint));
}
