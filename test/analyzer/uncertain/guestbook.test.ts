import { clusterOf, denyIngress, judge, outcome, pod } from './support';
import { EngineName, evaluatorFor } from '../../../lib/analyzer/evaluators';
import { explainText } from '../../../lib/analyzer/explain';
import { computeMatrix } from '../../../lib/analyzer/matrix';

// The guestbook pattern: prod/db admits 5432 from an ipBlock, ingress is denied by default, and the pods come from
// a cdk8s app, so their IPs are not known. Whether prod/attacker reaches the database depends on where it sits:
// - Kubernetes: an ipBlock matches any address in `cidr` and outside every `except`, pod IPs included
//   (kubernetes.io/docs/concepts/services-networking/network-policies, "ipBlock");
// - Calico: `nets` match the source address, `notNets` exclude it; Kubernetes ipBlocks are Calico nets too;
// - Cilium: CIDR rules (and NetworkPolicy ipBlocks under Cilium) never select pods, which Cilium tells by identity.

const GUESTBOOK = `
${denyIngress('prod')}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-ingress, namespace: prod}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress:
  - from: [{ipBlock: {cidr: 10.72.0.0/16, except: [10.72.10.0/24]}}]
    ports: [{port: 5432}]
`;

const CALICO_GUESTBOOK = `
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: db-ingress, namespace: prod}
spec:
  selector: app == 'db'
  types: [Ingress]
  ingress:
  - action: Allow
    protocol: TCP
    source: {nets: [10.72.0.0/16], notNets: [10.72.10.0/24]}
    destination: {ports: [5432]}
`;

const CILIUM_GUESTBOOK = `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: db-ingress, namespace: prod}
spec:
  endpointSelector: {matchLabels: {app: db}}
  ingress:
  - fromCIDRSet: [{cidr: 10.72.0.0/16, except: [10.72.10.0/24]}]
    toPorts: [{ports: [{port: "5432", protocol: TCP}]}]
`;

const attacker = (ips: string[] = []) => pod('prod/attacker', { app: 'attacker' }, ips);
const db = pod('prod/db', { app: 'db' });

// [engine, policies, the address peer as the assumption names it]
const CASES: [EngineName, string, string][] = [
  ['kubernetes', GUESTBOOK, 'ipBlock(10.72.0.0/16 except 10.72.10.0/24) of NetworkPolicy prod/db-ingress'],
  ['cluster-network-policy', GUESTBOOK, 'ipBlock(10.72.0.0/16 except 10.72.10.0/24) of NetworkPolicy prod/db-ingress'],
  ['calico', GUESTBOOK, 'ipBlock(10.72.0.0/16 except 10.72.10.0/24) of NetworkPolicy prod/db-ingress'],
  ['calico', CALICO_GUESTBOOK, 'nets(10.72.0.0/16) notNets(10.72.10.0/24) of Calico NetworkPolicy prod/db-ingress'],
];

describe.each(CASES)('guestbook pattern on %s', (engine, policies, peer) => {
  test('without IPs: uncertain, naming the pod and the address peer', () => {
    const v = judge(clusterOf([attacker(), db], policies), engine, 'prod/attacker', 'prod/db');
    expect(outcome(v)).toBe('UNCERTAIN (DENY)');
    expect(v.assumption).toBe(`prod/attacker has no known IP; whether it is in ${peer} decides the verdict `
      + '(default pod CIDRs 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7): declare its IP or the pod CIDRs');
  });

  test.each([
    ['pod CIDRs outside the block', [], ['10.244.0.0/16'], 'DENY'],
    ['the attacker inside the block', ['10.72.3.4'], undefined, 'ALLOW'],
    ['the attacker inside the except', ['10.72.10.5'], undefined, 'DENY'],
    ['pod CIDRs split by the except', [], ['10.72.0.0/16'], 'UNCERTAIN (DENY)'],
    ['pod CIDRs inside the block, outside the except', [], ['10.72.20.0/24'], 'ALLOW'],
    ['pod CIDRs inside the except', [], ['10.72.10.0/24'], 'DENY'],
    ['an IPv6-only cluster', [], ['fd00:10:244::/56'], 'DENY'],
    ['a dual-stack cluster whose IPv4 pod CIDR is in the block', [], ['10.72.20.0/24', 'fd00:10:244::/56'], 'UNCERTAIN (DENY)'],
  ])('%s', (_, ips, podCidrs, expected) => {
    const v = judge(clusterOf([attacker(ips), db], policies, podCidrs), engine, 'prod/attacker', 'prod/db');
    expect(outcome(v)).toBe(expected);
    if (v.certain) expect(v.assumption).toBeUndefined();
  });

  test('a certain ALLOW found by placing the pod shows the rule that allows it', () => {
    const v = judge(clusterOf([attacker(), db], policies, ['10.72.20.0/24']), engine, 'prod/attacker', 'prod/db');
    expect(v.trace.find(e => e.direction === 'ingress')?.action).toBe('Allow');
  });

  test('the database itself has no IP, but its address decides nothing here', () => {
    const v = judge(clusterOf([attacker(['10.72.3.4']), db], policies), engine, 'prod/attacker', 'prod/db');
    expect(outcome(v)).toBe('ALLOW');
  });

  test('an address outside the cluster is judged as before', () => {
    const cluster = clusterOf([attacker(), db], policies);
    expect(outcome(judge(cluster, engine, '10.72.3.4', 'prod/db'))).toBe('ALLOW');
    expect(outcome(judge(cluster, engine, '10.72.10.5', 'prod/db'))).toBe('DENY');
  });
});

describe('guestbook pattern on cilium: CIDR rules never select pods, so nothing is uncertain', () => {
  test.each([
    ['a NetworkPolicy ipBlock', GUESTBOOK],
    ['a CiliumNetworkPolicy fromCIDRSet', CILIUM_GUESTBOOK],
  ])('%s', (_, policies) => {
    for (const [ips, podCidrs] of [[[], undefined], [[], ['10.72.0.0/16']], [['10.72.3.4'], undefined]] as [string[], string[] | undefined][]) {
      const v = judge(clusterOf([attacker(ips), db], policies, podCidrs), 'cilium', 'prod/attacker', 'prod/db');
      expect(outcome(v)).toBe('DENY');
    }
    expect(evaluatorFor('cilium', clusterOf([attacker(), db], policies, ['10.72.0.0/16'])).podAddressesMatter).toBe(false);
  });
});

describe('explain and the matrix mark uncertain verdicts', () => {
  test('explain: the assumption follows the verdict line', () => {
    const cluster = clusterOf([attacker(), db], GUESTBOOK);
    const flow = { from: { kind: 'endpoint' as const, endpoint: cluster.endpoints[0] }, to: { kind: 'endpoint' as const, endpoint: cluster.endpoints[1] }, port: 5432, protocol: 'TCP' as const };
    const text = explainText(flow, evaluatorFor('kubernetes', cluster).evaluate(flow)).split('\n');
    expect(text[0]).toBe('DENY prod/attacker -> prod/db 5432/TCP');
    expect(text[1]).toMatch(/^ {2}uncertain: prod\/attacker has no known IP; whether it is in ipBlock\(10\.72\.0\.0\/16 except 10\.72\.10\.0\/24\)/);
  });

  test('matrix: a denied uncertain flow is listed as may be allowed, certain flows are unmarked', () => {
    const web = pod('prod/web', { app: 'web' }, [], [8080]);
    const cluster = clusterOf([attacker(), db, web], GUESTBOOK);
    const entries = computeMatrix(cluster, evaluatorFor('kubernetes', cluster))
      .map(e => [`${e.from.name} -> ${e.to.name} ${e.port}`, e.certain, e.allowed, e.assumption?.split(';')[0]]);
    // Every pod may be in the block: each one may reach the database. The default deny closes web:8080.
    expect(entries).toEqual([
      ['attacker -> db 5432', false, false, 'prod/attacker has no known IP'],
      ['web -> db 5432', false, false, 'prod/web has no known IP'],
    ]);
  });

  test('matrix: with pod CIDRs inside the block, every pod reaches the database for certain', () => {
    const cluster = clusterOf([attacker(), db], GUESTBOOK, ['10.72.20.0/24']);
    const entries = computeMatrix(cluster, evaluatorFor('kubernetes', cluster));
    expect(entries.map(e => [`${e.from.name} -> ${e.to.name}`, e.certain])).toEqual([['attacker -> db', undefined]]);
  });
});
