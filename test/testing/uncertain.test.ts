import { ApiObject, Chart, Testing } from 'cdk8s';
import { declaredManifestsOf, declaredPodCidrsOf } from '../../lib/analyzer/declared';
import { DEFAULT_POD_CIDRS, WorkloadSpec, declareWorkloads, installMatchers, withWorkloads } from '../../lib/testing';

installMatchers();

// The guestbook pattern: prod/db admits 5432 from 10.72.0.0/16 except 10.72.10.0/24, ingress is denied by default.
// An ipBlock matches pod IPs too (Kubernetes NetworkPolicy docs, "ipBlock"), so whether a pod without declared IPs
// reaches the database depends on where it sits in the pod CIDRs: the matchers refuse to guess.

function guestbook(): Chart {
  const chart = new Chart(Testing.app(), 'guestbook', { namespace: 'prod' });
  new ApiObject(chart, 'Deny', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny-ingress' },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  });
  new ApiObject(chart, 'DbIngress', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'db-ingress' },
    spec: {
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ ipBlock: { cidr: '10.72.0.0/16', except: ['10.72.10.0/24'] } }], ports: [{ port: 5432 }] }],
    },
  });
  return chart;
}

const attacker = (ips?: string[]): WorkloadSpec => ({ namespace: 'prod', name: 'attacker', labels: { app: 'attacker' }, ...(ips ? { ips } : {}) });
const db: WorkloadSpec = { namespace: 'prod', name: 'db', labels: { app: 'db' }, ports: [{ port: 5432 }] };
const FLOW = { from: 'prod/attacker', to: 'prod/db', port: 5432 };

describe('matchers on an uncertain verdict', () => {
  test('toDeny fails and says which pod, which ipBlock, and how to decide', () => {
    const chart = guestbook();
    declareWorkloads(chart, [attacker(), db]);
    const fail = () => expect(chart).toDeny(FLOW);
    expect(fail).toThrow('Expected prod/attacker -> prod/db 5432/TCP to be denied, but the verdict is uncertain:');
    expect(fail).toThrow('prod/attacker has no known IP; whether it is in ipBlock(10.72.0.0/16 except 10.72.10.0/24) of NetworkPolicy prod/db-ingress decides the verdict');
    expect(fail).toThrow('(default pod CIDRs 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7)');
    expect(fail).toThrow('declare the pod\'s IP with `ips: [...]`');
    expect(fail).toThrow('declareWorkloads(scope, workloads, { podCidrs: [...] })');
    expect(fail).toThrow(/The trace for a pod in no address peer:\n {2}DENY prod\/attacker -> prod\/db 5432\/TCP\n/);
  });

  test('fails negated or not, toAllow as toDeny', () => {
    const chart = guestbook();
    declareWorkloads(chart, [attacker(), db]);
    expect(() => expect(chart).toAllow(FLOW)).toThrow(/to be allowed, but the verdict is uncertain/);
    expect(() => expect(chart).not.toAllow(FLOW)).toThrow(/expect\(target\)\.not\.toAllow[\s\S]*to be denied, but the verdict is uncertain/);
    expect(() => expect(chart).not.toDeny(FLOW)).toThrow(/to be allowed, but the verdict is uncertain/);
  });

  test('toHaveReachability fails negated or not, listing the uncertain flows', () => {
    const chart = guestbook();
    declareWorkloads(chart, [attacker(), db]);
    const spec = { port: 5432, allowed: [] };
    const fail = () => expect(chart).toHaveReachability(spec);
    expect(fail).toThrow('The allowed flows cannot be told: 2 verdicts are uncertain.');
    // The database's own replicas may sit in the block as well.
    expect(fail).toThrow('? prod/attacker -> prod/db (denied for a pod in no address peer)');
    expect(fail).toThrow('? prod/db -> prod/db (denied for a pod in no address peer)');
    expect(fail).toThrow('declareWorkloads(scope, workloads, { podCidrs: [...] })');
    expect(() => expect(chart).not.toHaveReachability(spec)).toThrow(/2 verdicts are uncertain/);
  });
});

describe('declaring what decides it', () => {
  test.each([
    ['pod CIDRs outside the block: denied', { podCidrs: ['10.244.0.0/16'] }, undefined, false],
    ['pod CIDRs inside the block, outside the except: allowed', { podCidrs: ['10.72.20.0/24'] }, undefined, true],
    ['the attacker\'s IP in the block: allowed', {}, ['10.72.3.4'], true],
    ['the attacker\'s IP in the except: denied', {}, ['10.72.10.5'], false],
  ])('%s', (_, options, ips, allowed) => {
    const chart = guestbook();
    declareWorkloads(chart, [attacker(ips), db], options);
    if (allowed) expect(chart).toAllow(FLOW);
    else expect(chart).toDeny(FLOW);
  });

  test('pod CIDRs split by the except stay uncertain', () => {
    const chart = guestbook();
    declareWorkloads(chart, [attacker(), db], { podCidrs: ['10.72.0.0/16'] });
    expect(() => expect(chart).toDeny(FLOW)).toThrow(/the verdict is uncertain:\n {2}prod\/attacker has no known IP; [^\n]*\(pod CIDRs 10\.72\.0\.0\/16\)/);
  });

  test('toHaveReachability passes once the pod CIDRs decide, and pod CIDRs apply to withWorkloads targets too', () => {
    const chart = guestbook();
    declareWorkloads(chart, [], { podCidrs: ['10.72.20.0/24'] });
    expect(withWorkloads(chart, [attacker(), db])).toHaveReachability({ port: 5432, allowed: ['prod/attacker -> prod/db', 'prod/db -> prod/db'] });
  });
});

describe('declareWorkloads options', () => {
  test('pod CIDRs are checked where they are declared', () => {
    const chart = guestbook();
    expect(() => declareWorkloads(chart, [], { podCidrs: ['10.244.0.1'] }))
      .toThrow('declareWorkloads: podCidrs: "10.244.0.1" is not a pod CIDR: a CIDR has a prefix length, e.g. "10.244.0.1/16"');
    expect(() => declareWorkloads(chart, [], { podCidrs: [] })).toThrow(/declareWorkloads: podCidrs: expected a non-empty list of CIDRs/);
    expect(declaredPodCidrsOf(chart)).toBeUndefined();
  });

  test('declarations add up per App, and the analyzer layer reads them', () => {
    const chart = guestbook();
    declareWorkloads(chart, [db], { podCidrs: ['10.244.0.0/16'] });
    declareWorkloads(chart.node.root, [attacker()], { podCidrs: ['fd00:10:244::/56', '10.244.0.0/16'] });
    expect(declaredPodCidrsOf(chart)).toEqual(['10.244.0.0/16', 'fd00:10:244::/56']);
    expect(declaredManifestsOf(chart).map(m => `${m.kind} ${m.metadata.name}`)).toEqual(['Pod db', 'Pod attacker']);
    expect(declaredPodCidrsOf(Testing.app())).toBeUndefined();
  });

  test('the default pod CIDRs are exported for tests that want to say them', () => {
    expect(DEFAULT_POD_CIDRS).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']);
  });
});
