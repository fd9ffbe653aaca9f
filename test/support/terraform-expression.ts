// A small evaluator of Terraform's expression language, for tests: exactly the subset the module of
// `cdk-netpol aks --format terraform` writes, so that a test can read that module as Terraform would, without Terraform.
//
// Semantics follow Terraform's documentation (developer.hashicorp.com/terraform/language): "Strings and Templates"
// (interpolation, `$${` and `%%{` escapes, a template of one interpolation is that value unconverted: HCL's
// "template interpolation unwrapping"), "Conditional Expressions", "Operators" (precedence: `!` and unary `-`, then
// `* / %`, `+ -`, `> >= < <=`, `== !=`, `&&`, `||`), "for Expressions" (tuple form, with `if`), "Type Constraints"
// (`list(string)`, `bool`, sets of strings ordered lexicographically), and the pages of each function below.
// Anything outside the subset throws, so a module that starts using more fails its test instead of being misread.

/** A Terraform value: string, number, bool, null, list/tuple (array), object/map, or set. */
export type Value = string | number | boolean | null | Value[] | TerraformSet | { [key: string]: Value };

/** A set (`toset`, `setintersection`): its elements, distinct, strings in lexicographic order as Terraform iterates them. */
export class TerraformSet {
  public readonly items: readonly Value[];
  public constructor(items: readonly Value[]) {
    const unique = items.filter((v, i) => items.findIndex(w => equal(v, w)) === i);
    this.items = unique.every(v => typeof v === 'string') ? [...unique].sort(lexicographic) : unique;
  }
}

/** What names mean where an expression is evaluated: `var`, `local`, `each`, `count` and the symbols of `for` expressions. */
export interface Scope {
  readonly [name: string]: Value | undefined;
}

/** An error Terraform would report while evaluating (a failed function call, a wrong type); `can` turns it into false. */
export class EvaluationError extends Error {}

type Expr =
  | { kind: 'literal'; value: Value }
  | { kind: 'template'; parts: Array<string | Expr> }
  | { kind: 'ref'; name: string; path: string[] }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'tuple'; items: Expr[] }
  | { kind: 'for'; key?: string; value: string; collection: Expr; result: Expr; condition?: Expr }
  | { kind: 'conditional'; condition: Expr; then: Expr; otherwise: Expr }
  | { kind: 'unary'; op: '!' | '-'; operand: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr };

/** Evaluates a JSON string of a Terraform JSON file: a template, unwrapped when it is a single interpolation. */
export function evaluateTemplate(text: string, scope: Scope): Value {
  const parser = new Parser(text);
  const template = parser.template(undefined);
  return evaluate(template, scope);
}

/** Evaluates a whole JSON value of a Terraform JSON file: every string in it is a template. Object keys are literal. */
export function evaluateJson(value: unknown, scope: Scope): Value {
  if (typeof value === 'string') return evaluateTemplate(value, scope);
  if (Array.isArray(value)) return value.map(v => evaluateJson(v, scope));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateJson(v, scope)]));
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new Error(`not a JSON value: ${String(value)}`);
}

class Parser {
  /** Binary operators by precedence, loosest first. */
  private static readonly LEVELS: readonly string[][] = [['||'], ['&&'], ['==', '!='], ['>=', '<=', '>', '<'], ['+', '-'], ['*', '/', '%']];

  private pos = 0;
  public constructor(private readonly text: string) {}

  /**
   * A template up to `end` (a closing quote) or the end of the text: literal runs, `${ expression }`, and the escapes
   * `$${` and `%%{`. Inside quotes, backslash escapes too. Directives (`%{ if }`, `%{ for }`) are outside the subset.
   */
  public template(end: '"' | undefined): Expr {
    const parts: Array<string | Expr> = [];
    let literal = '';
    const t = this.text;
    while (this.pos < t.length && !(end !== undefined && t[this.pos] === end)) {
      if (t.startsWith('$${', this.pos) || t.startsWith('%%{', this.pos)) {
        literal += `${t[this.pos]}{`;
        this.pos += 3;
      } else if (t.startsWith('${', this.pos)) {
        if (literal !== '') parts.push(literal);
        literal = '';
        this.pos += 2;
        if (t[this.pos] === '~') throw new Error('strip markers are outside the subset');
        parts.push(this.expression());
        this.expect('}');
      } else if (t.startsWith('%{', this.pos)) {
        throw new Error(`template directives are outside the subset: ${t.slice(this.pos, this.pos + 20)}`);
      } else if (end !== undefined && t[this.pos] === '\\') {
        literal += this.escape();
      } else {
        literal += t[this.pos++];
      }
    }
    if (end !== undefined) this.expect(end);
    if (end === undefined && this.pos !== t.length) throw new Error(`unexpected text at ${this.pos}`);
    if (literal !== '' || parts.length === 0) parts.push(literal);
    return { kind: 'template', parts };
  }

  private escape(): string {
    const c = this.text[this.pos + 1];
    this.pos += 2;
    const simple: Record<string, string> = { 'n': '\n', 'r': '\r', 't': '\t', '"': '"', '\\': '\\' };
    if (c in simple) return simple[c];
    if (c === 'u') {
      const hex = this.text.slice(this.pos, this.pos + 4);
      this.pos += 4;
      return String.fromCharCode(parseInt(hex, 16));
    }
    throw new Error(`unknown escape \\${c}`);
  }

  /** `condition ? then : otherwise`, or an `||` chain. */
  public expression(): Expr {
    const condition = this.binary(0);
    if (!this.eat('?')) return condition;
    const then = this.expression();
    this.expect(':');
    const otherwise = this.expression();
    return { kind: 'conditional', condition, then, otherwise };
  }

  private binary(level: number): Expr {
    if (level === Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      this.space();
      const op = Parser.LEVELS[level].find(o => this.text.startsWith(o, this.pos));
      if (op === undefined) return left;
      this.pos += op.length;
      left = { kind: 'binary', op, left, right: this.binary(level + 1) };
    }
  }

  private unary(): Expr {
    this.space();
    const c = this.text[this.pos];
    if (c === '!' || (c === '-' && !/[0-9]/.test(this.text[this.pos + 1] ?? ''))) {
      this.pos++;
      return { kind: 'unary', op: c, operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): Expr {
    this.space();
    const t = this.text;
    const c = t[this.pos];
    if (c === '"') {
      this.pos++;
      return this.template('"');
    }
    if (c === '(') {
      this.pos++;
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (c === '[') {
      this.pos++;
      if (this.keyword('for')) return this.forExpression();
      const items: Expr[] = [];
      while (!this.eat(']')) {
        items.push(this.expression());
        if (!this.eat(',')) {
          this.expect(']');
          break;
        }
      }
      return { kind: 'tuple', items };
    }
    const digits = /^-?[0-9]+(\.[0-9]+)?/.exec(t.slice(this.pos));
    if (digits) {
      this.pos += digits[0].length;
      return { kind: 'literal', value: Number(digits[0]) };
    }
    const name = this.identifier();
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true' };
    if (name === 'null') return { kind: 'literal', value: null };
    if (this.eat('(')) {
      const args: Expr[] = [];
      while (!this.eat(')')) {
        args.push(this.expression());
        if (!this.eat(',')) {
          this.expect(')');
          break;
        }
      }
      return { kind: 'call', name, args };
    }
    const path: string[] = [];
    while (this.text[this.pos] === '.') {
      this.pos++;
      path.push(this.identifier());
    }
    if (this.text[this.pos] === '[' || this.text[this.pos] === '*') throw new Error('index and splat expressions are outside the subset');
    return { kind: 'ref', name, path };
  }

  /** `[for v in collection : result if condition]` or `[for k, v in ...]`, after `[for`. */
  private forExpression(): Expr {
    let value = this.identifier();
    let key: string | undefined;
    if (this.eat(',')) {
      key = value;
      value = this.identifier();
    }
    if (!this.keyword('in')) throw new Error('expected "in" in a for expression');
    const collection = this.expression();
    this.expect(':');
    const result = this.expression();
    const condition = this.keyword('if') ? this.expression() : undefined;
    this.expect(']');
    return { kind: 'for', key, value, collection, result, condition };
  }

  private identifier(): string {
    this.space();
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.pos));
    if (!m) throw new Error(`expected a name at ${this.pos} in ${JSON.stringify(this.text)}`);
    this.pos += m[0].length;
    return m[0];
  }

  private keyword(word: string): boolean {
    this.space();
    const rest = this.text.slice(this.pos);
    if (!rest.startsWith(word) || /[A-Za-z0-9_-]/.test(rest[word.length] ?? '')) return false;
    this.pos += word.length;
    return true;
  }

  private space(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private eat(token: string): boolean {
    this.space();
    if (!this.text.startsWith(token, this.pos)) return false;
    this.pos += token.length;
    return true;
  }

  private expect(token: string): void {
    if (!this.eat(token)) throw new Error(`expected ${JSON.stringify(token)} at ${this.pos} in ${JSON.stringify(this.text)}`);
  }
}

function evaluate(e: Expr, scope: Scope): Value {
  switch (e.kind) {
    case 'literal': return e.value;
    case 'template': {
      if (e.parts.length === 1 && typeof e.parts[0] !== 'string') return evaluate(e.parts[0], scope);
      return e.parts.map(p => typeof p === 'string' ? p : templateString(evaluate(p, scope))).join('');
    }
    case 'ref': {
      let value = scope[e.name];
      if (value === undefined) throw new EvaluationError(`unknown name ${e.name}`);
      for (const attribute of e.path) {
        if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof TerraformSet || !(attribute in value)) {
          throw new EvaluationError(`unsupported attribute ${attribute} of ${e.name}`);
        }
        value = value[attribute];
      }
      return value;
    }
    case 'call': {
      // can() is the one function that takes its argument unevaluated.
      if (e.name === 'can') {
        if (e.args.length !== 1) throw new EvaluationError('can takes one argument');
        try {
          evaluate(e.args[0], scope);
          return true;
        } catch (error) {
          if (error instanceof EvaluationError) return false;
          throw error;
        }
      }
      const f = FUNCTIONS[e.name];
      if (f === undefined) throw new Error(`function ${e.name} is outside the subset`);
      return f(...e.args.map(a => evaluate(a, scope)));
    }
    case 'tuple': return e.items.map(i => evaluate(i, scope));
    case 'for': {
      const collection = evaluate(e.collection, scope);
      const entries: Array<[Value, Value]> = Array.isArray(collection) ? collection.map((v, i) => [i, v])
        : collection instanceof TerraformSet ? collection.items.map(v => [v, v])
          : isObject(collection) ? Object.keys(collection).sort(lexicographic).map(k => [k, collection[k]])
            : fail(`for expression over ${describe(collection)}`);
      const out: Value[] = [];
      for (const [k, v] of entries) {
        const inner: Scope = { ...scope, [e.value]: v, ...e.key !== undefined ? { [e.key]: k } : {} };
        if (e.condition !== undefined && bool(evaluate(e.condition, inner)) === false) continue;
        out.push(evaluate(e.result, inner));
      }
      return out;
    }
    case 'conditional': return bool(evaluate(e.condition, scope)) ? evaluate(e.then, scope) : evaluate(e.otherwise, scope);
    case 'unary': {
      const v = evaluate(e.operand, scope);
      return e.op === '!' ? !bool(v) : -number(v);
    }
    case 'binary': {
      // Both operands are evaluated, as HCL did before short-circuiting came (Terraform 1.12); the module needs neither.
      const l = evaluate(e.left, scope);
      const r = evaluate(e.right, scope);
      switch (e.op) {
        case '||': return bool(l) || bool(r);
        case '&&': return bool(l) && bool(r);
        case '==': return equal(l, r);
        case '!=': return !equal(l, r);
        case '>': return number(l) > number(r);
        case '>=': return number(l) >= number(r);
        case '<': return number(l) < number(r);
        case '<=': return number(l) <= number(r);
        default: throw new Error(`operator ${e.op} is outside the subset`);
      }
    }
  }
}

/** A value inside a template with other text: strings as they are, numbers and bools converted, nothing else. */
function templateString(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new EvaluationError(`Invalid template interpolation value: cannot include ${describe(v)} in a string template (string required)`);
}

const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
  // join(separator, list...): the elements of every list, converted to strings, separated.
  join: (separator, ...lists) => {
    if (lists.length === 0) throw new EvaluationError('join needs at least one list');
    return lists.flatMap(l => elements(l)).map(v => primitiveString(v)).join(string(separator));
  },
  // formatlist(spec, values...): format once per element; lists must have one length, other arguments repeat.
  formatlist: (spec, ...args) => {
    const lengths = [...new Set(args.filter(Array.isArray).map(a => (a as Value[]).length))];
    if (lengths.length > 1) throw new EvaluationError('formatlist: all lists must have the same length');
    const n = lengths[0] ?? 1;
    return Array.from({ length: n }, (_, i) => format(string(spec), args.map(a => Array.isArray(a) ? a[i] : a)));
  },
  // sort(list): strings in lexicographic order.
  sort: list => elements(list).map(v => primitiveString(v)).sort(lexicographic),
  // distinct(list): the first occurrence of each element, in order.
  distinct: list => {
    const items = elements(list, false);
    return items.filter((v, i) => items.findIndex(w => equal(v, w)) === i);
  },
  toset: list => new TerraformSet(elements(list)),
  setintersection: (...sets) => {
    const [first, ...rest] = sets.map(s => new TerraformSet(elements(s)).items);
    return new TerraformSet(first.filter(v => rest.every(r => r.some(w => equal(v, w)))));
  },
  concat: (...lists) => lists.flatMap(l => elements(l, false)),
  contains: (collection, value) => elements(collection).some(v => equal(v, value)),
  length: v => {
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (v instanceof TerraformSet) return v.items.length;
    if (isObject(v)) return Object.keys(v).length;
    throw new EvaluationError(`length of ${describe(v)}`);
  },
  // alltrue(list): every element true (bools, or the strings "true" and "false"); true for an empty list.
  alltrue: list => elements(list).every(v => bool(v === 'true' ? true : v === 'false' ? false : v)),
  // regex(pattern, string): the first match; its captures when the pattern has some; an error when nothing matches.
  regex: (pattern, text) => {
    const match = new RegExp(string(pattern), 'u').exec(string(text));
    if (match === null) throw new EvaluationError(`regex: pattern ${JSON.stringify(pattern)} does not match ${JSON.stringify(text)}`);
    if (match.groups !== undefined) return { ...match.groups } as Value;
    return match.length > 1 ? match.slice(1).map(g => g ?? null) : match[0];
  },
};

/** `%s` and `%%` only: the one verb the module uses. */
function format(spec: string, args: Value[]): string {
  let next = 0;
  return spec.replace(/%(.)/g, (_, verb: string) => {
    if (verb === '%') return '%';
    if (verb !== 's') throw new Error(`format verb %${verb} is outside the subset`);
    if (next >= args.length) throw new EvaluationError('not enough arguments for the format string');
    return primitiveString(args[next++]);
  });
}

function elements(v: Value, primitive = true): Value[] {
  const items = Array.isArray(v) ? v : v instanceof TerraformSet ? [...v.items] : fail(`expected a list or set, got ${describe(v)}`);
  if (primitive && items.some(i => i !== null && typeof i === 'object')) throw new EvaluationError('expected a list of primitive values');
  return items;
}

function primitiveString(v: Value): string {
  if (v === null) throw new EvaluationError('a null value where a string is needed');
  return templateString(v);
}

function string(v: Value): string {
  if (typeof v !== 'string') throw new EvaluationError(`expected a string, got ${describe(v)}`);
  return v;
}

function number(v: Value): number {
  if (typeof v !== 'number') throw new EvaluationError(`expected a number, got ${describe(v)}`);
  return v;
}

function bool(v: Value): boolean {
  if (typeof v !== 'boolean') throw new EvaluationError(`expected a bool, got ${describe(v)}`);
  return v;
}

function isObject(v: Value): v is { [key: string]: Value } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof TerraformSet);
}

/** Terraform's equality: same type and value (`1 == "1"` is false). */
function equal(a: Value, b: Value): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b)) && typeof a === typeof b;
}

function canonical(v: Value): unknown {
  if (v instanceof TerraformSet) return { set: v.items.map(canonical) };
  if (Array.isArray(v)) return v.map(canonical);
  if (isObject(v)) return Object.fromEntries(Object.keys(v).sort().map(k => [k, canonical(v[k])]));
  return v;
}

/** Lexicographic order of Unicode code points, as Terraform sorts strings (Go compares UTF-8 bytes: the same order). */
function lexicographic(a: string, b: string): number {
  const x = [...a].map(c => c.codePointAt(0)!);
  const y = [...b].map(c => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

function describe(v: Value): string {
  if (v instanceof TerraformSet) return 'a set';
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function fail(message: string): never {
  throw new EvaluationError(message);
}
