import { LabelOperator, Peer, Policy, Selector } from '../../model';
import { matchesCalicoSelector, tryParseCalicoSelector } from '../calico/selector';
import { NAMESPACE_NAME_LABEL } from '../compile/defaults';
import { impliedNamespace } from '../loading/namespace';
import { matchesLabelSelector } from '../selectors';
import { Cluster, ContainerPort, Endpoint, Labels, Namespace } from '../types';

/**
 * Beyond this many pods or namespaces on one side, a check is not attempted: proving a flow dead needs every
 * pair, and a selector that wide is rarely a mistake of the kind the check looks for.
 */
export const MAX_REPRESENTED = 20;

/**
 * The pods an intent's subject or peer stands for: the visible workloads it selects, else one representative
 * pod per namespace that carries exactly the selector's labels (the first value of an `In`, an empty value for
 * `Exists`). Namespaces chosen by labels that no known namespace carries get a representative namespace too;
 * `withRepresentedNamespaces()` adds them to the cluster, so evaluators built after the planning pass see them.
 */
export class Representatives {
  private readonly represented = new Map<string, Namespace>();
  private readonly byNamespace = new Map<string, Endpoint[]>();

  public constructor(private readonly cluster: Cluster) {
    for (const e of cluster.endpoints) {
      const list = this.byNamespace.get(e.namespace);
      if (list) list.push(e);
      else this.byNamespace.set(e.namespace, [e]);
    }
  }

  /** The cluster plus the representative namespaces handed out so far. */
  public withRepresentedNamespaces(): Cluster {
    if (this.represented.size === 0) return this.cluster;
    return { ...this.cluster, namespaces: new Map([...this.cluster.namespaces, ...this.represented]) };
  }

  /** The workloads the app shows in a namespace (declared, or synthesized), never representatives. */
  public visibleIn(namespace: string): readonly Endpoint[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  /** The namespaces a policy's subject lives in; undefined when too many to check. */
  public subjectNamespaces(policy: Policy): string[] | undefined {
    if (policy.namespaceName !== undefined) return [policy.namespaceName];
    return this.namespacesOf(policy.namespaceSelector!, policy.subject);
  }

  /** The namespaces of a pods peer in a policy of `policyNamespace`; undefined when too many or not knowable. */
  public peerNamespaces(peer: Peer, policyNamespace: string | undefined): string[] | undefined {
    if (peer.namespaceName !== undefined) return [peer.namespaceName];
    if (peer.namespaceSelector === undefined) return policyNamespace === undefined ? undefined : [policyNamespace];
    return this.namespacesOf(peer.namespaceSelector, peer.podSelector);
  }

  /**
   * The pods `podSelector` (undefined: every pod) selects in `namespaces`, running as one of `serviceAccounts` if given:
   * the visible ones, else a representative per namespace declaring `ports`. Undefined when too many or not representable.
   */
  public pods(
    podSelector: Selector | undefined, namespaces: readonly string[], serviceAccounts?: readonly string[], ports: readonly ContainerPort[] = [],
  ): Endpoint[] | undefined {
    const found: Endpoint[] = [];
    for (const namespace of namespaces) {
      const visible = this.visibleIn(namespace).filter(e => selects(podSelector, e.labels)
        && (serviceAccounts === undefined || serviceAccounts.includes(e.serviceAccount ?? 'default')));
      if (visible.length > 0) {
        found.push(...visible);
      } else {
        const labels = labelsSatisfying(podSelector);
        if (labels === undefined) return undefined;
        found.push({
          kind: 'Pod',
          name: `pods(${podSelector ?? '*'})`,
          namespace,
          labels,
          ips: [],
          ports,
          serviceAccount: serviceAccounts?.[0] ?? 'default',
          source: 'representative',
        });
      }
      if (found.length > MAX_REPRESENTED) return undefined;
    }
    return found;
  }

  /** Known namespaces a namespace selector matches; else a representative one carrying its labels. */
  private namespacesOf(namespaceSelector: Selector, podSelector: Selector | undefined): string[] | undefined {
    const pinned = namespaceSelector.namespaceName;
    if (pinned !== undefined) return [pinned];
    if (namespaceSelector.isEmpty) {
      // Every namespace: the ones where the app shows selected pods, else one that stands for any other.
      const withPods = [...this.byNamespace.keys()].filter(ns => this.visibleIn(ns).some(e => selects(podSelector, e.labels)));
      if (withPods.length > MAX_REPRESENTED) return undefined;
      return withPods.length > 0 ? withPods : [this.representNamespace('<any namespace>', {})];
    }
    const matching = [...this.cluster.namespaces.values()].filter(ns => selects(namespaceSelector, ns.labels)).map(ns => ns.name);
    if (matching.length > MAX_REPRESENTED) return undefined;
    if (matching.length > 0) return matching;
    const name = `<namespaces(${namespaceSelector})>`;
    const labels = labelsSatisfying(namespaceSelector, name);
    if (labels === undefined) return undefined;
    return [this.representNamespace(name, labels)];
  }

  private representNamespace(name: string, labels: Labels): string {
    if (!this.represented.has(name)) {
      this.represented.set(name, { ...impliedNamespace(name), labels: { ...labels, [NAMESPACE_NAME_LABEL]: name } });
    }
    return name;
  }
}

// A selector's matcher, made once per selector (selectors are immutable values): the check asks thousands of times.
const matchers = new WeakMap<Selector, (labels: Labels) => boolean>();

/** Whether a model selector (undefined: every pod) selects `labels`. */
export function selects(selector: Selector | undefined, labels: Labels): boolean {
  if (selector === undefined) return true;
  let matcher = matchers.get(selector);
  if (matcher === undefined) {
    if (selector.calicoExpression !== undefined) {
      const parsed = tryParseCalicoSelector(selector.calicoExpression);
      matcher = 'error' in parsed ? () => false : l => matchesCalicoSelector(parsed.selector, l);
    } else {
      const kube = selector._toKube();
      matcher = l => matchesLabelSelector(kube, l);
    }
    matchers.set(selector, matcher);
  }
  return matcher(labels);
}

/** The fewest labels a selector selects, or undefined when none can be written down (a Calico expression, a contradiction). */
function labelsSatisfying(selector: Selector | undefined, namespaceName?: string): Labels | undefined {
  if (selector === undefined) return {};
  if (selector.calicoExpression !== undefined) return undefined;
  const labels: Record<string, string> = { ...selector.matchLabels };
  for (const e of selector.matchExpressions) {
    if (e.labelOperator === LabelOperator.IN && labels[e.key] === undefined) labels[e.key] = e.values[0];
    if (e.labelOperator === LabelOperator.EXISTS && labels[e.key] === undefined) labels[e.key] = '';
  }
  const withName = namespaceName === undefined ? labels : { ...labels, [NAMESPACE_NAME_LABEL]: namespaceName };
  return selects(selector, withName) ? labels : undefined;
}
