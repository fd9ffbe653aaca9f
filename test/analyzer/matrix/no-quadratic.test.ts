import * as ciliumLabels from '../../../lib/analyzer/cilium/labels';
import { evaluatorFor, EngineName } from '../../../lib/analyzer/evaluators';
import { computeClassMatrix, computeMatrix } from '../../../lib/analyzer/matrix';
import * as selectors from '../../../lib/analyzer/selectors';
import { Cluster, Endpoint, Evaluator, Namespace, PolicyDocument } from '../../../lib/analyzer/types';
import * as calicoSelectors from '../../../lib/engines/calico/selector-language';

// The shapes that exposed quadratic work, at two bounded sizes: the work (counted as selector matches and
// evaluations, never as wall-clock time) must grow about as the input does.

afterEach(() => jest.restoreAllMocks());

/** Counts the label selector matches (Kubernetes, Calico and Cilium) `run` makes. */
function selectorMatches(run: () => void): number {
  const kubernetes = jest.spyOn(selectors, 'matchesLabelSelector');
  const calico = jest.spyOn(calicoSelectors, 'matchesCalicoSelector');
  const cilium = jest.spyOn(ciliumLabels, 'matchesCiliumSelector');
  run();
  const count = kubernetes.mock.calls.length + calico.mock.calls.length + cilium.mock.calls.length;
  kubernetes.mockRestore();
  calico.mockRestore();
  cilium.mockRestore();
  return count;
}

/** Counts the evaluations `run` asks of the evaluator. */
function counted(evaluator: Evaluator): { evaluator: Evaluator; calls: () => number } {
  const spy = jest.spyOn(evaluator, 'evaluate');
  return { evaluator, calls: () => spy.mock.calls.length };
}

describe('check: N pods and N NetworkPolicies in one namespace', () => {
  // Each pod has its own policy, admitting the previous pod: the shape of `check` at 10k, 20k and 50k pods.
  function oneNamespace(n: number, calicoPolicies = false): Cluster {
    const endpoints: Endpoint[] = Array.from({ length: n }, (_, i) => ({
      kind: 'Pod', name: `p${i}`, namespace: 'big', labels: { app: `a${i}` }, ips: [`10.1.${Math.floor(i / 256)}.${i % 256}`], ports: [{ port: 80, protocol: 'TCP' }],
    }));
    const policies: PolicyDocument[] = Array.from({ length: n }, (_, i) => (calicoPolicies ? {
      apiVersion: 'projectcalico.org/v3',
      kind: 'NetworkPolicy',
      namespace: 'big',
      name: `np${i}`,
      spec: { selector: `app == 'a${i}'`, types: ['Ingress'], ingress: [{ action: 'Allow', protocol: 'TCP', source: { selector: `app == 'a${(i + n - 1) % n}'` }, destination: { ports: [80] } }] },
    } : {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      namespace: 'big',
      name: `np${i}`,
      spec: { podSelector: { matchLabels: { app: `a${i}` } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: `a${(i + n - 1) % n}` } } }], ports: [{ port: 80 }] }] },
    }));
    return { namespaces: new Map([['big', { name: 'big', labels: { 'kubernetes.io/metadata.name': 'big' }, declared: true }]]), endpoints, services: [], policies };
  }

  test.each([
    ['kubernetes', false], ['cilium', false], ['calico', false], ['calico', true], ['calico-crd', true],
  ] as [EngineName, boolean][])('%s (Calico policies: %s): evaluating one flow per pod costs the policies that select its pods', (engine, calicoPolicies) => {
    const work = (n: number) => {
      const cluster = oneNamespace(n, calicoPolicies);
      return selectorMatches(() => {
        const evaluator = evaluatorFor(engine, cluster);
        for (let i = 0; i < n; i++) {
          const from = cluster.endpoints[(i + n - 1) % n];
          const to = cluster.endpoints[i];
          const verdict = evaluator.evaluate({ from: { kind: 'endpoint', endpoint: from }, to: { kind: 'endpoint', endpoint: to }, port: 80, protocol: 'TCP' });
          if (!verdict.allowed) throw new Error(`p${i}: denied`);
        }
      });
    };
    // 4x the pods and policies: linear is ~4x the matches, a scan of the namespace's policies per flow ~16x.
    expect(work(1600) / work(400)).toBeLessThan(6);
  });
});

describe('matrix at cluster scale: ten pods per namespace, two or three policies each, pod IPs known', () => {
  /** The analyzer benchmark's shape (bench/analyzer-workload.ts), small: a team is five namespaces. */
  function cluster(namespaceCount: number, engine: EngineName): Cluster {
    const namespaces = new Map<string, Namespace>();
    const endpoints: Endpoint[] = [];
    const policies: PolicyDocument[] = [];
    for (let n = 0; n < namespaceCount; n++) {
      const ns = `ns-${n}`;
      namespaces.set(ns, { name: ns, labels: { 'kubernetes.io/metadata.name': ns, 'team': `t${Math.floor(n / 5)}` }, declared: true });
      for (const [app, replicas, port] of [['web', 4, 80], ['api', 3, 8080], ['db', 2, 5432], ['batch', 1, undefined]] as const) {
        for (let r = 0; r < replicas; r++) {
          endpoints.push({
            kind: 'Pod',
            namespace: ns,
            name: `${app}-${r}`,
            labels: { app, 'pod-template-hash': `h${n}${app}` },
            ips: [`10.${Math.floor(n / 256)}.${n % 256}.${endpoints.length % 250}`],
            ports: port === undefined ? [] : [{ port, protocol: 'TCP', name: 'main' }],
          });
        }
      }
      const teamBatch = { namespaceSelector: { matchLabels: { team: `t${Math.floor(n / 5)}` } }, podSelector: { matchLabels: { app: 'batch' } } };
      if (engine === 'calico') {
        const policy = (name: string, spec: any): PolicyDocument => ({ apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', namespace: ns, name, spec: { types: ['Ingress'], ...spec } });
        const allow = (source: any, port?: number) => ({ action: 'Allow', protocol: 'TCP', source, destination: port === undefined ? {} : { ports: [port] } });
        policies.push(policy('default-deny', { selector: 'all()', order: 2000 }));
        policies.push(policy('api-from-web', {
          selector: "app == 'api'",
          order: 100,
          ingress: [allow({ selector: "app == 'web'" }, 8080), allow({ namespaceSelector: `team == 't${Math.floor(n / 5)}'`, selector: "app == 'batch'" }, 8080)],
        }));
        policies.push(policy('db-from-api', {
          selector: "app == 'db'",
          order: 100,
          ingress: [allow({ selector: "app == 'api'" }), allow({ nets: [`10.${Math.floor(n / 256)}.${n % 256}.0/24`] })],
        }));
      } else if (engine === 'cilium') {
        const cnp = (name: string, spec: any): PolicyDocument => ({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', namespace: ns, name, spec });
        policies.push(cnp('api-from-web', {
          endpointSelector: { matchLabels: { app: 'api' } },
          ingress: [{ fromEndpoints: [{ matchLabels: { app: 'web' } }, { matchLabels: { 'io.cilium.k8s.namespace.labels.team': `t${Math.floor(n / 5)}`, 'app': 'batch' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }],
        }));
        policies.push(cnp('db-from-api', { endpointSelector: { matchLabels: { app: 'db' } }, ingress: [{ fromEndpoints: [{ matchLabels: { app: 'api' } }] }] }));
        policies.push(cnp('deny-batch', { endpointSelector: {}, ingressDeny: [{ fromEndpoints: [{ matchLabels: { app: 'batch' } }], toPorts: [{ ports: [{ port: '5432', protocol: 'TCP' }] }] }] }));
      } else {
        const np = (name: string, spec: any): PolicyDocument => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: ns, name, spec });
        policies.push(np('default-deny', { podSelector: {}, policyTypes: ['Ingress'] }));
        policies.push(np('api-from-web', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }, teamBatch], ports: [{ port: 8080 }] }] }));
        policies.push(np('db-from-api', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }, { ipBlock: { cidr: `10.${Math.floor(n / 256)}.${n % 256}.0/24` } }] }] }));
      }
    }
    if (engine === 'calico') {
      policies.push({
        apiVersion: 'projectcalico.org/v3',
        kind: 'GlobalNetworkPolicy',
        name: 'batch-no-db',
        spec: { order: 1, selector: "app == 'db'", types: ['Ingress'], ingress: [{ action: 'Deny', source: { selector: "app == 'batch'" } }] },
      });
    }
    if (engine === 'kubernetes') {
      policies.push({
        apiVersion: 'policy.networking.k8s.io/v1alpha1',
        kind: 'AdminNetworkPolicy',
        name: 'batch-no-db',
        spec: { priority: 1, subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'db' } } } }, ingress: [{ name: 'deny-batch', action: 'Deny', from: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'batch' } } } }] }] },
      });
    }
    return { namespaces, endpoints, services: [], policies };
  }

  test.each(['kubernetes', 'cilium', 'calico'] as EngineName[])('%s: the work follows the rules and the allowed flows, not the square of the pods', engine => {
    const work = (namespaces: number) => {
      const c = cluster(namespaces, engine);
      let evaluations = 0;
      let flows = 0;
      const matches = selectorMatches(() => {
        const { evaluator, calls } = counted(evaluatorFor(engine, c));
        flows = computeMatrix(c, evaluator).length;
        computeClassMatrix(c, evaluator);
        evaluations = calls();
      });
      return { matches, evaluations, flows };
    };
    const small = work(25);
    const large = work(100);
    expect(small.flows).toBeGreaterThan(0);
    // 4x the namespaces: the flows grow ~4x, and so may the work; pair by pair it would be ~16x.
    expect(large.flows / small.flows).toBeLessThan(6);
    expect(large.matches / small.matches).toBeLessThan(6);
    // No pair is evaluated whole: every pod's IP is known, so no verdict can be uncertain.
    expect(large.evaluations).toBe(0);
  });
});
