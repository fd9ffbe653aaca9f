import { ErrorCode } from './errors';
import { Problem } from './problem';
import { nestProblems } from './problems';
import { Rule } from './rule';
import { Selector } from './selector';
import { checkNamespaceName, checkObjectName } from './syntax';

/** Props of a `Policy` intent. */
export interface PolicyProps {
  /** The rendered object's name (DNS-1123 subdomain). */
  readonly name: string;
  /** The namespace the policy lives in and whose pods `subject` selects. */
  readonly namespaceName: string;
  /** The pods the policy applies to. */
  readonly subject: Selector;
  /**
   * Isolate the subject for ingress: only traffic some policy allows may come in.
   * @default - true when `ingress` rules are given
   */
  readonly isolateIngress?: boolean;
  /**
   * Isolate the subject for egress: only traffic some policy allows may go out.
   * @default - true when `egress` rules are given
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

/**
 * An engine-neutral, namespaced policy intent: which pods it selects, which directions
 * it isolates, and which traffic it allows per direction.
 */
export class Policy {
  /** The rendered object's name. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespaceName: string;
  /** The selected pods. */
  public readonly subject: Selector;
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
    this.subject = props.subject;
    this.ingress = [...(props.ingress ?? [])];
    this.egress = [...(props.egress ?? [])];
    this.isolateIngress = props.isolateIngress ?? this.ingress.length > 0;
    this.isolateEgress = props.isolateEgress ?? this.egress.length > 0;
  }

  /** Canonical multi-line form, used in explanations and diagnostics. */
  public toString(): string {
    const directions = [this.isolateIngress ? 'ingress' : undefined, this.isolateEgress ? 'egress' : undefined].filter(Boolean).join('+');
    const lines = [`policy ${this.namespaceName}/${this.name} selects pods(${this.subject}) isolates ${directions || 'nothing'}`];
    this.ingress.forEach(r => lines.push(`  ingress: ${r}`));
    this.egress.forEach(r => lines.push(`  egress: ${r}`));
    return lines.join('\n');
  }

  /** Every problem of the policy and its values, with field paths. */
  public problems(): Problem[] {
    const problems: Problem[] = [
      ...nestProblems('name', checkObjectName(this.name)),
      ...nestProblems('namespaceName', checkNamespaceName(this.namespaceName)),
      ...nestProblems('subject', this.subject._problems()),
    ];
    if (!this.isolateIngress && !this.isolateEgress) {
      problems.push({
        code: ErrorCode.POLICY_WITHOUT_DIRECTION,
        field: '',
        value: this.name,
        message: 'the policy isolates neither ingress nor egress, so it would have no effect',
        fix: 'isolate at least one direction, or remove the policy',
      });
    }
    for (const [direction, rules, isolated] of [['ingress', this.ingress, this.isolateIngress], ['egress', this.egress, this.isolateEgress]] as const) {
      if (rules.length > 0 && !isolated) {
        problems.push({
          code: ErrorCode.RULES_WITHOUT_ISOLATION,
          field: direction,
          value: rules.map(r => r.toString()).join('; '),
          message: `${direction} rules on a policy that does not isolate ${direction} would be ignored by Kubernetes`,
          fix: `set isolate${direction === 'ingress' ? 'Ingress' : 'Egress'}: true, or drop the ${direction} rules`,
        });
      }
      rules.forEach((r, i) => problems.push(...nestProblems(`${direction}[${i}]`, r._problems())));
    }
    return problems;
  }
}
