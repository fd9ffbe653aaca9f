import * as fc from 'fast-check';
import { ErrorCode, LabelExpression, LabelOperator, Selector } from '../../lib';

const codes = (s: Selector) => s._problems().map(p => p.code);

describe('Selector', () => {
  test('can select everything only through Selector.all()', () => {
    expect(Selector.all().isEmpty).toBe(true);
    expect(Selector.all()._problems()).toEqual([]);
    expect(Selector.all()._toKube()).toEqual({});
    expect(Selector.all().toString()).toBe('*');
  });

  test('throws SELECTOR_EMPTY for an empty label map', () => {
    expect(codes(Selector.labels({}))).toEqual([ErrorCode.SELECTOR_EMPTY]);
    expect(codes(Selector.of({}))).toEqual([ErrorCode.SELECTOR_EMPTY]);
    expect(Selector.labels({})._problems()[0].fix).toContain('Selector.all()');
  });

  test('renders matchLabels and matchExpressions in canonical order', () => {
    const selector = Selector.of({
      matchLabels: { tier: 'web', app: 'shop' },
      matchExpressions: [LabelExpression.notIn('env', ['test', 'dev', 'test']), LabelExpression.exists('team'), LabelExpression.isIn('env', ['prod'])],
    });
    expect(Object.keys(selector.matchLabels)).toEqual(['app', 'tier']);
    expect(selector._toKube()).toEqual({
      matchExpressions: [
        { key: 'env', operator: LabelOperator.IN, values: ['prod'] },
        { key: 'env', operator: LabelOperator.NOT_IN, values: ['dev', 'test'] },
        { key: 'team', operator: LabelOperator.EXISTS },
      ],
      matchLabels: { app: 'shop', tier: 'web' },
    });
    expect(selector.toString()).toBe('app=shop,tier=web,env in (prod),env notin (dev,test),team');
  });

  test('can add requirements immutably', () => {
    const base = Selector.labels({ app: 'web' });
    const narrowed = base.withLabel('tier', 'front').withExpression(LabelExpression.doesNotExist('legacy'));
    expect(base.toString()).toBe('app=web');
    expect(narrowed.toString()).toBe('app=web,tier=front,!legacy');
  });

  test('keeps both requirements when a key is required twice with different values', () => {
    expect(Selector.labels({ app: 'web' }).withLabel('app', 'db').toString()).toBe('app=web,app in (db)');
    expect(Selector.labels({ app: 'web' }).withLabel('app', 'web').toString()).toBe('app=web');
  });

  test('can name a namespace through kubernetes.io/metadata.name', () => {
    expect(Selector.namespaceNamed('prod').matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'prod' });
    expect(Selector.namespaceNamed('prod').namespaceName).toBe('prod');
    expect(Selector.labels({ team: 'a' }).namespaceName).toBeUndefined();
  });

  test.each([
    ['app/name/x', 'v', ErrorCode.LABEL_KEY_INVALID],
    ['-app', 'v', ErrorCode.LABEL_KEY_INVALID],
    ['Example.COM/app', 'v', ErrorCode.LABEL_KEY_INVALID],
    ['a'.repeat(64), 'v', ErrorCode.LABEL_KEY_INVALID],
    ['/app', 'v', ErrorCode.LABEL_KEY_INVALID],
    ['app', '-web', ErrorCode.LABEL_VALUE_INVALID],
    ['app', 'web app', ErrorCode.LABEL_VALUE_INVALID],
    ['app', 'w'.repeat(64), ErrorCode.LABEL_VALUE_INVALID],
  ])('throws for label %s=%s with %s', (key, value, code) => {
    expect(codes(Selector.labels({ [key]: value }))).toEqual([code]);
  });

  test('accepts the label syntax Kubernetes accepts', () => {
    expect(codes(Selector.labels({ 'app.kubernetes.io/name': 'web', 'a_b.c-d': 'V1.2_x', 'k': '' }))).toEqual([]);
  });

  test('throws SELECTOR_EXPRESSION_INVALID for In/NotIn without values', () => {
    expect(codes(Selector.of({ matchExpressions: [LabelExpression.isIn('env', [])] }))).toEqual([ErrorCode.SELECTOR_EXPRESSION_INVALID]);
    expect(codes(Selector.of({ matchExpressions: [LabelExpression.notIn('env', [])] }))).toEqual([ErrorCode.SELECTOR_EXPRESSION_INVALID]);
    expect(codes(Selector.of({ matchExpressions: [LabelExpression.isIn('bad key', ['x'])] }))).toEqual([ErrorCode.LABEL_KEY_INVALID]);
  });

  test('canonical form does not depend on the order labels were given (property)', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
    fc.assert(fc.property(fc.dictionary(key, key, { minKeys: 1, maxKeys: 6 }), labels => {
      const reversed = Object.fromEntries(Object.entries(labels).reverse());
      expect(Selector.labels(reversed).toString()).toBe(Selector.labels(labels).toString());
      expect(JSON.stringify(Selector.labels(reversed)._toKube())).toBe(JSON.stringify(Selector.labels(labels)._toKube()));
    }));
  });
});
