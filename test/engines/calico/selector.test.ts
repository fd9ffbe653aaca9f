import * as fc from 'fast-check';
import { matchesCalicoSelector, parseCalicoSelector } from '../../../lib/analyzer/calico/selector';
import { calicoSelector, calicoSelectorProblems } from '../../../lib/engines/calico/selector';
import { ErrorCode, LabelExpression, LabelOperator, Selector } from '../../../lib/model';
import { netpolError } from '../../support/helpers';

describe('calicoSelector', () => {
  test('can write matchLabels as k == \'v\' joined with &&, by key', () => {
    expect(calicoSelector(Selector.labels({ tier: 'api', app: 'web' }))).toBe("app == 'web' && tier == 'api'");
  });

  test('can write In, NotIn, Exists and DoesNotExist after matchLabels, in canonical order', () => {
    const selector = Selector.of({
      matchLabels: { app: 'web' },
      matchExpressions: [
        LabelExpression.doesNotExist('legacy'),
        LabelExpression.notIn('env', ['qa', 'dev']),
        LabelExpression.isIn('tier', ['front', 'api']),
        LabelExpression.exists('team'),
      ],
    });
    expect(calicoSelector(selector)).toBe("app == 'web' && !has(legacy) && env not in {'dev', 'qa'} && has(team) && tier in {'api', 'front'}");
  });

  test('can write the empty selector as all()', () => {
    expect(calicoSelector(Selector.all())).toBe('all()');
  });

  test('can write prefixed keys and empty values', () => {
    expect(calicoSelector(Selector.labels({ 'app.kubernetes.io/name': 'ingress-nginx', 'flag': '' }))).toBe("app.kubernetes.io/name == 'ingress-nginx' && flag == ''");
  });

  test('can quote a value holding a single quote with double quotes (Calico strings have no escapes)', () => {
    const selector = Selector.labels({ note: "it's" });
    expect(calicoSelector(selector)).toBe('note == "it\'s"');
    expect(parseCalicoSelector(calicoSelector(selector))).toEqual({ op: '==', key: 'note', value: "it's" });
    expect(calicoSelectorProblems(selector)).toEqual([]);
  });

  test('throws CALICO_SELECTOR_UNQUOTABLE for a value holding both quote characters', () => {
    const selector = Selector.of({ matchLabels: { a: 'x\'"y' }, matchExpressions: [LabelExpression.isIn('b', ['ok', '"\'']), LabelExpression.exists('bad key')] });
    expect(calicoSelectorProblems(selector).map(p => [p.code, p.field])).toEqual([
      [ErrorCode.CALICO_SELECTOR_UNQUOTABLE, 'matchLabels["a"]'],
      [ErrorCode.CALICO_SELECTOR_UNQUOTABLE, 'matchExpressions[0].values[0]'],
      [ErrorCode.CALICO_SELECTOR_UNQUOTABLE, 'matchExpressions[1].key'],
    ]);
    // calicoSelectorProblems refuses it first: the renderer reached with it is a bug, never a mis-quoted selector.
    const error = netpolError(() => calicoSelector(selector));
    expect([error.code, error.value]).toEqual([ErrorCode.INTERNAL, 'x\'"y']);
  });

  test('means what the Kubernetes selector means, read by a port of Calico\'s parser (property)', () => {
    // Kubernetes label selector semantics, written out independently of the renderer.
    const kubeMatches = (s: Selector, labels: Record<string, string>) =>
      Object.entries(s.matchLabels).every(([k, v]) => labels[k] === v) && s.matchExpressions.every(e => {
        const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
        switch (e.labelOperator) {
          case LabelOperator.IN: return has(e.key) && e.values.includes(labels[e.key]);
          case LabelOperator.NOT_IN: return !has(e.key) || !e.values.includes(labels[e.key]);
          case LabelOperator.EXISTS: return has(e.key);
          case LabelOperator.DOES_NOT_EXIST: return !has(e.key);
        }
      });
    const key = fc.constantFrom('app', 'tier', 'app.kubernetes.io/name', 'x_y.z');
    const value = fc.constantFrom('', 'a', 'b', 'web', 'v1.2', "o'k");
    const expression = fc.oneof(
      fc.tuple(key, fc.array(value, { minLength: 1, maxLength: 3 })).map(([k, vs]) => LabelExpression.isIn(k, vs)),
      fc.tuple(key, fc.array(value, { minLength: 1, maxLength: 3 })).map(([k, vs]) => LabelExpression.notIn(k, vs)),
      key.map(k => LabelExpression.exists(k)),
      key.map(k => LabelExpression.doesNotExist(k)),
    );
    const selector = fc.record({ matchLabels: fc.dictionary(key, value, { maxKeys: 2 }), matchExpressions: fc.array(expression, { maxLength: 3 }) })
      .map(o => Selector.of(o));
    fc.assert(fc.property(selector, fc.dictionary(key, value, { maxKeys: 4 }), (s, labels) => {
      const parsed = parseCalicoSelector(calicoSelector(s));
      expect(matchesCalicoSelector(parsed, labels)).toBe(kubeMatches(s, labels));
    }), { numRuns: 500 });
  });

  test('does not depend on the order labels and expressions were given (property)', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
    fc.assert(fc.property(fc.dictionary(key, key, { maxKeys: 5 }), fc.array(key, { maxLength: 4 }), (labels, keys) => {
      const expressions = keys.map(k => LabelExpression.exists(k));
      const a = Selector.of({ matchLabels: labels, matchExpressions: expressions });
      const b = Selector.of({ matchLabels: Object.fromEntries(Object.entries(labels).reverse()), matchExpressions: [...expressions].reverse() });
      expect(calicoSelector(b)).toBe(calicoSelector(a));
    }));
  });
});
