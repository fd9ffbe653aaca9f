import {
  CalicoSelectorError,
  calicoSelectorKeys,
  calicoSelectorText,
  matchesCalicoSelector,
  parseCalicoSelector,
  tryParseCalicoSelector,
} from '../../../lib/analyzer/calico/selector';

const matches = (selector: string, labels: Record<string, string>) => matchesCalicoSelector(parseCalicoSelector(selector), labels);

describe('Calico selector language', () => {
  // The operator table of docs.tigera.io/calico/latest/reference/resources/networkpolicy#selectors,
  // each row against labels that must and must not match.
  test.each<[string, Record<string, string>[], Record<string, string>[]]>([
    ['all()', [{}, { a: 'b' }], []],
    ['global()', [{}, { a: 'b' }], []],
    ["k == 'v'", [{ k: 'v' }, { k: 'v', x: 'y' }], [{}, { k: 'w' }, { x: 'v' }]],
    ["k != 'v'", [{}, { k: 'w' }, { x: 'v' }], [{ k: 'v' }]], // "without label k, or with k not equal to v"
    ['has(k)', [{ k: '' }, { k: 'v' }], [{}, { kk: 'v' }]],
    ['!has(k)', [{}, { x: 'k' }], [{ k: 'v' }]],
    ["k in { 'v1', 'v2' }", [{ k: 'v1' }, { k: 'v2' }], [{}, { k: 'v3' }]],
    ["k not in { 'v1', 'v2' }", [{}, { k: 'v3' }], [{ k: 'v1' }, { k: 'v2' }]],
    ["k contains 's'", [{ k: 's' }, { k: 'asa' }], [{}, { k: 'x' }, { s: 's' }]],
    ["k starts with 's'", [{ k: 'sx' }], [{}, { k: 'xs' }]],
    ["k ends with 's'", [{ k: 'xs' }], [{}, { k: 'sx' }]],
    ['k == "v"', [{ k: 'v' }], [{ k: "'v'" }]],
    ['!all()', [], [{}, { a: 'b' }]],
    ['', [{}, { a: 'b' }], []], // an empty selector is all()
    [' \t', [{}], []],
  ])('%j', (selector, yes, no) => {
    for (const labels of yes) expect([labels, matches(selector, labels)]).toEqual([labels, true]);
    for (const labels of no) expect([labels, matches(selector, labels)]).toEqual([labels, false]);
  });

  test('binds || loosest, then &&, then !, as the docs bracket their example', () => {
    // docs: "! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}" is
    // "((!(has(my-label)) || ((my-label starts with 'prod') && (role in {'frontend','business'}))".
    const selector = "! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}";
    expect(matches(selector, {})).toBe(true);
    expect(matches(selector, { 'my-label': 'prod-1', 'role': 'business' })).toBe(true);
    expect(matches(selector, { 'my-label': 'prod-1' })).toBe(false);
    expect(matches(selector, { 'my-label': 'dev', 'role': 'frontend' })).toBe(false);
    expect(calicoSelectorText(parseCalicoSelector(selector)))
      .toBe('(!has(my-label) || (my-label starts with "prod" && role in {"business", "frontend"}))');
  });

  // libcalico-go/lib/selector/parser/parser_test.go `selectorTests`.
  test.each<[string, Record<string, string>, boolean]>([
    ['a == "b" && c == "d"', { a: 'b', c: 'd' }, true],
    ['a == "b" && c == "d"', { a: 'b' }, false],
    ['a == "b" || c == "d"', { c: 'd' }, true],
    ['a in {"\'", \'"\', "c"}', { a: '"' }, true],
    ['a not in {"\'", \'"\', "c"}', { a: "'" }, false],
    ['!a in {"a"}', { a: 'b' }, true],
    ['!!has(b)', { a: 'b' }, false],
    ['!! ! has(a)', { a: 'b' }, false],
    ["a != 'a1' && !b == 'b1'", { a: 'a1', b: 'b1' }, false],
    ['!(!has(a) || has(b))', { a: 'a' }, true],
    ["! a == 'a1' || ! b == 'b1'", { a: 'a1', b: 'b1' }, false],
    ["a != 'a1' || b == 'b1'", { a: 'a1', b: 'b1' }, true],
    ['(a == "x")', { a: 'x' }, true],
    ['a startswith "p"', { a: 'prod' }, true], // the tokenizer allows no space between starts and with
  ])('%j on %j is %s', (selector, labels, expected) => {
    expect(matches(selector, labels)).toBe(expected);
  });

  test('reads label keys with prefixes, dots and slashes', () => {
    expect(matches("projectcalico.org/namespace == 'prod' && app.kubernetes.io/name == 'web'",
      { 'projectcalico.org/namespace': 'prod', 'app.kubernetes.io/name': 'web' })).toBe(true);
  });

  test('can read global() as no namespaced endpoint in a namespace selector', () => {
    // updateprocessors/rules.go rewrites namespaceSelector global() to !has(projectcalico.org/namespace).
    expect(matchesCalicoSelector(parseCalicoSelector('global()'), {}, { namespaces: true })).toBe(false);
    expect(matchesCalicoSelector(parseCalicoSelector('!global()'), {}, { namespaces: true })).toBe(true);
    expect(matchesCalicoSelector(parseCalicoSelector('all()'), {}, { namespaces: true })).toBe(true);
  });

  // The canonical forms of parser_test.go `canonicalisationTests`.
  test.each([
    ['', 'all()'],
    [' (all() )', 'all()'],
    ['! (has( b)||! has(a ))', '!(has(b) || !has(a))'],
    ['! (a == "b"&&! c != "d")', '!(a == "b" && !c != "d")'],
    ['a == \'"\'', 'a == \'"\''],
    ['a endswith "\'"', 'a ends with "\'"'],
    ['a in {"z", "z", "x", "y", "x", "a"}', 'a in {"a", "x", "y", "z"}'],
  ])('can write %j as %j', (input, canonical) => {
    expect(calicoSelectorText(parseCalicoSelector(input))).toBe(canonical);
  });

  test('lists the label keys a selector reads', () => {
    expect(calicoSelectorKeys(parseCalicoSelector("a == 'x' && (has(b) || !c in {'d'}) && all()"))).toEqual(['a', 'b', 'c']);
  });

  // parser_test.go `badSelectors`, each refused with the position where reading stopped.
  test.each<[string, number, string]>([
    ['b == b', 6, 'expected a quoted string'],
    ['b contains b', 12, 'expected a quoted string'],
    ["'b1' == b", 1, 'expected a label'],
    ['b', 2, 'expected an operator'],
    ['a b', 3, 'expected an operator after label "a"'],
    ['!', 2, 'got the end of the selector'],
    ['foo == "bar" &', 14, 'expected &&'],
    ['foo == "bar" |', 14, 'expected ||'],
    ['foo != ||', 8, 'expected a quoted string'],
    ['foo in {"", ||', 13, "expected a quoted string or '}'"],
    ['foo in ""', 8, 'expected a set literal'],
    ['"FOO', 1, 'unterminated string'],
    ["'FOO", 1, 'unterminated string'],
    ['(', 2, 'expected a label'],
    ['(a == "foo"', 12, "expected ')'"],
    [')', 1, "got ')'"],
    ['()', 2, "got ')'"],
    ['%', 1, 'unexpected character "%"'],
    ['a == "b" && %', 13, 'unexpected character'],
    ['a ', 3, 'expected an operator'],
    ['has(foo) &&', 12, 'expected a label'],
    ['a == "b" c == "d"', 10, 'unexpected label "c" after a complete selector'],
    ['has (a)', 5, "expected an operator (==, !=, in, not in, contains, starts with, ends with) after label \"has\", got '('"],
    ["a == 'x'\n", 9, 'unexpected character "\\n"'], // only space and tab are whitespace
    ['a = "b"', 3, 'expected =='],
  ])('throws if the selector is %j', (selector, position, reason) => {
    const parsed = tryParseCalicoSelector(selector);
    expect('error' in parsed).toBe(true);
    const error = (parsed as { error: CalicoSelectorError }).error;
    expect(error.position).toBe(position);
    expect(error.message).toContain(`at character ${position}: `);
    expect(error.reason).toContain(reason);
  });

  test('throws a CalicoSelectorError from parseCalicoSelector', () => {
    expect(() => parseCalicoSelector('a ==')).toThrow(CalicoSelectorError);
  });
});
