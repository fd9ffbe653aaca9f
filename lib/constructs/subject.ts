import { IConstruct } from 'constructs';
import { Peer, Problem, Selector } from '../model';
import { readWorkload } from './workload';
import { nestProblems } from '../model/field-paths';
import { selectorSlug, slugify } from '../model/names';
import { checkNamespaceName } from '../model/syntax';

/**
 * The pods a policy applies to, or one side of a flow: a selector, every pod, or a workload construct.
 */
export class Subject {
  /** Every pod of the namespace (the policy's namespace unless `namespaceName` is given). */
  public static allPods(namespaceName?: string): Subject {
    return new Subject(Selector.all(), namespaceName, undefined, []);
  }

  /** The pods matching `selector` (in the policy's namespace unless `namespaceName` is given). */
  public static pods(selector: Selector, namespaceName?: string): Subject {
    return new Subject(selector, namespaceName, undefined, []);
  }

  /**
   * The pods of a workload: a cdk8s-plus-27 Deployment, StatefulSet, DaemonSet, Job, Pod (anything with
   * `toPodSelectorConfig()`), or any cdk8s ApiObject with `spec.selector` or pod labels. Its namespace and
   * name are read from it; the selector is read now, so add labels to the workload before this call.
   */
  public static workload(workload: IConstruct): Subject {
    const read = readWorkload(workload);
    if ('code' in read) return new Subject(Selector.all(), undefined, workload.node.id, [read]);
    return new Subject(read.selector, read.namespaceName, read.name, []);
  }

  /** The pod selector. */
  public readonly selector: Selector;
  /** The namespace, when the subject names one. */
  public readonly namespaceName?: string;
  /** The name used in generated policy names. */
  public readonly displayName: string;
  private readonly readProblems: Problem[];

  private constructor(selector: Selector, namespaceName: string | undefined, displayName: string | undefined, problems: Problem[]) {
    this.selector = selector;
    this.namespaceName = namespaceName;
    this.displayName = slugify(displayName ?? selectorSlug(selector));
    this.readProblems = problems;
  }

  /** A copy of this subject that generated policy names call `displayName`. */
  public withDisplayName(displayName: string): Subject {
    return new Subject(this.selector, this.namespaceName, displayName, this.readProblems);
  }

  /**
   * This subject as a peer of a policy in `policyNamespace`: bare pods when it is in the same
   * namespace (or names none), pods of its namespace otherwise.
   */
  public asPeer(policyNamespace: string): Peer {
    const ns = this.namespaceName;
    if (ns === undefined || ns === policyNamespace) return Peer.pods(this.selector)._named(this.displayName);
    // Every pod of a namespace reads as `ns-<name>`, as Peer.namespaceNamed does.
    if (this.selector.selectsAll) return Peer.namespaceNamed(ns);
    // `frontend` in namespace `frontend` reads `frontend`, not `frontend-frontend`.
    const name = this.displayName === ns || this.displayName.startsWith(`${ns}-`) ? this.displayName : `${ns}-${this.displayName}`;
    return Peer.podsInNamespace(ns, this.selector)._named(name);
  }

  /** @internal This subject, placed in `namespaceName` unless it already names a namespace. */
  public _inNamespace(namespaceName: string): Subject {
    if (this.namespaceName !== undefined) return this;
    return new Subject(this.selector, namespaceName, this.displayName, this.readProblems);
  }

  /** Canonical form: `prod/pods(app=web)` or `pods(app=web)`. */
  public toString(): string {
    return `${this.namespaceName ? `${this.namespaceName}/` : ''}pods(${this.selector})`;
  }

  /** @internal */
  public _problems(): Problem[] {
    if (this.readProblems.length > 0) return this.readProblems;
    return [
      ...(this.namespaceName !== undefined ? nestProblems('namespaceName', checkNamespaceName(this.namespaceName)) : []),
      ...this.selector._problems(),
    ];
  }
}
