import { explainText } from '../../../lib/analyzer/explain';
import { kubernetesEvaluator } from '../../../lib/analyzer/kubernetes/evaluator';
import { Cluster, Endpoint, Flow, Namespace, PolicyDocument } from '../../../lib/analyzer/types';

function pod(namespace: string, name: string, labels: Record<string, string>, ports: Array<[number, string?]> = [[80, 'http']], ips: string[] = []): Endpoint {
  return { kind: 'Pod', namespace, name, labels, ips, ports: ports.map(([port, portName]) => ({ port, name: portName, protocol: 'TCP' as const })) };
}

function cluster(endpoints: Endpoint[], policies: PolicyDocument[], namespaceLabels: Record<string, Record<string, string>> = {}): Cluster {
  const names = new Set([...endpoints.map(e => e.namespace), ...Object.keys(namespaceLabels)]);
  const namespaces = new Map<string, Namespace>([...names].sort().map(n => [n, { name: n, labels: { 'kubernetes.io/metadata.name': n, ...namespaceLabels[n] }, declared: true }]));
  return { namespaces, endpoints, services: [], policies };
}

const np = (namespace: string, name: string, spec: any): PolicyDocument => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace, name, spec });
const web = pod('prod', 'web', { app: 'web' });
const api = pod('prod', 'api', { app: 'api' }, [[8080, 'http']]);
const db = pod('prod', 'db', { app: 'db' }, [[5432]], ['10.0.0.5']);
const flow = (from: Endpoint, to: Endpoint, port: number): Flow => ({ from: { kind: 'endpoint', endpoint: from }, to: { kind: 'endpoint', endpoint: to }, port, protocol: 'TCP' });

describe('kubernetesEvaluator', () => {
  test('allows everything when no policy selects a pod', () => {
    const verdict = kubernetesEvaluator(cluster([web, db], [])).evaluate(flow(web, db, 5432));
    expect(verdict.allowed).toBe(true);
    expect(verdict.trace.map(e => e.action)).toEqual(['NotIsolated', 'NotIsolated']);
  });

  test('denies what a default deny isolates, and explains which policy isolated it', () => {
    const evaluator = kubernetesEvaluator(cluster([web, db], [np('prod', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })]));
    const f = flow(web, db, 5432);
    const verdict = evaluator.evaluate(f);
    expect([verdict.allowed, verdict.egressAllowed, verdict.ingressAllowed]).toEqual([false, true, false]);
    expect(explainText(f, verdict)).toBe([
      'DENY prod/web -> prod/db 5432/TCP',
      '  egress  default: NotIsolated (no policy isolates it for egress)',
      '  ingress NetworkPolicy: Isolated (isolated for ingress by NetworkPolicy prod/deny; no rule allows it)',
    ].join('\n'));
  });

  test('resolves named ports on the destination and needs both egress and ingress', () => {
    const policies = [
      np('prod', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      np('prod', 'api-in', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'http' }] }] }),
      np('prod', 'web-out', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }] }] }),
    ];
    const evaluator = kubernetesEvaluator(cluster([web, api, db], policies));
    expect(evaluator.evaluate(flow(web, api, 8080)).allowed).toBe(true);
    expect(evaluator.evaluate(flow(web, api, 80)).allowed).toBe(false);
    expect(evaluator.evaluate(flow(api, web, 80)).allowed).toBe(false);
    const verdict = evaluator.evaluate(flow(web, api, 8080));
    expect(verdict.trace.map(e => `${e.direction} ${e.policy} ${e.rule} ${e.action}`)).toEqual([
      'egress NetworkPolicy prod/web-out egress[0] Allow',
      'ingress NetworkPolicy prod/api-in ingress[0] Allow',
    ]);
  });

  test('matches ipBlock against pod IPs and external addresses, with except', () => {
    const policies = [np('prod', 'db-out', {
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.1.2.3/8', except: ['10.99.0.0/16'] } }] }],
    })];
    const evaluator = kubernetesEvaluator(cluster([web, db], policies));
    const toIp = (ip: string): Flow => ({ from: { kind: 'endpoint', endpoint: db }, to: { kind: 'ip', ip }, port: 443, protocol: 'TCP' });
    expect(evaluator.evaluate(toIp('10.20.0.1')).allowed).toBe(true);
    expect(evaluator.evaluate(toIp('10.99.1.1')).allowed).toBe(false);
    expect(evaluator.evaluate(toIp('192.168.1.1')).allowed).toBe(false);
    expect(evaluator.evaluate(flow(db, db, 5432)).allowed).toBe(true);
    expect(evaluator.evaluate(flow(db, web, 80)).allowed).toBe(false);
  });

  test('applies the admin tier before NetworkPolicies and the baseline tier after them', () => {
    const anpDeny: PolicyDocument = {
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'AdminNetworkPolicy',
      name: 'no-db',
      spec: { priority: 10, subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'db' } } } }, ingress: [{ name: 'deny-web', action: 'Deny', from: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'web' } } } }] }] },
    };
    const anpPass: PolicyDocument = { ...anpDeny, name: 'pass-first', spec: { ...anpDeny.spec, priority: 5, ingress: [{ name: 'pass', action: 'Pass', from: [{ namespaces: {} }], ports: [{ portNumber: { protocol: 'TCP', port: 5432 } }] }] } };
    const banp: PolicyDocument = {
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'BaselineAdminNetworkPolicy',
      name: 'default',
      spec: { subject: { namespaces: {} }, ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] },
    };
    const allowDb = np('prod', 'db-in', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: {} }] }] });
    expect(kubernetesEvaluator(cluster([web, db], [anpDeny, allowDb])).evaluate(flow(web, db, 5432)).allowed).toBe(false);
    // Pass at a higher precedence skips the Deny and lets the NetworkPolicy decide.
    const passed = kubernetesEvaluator(cluster([web, db], [anpDeny, anpPass, allowDb])).evaluate(flow(web, db, 5432));
    expect(passed.allowed).toBe(true);
    expect(passed.trace.filter(e => e.direction === 'ingress').map(e => `${e.policy} ${e.action}`)).toEqual(['AdminNetworkPolicy pass-first Pass', 'NetworkPolicy prod/db-in Allow']);
    // The baseline only decides for pods no NetworkPolicy isolates.
    const withBaseline = kubernetesEvaluator(cluster([web, api, db], [banp, allowDb]));
    expect(withBaseline.evaluate(flow(web, db, 5432)).allowed).toBe(true);
    expect(withBaseline.evaluate(flow(web, api, 8080)).allowed).toBe(false);
  });

  test('reads ClusterNetworkPolicy tiers and Accept', () => {
    const cnp = (name: string, tier: string, priority: number, action: string): PolicyDocument => ({
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      name,
      spec: {
        tier,
        priority,
        subject: { namespaces: {} },
        ingress: [{ action, from: [{ namespaces: {} }], protocols: [{ tcp: { destinationPort: { number: 5432 } } }] }],
      },
    });
    expect(kubernetesEvaluator(cluster([web, db], [cnp('a', 'Admin', 1, 'Deny')])).evaluate(flow(web, db, 5432)).allowed).toBe(false);
    expect(kubernetesEvaluator(cluster([web, db], [cnp('a', 'Admin', 1, 'Accept'), np('prod', 'deny', { podSelector: {} })])).evaluate(flow(web, db, 5432)).allowed).toBe(true);
    expect(kubernetesEvaluator(cluster([web, db], [cnp('b', 'Baseline', 1, 'Deny')])).evaluate(flow(web, db, 5432)).allowed).toBe(false);
    expect(kubernetesEvaluator(cluster([web, db], [cnp('b', 'Baseline', 1, 'Deny')])).evaluate(flow(web, db, 80)).allowed).toBe(true);
  });

  test('never throws on unreadable policies, which match nothing', () => {
    const broken = np('prod', 'broken', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ ipBlock: { cidr: 'banana' } }, {}], ports: [{ protocol: 'ICMP' }] }] });
    const evaluator = kubernetesEvaluator(cluster([web, db], [broken]));
    expect(evaluator.evaluate(flow(web, db, 5432)).allowed).toBe(false);
    expect(evaluator.policies[0].problems).toHaveLength(3);
  });
});
