import { analyze, clusterOf, explain, expectFlows, pod, verdict } from './support';
import { ciliumEvaluator } from '../../../lib/analyzer/cilium';
import { computeMatrix } from '../../../lib/analyzer/matrix';
import { PolicyDocument } from '../../../lib/analyzer/types';

// What the evaluator does with what it cannot read: allow rules match nothing, deny rules match everything
// (fail closed), and every such part is listed in `problems`. It never throws.

const a1 = pod('default/a', { app: 'a' }, { ips: ['10.0.0.1'] });
const b1 = pod('default/b', { app: 'b' }, { ports: [80, 81] });

describe('unreadable parts', () => {
  test('an unreadable deny rule denies (fail closed) and says so', () => {
    const a = analyze([a1, b1], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: odd-deny }
spec:
  endpointSelector: { matchLabels: { app: b } }
  ingress:
  - fromEntities: [all]
  ingressDeny:
  - fromEndpoints: [{ matchExpressions: [{ key: app, operator: Resembles, values: [a] }] }]
    toPorts: [{ ports: [{ port: "80", protocol: TCP }] }]
`);
    expectFlows(a, `
      default/a -> default/b 80/TCP X
      default/a -> default/b 81/TCP .
    `);
    expect(verdict(a, 'default/a', 'default/b', 80).trace[1].detail)
      .toBe('endpoints(app Resembles (a)) [not evaluated: treated as matching, fail closed] on 80/TCP');
    expect(a.cilium.problems).toEqual([
      'CiliumNetworkPolicy default/odd-deny: ingressDeny[0]: fromEndpoints: unreadable endpoint selector (matchExpressions[0] has unknown operator "Resembles")',
    ]);
  });

  test('an unreadable allow rule allows nothing', () => {
    const a = analyze([a1, b1], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: odd-allow }
spec:
  endpointSelector: { matchLabels: { app: b } }
  ingress:
  - fromEndpoints: [{ matchExpressions: [{ key: app, operator: Resembles, values: [a] }] }]
  - fromEntities: [galaxy]
  - toPorts: [{ ports: [{ port: "81", protocol: QUIC }] }]
`);
    expectFlows(a, `
      default/a -> default/b 80/TCP X
      default/a -> default/b 81/TCP X
    `);
    expect(a.cilium.problems).toHaveLength(3);
  });

  test('toServices, CIDR groups and toFQDNs in deny rules are not evaluated: allows match nothing, denies everything', () => {
    const a = analyze([a1, b1], `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: services }
spec:
  endpointSelector: { matchLabels: { app: a } }
  egress:
  - toServices: [{ k8sService: { serviceName: b, namespace: default } }]
  - toCIDRSet: [{ cidrGroupRef: partners }]
  egressDeny:
  - toServices: [{ k8sService: { serviceName: b, namespace: default } }]
    toPorts: [{ ports: [{ port: "81", protocol: TCP }] }]
`);
    expectFlows(a, `
      default/a -> default/b 80/TCP X
      default/a -> default/b 81/TCP X
    `);
    expect(explain(a, 'default/a', 'default/b', 81)).toBe([
      'DENY default/a -> default/b 81/TCP',
      '  egress  CiliumNetworkPolicy default/services egressDeny[0]: Deny (toServices(1) [not evaluated: treated as matching, fail closed] on 81/TCP)',
      '  ingress default: NotIsolated (no policy selects it for ingress)',
    ].join('\n'));
    expect(a.cilium.problems).toEqual([
      'CiliumNetworkPolicy default/services: egressDeny[0]: toServices: not evaluated by the analyzer',
      'CiliumNetworkPolicy default/services: egress[0]: toServices: not evaluated by the analyzer',
      'CiliumNetworkPolicy default/services: egress[1]: toCIDRSet: CiliumCIDRGroup references are not read',
    ]);
  });

  test('garbage never throws', () => {
    const docs: PolicyDocument[] = [
      { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', name: 'null-spec', namespace: 'default', spec: null },
      { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', name: 'text-spec', namespace: 'default', spec: 'text' },
      { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', name: 'specs-number', namespace: 'default', spec: { specs: 5 } },
      {
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumClusterwideNetworkPolicy',
        name: 'weird',
        spec: { endpointSelector: { matchLabels: 'x' }, ingress: 'y', egress: [7, null, { toPorts: 'z', toEndpoints: 3 }], egressDeny: [null], enableDefaultDeny: { egress: 'no' } },
      },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', name: 'np', namespace: 'default', spec: { ingress: [{ from: [null, {}], ports: [{ protocol: 'X' }] }] } },
    ];
    const evaluator = ciliumEvaluator(clusterOf([a1, b1], docs));
    for (const [from, to] of [[a1, b1], [b1, a1]]) {
      const v = evaluator.evaluate({ from: { kind: 'endpoint', endpoint: from }, to: { kind: 'endpoint', endpoint: to }, port: 80, protocol: 'TCP' });
      expect(typeof v.allowed).toBe('boolean');
    }
    // The clusterwide policy's unreadable endpointSelector selects every pod; its null deny rule denies all egress.
    expect(evaluator.evaluate({ from: { kind: 'endpoint', endpoint: a1 }, to: { kind: 'ip', ip: '192.0.2.1' }, port: 80, protocol: 'TCP' }).allowed).toBe(false);
    expect(evaluator.problems.length).toBeGreaterThan(5);
  });
});

describe('what Cilium does not enforce', () => {
  test('host policies (nodeSelector), Calico policies and admin network policies are ignored with a problem', () => {
    const a = analyze([a1, b1], `
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: host-fw }
spec:
  nodeSelector: {}
  ingress:
  - fromEntities: [cluster]
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: { name: calico, namespace: default }
spec:
  selector: all()
  types: [Ingress]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: { name: anp }
spec:
  priority: 1
  subject: { namespaces: {} }
  ingress: [{ action: Deny, from: [{ namespaces: {} }] }]
`);
    expectFlows(a, 'default/a -> default/b 80/TCP .');
    expect(a.cilium.problems).toEqual([
      'CiliumClusterwideNetworkPolicy host-fw: nodeSelector: a host policy selects nodes, which the analyzer does not model; ignored',
      'NetworkPolicy default/calico (projectcalico.org/v3): not enforced by Cilium; ignored',
      'AdminNetworkPolicy anp (policy.networking.k8s.io/v1alpha1): not enforced by Cilium; ignored',
    ]);
  });
});

describe('computeMatrix with the Cilium evaluator', () => {
  test('takes the pair-by-pair path and agrees with evaluating every pair', () => {
    const pods = [
      pod('shop/web', { app: 'web' }, { ports: [8080] }),
      pod('shop/api', { app: 'api' }, { ports: [9000, [53, 'UDP']] }),
      pod('shop/db', { app: 'db' }, { ports: [5432], serviceAccount: 'db' }),
      pod('other/job', { app: 'job' }, { ports: [80] }),
    ];
    const a = analyze(pods, `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: db, namespace: shop }
spec:
  endpointSelector: { matchLabels: { app: db } }
  ingress:
  - fromEndpoints: [{ matchLabels: { app: api } }]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: no-job }
spec:
  endpointSelector: {}
  enableDefaultDeny: { ingress: false, egress: false }
  egressDeny:
  - toEndpoints: [{ matchLabels: { app: job } }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
  - from: [{ podSelector: { matchLabels: { app: web } } }]
`);
    expect('policies' in a.cilium).toBe(false);
    const got = computeMatrix(a.cluster, a.cilium).map(e => `${e.from.namespace}/${e.from.name} -> ${e.to.namespace}/${e.to.name} ${e.port}/${e.protocol}`);
    const want: string[] = [];
    for (const from of pods) {
      for (const to of pods) {
        if (from === to) continue;
        for (const p of to.ports) {
          if (a.cilium.evaluate({ from: { kind: 'endpoint', endpoint: from }, to: { kind: 'endpoint', endpoint: to }, port: p.port, protocol: p.protocol }).allowed) {
            want.push(`${from.namespace}/${from.name} -> ${to.namespace}/${to.name} ${p.port}/${p.protocol}`);
          }
        }
      }
    }
    expect(got.sort()).toEqual(want.sort());
    expect(got).toContain('shop/api -> shop/db 5432/TCP');
    expect(got).not.toContain('shop/web -> shop/db 5432/TCP');
    expect(got).not.toContain('shop/web -> other/job 80/TCP');
  });
});
