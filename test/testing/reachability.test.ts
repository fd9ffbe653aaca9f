import { SHOP_PODS, pod, shopChart } from './fixtures';
import { declareWorkloads, installMatchers } from '../../lib/testing';

installMatchers();

function judgedShop() {
  const chart = shopChart();
  declareWorkloads(chart, [...SHOP_PODS, pod('other', 'client', [{ port: 8080 }])]);
  return chart;
}

const PROD = ['prod/web', 'prod/api', 'prod/db'];

describe('toHaveReachability', () => {
  test('can pass when the allowed flows are exactly the given ones', () => {
    const chart = judgedShop();
    expect(chart).toHaveReachability({ port: 8080, among: PROD, allowed: ['prod/web -> prod/api'] });
    expect(chart).toHaveReachability({ port: 5432, among: PROD, allowed: [] });
    expect(chart).toHaveReachability({ port: 443, among: [...PROD, '203.0.113.10', '10.1.2.3'], allowed: ['prod/api -> 203.0.113.10'] });
  });

  test('can compare every endpoint by default, an endpoint to itself included', () => {
    // `other` has no policies: its pods reach each other, and coredns (no policies either) on 8080.
    expect(judgedShop()).toHaveReachability({
      port: 8080,
      allowed: [
        'prod/web -> prod/api',
        'other/client -> other/client',
        'other/client -> kube-system/coredns',
        'kube-system/coredns -> other/client',
        'kube-system/coredns -> kube-system/coredns',
      ],
    });
  });

  test('can compare on a port name: only destinations declaring it', () => {
    expect(judgedShop()).toHaveReachability({
      port: 'dns',
      allowed: ['prod/web -> kube-system/coredns', 'prod/api -> kube-system/coredns', 'prod/db -> kube-system/coredns', 'other/client -> kube-system/coredns', 'kube-system/coredns -> kube-system/coredns'],
    });
  });

  test('can compare given sources to given destinations', () => {
    const chart = judgedShop();
    // Who reaches prod on 8080, from anywhere in the cluster.
    expect(chart).toHaveReachability({ port: 8080, to: PROD, allowed: ['prod/web -> prod/api'] });
    // Where prod/api goes on 443, addresses included.
    expect(chart).toHaveReachability({
      port: 443,
      from: ['prod/api'],
      to: [...PROD, 'kube-system/coredns', 'other/client', '203.0.113.10', '10.1.2.3'],
      allowed: ['prod/api -> 203.0.113.10'],
    });
    expect(() => expect(chart).toHaveReachability({ port: 8080, from: ['prod/web', 'prod/api'], to: ['prod/api'], allowed: ['prod/api -> prod/web'] }))
      .toThrow(/"prod\/web" in "prod\/api -> prod\/web" is not among the destinations compared/);
  });

  test('cannot pass with a flow missing: lists it with its trace', () => {
    const fail = () => expect(judgedShop()).toHaveReachability({ port: 8080, among: PROD, allowed: ['prod/web -> prod/api', 'prod/api -> prod/db'] });
    expect(fail).toThrow(/Missing \(expected allowed, but denied\):\n {2}- prod\/api -> prod\/db\n {6}DENY prod\/api -> prod\/db 8080\/TCP/);
    expect(fail).toThrow(/Allowed \(complete\):\n {2}prod\/web -> prod\/api/);
  });

  test('cannot pass with a flow unexpected: lists it with its trace', () => {
    const fail = () => expect(judgedShop()).toHaveReachability({ port: 8080, among: PROD, allowed: [] });
    expect(fail).toThrow(/Unexpected \(allowed, but not expected\):\n {2}\+ prod\/web -> prod\/api\n {6}ALLOW prod\/web -> prod\/api 8080\/TCP/);
    expect(fail).not.toThrow(/Missing/);
  });

  test('cannot pass when an expected destination lacks the port name: says so', () => {
    expect(() => expect(judgedShop()).toHaveReachability({ port: 'metrics', allowed: ['prod/api -> prod/web', 'prod/web -> prod/db'] }))
      .toThrow(/flows allowed on port "metrics" from 5 sources to 5 destinations differ[\s\S]*- prod\/web -> prod\/db \(the destination declares no such port\)/);
  });

  test('can be negated', () => {
    const chart = judgedShop();
    expect(chart).not.toHaveReachability({ port: 8080, among: PROD, allowed: [] });
    expect(() => expect(chart).not.toHaveReachability({ port: 8080, among: PROD, allowed: ['prod/web -> prod/api'] }))
      .toThrow(/to differ from the given set, but they are exactly:\n {2}prod\/web -> prod\/api/);
  });

  test('cannot compare a malformed flow, an unknown endpoint, or one not among those compared', () => {
    const chart = judgedShop();
    expect(() => expect(chart).toHaveReachability({ port: 8080, among: PROD, allowed: ['prod/web to prod/api'] }))
      .toThrow(/"prod\/web to prod\/api" is not a flow: write "from -> to"/);
    expect(() => expect(chart).toHaveReachability({ port: 8080, among: ['prod/web', 'prod/nope'], allowed: [] }))
      .toThrow(/prod\/nope[\s\S]*Known endpoints:/);
    expect(() => expect(chart).not.toHaveReachability({ port: 8080, among: PROD, allowed: ['other/client -> prod/web'] }))
      .toThrow(/"other\/client" in "other\/client -> prod\/web" is not among the sources compared \(see among, from, to\)/);
    expect(() => expect(chart).toHaveReachability({ port: 8080, protocol: 'icmp' as any, allowed: [] })).toThrow(/"icmp" is not a protocol/);
    expect(() => expect(chart).toHaveReachability({ port: 443, among: ['203.0.113.10', '10.1.2.3'], allowed: ['10.1.2.3 -> 203.0.113.10'] }))
      .toThrow(/"10.1.2.3 -> 203.0.113.10" joins two addresses/);
  });
});
