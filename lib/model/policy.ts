import { nestProblems } from './field-paths';
import { frozenList } from './frozen';
import { fqdnInIngress, policyWithoutDirection, rulesWithoutIsolation, scopeAmbiguous } from './messages/policy';
import { priorityInvalid, tierInvalid } from './messages/values';
import { PeerKind } from './peer';
import { Problem } from './problem';
import { Rule, RuleAction } from './rule';
import { Selector } from './selector';
import { checkNamespaceName, checkObjectName, suggestName } from './syntax';

/** Where a policy applies. */
export enum PolicyScope {
  /** The pods of one namespace (NetworkPolicy, Calico NetworkPolicy, CiliumNetworkPolicy). */
  NAMESPACE = 'Namespace',
  /** Pods of every namespace a namespace selector matches (Calico GlobalNetworkPolicy, CiliumClusterwideNetworkPolicy). */
  CLUSTER = 'Cluster',
}

/** Props of a `Policy` intent. */
export interface PolicyProps {
  /** The rendered object's name (DNS-1123 subdomain). */
  readonly name: string;
  /**
   * The namespace the policy lives in and whose pods `subject` selects. Give this or `namespaceSelector`.
   * @default - none: a cluster-scoped policy (needs `namespaceSelector`)
   */
  readonly namespaceName?: string;
  /**
   * For a cluster-scoped policy: the namespaces whose pods `subject` selects (`Selector.all()` for every namespace).
   * @default - none: a namespaced policy (needs `namespaceName`)
   */
  readonly namespaceSelector?: Selector;
  /** The pods the policy applies to. */
  readonly subject: Selector;
  /**
   * Evaluation order where the engine has one: lower first (Calico `order`, ClusterNetworkPolicy `priority`, 0..1000).
   * @default - the engine's default (Calico: last; cluster-network-policy: 500)
   */
  readonly priority?: number;
  /**
   * The tier: a Calico tier name, or for cluster-network-policy `admin` (ClusterNetworkPolicy tier Admin) or `baseline`.
   * @default - the engine's default tier (Calico: default; cluster-network-policy: admin)
   */
  readonly tier?: string;
  /**
   * Isolate the subject for ingress: only traffic some policy allows may come in.
   * @default - true when `ingress` has allow rules (deny, pass and log rules alone do not isolate)
   */
  readonly isolateIngress?: boolean;
  /**
   * Isolate the subject for egress: only traffic some policy allows may go out.
   * @default - true when `egress` has allow rules (deny, pass and log rules alone do not isolate)
   */
  readonly isolateEgress?: boolean;
  /**
   * Ingress rules.
   * @default - none: with `isolateIngress`, all ingress is denied
   */
  readonly ingress?: Rule[];
  /**
   * Egress rules.
   * @default - none: with `isolateEgress`, all egress is denied
   */
  readonly egress?: Rule[];
}

const DIRECTIONS = ['ingress', 'egress'] as const;

/**
 * An engine-neutral, namespaced policy intent: which pods it selects, which directions
 * it isolates, and which traffic it allows per direction.
 */
export class Policy {
  /** The rendered object's name. */
  public readonly name: string;
  /** The namespace; undefined for a cluster-scoped policy. */
  public readonly namespaceName?: string;
  /** The namespaces of a cluster-scoped policy; undefined for a namespaced one. */
  public readonly namespaceSelector?: Selector;
  /** The selected pods. */
  public readonly subject: Selector;
  /** Evaluation order, where the engine has one. */
  public readonly priority?: number;
  /** The tier (Calico tier, or cluster-network-policy `admin` / `baseline`). */
  public readonly tier?: string;
  /** Whether ingress is isolated. */
  public readonly isolateIngress: boolean;
  /** Whether egress is isolated. */
  public readonly isolateEgress: boolean;
  /** Ingress rules. */
  public readonly ingress: Rule[];
  /** Egress rules. */
  public readonly egress: Rule[];

  /**
   * @param props the policy's name, namespace, subject, isolation and rules
   */
  public constructor(props: PolicyProps) {
    this.name = props.name;
    this.namespaceName = props.namespaceName;
    this.namespaceSelector = props.namespaceSelector;
    this.subject = props.subject;
    this.priority = props.priority;
    this.tier = props.tier;
    this.ingress = frozenList([...(props.ingress ?? [])]);
    this.egress = frozenList([...(props.egress ?? [])]);
    const allows = (rules: Rule[]) => rules.some(r => r.action === RuleAction.ALLOW);
    this.isolateIngress = props.isolateIngress ?? allows(this.ingress);
    this.isolateEgress = props.isolateEgress ?? allows(this.egress);
  }

  /** Whether the policy is namespaced or cluster-scoped. */
  public get scope(): PolicyScope {
    return this.namespaceName !== undefined ? PolicyScope.NAMESPACE : PolicyScope.CLUSTER;
  }

  /** True when a rule denies, passes or logs: only some engines can express that. */
  public get hasNonAllowRules(): boolean {
    return [...this.ingress, ...this.egress].some(r => r.action !== RuleAction.ALLOW);
  }

  /** Canonical multi-line form, used in explanations and diagnostics. */
  public toString(): string {
    const directions = [this.isolateIngress ? 'ingress' : undefined, this.isolateEgress ? 'egress' : undefined].filter(Boolean).join('+');
    const where = this.namespaceName !== undefined ? `${this.namespaceName}/${this.name}` : `${this.name} (cluster, namespaces(${this.namespaceSelector}))`;
    const order = [this.tier !== undefined ? ` tier ${this.tier}` : '', this.priority !== undefined ? ` priority ${this.priority}` : ''].join('');
    const lines = [`policy ${where}${order} selects pods(${this.subject}) isolates ${directions || 'nothing'}`];
    this.ingress.forEach(r => lines.push(`  ingress: ${r}`));
    this.egress.forEach(r => lines.push(`  egress: ${r}`));
    return lines.join('\n');
  }

  /** Every problem of the policy and its values, with field paths. */
  public problems(): Problem[] {
    // Built by pushing only what is found: a policy without problems allocates next to nothing (apps check thousands).
    const problems: Problem[] = [];
    const nested = (field: string, found: readonly Problem[]) => {
      if (found.length > 0) problems.push(...nestProblems(field, found));
    };
    nested('name', checkObjectName(this.name));
    if (this.namespaceName !== undefined) nested('namespaceName', checkNamespaceName(this.namespaceName));
    if (this.namespaceSelector !== undefined) nested('namespaceSelector', this.namespaceSelector._problems());
    nested('subject', this.subject._problems());
    if ((this.namespaceName === undefined) === (this.namespaceSelector === undefined)) {
      problems.push(scopeAmbiguous('namespaceName', String(this.namespaceName ?? ''), this.namespaceName === undefined ? 'neither' : 'both'));
    }
    if (this.priority !== undefined && (!Number.isFinite(this.priority) || this.priority < 0)) {
      problems.push(priorityInvalid('priority', String(this.priority)));
    }
    // A tier name is a namespace name (a DNS-1123 label).
    if (this.tier !== undefined && checkNamespaceName(this.tier).length > 0) {
      problems.push(tierInvalid('tier', this.tier, suggestName(this.tier, 63)));
    }
    for (let i = 0; i < this.ingress.length; i++) {
      for (const p of this.ingress[i].peers) {
        if (p.kind !== PeerKind.FQDN) continue;
        problems.push(fqdnInIngress(`ingress[${i}].peers`, p.toString()));
      }
    }
    if (!this.isolateIngress && !this.isolateEgress && this.ingress.length + this.egress.length === 0) {
      problems.push(policyWithoutDirection('', this.name, 'policy'));
    }
    for (const direction of DIRECTIONS) {
      const rules = this[direction];
      const isolated = direction === 'ingress' ? this.isolateIngress : this.isolateEgress;
      // Deny, pass and log rules mean something without isolation (on engines that have them); allows do not.
      const allowRules = isolated ? [] : rules.filter(r => r.action === RuleAction.ALLOW);
      if (allowRules.length > 0) {
        problems.push(rulesWithoutIsolation(direction, allowRules.map(r => r.toString()).join('; ')));
      }
      for (let i = 0; i < rules.length; i++) nested(`${direction}[${i}]`, rules[i]._problems());
    }
    return problems;
  }
}
