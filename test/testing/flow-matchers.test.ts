import { Testing } from 'cdk8s';
import { KUBE_DNS, SHOP_PODS, pod, shopChart } from './fixtures';
import { declareWorkloads, installMatchers } from '../../lib/testing';

installMatchers();

describe('toAllow and toDeny', () => {
  test('can pass for an allowed flow, and for a denied one', () => {
    // GIVEN
    const chart = shopChart();
    declareWorkloads(chart, SHOP_PODS);
    // THEN
    expect(chart).toAllow({ from: 'prod/web', to: 'prod/api', port: 8080 });
    expect(chart).toDeny({ from: 'prod/web', to: 'prod/db', port: 5432 });
    expect(chart).not.toAllow({ from: 'prod/api', to: 'prod/web', port: 8080 });
    expect(chart).not.toDeny({ from: 'prod/web', to: 'prod/api', port: 8080, protocol: 'TCP' });
  });

  test('can judge a flow to or from an IP address', () => {
    const chart = shopChart();
    declareWorkloads(chart, SHOP_PODS);
    expect(chart).toAllow({ from: 'prod/api', to: '203.0.113.10', port: 443 });
    expect(chart).toDeny({ from: 'prod/api', to: '10.1.2.3', port: 443 });
    expect(chart).toDeny({ from: 'prod/web', to: '203.0.113.10', port: 443 });
    expect(chart).toDeny({ from: '198.51.100.7', to: 'prod/web', port: 8080 });
  });

  test('can judge UDP, and takes the protocol in any case', () => {
    const chart = shopChart();
    declareWorkloads(chart, SHOP_PODS);
    expect(chart).toAllow({ from: 'prod/db', to: 'kube-system/coredns', port: 53, protocol: 'UDP' });
    expect(chart).toAllow({ from: 'prod/db', to: 'kube-system/coredns', port: 53, protocol: 'udp' });
    expect(chart).toDeny({ from: 'prod/web', to: 'prod/api', port: 8080, protocol: 'UDP' });
  });

  test('can take a port name the destination declares', () => {
    const chart = shopChart();
    declareWorkloads(chart, SHOP_PODS);
    expect(chart).toAllow({ from: 'prod/web', to: 'prod/api', port: 'http' });
    expect(chart).toAllow({ from: 'prod/web', to: 'kube-system/coredns', port: 'dns' });
  });

  test('can take ns/Kind/name when two kinds share a name', () => {
    const chart = shopChart();
    declareWorkloads(chart, [...SHOP_PODS, { ...pod('prod', 'api'), kind: 'Job', labels: { app: 'batch' } }]);
    expect(chart).toAllow({ from: 'prod/web', to: 'prod/Pod/api', port: 8080 });
    expect(chart).toDeny({ from: 'prod/web', to: 'prod/Job/api', port: 8080 });
  });

  test('cannot pass for a denied flow: prints the verdict and the trace', () => {
    const chart = shopChart();
    declareWorkloads(chart, SHOP_PODS);
    const fail = () => expect(chart).toAllow({ from: 'prod/web', to: 'prod/db', port: 5432 });
    expect(fail).toThrow(/expect\(target\)\.toAllow\(\{ from: 'prod\/web', to: 'prod\/db', port: 5432 \}\)/);
    expect(fail).toThrow(/Expected prod\/web -> prod\/db 5432\/TCP to be allowed, but it is denied/);
    expect(fail).toThrow(/DENY prod\/web -> prod\/db 5432\/TCP/);
    expect(fail).toThrow(/default-deny-all/);
  });

  test('cannot pass toDeny for an allowed flow: prints the allowing rules', () => {
    const chart = shopChart();
    declareWorkloads(chart, SHOP_PODS);
    const fail = () => expect(chart).toDeny({ from: 'prod/web', to: 'prod/api', port: 8080 });
    expect(fail).toThrow(/to be denied, but it is allowed/);
    expect(fail).toThrow(/ALLOW prod\/web -> prod\/api 8080\/TCP/);
    expect(fail).toThrow(/web-egress-to-api/);
    expect(fail).toThrow(/api-ingress-from-web/);
  });

  test('cannot pass .not.toAllow for an allowed flow', () => {
    const chart = shopChart();
    declareWorkloads(chart, SHOP_PODS);
    expect(() => expect(chart).not.toAllow({ from: 'prod/web', to: 'prod/api', port: 8080 }))
      .toThrow(/expect\(target\)\.not\.toAllow[\s\S]*to be denied, but it is allowed/);
  });

  test('cannot judge an unknown endpoint: says so and lists the endpoints known, negated or not', () => {
    const chart = shopChart();
    declareWorkloads(chart, SHOP_PODS);
    const unknown = { from: 'prod/web', to: 'prod/nope', port: 8080 };
    for (const fail of [() => expect(chart).toAllow(unknown), () => expect(chart).not.toAllow(unknown), () => expect(chart).toDeny(unknown)]) {
      expect(fail).toThrow(/Cannot evaluate: .*prod\/nope/);
      expect(fail).toThrow(/Known endpoints:\n {2}kube-system\/coredns \(Deployment k8s-app=kube-dns\)\n {2}prod\/api \(Pod app=api\)/);
    }
  });

  test('cannot judge a chart without workloads: says how to declare them', () => {
    expect(() => expect(shopChart()).toAllow({ from: 'prod/web', to: 'prod/api', port: 8080 }))
      .toThrow(/no workloads: declare the pods its policies should be judged against with declareWorkloads/);
  });

  test('cannot judge a port name the destination does not declare, nor a name on an address', () => {
    const chart = shopChart();
    declareWorkloads(chart, SHOP_PODS);
    expect(() => expect(chart).toAllow({ from: 'prod/web', to: 'prod/db', port: 'metrics' }))
      .toThrow(/prod\/db declares no container port named "metrics" \(ports: postgres 5432\/TCP\)/);
    expect(() => expect(chart).toDeny({ from: 'prod/api', to: '203.0.113.10', port: 'https' }))
      .toThrow(/port "https" is a name, but 203\.0\.113\.10 is an address/);
  });

  test('cannot judge a bad port or protocol', () => {
    const chart = shopChart();
    declareWorkloads(chart, SHOP_PODS);
    expect(() => expect(chart).toDeny({ from: 'prod/web', to: 'prod/db', port: 0 })).toThrow(/port 0 is not in 1-65535/);
    expect(() => expect(chart).toDeny({ from: 'prod/web', to: 'prod/db', port: 5432, protocol: 'ICMP' as any }))
      .toThrow(/"ICMP" is not a protocol; use one of TCP, UDP, SCTP/);
  });

  test('throws if the target is not an App, a Chart or withWorkloads(...)', () => {
    expect(() => expect({ charts: [] }).toAllow({ from: 'a/b', to: 'a/c', port: 1 }))
      .toThrow(/expected a cdk8s App or Chart, or withWorkloads\(chart, \[\.\.\.\]\), but got an object with keys charts/);
  });

  test('can judge a whole App and one of its charts alike', () => {
    const app = Testing.app();
    const chart = shopChart(app);
    declareWorkloads(app, [pod('prod', 'web'), pod('prod', 'api'), KUBE_DNS]);
    expect(app).toAllow({ from: 'prod/web', to: 'prod/api', port: 8080 });
    expect(chart).toAllow({ from: 'prod/web', to: 'prod/api', port: 8080 });
  });
});

describe('unknown endpoint message', () => {
  test('can list at most 50 endpoints', () => {
    const chart = shopChart();
    declareWorkloads(chart, Array.from({ length: 60 }, (_, i) => pod('bulk', `pod-${String(i).padStart(2, '0')}`)));
    expect(() => expect(chart).toAllow({ from: 'bulk/pod-00', to: 'bulk/nope', port: 80 }))
      .toThrow(/ {2}bulk\/pod-49 \(Pod app=pod-49\)\n {2}\.\.\. and 10 more$/);
  });
});
