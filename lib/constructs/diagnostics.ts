import { IConstruct } from 'constructs';
import type { AppFinding } from './app-intents';
import { standInOf } from './stand-ins';
import { Problem } from '../model';

/** A warning about a legal but risky intent, at a construct path. */
export interface Diagnostic {
  /** Stable code, e.g. `CILIUM_CIDR_NOT_PODS`. */
  readonly code: string;
  /** The construct path. */
  readonly path: string;
  /** What is risky and what to do. */
  readonly message: string;
  /**
   * The reason it was acknowledged, if it was.
   * @default - not acknowledged
   */
  readonly acknowledged?: string;
}

interface Recorded {
  readonly scope: IConstruct;
  readonly problem: Problem;
}

const recordedByRoot = new WeakMap<IConstruct, Recorded[]>();
const acknowledgements = new WeakMap<IConstruct, Map<string, string>>();
const printedByRoot = new WeakMap<IConstruct, Set<string>>();
// The whole-app check of each app.
const appChecks = new WeakMap<IConstruct, (root: IConstruct, synthesis: boolean) => readonly AppFinding[]>();
// Results already printed: synthesis asks once per Chart, and gets the same result back within one run.
const printedResults = new WeakSet<readonly AppFinding[]>();

/**
 * The one channel for warnings (cdk8s has none): legal intents whose meaning may surprise, each with a
 * stable code. Acknowledge a code with a reason on a construct to silence it there and below.
 */
export class Diagnostics {
  /**
   * The context key that turns the whole-app check off when set to `false` on the App (e.g. in cdktf.json's
   * `context`, or `app.node.setContext(...)` before any construct is added): for very large apps, at the cost of
   * dead allows and DNS cuts going unreported.
   */
  public static readonly WHOLE_APP_CHECK_CONTEXT = 'cdk-netpol:wholeAppCheck';

  /** Silences `code` for `scope` and every construct under it; the reason is kept with the diagnostic. */
  public static acknowledge(scope: IConstruct, code: string, reason: string): void {
    // On an intent construct, the acknowledgement goes to the object rendered in its place (same path), which warns.
    const target = standInOf(scope) ?? scope;
    const map = acknowledgements.get(target) ?? new Map<string, string>();
    map.set(code, reason);
    acknowledgements.set(target, map);
  }

  /**
   * Every warning recorded in the app of `scope`, acknowledged ones included: those of each construct in the order
   * recorded, then those of the whole-app check (run now over the app as it stands, unless turned off).
   */
  public static of(scope: IConstruct): Diagnostic[] {
    const root = scope.node.root;
    const found = [...(recordedByRoot.get(root) ?? []), ...appFindings(root, false)];
    return found.map(({ scope: at, problem }) => {
      const acknowledged = acknowledgementOf(at, problem.code);
      return { code: problem.code, path: at.node.path, message: messageOf(problem), ...(acknowledged !== undefined ? { acknowledged } : {}) };
    });
  }

  /** @internal Sets the whole-app check of the app at `root`. */
  public static _setAppCheck(root: IConstruct, check: (root: IConstruct, synthesis: boolean) => readonly AppFinding[]): void {
    appChecks.set(root, check);
  }

  /** @internal Runs the whole-app check of the app at `root` and prints what is not acknowledged and not printed yet. */
  public static _reportAppFindings(root: IConstruct, synthesis: boolean): void {
    const findings = appFindings(root, synthesis);
    if (printedResults.has(findings)) return;
    printedResults.add(findings);
    findings.forEach(({ scope, problem }) => printOnce(root, scope, problem));
  }

  /** @internal Records warnings at `scope` (a rendered object); those not acknowledged by synthesis time are printed once. */
  public static _warn(scope: IConstruct, problems: readonly Problem[]): void {
    if (problems.length === 0) return;
    const root = scope.node.root;
    const recorded = recordedByRoot.get(root) ?? [];
    recordedByRoot.set(root, recorded);
    problems.forEach(problem => recorded.push({ scope, problem }));
    // Printed at synthesis, so acknowledgements made after the construct still count.
    scope.node.addValidation({
      validate: () => {
        problems.forEach(problem => printOnce(root, scope, problem));
        return [];
      },
    });
  }

  private constructor() {}
}

/** What the whole-app check finds now, at the objects the intents emitted. */
function appFindings(root: IConstruct, synthesis: boolean): readonly AppFinding[] {
  return appChecks.get(root)?.(root, synthesis) ?? [];
}

/** Prints a warning unless acknowledged or printed already in this app. */
function printOnce(root: IConstruct, scope: IConstruct, problem: Problem): void {
  // An acknowledged warning is never printed: no need for its key (a construct path is built by walking up).
  if (acknowledgementOf(scope, problem.code) !== undefined) return;
  let printed = printedByRoot.get(root);
  if (printed === undefined) {
    printed = new Set<string>();
    printedByRoot.set(root, printed);
  }
  const key = `${scope.node.path}\u0000${problem.code}\u0000${problem.field}\u0000${problem.value}`;
  if (!printed.has(key)) {
    printed.add(key);
    console.warn(`[cdk-netpol] warning [${problem.code}] ${scope.node.path}: ${messageOf(problem)}`);
  }
}

function acknowledgementOf(scope: IConstruct, code: string): string | undefined {
  for (let s: IConstruct | undefined = scope; s !== undefined; s = s.node.scope) {
    const reason = acknowledgements.get(s)?.get(code);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

function messageOf(problem: Problem): string {
  return `${problem.field ? `${problem.field}: ` : ''}${problem.message} (${JSON.stringify(problem.value)}). Fix: ${problem.fix}. Acknowledge with Diagnostics.acknowledge(scope, '${problem.code}', reason).`;
}
