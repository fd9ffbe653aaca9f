// Named peers that are not address ranges: the DNS names and entities Cilium policies name, and the cluster DNS.
// Expected values follow Cilium's docs (policy/language "DNS based", "Entities based") and its matchpattern tests.
import { fqdnMatches } from '../../../lib/analyzer/cilium/fqdn';
import { evaluatorFor } from '../../../lib/analyzer/evaluators';
import { exposureOf } from '../../../lib/analyzer/exposure';
import { externalView } from '../../../lib/analyzer/external-peers';
import { Cluster } from '../../../lib/analyzer/types';
import { analyze, apiEgressPolicy, pod } from '../cilium/support';

// The docs' "DNS based" example, plus a pattern and the kube-apiserver entity (docs: "Entities based").
const POLICY = apiEgressPolicy('payments-egress', `
    - toFQDNs:
        - matchName: "api.stripe.com"
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP
    - toFQDNs:
        - matchPattern: "*.s3.amazonaws.com"
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP
    - toEntities:
        - kube-apiserver
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP
`);

const api = pod('prod/api', { app: 'api' }, { ports: [8080] });
const web = pod('prod/web', { app: 'web' }, { ports: [8080] });

function flowsOf(cluster: Cluster, engine: 'cilium' | 'kubernetes' = 'cilium') {
  const view = externalView(cluster, evaluatorFor(engine, cluster));
  return {
    peers: view.peers.map(p => `${p.kind} ${p.name}`),
    flows: view.flows.filter(f => f.direction === 'egress').map(f => `${f.workload.name} -> ${f.peer} ${f.ports.join(', ')}`),
  };
}

describe('named peers', () => {
  const { cluster } = analyze([api, web], POLICY);

  test('every name and entity a Cilium policy names is a peer, and the cluster DNS when no workload is it', () => {
    expect(flowsOf(cluster).peers).toEqual([
      'internet internet',
      'fqdn fqdn:*.s3.amazonaws.com',
      'fqdn fqdn:api.stripe.com',
      'entity entity:kube-apiserver',
      'cluster-dns cluster-dns',
    ]);
    // A name is a destination only; the cluster DNS too.
    const view = externalView(cluster, evaluatorFor('cilium', cluster));
    expect(view.flows.filter(f => f.direction === 'ingress').map(f => f.peer)).not.toContainEqual(expect.stringMatching(/^(fqdn:|cluster-dns)/));
    expect(view.flows.some(f => f.direction === 'ingress' && f.peer === 'entity:kube-apiserver')).toBe(true);
  });

  test('the api reaches each name and the API server on 443 only, and the cluster DNS on 53; web, unselected, reaches everything', () => {
    expect(flowsOf(cluster).flows).toEqual([
      'api -> fqdn:*.s3.amazonaws.com 443/TCP',
      'api -> fqdn:api.stripe.com 443/TCP',
      'api -> entity:kube-apiserver 443/TCP',
      'api -> cluster-dns 53/TCP, 53/UDP',
      // No policy selects web: every peer on every port.
      'web -> internet any port',
      'web -> fqdn:*.s3.amazonaws.com any port',
      'web -> fqdn:api.stripe.com any port',
      'web -> entity:kube-apiserver any port',
      'web -> cluster-dns 53/TCP, 53/UDP',
    ]);
  });

  test('a name is reached by name only: the same address, reached bare, stays denied', () => {
    const evaluator = evaluatorFor('cilium', cluster);
    const self = { kind: 'endpoint' as const, endpoint: api };
    const byName = evaluator.evaluate({ from: self, to: { kind: 'ip', ip: '93.184.216.34', fqdn: 'api.stripe.com' }, port: 443, protocol: 'TCP' });
    const bare = evaluator.evaluate({ from: self, to: { kind: 'ip', ip: '93.184.216.34' }, port: 443, protocol: 'TCP' });
    const otherName = evaluator.evaluate({ from: self, to: { kind: 'ip', ip: '93.184.216.34', fqdn: 'evil.example.com' }, port: 443, protocol: 'TCP' });
    expect([byName.allowed, bare.allowed, otherName.allowed]).toEqual([true, false, false]);
    // Not on another port: toPorts still applies.
    expect(evaluator.evaluate({ from: self, to: { kind: 'ip', ip: '93.184.216.34', fqdn: 'api.stripe.com' }, port: 80, protocol: 'TCP' }).allowed).toBe(false);
  });

  test('an entity address is that entity only: not world, not matched by a CIDR, and `cluster` holds the host but not the API server', () => {
    const { cluster: entities } = analyze([api], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: entities
  namespace: prod
spec:
  endpointSelector:
    matchLabels:
      app: api
  egress:
    - toEntities: [world]
      toPorts: [{ports: [{port: "80", protocol: TCP}]}]
    - toCIDR: [0.0.0.0/0]
      toPorts: [{ports: [{port: "81", protocol: TCP}]}]
    - toEntities: [cluster]
      toPorts: [{ports: [{port: "82", protocol: TCP}]}]
    - toEntities: [host, kube-apiserver]
      toPorts: [{ports: [{port: "83", protocol: TCP}]}]
`);
    const evaluator = evaluatorFor('cilium', entities);
    const self = { kind: 'endpoint' as const, endpoint: api };
    const allowed = (entity: string, port: number) =>
      evaluator.evaluate({ from: self, to: { kind: 'ip', ip: '192.0.2.1', entity }, port, protocol: 'TCP' }).allowed;
    expect([80, 81, 82, 83].map(p => allowed('host', p))).toEqual([false, false, true, true]);
    expect([80, 81, 82, 83].map(p => allowed('kube-apiserver', p))).toEqual([false, false, false, true]);
    expect(flowsOf(entities).peers).toEqual(['internet internet', 'cidr 0.0.0.0/0', 'entity entity:host', 'entity entity:kube-apiserver', 'cluster-dns cluster-dns']);
  });

  test('names and entities are Cilium peers: another engine has none, and no cluster DNS peer when a workload is the DNS', () => {
    const coredns = pod('kube-system/coredns', { 'k8s-app': 'kube-dns' }, { ports: [[53, 'UDP'], [53, 'TCP']] });
    const { cluster: withDns } = analyze([api, coredns], POLICY);
    expect(flowsOf(withDns, 'kubernetes').peers).toEqual(['internet internet']);
    expect(flowsOf(withDns).peers).not.toContain('cluster-dns cluster-dns');
  });

  test('exposure lists what each workload reaches by name, entity and the cluster DNS', () => {
    const result = exposureOf(cluster, 'cilium');
    expect(result.workloads.find(w => w.workload === 'prod/api')!.egress).toEqual([
      { to: 'cluster-dns', ports: ['53/TCP', '53/UDP'] },
      { to: 'entity:kube-apiserver', ports: ['443/TCP'] },
      { to: 'fqdn:*.s3.amazonaws.com', ports: ['443/TCP'] },
      { to: 'fqdn:api.stripe.com', ports: ['443/TCP'] },
    ]);
  });
});

describe('Cilium name matching (pkg/fqdn/matchpattern)', () => {
  test.each([
    // matchName: one name, case and the final dot aside.
    [{ matchName: 'api.stripe.com' }, 'api.stripe.com', true],
    [{ matchName: 'API.Stripe.com.' }, 'api.stripe.com', true],
    [{ matchName: 'api.stripe.com' }, 'x.api.stripe.com', false],
    // `*` stands for DNS characters within one label (zero or more).
    [{ matchPattern: '*.cilium.io' }, 'www.cilium.io', true],
    [{ matchPattern: '*.cilium.io' }, 'cilium.io', false],
    [{ matchPattern: '*.cilium.io' }, 'a.b.cilium.io', false],
    [{ matchPattern: '*cilium.io' }, 'cilium.io', true],
    [{ matchPattern: 'sub*.cilium.io' }, 'subdomain.cilium.io', true],
    // `*` alone: every name.
    [{ matchPattern: '*' }, 'a.b.c.example', true],
  ])('%j matches %s: %s', (selector, name, expected) => {
    expect(fqdnMatches(selector, name)).toBe(expected);
  });
});
