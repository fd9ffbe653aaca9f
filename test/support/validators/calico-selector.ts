/**
 * Calico selector syntax (`all()`, `has(k)`, `k == 'v'`, `k in {'a', 'b'}`, `!`, `&&`, `||`, parentheses),
 * ported from libcalico-go `lib/selector/tokenizer` and `lib/selector/parser` (validate-only path), so a
 * selector is refused exactly when Calico's parser refuses it.
 */

type Kind = 'label' | 'string' | '{' | '}' | ',' | '==' | '!=' | 'in' | 'not in' | '!' | 'contains' | 'starts with' | 'ends with'
| 'all' | 'has' | 'global' | '(' | ')' | '&&' | '||' | 'eof';

interface Token {
  readonly kind: Kind;
  readonly value?: string;
}

/** The tokens of a selector, or the tokenizer's error. */
export function tokenize(input: string): Token[] | string {
  const tokens: Token[] = [];
  let rest = input;
  const push = (kind: Kind, length: number, value?: string) => {
    tokens.push({ kind, value });
    rest = rest.slice(length);
  };
  for (;;) {
    rest = rest.replace(/^[ \t]+/, '');
    if (rest.length === 0) {
      tokens.push({ kind: 'eof' });
      return tokens;
    }
    const last = tokens.length > 0 ? tokens[tokens.length - 1].kind : undefined;
    const c = rest[0];
    if (c === '(' || c === ')' || c === '{' || c === '}' || c === ',') {
      push(c, 1);
    } else if (c === '"' || c === '\'') {
      const end = rest.indexOf(c, 1);
      if (end < 0) return 'unterminated string';
      push('string', end + 1, rest.slice(1, end));
    } else if (c === '=') {
      if (rest[1] !== '=') return 'expected ==';
      push('==', 2);
    } else if (c === '!') {
      if (rest[1] === '=') push('!=', 2);
      else push('!', 1);
    } else if (c === '&') {
      if (rest[1] !== '&') return 'expected &&';
      push('&&', 2);
    } else if (c === '|') {
      if (rest[1] !== '|') return 'expected ||';
      push('||', 2);
    } else if (last === 'label') {
      // After a label: an operator word, not another label.
      const operator = labelOperator(rest);
      if (!operator) return `unexpected characters after label '${tokens[tokens.length - 1].value}', was expecting an operator`;
      push(operator[0], operator[1]);
    } else if (rest.startsWith('has(')) {
      const inner = rest.slice(4).replace(/^[ \t]+/, '');
      const ident = identifier(inner);
      if (ident === '') return 'no label name in has( expression';
      const after = inner.slice(ident.length).replace(/^[ \t]+/, '');
      if (!after.startsWith(')')) return 'no closing \')\' after has(';
      push('has', rest.length - after.length + 1, ident);
    } else if (rest.startsWith('all(') || rest.startsWith('global(')) {
      const word = rest.startsWith('all(') ? 'all' : 'global';
      const after = rest.slice(word.length + 1).replace(/^[ \t]+/, '');
      if (!after.startsWith(')')) return `no closing ')' after ${word}(`;
      push(word, rest.length - after.length + 1);
    } else {
      const ident = identifier(rest);
      if (ident === '') return 'unexpected characters';
      push('label', ident.length, ident);
    }
  }
}

/** `contains`, `starts with`, `ends with`, `not in`, `in` at the start of `rest`, with the length they take. */
function labelOperator(rest: string): [Kind, number] | undefined {
  if (rest.startsWith('contains')) return ['contains', 'contains'.length];
  for (const [first, kind] of [['starts', 'starts with'], ['ends', 'ends with'], ['not', 'not in']] as const) {
    if (!rest.startsWith(first)) continue;
    const after = rest.slice(first.length).replace(/^[ \t]+/, '');
    const second = kind.split(' ')[1];
    if (!after.startsWith(second)) return undefined;
    return [kind, rest.length - after.length + second.length];
  }
  if (rest.startsWith('in')) return ['in', 2];
  return undefined;
}

/** The longest prefix of label-key characters (`[a-zA-Z0-9_./-]`). */
function identifier(text: string): string {
  const match = /^[a-zA-Z0-9_./-]+/.exec(text);
  // Go's findIdentifier returns "" when the identifier runs to the end of the input.
  return match && match[0].length < text.length ? match[0] : '';
}

/** Undefined when Calico's parser accepts `selector` (the empty selector is `all()`), else its error. */
export function selectorError(selector: string): string | undefined {
  const tokens = tokenize(selector);
  if (typeof tokens === 'string') return tokens;
  if (tokens[0].kind === 'eof') return undefined;
  const result = orExpression(tokens, 0);
  if (typeof result === 'string') return result;
  if (result !== tokens.length - 1) return 'unexpected content at end of selector';
  return undefined;
}

/** True if the selector, tokenized, is exactly `global()`. */
export function isOnlyGlobal(selector: string): boolean {
  const tokens = tokenize(selector);
  return typeof tokens !== 'string' && tokens.length === 2 && tokens[0].kind === 'global';
}

type Parsed = number | string; // the index of the next token, or an error

function orExpression(tokens: Token[], at: number): Parsed {
  let next = andExpression(tokens, at);
  while (typeof next === 'number' && tokens[next].kind === '||') next = andExpression(tokens, next + 1);
  return next;
}

function andExpression(tokens: Token[], at: number): Parsed {
  let next = operation(tokens, at);
  while (typeof next === 'number' && tokens[next].kind === '&&') next = operation(tokens, next + 1);
  return next;
}

const VALUE_OPERATORS: readonly Kind[] = ['==', '!=', 'contains', 'starts with', 'ends with'];

function operation(tokens: Token[], start: number): Parsed {
  let at = start;
  while (tokens[at].kind === '!') at++;
  const token = tokens[at];
  switch (token.kind) {
    case 'has':
    case 'all':
    case 'global':
      return at + 1;
    case 'label': {
      if (tokens.length - at < 3) return 'unexpected end of string looking for op';
      const operator = tokens[at + 1].kind;
      if (VALUE_OPERATORS.includes(operator)) return tokens[at + 2].kind === 'string' ? at + 3 : 'expected string';
      if (operator !== 'in' && operator !== 'not in') return `expected == or != not: ${operator}`;
      if (tokens[at + 2].kind !== '{') return 'expected set literal';
      let i = at + 3;
      while (tokens[i].kind === 'string') {
        i++;
        if (tokens[i].kind !== ',') break;
        i++;
      }
      return tokens[i].kind === '}' ? i + 1 : 'expected }';
    }
    case '(': {
      const next = orExpression(tokens, at + 1);
      if (typeof next === 'string') return next;
      return tokens[next]?.kind === ')' ? next + 1 : 'expected )';
    }
    default:
      return `unexpected token: ${token.kind}`;
  }
}
