import { EngineName, detectEngine, evaluatorFor, isEngineName } from '../evaluators';
import { Cluster, Evaluator, Verdict } from '../types';

/** Engines that enforce their own kinds and the Kubernetes ones: an intent rendered for them is judged by them. */
const OWN_SEMANTICS: readonly string[] = ['calico', 'calico-crd', 'cilium'];

/**
 * The evaluator that judges an intent in its app: its own engine when that is Calico or Cilium; for a Kubernetes or
 * ClusterNetworkPolicy intent, the engine the whole app's policies run on (Calico or Cilium enforce NetworkPolicies too).
 */
export class IntentEvaluators {
  private readonly evaluators = new Map<EngineName, Evaluator>();
  private readonly appEngine: EngineName | undefined;

  public constructor(private readonly cluster: Cluster) {
    try {
      this.appEngine = detectEngine(cluster);
    } catch {
      // Calico and Cilium policies in one app: each intent is judged by its own engine.
      this.appEngine = undefined;
    }
  }

  public of(intentEngine: string): Evaluator {
    const name = this.engineOf(intentEngine);
    let evaluator = this.evaluators.get(name);
    if (evaluator === undefined) {
      evaluator = evaluatorFor(name, this.cluster);
      this.evaluators.set(name, evaluator);
    }
    return evaluator;
  }

  private engineOf(intentEngine: string): EngineName {
    if (OWN_SEMANTICS.includes(intentEngine) && isEngineName(intentEngine)) return intentEngine;
    if (this.appEngine !== undefined && this.appEngine !== 'kubernetes') return this.appEngine;
    return intentEngine === 'cluster-network-policy' ? 'cluster-network-policy' : 'kubernetes';
  }
}

/** A verdict that depends on where an IP-less pod sits: it proves nothing either way. */
export function isUncertain(verdict: Verdict): boolean {
  return (verdict as { readonly certain?: boolean }).certain === false;
}
