import { analyzeCalico } from './support';
import { calicoEvaluator } from '../../../lib/analyzer/calico/evaluator';
import { explainText } from '../../../lib/analyzer/explain';
import { computeMatrix } from '../../../lib/analyzer/matrix';
import { Endpoint } from '../../../lib/analyzer/types';

const POLICIES = `
apiVersion: projectcalico.org/v3
kind: Tier
metadata:
  name: security
spec:
  order: 100
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: security.quarantine
spec:
  tier: security
  order: 1
  selector: pod == 'c'
  types: [Ingress, Egress]
  ingress:
  - action: Deny
    source:
      namespaceSelector: ns == 'z'
  - action: Pass
  egress:
  - action: Pass
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-x
  namespace: x
spec:
  podSelector: {}
  ingress:
  - from:
    - podSelector:
        matchLabels:
          pod: b
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: y-egress
  namespace: y
spec:
  selector: pod == 'a'
  egress:
  - action: Allow
    protocol: UDP
    destination:
      ports: [80]
`;

describe('Calico evaluator output', () => {
  test('lists its policies in evaluation order: tier by tier, by order then name', () => {
    const a = analyzeCalico(POLICIES);
    expect(calicoEvaluator(a.cluster).policies.map(p => `${p.tier} ${p.order ?? '-'} ${p.id}`)).toEqual([
      'security 1 GlobalNetworkPolicy security.quarantine',
      'default 1000 NetworkPolicy x/deny-x (knp, order 1000, tier default)',
      'default - Calico NetworkPolicy y/y-egress',
    ]);
  });

  test('explains a verdict tier by tier', () => {
    const a = analyzeCalico(POLICIES);
    const [from, to] = ['y/c', 'x/c'].map(ref => a.cluster.endpoints.find(e => `${e.namespace}/${e.name}` === ref)!);
    const flow = { from: { kind: 'endpoint' as const, endpoint: from }, to: { kind: 'endpoint' as const, endpoint: to }, port: 80, protocol: 'TCP' as const };
    expect(explainText(flow, a.evaluator.evaluate(flow))).toBe([
      'DENY y/c -> x/c 80/TCP',
      '  egress  GlobalNetworkPolicy security.quarantine egress[0] priority 1: Pass (all traffic)',
      '  egress  Profile kns.y: Allow (every tier that applies passed it; the namespace\'s profile allows egress)',
      '  ingress GlobalNetworkPolicy security.quarantine ingress[1] priority 1: Pass (all traffic)',
      '  ingress default: Isolated (end of tier default: NetworkPolicy x/deny-x (knp, order 1000, tier default) applies to it for ingress and no rule allowed, denied or passed it)',
    ].join('\n'));
  });

  test('never throws, even for a policy the loader would refuse', () => {
    const a = analyzeCalico('');
    const cluster = {
      ...a.cluster,
      policies: [{ apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy' as const, name: 'broken', spec: { selector: 'a ==', ingress: [{ action: 'Maybe' }, 'x'], tier: 'nowhere' } }],
    };
    const evaluator = calicoEvaluator(cluster);
    const [x, y] = [cluster.endpoints[0], cluster.endpoints[3]];
    expect(evaluator.evaluate({ from: { kind: 'endpoint', endpoint: y }, to: { kind: 'endpoint', endpoint: x }, port: 80, protocol: 'TCP' }).allowed).toBe(true);
    expect(evaluator.policies[0].problems.some(p => p.includes('spec.selector: at character 5'))).toBe(true);
    const broken = { ...x, ips: undefined as any };
    const policies = [{ apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy' as const, name: 'nets', spec: { ingress: [{ action: 'Allow', source: { nets: ['10.0.0.0/8'] } }] } }];
    expect(calicoEvaluator({ ...cluster, policies }).evaluate({ from: { kind: 'endpoint', endpoint: broken }, to: { kind: 'endpoint', endpoint: x }, port: 80, protocol: 'TCP' }))
      .toMatchObject({ allowed: false, trace: [{ action: 'Isolated', tier: 'outside' }] });
  });

  test('computes the same matrix as evaluating every pair', () => {
    const a = analyzeCalico(POLICIES);
    const evaluator = calicoEvaluator(a.cluster);
    const key = (from: Endpoint, to: Endpoint, port: number, protocol: string) => `${from.namespace}/${from.name} -> ${to.namespace}/${to.name} ${port}/${protocol}`;
    const expected: string[] = [];
    for (const from of a.cluster.endpoints) {
      for (const to of a.cluster.endpoints) {
        if (from === to) continue;
        for (const p of to.ports) {
          const flow = { from: { kind: 'endpoint' as const, endpoint: from }, to: { kind: 'endpoint' as const, endpoint: to }, port: p.port, protocol: p.protocol };
          if (evaluator.evaluate(flow).allowed) expected.push(key(from, to, p.port, p.protocol));
        }
      }
    }
    const matrix = computeMatrix(a.cluster, evaluator).map(m => key(m.from, m.to, m.port, m.protocol));
    expect(matrix.sort()).toEqual(expected.sort());
    expect(matrix).toContain('y/a -> z/b 80/UDP');
    expect(matrix).not.toContain('y/a -> z/b 80/TCP');
    expect(matrix).toContain('x/b -> x/a 81/SCTP');
    expect(matrix).not.toContain('x/c -> x/a 80/TCP');
  });
});
