import { IConstruct } from 'constructs';
import { NetpolErrors, Policy, Problem, Rule } from '../model';
import { nestProblems } from '../model/field-paths';

// A policy's own problems, computed once while its construct checks and emits it (the policy is not changed
// in between): `addPolicy` computes them, `emitPolicy` takes them.
const policyProblems = new WeakMap<Policy, readonly Problem[]>();

/** `policy.problems()`, computed once per policy until `takePolicyProblems` takes them. */
export function policyProblemsOf(policy: Policy): readonly Problem[] {
  let problems = policyProblems.get(policy);
  if (problems === undefined) {
    problems = policy.problems();
    policyProblems.set(policy, problems);
  }
  return problems;
}

/** The problems `policyProblemsOf` computed for `policy` (computed now if it did not), forgotten from then on. */
export function takePolicyProblems(policy: Policy): readonly Problem[] {
  const problems = policyProblemsOf(policy);
  policyProblems.delete(policy);
  return problems;
}

/** The props that gave a rule's lists, e.g. `{ peers: 'ingressPeers', ports: 'frontendPorts' }`. */
export interface RuleFields {
  readonly peers?: string;
  readonly ports?: string;
  readonly http?: string;
}

/**
 * Gathers every problem of a construct's props, so that one error reports them all, each with its code,
 * field, value and fix, in the order the props are checked. A check that needs an earlier value to be
 * usable (a namespace, a valid name) looks at what `add` returned, or at `ok`, and reports nothing more.
 */
export class PropChecks {
  private readonly problems: Problem[] = [];

  /** @param scope the construct whose props are checked; errors name its path */
  public constructor(public readonly scope: IConstruct) {}

  /** True while no problem has been recorded. */
  public get ok(): boolean {
    return this.problems.length === 0;
  }

  /** Records the problems of the prop at `field` (fields inside it are joined to it); true when there are none. */
  public add(field: string, problems: readonly Problem[]): boolean {
    this.problems.push(...nestProblems(field, problems));
    return problems.length === 0;
  }

  /** Records the problems of `rule`'s lists under the props that gave them; a list no prop gave is not reported. */
  public addRule(rule: Rule, fields: RuleFields): boolean {
    const problems = rule._problems().flatMap(p => {
      const list = /^(peers|ports|http)(?=$|[.[])/.exec(p.field)?.[1] as keyof RuleFields | undefined;
      const prop = list !== undefined ? fields[list] : undefined;
      return prop === undefined ? [] : [{ ...p, field: `${prop}${p.field.slice(list!.length)}` }];
    });
    return this.add('', problems);
  }

  /**
   * Records the problems the built `policy` finds in the given top-level fields (e.g. `name`, `priority`, `tier`,
   * or '' for the policy as a whole): props that only the policy checks, and whose fields it names as the props do.
   */
  public addPolicy(policy: Policy, fields: readonly string[]): boolean {
    const top = (field: string) => /^[^.[]*/.exec(field)![0];
    return this.add('', policyProblemsOf(policy).filter(p => fields.includes(top(p.field))));
  }

  /** The one error reporting every problem recorded, naming the construct path: for a check that cannot go on. */
  public error(): Error {
    return NetpolErrors._fromProblems(this.scope.node.path, '', this.problems);
  }

  /** Throws one error with every problem recorded, if there is any. */
  public throwIfAny(): void {
    if (!this.ok) throw this.error();
  }
}
