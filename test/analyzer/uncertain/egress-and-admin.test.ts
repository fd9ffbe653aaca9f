import { clusterOf, judge, outcome, pod } from './support';
import { evaluatorFor } from '../../../lib/analyzer/evaluators';
import { computeMatrix } from '../../../lib/analyzer/matrix';

// ThreeTierApp's internet egress: `0.0.0.0/0 except 10/8, 172.16/12, 192.168/16`. No pod in the private ranges is
// in it, so no verdict about pods depends on their place. An admin policy whose Deny and Allow networks overlap at
// different priorities (AdminNetworkPolicy: lower priority number first, first matching rule decides; egress
// `networks` match pod IPs too: network-policy-api apis/v1alpha1 AdminNetworkPolicyEgressPeer.Networks) does.

const INTERNET_EGRESS = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-egress, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]}}]
    ports: [{port: 443}]
`;

const web = pod('prod/web', { app: 'web' }, [], [8080]);
const api = pod('prod/api', { app: 'api' }, [], [443]);

describe('an internet egress that excepts the private ranges', () => {
  test('stays certain with the default pod CIDRs: no pod is on the internet', () => {
    const cluster = clusterOf([web, api], INTERNET_EGRESS);
    expect(evaluatorFor('kubernetes', cluster).podAddressesMatter).toBe(false);
    expect(outcome(judge(cluster, 'kubernetes', 'prod/web', 'prod/api', 443))).toBe('DENY');
    expect(outcome(judge(cluster, 'kubernetes', 'prod/web', '203.0.113.7', 443))).toBe('ALLOW');
    expect(outcome(judge(cluster, 'calico', 'prod/web', 'prod/api', 443))).toBe('DENY');
  });

  test('pod CIDRs outside the excepted ranges (100.64.0.0/10) put every pod in the block: a certain ALLOW', () => {
    const cluster = clusterOf([web, api], INTERNET_EGRESS, ['100.64.0.0/10']);
    expect(outcome(judge(cluster, 'kubernetes', 'prod/web', 'prod/api', 443))).toBe('ALLOW');
  });
});

const ADMIN = `
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: deny-lab}
spec:
  priority: 10
  subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: prod}}}
  egress:
  - {name: lab, action: Deny, to: [{networks: [10.72.10.0/24]}]}
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: allow-prod-net}
spec:
  priority: 20
  subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: prod}}}
  egress:
  - {name: prod-net, action: Allow, to: [{networks: [10.72.0.0/16]}]}
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  egress:
  - {name: deny-all, action: Deny, to: [{networks: [0.0.0.0/0, "::/0"]}]}
`;

describe('admin tiers: Deny and Allow networks at different priorities', () => {
  const client = pod('prod/client', { app: 'client' }, [], []);
  const db = pod('prod/db', { app: 'db' });

  // For a destination without IP no network matches, so the base verdict is ALLOW (nothing decides);
  // placed, it is denied in 10.72.10.0/24 (priority 10), allowed elsewhere in 10.72.0.0/16 (priority 20),
  // and denied by the baseline anywhere else.
  test.each([
    ['default pod CIDRs', undefined, 'UNCERTAIN (ALLOW)'],
    ['pod CIDRs in the denied /24', ['10.72.10.0/24'], 'DENY'],
    ['pod CIDRs in the allowed /16, outside the /24', ['10.72.20.0/24'], 'ALLOW'],
    ['pod CIDRs across both', ['10.72.0.0/16'], 'UNCERTAIN (ALLOW)'],
    ['pod CIDRs elsewhere: the baseline denies', ['10.244.0.0/16'], 'DENY'],
  ])('%s', (_, podCidrs, expected) => {
    const cluster = clusterOf([client, db], ADMIN, podCidrs);
    expect(outcome(judge(cluster, 'kubernetes', 'prod/client', 'prod/db'))).toBe(expected);
    expect(outcome(judge(cluster, 'cluster-network-policy', 'prod/client', 'prod/db'))).toBe(expected);
  });

  test('the assumption names the destination and the networks whose membership decides', () => {
    const everywhere = judge(clusterOf([client, db], ADMIN), 'kubernetes', 'prod/client', 'prod/db');
    expect(everywhere.assumption).toBe('prod/db has no known IP; whether it is in networks(10.72.10.0/24) of AdminNetworkPolicy deny-lab '
      + 'or networks(10.72.0.0/16) of AdminNetworkPolicy allow-prod-net decides the verdict '
      + '(default pod CIDRs 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7): declare its IP or the pod CIDRs');
    // Inside 10.72.0.0/16 every place is in the allowed network: only the denied /24 decides.
    const inside = judge(clusterOf([client, db], ADMIN, ['10.72.0.0/16']), 'kubernetes', 'prod/client', 'prod/db');
    expect(inside.assumption).toBe('prod/db has no known IP; whether it is in networks(10.72.10.0/24) of AdminNetworkPolicy deny-lab '
      + 'decides the verdict (pod CIDRs 10.72.0.0/16): declare its IP or the pod CIDRs');
  });

  test('a known destination IP settles it', () => {
    const placed = (ip: string) => clusterOf([client, pod('prod/db', { app: 'db' }, [ip])], ADMIN);
    expect(outcome(judge(placed('10.72.10.9'), 'kubernetes', 'prod/client', 'prod/db'))).toBe('DENY');
    expect(outcome(judge(placed('10.72.11.9'), 'kubernetes', 'prod/client', 'prod/db'))).toBe('ALLOW');
    expect(outcome(judge(placed('10.99.0.1'), 'kubernetes', 'prod/client', 'prod/db'))).toBe('DENY');
  });

  test('the matrix keeps an uncertain ALLOW, marked', () => {
    const cluster = clusterOf([client, db], ADMIN, ['10.72.0.0/16']);
    const entries = computeMatrix(cluster, evaluatorFor('kubernetes', cluster));
    expect(entries.map(e => [`${e.from.name} -> ${e.to.name}`, e.certain, e.allowed])).toEqual([['client -> db', false, true]]);
  });
});
