// The analyzer benchmark's cluster, as manifests: ten pods per namespace (4 web, 3 api, 2 db, 1 batch), every pod
// with its IP, and 2.5 policies per namespace in the engine's own kinds (5,000 for 2,000 namespaces):
// - default deny for ingress;
// - api from web on 8080, and in odd namespaces also from the batch pods of the namespace's team (50 teams): a peer
//   that spans many namespaces;
// - in even namespaces, db from api on 5432, and from an address block that holds the first namespaces' pods (an
//   address test that matches pods, where the engine matches pods by address).

/** The engines the benchmark runs. */
export const BENCH_ENGINES = ['kubernetes', 'calico', 'calico-crd', 'cilium'] as const;
export type BenchEngine = typeof BENCH_ENGINES[number];

const TEAMS = 50;
const PODS: ReadonlyArray<readonly [string, number, number | undefined]> = [['web', 4, 80], ['api', 3, 8080], ['db', 2, 5432], ['batch', 1, undefined]];
/** Holds the pods of the first namespaces (their IPs are 10.0.<namespace>.<pod>). */
const ADDRESS_BLOCK = '10.0.0.0/22';

/** The manifests of the cluster: Namespaces, Pods and the engine's policies, as plain objects. */
export function analyzerManifests(engine: BenchEngine, namespaceCount: number): any[] {
  const docs: any[] = [];
  for (let n = 0; n < namespaceCount; n++) {
    const ns = `ns-${String(n).padStart(4, '0')}`;
    const team = `t${n % TEAMS}`;
    docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { team } } });
    let i = 0;
    for (const [app, replicas, port] of PODS) {
      for (let r = 0; r < replicas; r++, i++) {
        docs.push({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `${app}-${r}`, namespace: ns, labels: { 'app': app, 'pod-template-hash': `h${n}${app}` } },
          spec: { containers: [{ name: app, image: `example/${app}`, ...(port === undefined ? {} : { ports: [{ name: 'main', containerPort: port }] }) }] },
          status: { podIP: `10.${Math.floor(n / 256)}.${n % 256}.${i + 1}` },
        });
      }
    }
    docs.push(...policiesOf(engine, ns, n, team));
  }
  return docs;
}

function policiesOf(engine: BenchEngine, ns: string, n: number, team: string): any[] {
  const odd = n % 2 === 1;
  switch (engine) {
    case 'kubernetes': {
      const np = (name: string, spec: any) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec });
      const teamBatch = { namespaceSelector: { matchLabels: { team } }, podSelector: { matchLabels: { app: 'batch' } } };
      return [
        np('default-deny', { podSelector: {}, policyTypes: ['Ingress'] }),
        np('api-from-web', {
          podSelector: { matchLabels: { app: 'api' } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }, ...(odd ? [teamBatch] : [])], ports: [{ port: 8080 }] }],
        }),
        ...(odd ? [] : [np('db-from-api', {
          podSelector: { matchLabels: { app: 'db' } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }, { ipBlock: { cidr: ADDRESS_BLOCK } }], ports: [{ port: 5432 }] }],
        })]),
      ];
    }
    case 'calico':
    case 'calico-crd': {
      const apiVersion = engine === 'calico' ? 'projectcalico.org/v3' : 'crd.projectcalico.org/v1';
      const policy = (name: string, spec: any) => ({ apiVersion, kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec: { types: ['Ingress'], ...spec } });
      const allow = (source: any, port: number) => ({ action: 'Allow', protocol: 'TCP', source, destination: { ports: [port] } });
      return [
        policy('default-deny', { selector: 'all()', order: 2000 }),
        policy('api-from-web', {
          selector: "app == 'api'",
          order: 100,
          ingress: [
            allow({ selector: "app == 'web'" }, 8080),
            ...(odd ? [allow({ namespaceSelector: `team == '${team}'`, selector: "app == 'batch'" }, 8080)] : []),
          ],
        }),
        ...(odd ? [] : [policy('db-from-api', {
          selector: "app == 'db'",
          order: 100,
          ingress: [allow({ selector: "app == 'api'" }, 5432), allow({ nets: [ADDRESS_BLOCK] }, 5432)],
        })]),
      ];
    }
    case 'cilium': {
      const cnp = (name: string, spec: any) => ({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace: ns }, spec });
      const ports = (port: number) => [{ ports: [{ port: String(port), protocol: 'TCP' }] }];
      const teamBatch = { matchLabels: { 'io.cilium.k8s.namespace.labels.team': team, 'app': 'batch' } };
      return [
        // An empty rule turns default deny on for ingress.
        cnp('default-deny', { endpointSelector: {}, ingress: [{}] }),
        cnp('api-from-web', {
          endpointSelector: { matchLabels: { app: 'api' } },
          ingress: [{ fromEndpoints: [{ matchLabels: { app: 'web' } }, ...(odd ? [teamBatch] : [])], toPorts: ports(8080) }],
        }),
        ...(odd ? [] : [cnp('db-from-api', {
          endpointSelector: { matchLabels: { app: 'db' } },
          // A CIDR rule never matches a pod under Cilium.
          ingress: [{ fromEndpoints: [{ matchLabels: { app: 'api' } }], toPorts: ports(5432) }, { fromCIDR: [ADDRESS_BLOCK], toPorts: ports(5432) }],
        })]),
      ];
    }
  }
}
