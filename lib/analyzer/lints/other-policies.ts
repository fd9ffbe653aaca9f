import { evaluatorFor } from '../evaluators';
import { policyFamily } from '../policy-family';
import { Cluster, Endpoint, Evaluator } from '../types';
import { LintEngine } from './finding';
import { Direction } from './kubernetes/policies';
import { probeFlow, probePod, side } from './representatives';

/**
 * Whether policies other than Kubernetes NetworkPolicies (a Calico GlobalNetworkPolicy or NetworkPolicy, a Cilium
 * policy, an AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy) deny a pod by default in a
 * direction, under the engine: evaluated on the cluster without its NetworkPolicies, a flow on a port nobody opens
 * between the pod and a pod of another namespace is denied on the pod's side.
 */
export interface OtherPolicyDefaultDeny {
  denies(pod: Endpoint, direction: Direction): boolean;
}

const CACHE = new WeakMap<Cluster, Map<LintEngine, OtherPolicyDefaultDeny>>();

/** The answer for a cluster and engine, computed once (rules share it). */
export function otherPolicyDefaultDeny(cluster: Cluster, engine: LintEngine): OtherPolicyDefaultDeny {
  let byEngine = CACHE.get(cluster);
  if (byEngine === undefined) {
    byEngine = new Map();
    CACHE.set(cluster, byEngine);
  }
  let found = byEngine.get(engine);
  if (found === undefined) {
    found = compute(cluster, engine);
    byEngine.set(engine, found);
  }
  return found;
}

function compute(cluster: Cluster, engine: LintEngine): OtherPolicyDefaultDeny {
  const others = cluster.policies.filter(p => policyFamily(p) !== 'kubernetes');
  if (others.length === 0) return { denies: () => false };
  let evaluator: Evaluator | undefined;
  const probe = side(probePod());
  return {
    denies(pod, direction) {
      evaluator ??= evaluatorFor(engine, { ...cluster, policies: others });
      const verdict = direction === 'ingress'
        ? evaluator.evaluate(probeFlow(probe, side(pod)))
        : evaluator.evaluate(probeFlow(side(pod), probe));
      return direction === 'ingress' ? !verdict.ingressAllowed : !verdict.egressAllowed;
    },
  };
}
