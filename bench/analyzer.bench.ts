import { kubernetesEvaluator } from '../lib/analyzer/kubernetes/evaluator';
import { computeMatrix } from '../lib/analyzer/matrix';
import { Cluster, Endpoint, Evaluator, Namespace, PolicyDocument } from '../lib/analyzer/types';

// Matrix benchmark: 20,000 pods in 2,000 namespaces with 5,000 NetworkPolicies, allowed flows on declared ports;
// then grouped vs a straightforward pair-by-pair evaluation on a smaller cluster, where the latter is feasible.

const BIG_NAMESPACES = 2000;
const SMALL_NAMESPACES = Number(process.env.BENCH_PAIRWISE_NAMESPACES ?? 100);

/** Ten pods per namespace (4 web, 3 api, 2 db, 1 batch); 2.5 policies per namespace on average (5,000 for 2,000). */
function makeCluster(namespaceCount: number): Cluster {
  const namespaces = new Map<string, Namespace>();
  const endpoints: Endpoint[] = [];
  const policies: PolicyDocument[] = [];
  const np = (namespace: string, name: string, spec: any): PolicyDocument => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace, name, spec });
  for (let n = 0; n < namespaceCount; n++) {
    const ns = `ns-${String(n).padStart(4, '0')}`;
    namespaces.set(ns, { name: ns, labels: { 'kubernetes.io/metadata.name': ns, 'team': `t${n % 50}` }, declared: true });
    const pods: Array<[string, number, number | undefined]> = [['web', 4, 80], ['api', 3, 8080], ['db', 2, 5432], ['batch', 1, undefined]];
    for (const [app, replicas, port] of pods) {
      for (let r = 0; r < replicas; r++) {
        endpoints.push({
          kind: 'Pod',
          namespace: ns,
          name: `${app}-${r}`,
          labels: { app, 'pod-template-hash': `h${n}${app}` },
          ips: [],
          ports: port === undefined ? [] : [{ port, protocol: 'TCP', name: 'main' }],
        });
      }
    }
    policies.push(np(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] }));
    // Odd namespaces also let their team's batch pods in: a namespaceSelector peer that spans many namespaces.
    const teamPeer = { namespaceSelector: { matchLabels: { team: `t${n % 50}` } }, podSelector: { matchLabels: { app: 'batch' } } };
    const apiPeers = [{ podSelector: { matchLabels: { app: 'web' } } }, ...(n % 2 === 1 ? [teamPeer] : [])];
    policies.push(np(ns, 'api-from-web', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: apiPeers, ports: [{ port: 8080 }] }] }));
    if (n % 2 === 0) {
      policies.push(np(ns, 'db-from-api', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 5432 }] }] }));
    }
  }
  return { namespaces, endpoints, services: [], policies };
}

/** Every pod pair on every declared port of the destination, each evaluated on its own. */
function pairwise(cluster: Cluster, evaluator: Evaluator): number {
  let allowed = 0;
  for (const to of cluster.endpoints) {
    for (const port of to.ports) {
      for (const from of cluster.endpoints) {
        if (from === to) continue;
        const verdict = evaluator.evaluate({ from: { kind: 'endpoint', endpoint: from }, to: { kind: 'endpoint', endpoint: to }, port: port.port, protocol: port.protocol });
        if (verdict.allowed) allowed++;
      }
    }
  }
  return allowed;
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = process.hrtime.bigint();
  const value = f();
  return { value, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

const big = makeCluster(BIG_NAMESPACES);
const bigRun = timed(() => computeMatrix(big, kubernetesEvaluator(big)));
const peakMiB = process.resourceUsage().maxRSS / 1024;
console.log(`analyzer: ${big.endpoints.length} pods in ${big.namespaces.size} namespaces, ${big.policies.length} NetworkPolicies`);
console.log(`  matrix (grouped): ${bigRun.ms.toFixed(0)} ms, ${bigRun.value.length} allowed flows, peak RSS ${peakMiB.toFixed(0)} MiB`);

const small = makeCluster(SMALL_NAMESPACES);
const smallEvaluator = kubernetesEvaluator(small);
const grouped = timed(() => computeMatrix(small, smallEvaluator));
const naive = timed(() => pairwise(small, smallEvaluator));
if (naive.value !== grouped.value.length) {
  console.error(`bench: pair-by-pair found ${naive.value} allowed flows, the grouped matrix ${grouped.value.length}`);
  process.exit(2);
}
const pairs = small.endpoints.length * small.endpoints.reduce((n, e) => n + e.ports.length, 0);
const bigPairs = big.endpoints.length * big.endpoints.reduce((n, e) => n + e.ports.length, 0);
console.log(`  smaller cluster (${small.endpoints.length} pods, ${small.policies.length} policies, ${pairs} pod-port pairs): grouped ${grouped.ms.toFixed(0)} ms, pair-by-pair ${naive.ms.toFixed(0)} ms, same ${naive.value} flows`);
console.log(`  pair-by-pair / grouped on the smaller cluster = ${(naive.ms / grouped.ms).toFixed(1)}×`);
console.log(`  pair-by-pair at full size, extrapolated per pair: ~${((naive.ms / pairs) * bigPairs / 1000).toFixed(0)} s vs grouped ${(bigRun.ms / 1000).toFixed(1)} s`);
