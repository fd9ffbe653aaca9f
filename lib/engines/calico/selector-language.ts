/** A label map. */
type Labels = Readonly<Record<string, string>>;

// Calico's label selector language, as libcalico-go's tokenizer and parser read it
// (libcalico-go/lib/selector/{tokenizer,parser}): `||` binds loosest, then `&&`, then a run of
// leading `!`, then the match operators and parentheses. Only space and tab are whitespace.

/** A parsed Calico selector. */
export type CalicoSelector =
  | { readonly op: 'all' }
  | { readonly op: 'global' }
  | { readonly op: 'has'; readonly key: string }
  | { readonly op: '==' | '!=' | 'contains' | 'starts with' | 'ends with'; readonly key: string; readonly value: string }
  | { readonly op: 'in' | 'not in'; readonly key: string; readonly values: readonly string[] }
  | { readonly op: '!'; readonly operand: CalicoSelector }
  | { readonly op: '&&' | '||'; readonly operands: readonly CalicoSelector[] };

/** A selector Calico would refuse: `position` is the 1-based character where reading stopped. */
export class CalicoSelectorError extends Error {
  public readonly position: number;
  public readonly reason: string;

  public constructor(position: number, reason: string) {
    super(`at character ${position}: ${reason}`);
    this.name = 'CalicoSelectorError';
    this.position = position;
    this.reason = reason;
  }
}

type TokenKind =
  | 'label' | 'string' | '{' | '}' | ',' | '==' | '!=' | 'in' | 'not in' | '!' | 'contains' | 'starts with' | 'ends with'
  | 'all' | 'global' | 'has' | '(' | ')' | '&&' | '||' | 'end';

interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  /** 0-based offset in the text. */
  readonly at: number;
}

const WHITESPACE = ' \t';

/**
 * Parses a Calico selector; the empty selector is `all()`, as Calico reads it.
 *
 * @throws CalicoSelectorError naming the position and what was expected
 */
export function parseCalicoSelector(text: string): CalicoSelector {
  const tokens = tokenize(text);
  if (tokens[0].kind === 'end') return { op: 'all' };
  const [selector, rest] = parseOr(tokens);
  if (rest[0].kind !== 'end') fail(rest[0], `unexpected ${describe(rest[0])} after a complete selector`);
  return selector;
}

/** The selector, or the reason it cannot be read. Never throws. */
export function tryParseCalicoSelector(text: string): { readonly selector: CalicoSelector } | { readonly error: CalicoSelectorError } {
  try {
    return { selector: parseCalicoSelector(text) };
  } catch (e) {
    if (e instanceof CalicoSelectorError) return { error: e };
    throw e;
  }
}

/** How `all()` and `global()` read in a scope. */
export interface CalicoScope {
  /**
   * A namespaceSelector: Calico rewrites `all()` to "any namespaced endpoint" and `global()` to "no namespaced
   * endpoint" (updateprocessors/rules.go), so against a pod's namespace `all()` holds and `global()` does not.
   * Elsewhere both match everything, as the parser's AST evaluates them.
   */
  readonly namespaces?: boolean;
}

/** Whether labels satisfy a selector (`!=` and `not in` hold when the label is absent). */
export function matchesCalicoSelector(selector: CalicoSelector, labels: Labels, scope: CalicoScope = {}): boolean {
  const has = (key: string) => Object.prototype.hasOwnProperty.call(labels, key);
  const evaluate = (s: CalicoSelector): boolean => {
    switch (s.op) {
      case 'all': return true;
      case 'global': return !scope.namespaces;
      case 'has': return has(s.key);
      case '==': return has(s.key) && labels[s.key] === s.value;
      case '!=': return !has(s.key) || labels[s.key] !== s.value;
      case 'contains': return has(s.key) && labels[s.key].includes(s.value);
      case 'starts with': return has(s.key) && labels[s.key].startsWith(s.value);
      case 'ends with': return has(s.key) && labels[s.key].endsWith(s.value);
      case 'in': return has(s.key) && s.values.includes(labels[s.key]);
      case 'not in': return !has(s.key) || !s.values.includes(labels[s.key]);
      case '!': return !evaluate(s.operand);
      case '&&': return s.operands.every(evaluate);
      case '||': return s.operands.some(evaluate);
    }
  };
  return evaluate(selector);
}

/** Calico's canonical text of a selector (`app == "web"`, `(a == "x" || has(b))`), for traces and messages. */
export function calicoSelectorText(selector: CalicoSelector): string {
  const quote = (v: string) => v.includes('"') ? `'${v}'` : `"${v}"`;
  switch (selector.op) {
    case 'all': return 'all()';
    case 'global': return 'global()';
    case 'has': return `has(${selector.key})`;
    case 'in':
    case 'not in': return `${selector.key} ${selector.op} {${selector.values.map(quote).join(', ')}}`;
    case '!': return `!${calicoSelectorText(selector.operand)}`;
    case '&&':
    case '||': return `(${selector.operands.map(calicoSelectorText).join(` ${selector.op} `)})`;
    default: return `${selector.key} ${selector.op} ${quote(selector.value)}`;
  }
}

/** Every label key a selector reads. */
export function calicoSelectorKeys(selector: CalicoSelector): string[] {
  switch (selector.op) {
    case 'all':
    case 'global': return [];
    case '!': return calicoSelectorKeys(selector.operand);
    case '&&':
    case '||': return selector.operands.flatMap(calicoSelectorKeys);
    default: return [selector.key];
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, at: number, value = '') => tokens.push({ kind, value, at });
  const skipSpace = () => {
    while (i < text.length && WHITESPACE.includes(text[i])) i++;
  };
  const startsAt = (word: string) => text.startsWith(word, i);
  for (;;) {
    skipSpace();
    if (i >= text.length) {
      push('end', i);
      return tokens;
    }
    const at = i;
    const c = text[i];
    const last = tokens.length > 0 ? tokens[tokens.length - 1].kind : undefined;
    if ('(){},'.includes(c)) {
      push(c as TokenKind, at);
      i++;
    } else if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) throw new CalicoSelectorError(at + 1, `unterminated string: no closing ${c}`);
      push('string', at, text.slice(i + 1, close));
      i = close + 1;
    } else if (c === '=' || c === '&' || c === '|') {
      if (text[i + 1] !== c) throw new CalicoSelectorError(at + 1, `expected ${c}${c}`);
      push(c === '=' ? '==' : c === '&' ? '&&' : '||', at);
      i += 2;
    } else if (c === '!') {
      const ne = text[i + 1] === '=';
      push(ne ? '!=' : '!', at);
      i += ne ? 2 : 1;
    } else if (last === 'label') {
      // After a label, only an operator word may follow.
      i = operatorWord(text, i, push, tokens[tokens.length - 1].value);
    } else if (startsAt('has(')) {
      i += 'has('.length;
      skipSpace();
      const key = identifierAt(text, i);
      if (key === '') throw new CalicoSelectorError(i + 1, 'expected a label name in has(...)');
      i += key.length;
      skipSpace();
      if (text[i] !== ')') throw new CalicoSelectorError(i + 1, "expected ')' to close has(");
      i++;
      push('has', at, key);
    } else if (startsAt('all(') || startsAt('global(')) {
      const word = startsAt('all(') ? 'all' : 'global';
      i += word.length + 1;
      skipSpace();
      if (text[i] !== ')') throw new CalicoSelectorError(i + 1, `expected ')' after ${word}(`);
      i++;
      push(word, at);
    } else {
      const label = identifierAt(text, i);
      if (label === '') throw new CalicoSelectorError(at + 1, `unexpected character ${JSON.stringify(c)}`);
      push('label', at, label);
      i += label.length;
    }
  }
}

/** Reads `contains`, `starts with`, `ends with`, `not in` or `in` after a label; returns the next offset. */
function operatorWord(text: string, start: number, push: (kind: TokenKind, at: number) => void, label: string): number {
  const expectOperator = () => new CalicoSelectorError(start + 1, `expected an operator after label ${JSON.stringify(label)}`);
  const twoWords = (first: string, second: string, kind: TokenKind): number => {
    let i = start + first.length;
    while (i < text.length && WHITESPACE.includes(text[i])) i++;
    if (!text.startsWith(second, i)) throw expectOperator();
    push(kind, start);
    return i + second.length;
  };
  if (text.startsWith('contains', start)) {
    push('contains', start);
    return start + 'contains'.length;
  }
  if (text.startsWith('starts', start)) return twoWords('starts', 'with', 'starts with');
  if (text.startsWith('ends', start)) return twoWords('ends', 'with', 'ends with');
  if (text.startsWith('not', start)) return twoWords('not', 'in', 'not in');
  if (text.startsWith('in', start)) {
    push('in', start);
    return start + 'in'.length;
  }
  throw expectOperator();
}

/** The label key at `i` (`[a-zA-Z0-9_./-]+`); empty when there is none. */
function identifierAt(text: string, i: number): string {
  let end = i;
  while (end < text.length && /[a-zA-Z0-9_./-]/.test(text[end])) end++;
  return text.slice(i, end);
}

type Parsed = [CalicoSelector, Token[]];

function parseOr(tokens: Token[]): Parsed {
  const operands: CalicoSelector[] = [];
  let rest = tokens;
  for (;;) {
    const [operand, after] = parseAnd(rest);
    operands.push(operand);
    if (after[0].kind !== '||') return [operands.length === 1 ? operands[0] : { op: '||', operands }, after];
    rest = after.slice(1);
  }
}

function parseAnd(tokens: Token[]): Parsed {
  const operands: CalicoSelector[] = [];
  let rest = tokens;
  for (;;) {
    const [operand, after] = parseOperation(rest);
    operands.push(operand);
    if (after[0].kind !== '&&') return [operands.length === 1 ? operands[0] : { op: '&&', operands }, after];
    rest = after.slice(1);
  }
}

function parseOperation(tokens: Token[]): Parsed {
  let negated = false;
  let rest = tokens;
  while (rest[0].kind === '!') {
    negated = !negated;
    rest = rest.slice(1);
  }
  const [selector, after] = parseTerm(rest);
  return [negated ? { op: '!', operand: selector } : selector, after];
}

function parseTerm(tokens: Token[]): Parsed {
  const t = tokens[0];
  switch (t.kind) {
    case 'has': return [{ op: 'has', key: t.value }, tokens.slice(1)];
    case 'all': return [{ op: 'all' }, tokens.slice(1)];
    case 'global': return [{ op: 'global' }, tokens.slice(1)];
    case '(': {
      const [inner, rest] = parseOr(tokens.slice(1));
      if (rest[0].kind !== ')') fail(rest[0], `expected ')' to close the '(' at character ${t.at + 1}`);
      return [inner, rest.slice(1)];
    }
    case 'label': return parseComparison(tokens);
    default: return fail(t, `expected a label, has(...), all(), global(), '!' or '(', got ${describe(t)}`);
  }
}

function parseComparison(tokens: Token[]): Parsed {
  const [label, operator] = tokens;
  const key = label.value;
  switch (operator.kind) {
    case '==':
    case '!=':
    case 'contains':
    case 'starts with':
    case 'ends with': {
      const literal = tokens[2];
      if (literal?.kind !== 'string') fail(literal ?? operator, `expected a quoted string after '${operator.kind}', got ${describe(literal ?? operator)}`);
      return [{ op: operator.kind, key, value: literal.value }, tokens.slice(3)];
    }
    case 'in':
    case 'not in': {
      if (tokens[2]?.kind !== '{') fail(tokens[2] ?? operator, `expected a set literal {'a', 'b'} after '${operator.kind}', got ${describe(tokens[2] ?? operator)}`);
      let rest = tokens.slice(3);
      const values: string[] = [];
      while (rest[0].kind === 'string') {
        values.push(rest[0].value);
        rest = rest.slice(1);
        if (rest[0].kind !== ',') break;
        rest = rest.slice(1);
      }
      if (rest[0].kind !== '}') fail(rest[0], `expected a quoted string or '}' in the set, got ${describe(rest[0])}`);
      // Calico keeps sets sorted and without repeats.
      const set = [...new Set(values)].sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
      return [{ op: operator.kind, key, values: set }, rest.slice(1)];
    }
    default:
      return fail(operator, `expected an operator (==, !=, in, not in, contains, starts with, ends with) after label ${JSON.stringify(key)}, got ${describe(operator)}`);
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'end': return 'the end of the selector';
    case 'label': return `label ${JSON.stringify(t.value)}`;
    case 'string': return `the string ${JSON.stringify(t.value)}`;
    case 'has': return `has(${t.value})`;
    case 'all': return 'all()';
    case 'global': return 'global()';
    default: return `'${t.kind}'`;
  }
}

function fail(t: Token, reason: string): never {
  throw new CalicoSelectorError(t.at + 1, reason);
}
