import { calicoCrdEvaluator, calicoEvaluator } from './calico/evaluator';
import { ciliumEvaluator } from './cilium';
import { kubernetesEvaluator } from './kubernetes/evaluator';
import { Cluster, Evaluator } from './types';
import { PodAddressAware, withPodAddressUncertainty } from './uncertain-evaluator';

/**
 * The engines the analyzer evaluates, by the names `--engine` and `Engine.name` use. `cluster-network-policy` is
 * Kubernetes semantics (its evaluator reads ClusterNetworkPolicy tiers with NetworkPolicies), under its engine's name.
 */
export const ENGINE_NAMES = ['kubernetes', 'calico', 'calico-crd', 'cilium', 'cluster-network-policy'] as const;
export type EngineName = typeof ENGINE_NAMES[number];

/** True for a name of an engine the analyzer evaluates. */
export function isEngineName(name: string): name is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(name);
}

/**
 * The cluster's policies compiled under an engine's semantics. A verdict that depends on where a pod without a
 * known IP sits in the cluster's pod CIDRs is marked `certain: false` (see `withPodAddressUncertainty`).
 */
export function evaluatorFor(engine: EngineName, cluster: Cluster): Evaluator & PodAddressAware {
  return withPodAddressUncertainty(engineEvaluator(engine, cluster), cluster);
}

function engineEvaluator(engine: EngineName, cluster: Cluster): Evaluator {
  switch (engine) {
    case 'kubernetes': return kubernetesEvaluator(cluster);
    case 'calico': return calicoEvaluator(cluster);
    case 'calico-crd': return calicoCrdEvaluator(cluster);
    case 'cilium': return ciliumEvaluator(cluster);
    case 'cluster-network-policy': return { ...kubernetesEvaluator(cluster), engine: 'cluster-network-policy' };
  }
}

/**
 * The engine whose policies the cluster holds: cilium when it has Cilium policies, calico (or calico-crd) when it
 * has Calico policies, else kubernetes. Mixed Calico and Cilium policies cannot both be enforced: refused.
 */
export function detectEngine(cluster: Cluster): EngineName {
  const groups = new Set(cluster.policies.map(p => p.apiVersion.split('/')[0]));
  const cilium = groups.has('cilium.io');
  const calico = groups.has('projectcalico.org') || groups.has('crd.projectcalico.org');
  if (cilium && calico) throw new Error('the manifests hold both Calico and Cilium policies; choose the engine explicitly');
  if (cilium) return 'cilium';
  if (calico) return groups.has('projectcalico.org') ? 'calico' : 'calico-crd';
  return 'kubernetes';
}
