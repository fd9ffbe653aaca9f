import { Testing } from 'cdk8s';
import { SHOP_PODS, shopChart } from './fixtures';
import { AllowFlow, Port, Selector, Subject } from '../../lib';
import { declareWorkloads, installMatchers } from '../../lib/testing';

installMatchers();

/** The shop (web -> api on 8080), and the same shop with one more intent: api -> db on 5432. */
function before() {
  const chart = shopChart(Testing.app());
  declareWorkloads(chart, SHOP_PODS);
  return chart;
}
function withDb() {
  const chart = before();
  new AllowFlow(chart, 'ApiToDb', { source: Subject.pods(Selector.labels({ app: 'api' })), destination: Subject.pods(Selector.labels({ app: 'db' })), ports: [Port.tcp(5432)] });
  return chart;
}

describe('toChangeReachabilityOf', () => {
  test('passes when the change opens and closes exactly the listed flows', () => {
    expect(withDb()).toChangeReachabilityOf(before(), { added: ['prod/api -> prod/db 5432'] });
    expect(before()).toChangeReachabilityOf(withDb(), { removed: ['prod/api -> prod/db 5432/TCP'] });
    expect(before()).toChangeReachabilityOf(before());
  });

  test('fails on a change not listed, with its trace, and on a listed change that did not happen', () => {
    expect(() => expect(withDb()).toChangeReachabilityOf(before())).toThrow(/unexpected, newly allowed: prod\/api -> prod\/db 5432\/TCP\n\s+egress/);
    expect(() => expect(before()).toChangeReachabilityOf(before(), { added: ['prod/web -> prod/db 5432'] }))
      .toThrow('expected newly allowed, but not: prod/web -> prod/db 5432/TCP');
    expect(() => expect(withDb()).not.toChangeReachabilityOf(before(), { added: ['prod/api -> prod/db 5432'] }))
      .toThrow('Expected another change under kubernetes, but it is exactly:\n  + prod/api -> prod/db 5432/TCP');
  });

  test('cannot evaluate a flow it cannot read, with or without .not', () => {
    expect(() => expect(before()).toChangeReachabilityOf(before(), { added: ['prod/api to prod/db'] })).toThrow('is not a flow');
    expect(() => expect(before()).not.toChangeReachabilityOf(before(), { added: ['prod/api to prod/db'] })).toThrow('is not a flow');
  });
});
