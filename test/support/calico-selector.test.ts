import { isOnlyGlobal, selectorError, tokenize } from './validators/calico-selector';

describe('Calico selector syntax (port of libcalico-go tokenizer and parser)', () => {
  test('can accept every construct of the language', () => {
    for (const selector of [
      '',
      '   ',
      'all()',
      'all( )',
      'global()',
      'has(app)',
      'has( app )',
      '!has(app)',
      '!!has(app)',
      'app == \'web\'',
      'app == "web"',
      'app != \'web\'',
      'app.kubernetes.io/name == \'web\'',
      'projectcalico.org/namespace == \'kube-system\'',
      'app in {\'web\', \'api\'}',
      'app not in {\'web\'}',
      'app in {}',
      'app in {\'a\',}',
      'app contains \'we\'',
      'app starts with \'w\'',
      'app ends with \'b\'',
      'has(app) && app == \'web\'',
      'has(a) || has(b) && !has(c)',
      '(has(a) || has(b)) && (c == \'d\')',
      '((all()))',
      'a==\'b\'&&c!=\'d\'',
      'app in{\'web\'}',
    ]) {
      expect([selector, selectorError(selector)]).toEqual([selector, undefined]);
    }
  });

  test('throws if a selector is malformed, with Calico\'s error', () => {
    const cases: Array<[string, string]> = [
      ['app == \'web', 'unterminated string'],
      ['app == "web\'', 'unterminated string'],
      ['app = \'web\'', 'expected =='],
      ['has(a) & has(b)', 'expected &&'],
      ['has(a) | has(b)', 'expected ||'],
      ['has(a', 'no label name in has( expression'],
      ['has(a b)', 'no closing \')\' after has('],
      ['has()', 'no label name in has( expression'],
      ['all(x)', 'no closing \')\' after all('],
      ['app is \'web\'', 'unexpected characters after label \'app\', was expecting an operator'],
      ['app starts \'w\'', 'unexpected characters after label \'app\', was expecting an operator'],
      ['app not \'w\'', 'unexpected characters after label \'app\', was expecting an operator'],
      ['app == web || has(x)', 'expected string'],
      ['app in (\'web\')', 'expected set literal'],
      ['app in {\'web\' \'api\'}', 'expected }'],
      ['(has(a) && has(b)', 'expected )'],
      ['has(a))', 'unexpected content at end of selector'],
      ['has(a) has(b)', 'unexpected content at end of selector'],
      ['has(a) &&', 'unexpected token: eof'],
      ['&& has(a)', 'unexpected token: &&'],
      ['!', 'unexpected token: eof'],
      ['app ==', 'expected string'],
      ['app !', 'expected == or != not: !'],
      ['app == $', 'unexpected characters'],
      // Go's findIdentifier returns "" for an identifier that runs to the end of the input.
      ['app == web', 'unexpected characters'],
      ['app', 'unexpected characters'],
    ];
    for (const [selector, error] of cases) {
      expect([selector, selectorError(selector)]).toEqual([selector, error]);
    }
  });

  test('can tell a selector that is only global()', () => {
    expect(isOnlyGlobal('global()')).toBe(true);
    expect(isOnlyGlobal(' global( ) ')).toBe(true);
    expect(isOnlyGlobal('global() && has(a)')).toBe(false);
    expect(isOnlyGlobal('has(a)')).toBe(false);
    expect(isOnlyGlobal('global(')).toBe(false);
  });

  test('can tokenize like Calico', () => {
    expect(tokenize('a.b/c in {\'x\',"y"} && !has(d) || e starts  with \'f\'')).toEqual([
      { kind: 'label', value: 'a.b/c' },
      { kind: 'in', value: undefined },
      { kind: '{', value: undefined },
      { kind: 'string', value: 'x' },
      { kind: ',', value: undefined },
      { kind: 'string', value: 'y' },
      { kind: '}', value: undefined },
      { kind: '&&', value: undefined },
      { kind: '!', value: undefined },
      { kind: 'has', value: 'd' },
      { kind: '||', value: undefined },
      { kind: 'label', value: 'e' },
      { kind: 'starts with', value: undefined },
      { kind: 'string', value: 'f' },
      { kind: 'eof', value: undefined },
    ]);
  });
});
