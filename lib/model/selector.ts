import { compareStrings } from './canonical-order';
import { nestProblems } from './field-paths';
import { frozen, frozenList } from './frozen';
import { internalError } from './messages/internal';
import { calicoExpressionWithLabels, selectorEmpty, selectorExpressionInvalid } from './messages/values';
import { Problem } from './problem';
import { checkLabelKey, checkLabelValue } from './syntax';

/** Operators of a label selector requirement. */
export enum LabelOperator {
  /** The label's value is one of the values. */
  IN = 'In',
  /** The label is absent or its value is none of the values. */
  NOT_IN = 'NotIn',
  /** The label is present, whatever its value. */
  EXISTS = 'Exists',
  /** The label is absent. */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/**
 * One `matchExpressions` requirement of a label selector.
 */
export class LabelExpression {
  /** The label's value is one of `values`. */
  public static isIn(key: string, values: string[]): LabelExpression {
    return new LabelExpression(key, LabelOperator.IN, values);
  }

  /** The label is absent or its value is none of `values`. */
  public static notIn(key: string, values: string[]): LabelExpression {
    return new LabelExpression(key, LabelOperator.NOT_IN, values);
  }

  /** The label is present. */
  public static exists(key: string): LabelExpression {
    return new LabelExpression(key, LabelOperator.EXISTS, []);
  }

  /** The label is absent. */
  public static doesNotExist(key: string): LabelExpression {
    return new LabelExpression(key, LabelOperator.DOES_NOT_EXIST, []);
  }

  /** The label key. */
  public readonly key: string;
  /** The operator (Kubernetes `operator`; not named so here: `operator` is reserved in C#). */
  public readonly labelOperator: LabelOperator;
  /** The values, sorted and without duplicates (empty for Exists/DoesNotExist). */
  public readonly values: string[];

  private constructor(key: string, operator: LabelOperator, values: string[]) {
    this.key = key;
    this.labelOperator = operator;
    this.values = frozenList([...new Set(values)].sort());
  }

  /** Canonical form in kubectl selector syntax: `tier in (api,web)`, `!legacy`, `team`. */
  public toString(): string {
    switch (this.labelOperator) {
      case LabelOperator.IN: return `${this.key} in (${this.values.join(',')})`;
      case LabelOperator.NOT_IN: return `${this.key} notin (${this.values.join(',')})`;
      case LabelOperator.EXISTS: return this.key;
      case LabelOperator.DOES_NOT_EXIST: return `!${this.key}`;
    }
  }

  /** @internal */
  public _problems(): Problem[] {
    const problems = nestProblems('key', checkLabelKey(this.key));
    const needsValues = this.labelOperator === LabelOperator.IN || this.labelOperator === LabelOperator.NOT_IN;
    if (needsValues && this.values.length === 0) {
      problems.push(selectorExpressionInvalid('values', this.toString(), this.labelOperator, this.key));
    }
    this.values.forEach((v, i) => problems.push(...nestProblems(`values[${i}]`, checkLabelValue(v))));
    return problems;
  }
}

/** Options of `Selector.of`. */
export interface SelectorOptions {
  /**
   * Labels that must all match exactly.
   * @default - no label equality requirements
   */
  readonly matchLabels?: { [key: string]: string };
  /**
   * Requirements that must all hold.
   * @default - no expression requirements
   */
  readonly matchExpressions?: LabelExpression[];
}

const SELECTOR = Symbol.for('cdk-netpol.Selector');

/**
 * A Kubernetes label selector for pods or namespaces.
 *
 * `Selector.all()` is the only way to select everything: an empty label map is refused,
 * because it is almost always a bug that would select every pod.
 */
export class Selector {
  /** The label the API server sets on every namespace to its name. */
  public static readonly NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

  /** Selects every pod (or every namespace). */
  public static all(): Selector {
    return new Selector({}, [], true);
  }

  /** Selects by exact label values, e.g. `Selector.labels({ app: 'web' })`. */
  public static labels(matchLabels: { [key: string]: string }): Selector {
    return new Selector(matchLabels ?? {}, [], false);
  }

  /** Selects by labels and expressions; both must hold. */
  public static of(options: SelectorOptions): Selector {
    return new Selector(options.matchLabels ?? {}, options.matchExpressions ?? [], false);
  }

  /** Selects namespaces (or pods) by the value of `kubernetes.io/metadata.name`, which Kubernetes sets on every namespace. */
  public static namespaceNamed(name: string): Selector {
    return Selector.labels({ [Selector.NAMESPACE_NAME_LABEL]: name });
  }

  /**
   * A selector in Calico's expression language, for what label selectors cannot say, e.g.
   * `has(team) && (tier == 'api' || tier == 'worker')`. Only the calico engines can render it.
   */
  public static calico(expression: string): Selector {
    return new Selector({}, [], false, expression);
  }

  /** True when `x` is a Selector from any copy of this library. */
  public static isSelector(x: any): x is Selector {
    return x !== null && typeof x === 'object' && SELECTOR in x;
  }

  /** Exact label requirements, sorted by key. */
  public readonly matchLabels: { [key: string]: string };
  /** Expression requirements in canonical order. */
  public readonly matchExpressions: LabelExpression[];
  /** True when this selector was built with `Selector.all()`. */
  public readonly selectsAll: boolean;
  /** The Calico expression of a `Selector.calico(...)` selector; undefined for label selectors. */
  public readonly calicoExpression?: string;

  private constructor(matchLabels: { [key: string]: string }, matchExpressions: LabelExpression[], selectsAll: boolean, calicoExpression?: string) {
    Object.defineProperty(this, SELECTOR, { value: true });
    const sorted: { [key: string]: string } = {};
    for (const key of Object.keys(matchLabels).sort()) sorted[key] = matchLabels[key];
    this.matchLabels = frozen(sorted);
    this.matchExpressions = frozenList([...matchExpressions].sort((a, b) => compareStrings(a.toString(), b.toString())));
    this.selectsAll = selectsAll;
    this.calicoExpression = calicoExpression;
  }

  /** A new selector that also requires `key=value` (on a key already required with another value, it then selects nothing). */
  public withLabel(key: string, value: string): Selector {
    const existing = this.matchLabels[key];
    if (existing !== undefined && existing !== value) {
      // matchLabels holds one value per key: keep both requirements as written rather than replace one.
      return new Selector(this.matchLabels, [...this.matchExpressions, LabelExpression.isIn(key, [value])], false, this.calicoExpression);
    }
    return new Selector({ ...this.matchLabels, [key]: value }, this.matchExpressions, false, this.calicoExpression);
  }

  /** A new selector that also requires `expression`. */
  public withExpression(expression: LabelExpression): Selector {
    return new Selector(this.matchLabels, [...this.matchExpressions, expression], false, this.calicoExpression);
  }

  /** True when this selector has no requirement, i.e. it selects everything. */
  public get isEmpty(): boolean {
    return this.calicoExpression === undefined && Object.keys(this.matchLabels).length === 0 && this.matchExpressions.length === 0;
  }

  /** The namespace name this selector pins through `kubernetes.io/metadata.name`, if that is its only requirement. */
  public get namespaceName(): string | undefined {
    const keys = Object.keys(this.matchLabels);
    if (keys.length === 1 && keys[0] === Selector.NAMESPACE_NAME_LABEL && this.matchExpressions.length === 0) {
      return this.matchLabels[keys[0]];
    }
    return undefined;
  }

  /** Canonical form in kubectl selector syntax, `*` for everything: `app=web,tier in (api,web)`. */
  public toString(): string {
    if (this.calicoExpression !== undefined) return `calico(${this.calicoExpression})`;
    if (this.isEmpty) return '*';
    return [
      ...Object.entries(this.matchLabels).map(([k, v]) => `${k}=${v}`),
      ...this.matchExpressions.map(e => e.toString()),
    ].join(',');
  }

  /** @internal */
  public _problems(): Problem[] {
    if (this.calicoExpression !== undefined) {
      if (Object.keys(this.matchLabels).length > 0 || this.matchExpressions.length > 0) {
        return [calicoExpressionWithLabels('calicoExpression', this.toString())];
      }
      // The expression's grammar is the Calico engine's to check (engines/calico/selector.ts).
      return [];
    }
    const problems: Problem[] = [];
    if (this.isEmpty && !this.selectsAll) {
      problems.push(selectorEmpty(''));
    }
    for (const key of Object.keys(this.matchLabels)) {
      const keyProblems = checkLabelKey(key);
      const valueProblems = checkLabelValue(this.matchLabels[key]);
      if (keyProblems.length + valueProblems.length > 0) {
        problems.push(...nestProblems(`matchLabels[${JSON.stringify(key)}]`, [...keyProblems, ...valueProblems]));
      }
    }
    for (let i = 0; i < this.matchExpressions.length; i++) {
      const own = this.matchExpressions[i]._problems();
      if (own.length > 0) problems.push(...nestProblems(`matchExpressions[${i}]`, own));
    }
    return problems;
  }

  /** @internal Kubernetes LabelSelector JSON with keys in canonical order. */
  public _toKube(): any {
    if (this.calicoExpression !== undefined) {
      // Engines refuse Calico expressions before rendering (ENGINE_NO_SELECTOR_EXPRESSION); never widen to `{}`.
      throw internalError('', 'calicoExpression', this.toString(),
        'a Calico selector expression reached a Kubernetes label selector renderer, which Engine.problems() refuses (ENGINE_NO_SELECTOR_EXPRESSION)');
    }
    const out: any = {};
    if (this.matchExpressions.length > 0) {
      out.matchExpressions = this.matchExpressions.map(e => e.values.length > 0
        ? { key: e.key, operator: e.labelOperator, values: [...e.values] }
        : { key: e.key, operator: e.labelOperator });
    }
    if (Object.keys(this.matchLabels).length > 0) out.matchLabels = { ...this.matchLabels };
    return out;
  }
}
