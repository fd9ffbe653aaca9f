import { LabelOperator, Selector } from '../../model';
import { compareStrings } from '../../model/canonical-order';

/**
 * The label Cilium gives every pod's identity: the name of its namespace.
 * A `fromEndpoints`/`toEndpoints` selector without it is implicitly pinned to the policy's own
 * namespace in a CiliumNetworkPolicy, and gets `Exists` on it in a CiliumClusterwideNetworkPolicy
 * (cilium/cilium `pkg/k8s/apis/cilium.io/utils/utils.go`, `getEndpointSelector`).
 */
export const CILIUM_NAMESPACE_KEY = 'k8s:io.kubernetes.pod.namespace';

/** The label Cilium gives every pod's identity: its service account. */
export const CILIUM_SERVICE_ACCOUNT_KEY = 'k8s:io.cilium.k8s.policy.serviceaccount';

/** The prefix under which a pod's identity carries its namespace's labels (`k8s:io.cilium.k8s.namespace.labels.<key>`). */
export const CILIUM_NAMESPACE_LABELS_PREFIX = 'k8s:io.cilium.k8s.namespace.labels.';

/** One `matchExpressions` requirement of a Cilium endpoint selector. */
interface Requirement {
  readonly key: string;
  readonly operator: LabelOperator;
  readonly values: string[];
}

/**
 * Builds a Cilium endpoint selector (a Kubernetes LabelSelector) from pod-label requirements
 * and namespace requirements, with keys and requirements in canonical order.
 */
class EndpointSelectorBuilder {
  private readonly labels = new Map<string, string>();
  private readonly expressions: Requirement[] = [];

  /** Adds the pod-label requirements of `selector` (plain keys: Cilium matches them on any label source). */
  public pods(selector: Selector | undefined): this {
    if (!selector) return this;
    for (const [key, value] of Object.entries(selector.matchLabels)) this.labels.set(key, value);
    for (const e of selector.matchExpressions) this.expressions.push({ key: e.key, operator: e.labelOperator, values: [...e.values] });
    return this;
  }

  /** Requires the pods to run as one of these service accounts (`io.cilium.k8s.policy.serviceaccount` on the identity). */
  public serviceAccounts(names: readonly string[] | undefined): this {
    if (names !== undefined) this.expressions.push({ key: CILIUM_SERVICE_ACCOUNT_KEY, operator: LabelOperator.IN, values: [...names] });
    return this;
  }

  /** Pins the selector to the namespace with this name. */
  public namespaceNamed(name: string): this {
    this.labels.set(CILIUM_NAMESPACE_KEY, name);
    return this;
  }

  /**
   * Adds the requirements of a namespace selector, on the namespace-label keys of the pod's identity, and
   * always a requirement on the namespace key itself: `Exists` unless the name is pinned. The namespace key
   * lifts the implicit "own namespace only" restriction of a CiliumNetworkPolicy (`HasKey` looks at
   * matchLabels and matchExpressions), and keeps the selector to Kubernetes pods (not the health endpoint).
   */
  public namespaces(selector: Selector): this {
    const pinned = selector.namespaceName;
    if (pinned !== undefined) return this.namespaceNamed(pinned);
    const keyOf = (key: string) => key === Selector.NAMESPACE_NAME_LABEL ? CILIUM_NAMESPACE_KEY : `${CILIUM_NAMESPACE_LABELS_PREFIX}${key}`;
    for (const [key, value] of Object.entries(selector.matchLabels)) this.labels.set(keyOf(key), value);
    for (const e of selector.matchExpressions) this.expressions.push({ key: keyOf(e.key), operator: e.labelOperator, values: [...e.values] });
    if (!this.labels.has(CILIUM_NAMESPACE_KEY)) {
      this.expressions.push({ key: CILIUM_NAMESPACE_KEY, operator: LabelOperator.EXISTS, values: [] });
    }
    return this;
  }

  /** The selector JSON: `{}` selects every endpoint. */
  public build(): any {
    const out: any = {};
    const expressions = dedupeRequirements(this.expressions).sort(compareRequirements);
    if (expressions.length > 0) {
      out.matchExpressions = expressions.map(e => e.values.length > 0
        ? { key: e.key, operator: e.operator, values: [...e.values] }
        : { key: e.key, operator: e.operator });
    }
    if (this.labels.size > 0) {
      const matchLabels: { [key: string]: string } = {};
      for (const key of [...this.labels.keys()].sort(compareStrings)) matchLabels[key] = this.labels.get(key)!;
      out.matchLabels = matchLabels;
    }
    return out;
  }
}

/** A new, empty endpoint selector builder. */
export function endpointSelector(): EndpointSelectorBuilder {
  return new EndpointSelectorBuilder();
}

function requirementText(r: Requirement): string {
  return `${r.key}\u0000${r.operator}\u0000${r.values.join('\u0000')}`;
}

function compareRequirements(a: Requirement, b: Requirement): number {
  return compareStrings(requirementText(a), requirementText(b));
}

function dedupeRequirements(requirements: readonly Requirement[]): Requirement[] {
  const seen = new Map<string, Requirement>();
  for (const r of requirements) if (!seen.has(requirementText(r))) seen.set(requirementText(r), r);
  return [...seen.values()];
}
