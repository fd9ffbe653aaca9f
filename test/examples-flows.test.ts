// What each example means, proved by the Kubernetes evaluator: the flows its README allows, and the attacks it must stop.
// The examples hold only policies, so each test declares the pods the policies are judged against.
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import * as baselineDenyDns from '../examples/baseline-deny-dns/main';
import * as databaseBackendOnly from '../examples/database-backend-only/main';
import * as ingressFrontendBackend from '../examples/ingress-frontend-backend/main';
import * as teamNamespaces from '../examples/team-namespaces/main';
import * as threeTierProduction from '../examples/three-tier-production/main';
import { DeclaredWorkload, WorkloadSpec, declareWorkloads, installMatchers } from '../lib/testing';

installMatchers();

/** Outside dist/, so judging an example never overwrites its synthesized output. */
const OUTDIR = path.join(os.tmpdir(), 'cdk-netpol-examples-flows');

const KUBE_DNS: WorkloadSpec = {
  namespace: 'kube-system',
  name: 'coredns',
  kind: 'Deployment',
  labels: { 'k8s-app': 'kube-dns' },
  ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'metrics', port: 9153 }],
};
const INGRESS_NGINX = (namespace: string): WorkloadSpec => ({
  namespace,
  name: 'ingress-nginx-controller',
  kind: 'Deployment',
  labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
  ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }, { name: 'webhook', port: 8443 }],
});
/** An address on the internet (TEST-NET-2). */
const INTERNET = '198.51.100.7';
/** A public resolver, for DNS exfiltration attempts. */
const PUBLIC_DNS = '8.8.8.8';

function app(createApp: (outdir?: string) => App, workloads: DeclaredWorkload[]): App {
  const result = createApp(OUTDIR);
  declareWorkloads(result, workloads);
  return result;
}

function deployment(namespace: string, name: string, labels: Record<string, string>, ports: WorkloadSpec['ports'] = []): WorkloadSpec {
  return { namespace, name, kind: 'Deployment', labels, ports };
}

describe('three-tier-production', () => {
  const ns = threeTierProduction.NAMESPACE;
  const workloads = [
    deployment(ns, 'frontend', { app: 'frontend' }, [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }]),
    deployment(ns, 'api', { app: 'api' }, [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9100 }]),
    { namespace: ns, name: 'database', kind: 'StatefulSet', labels: { app: 'database' }, ports: [{ name: 'postgres', port: 5432 }] },
    INGRESS_NGINX('ingress-nginx'),
    deployment('monitoring', 'prometheus', { 'app.kubernetes.io/name': 'prometheus' }, [{ name: 'web', port: 9090 }]),
    deployment('monitoring', 'grafana', { 'app.kubernetes.io/name': 'grafana' }, [{ name: 'http', port: 3000 }]),
    KUBE_DNS,
    // Attackers: a debug pod someone started in the namespace, and a pod of another tenant.
    { namespace: ns, name: 'debug', labels: { run: 'debug' } },
    { namespace: 'tenant-b', name: 'attacker', labels: { app: 'attacker' } },
  ];
  const target = () => app(threeTierProduction.createApp, workloads);

  test('can take requests from ingress-nginx to the frontend on 8080, and only from it', () => {
    const a = target();
    expect(a).toAllow({ from: 'ingress-nginx/ingress-nginx-controller', to: `${ns}/frontend`, port: 8080 });
    expect(a).toDeny({ from: INTERNET, to: `${ns}/frontend`, port: 8080 });
    expect(a).toDeny({ from: 'tenant-b/attacker', to: `${ns}/frontend`, port: 8080 });
    expect(a).toDeny({ from: 'ingress-nginx/ingress-nginx-controller', to: `${ns}/api`, port: 8080 });
  });

  test('can let frontend -> api on 8080 and api -> database on 5432 through, and nothing else on those ports', () => {
    const a = target();
    expect(a).toAllow({ from: `${ns}/frontend`, to: `${ns}/api`, port: 8080 });
    expect(a).toAllow({ from: `${ns}/api`, to: `${ns}/database`, port: 5432 });
    // From every endpoint (other namespaces included) into the namespace.
    const to = [`${ns}/frontend`, `${ns}/api`, `${ns}/database`, `${ns}/debug`];
    expect(a).toHaveReachability({
      port: 8080,
      to,
      allowed: [`ingress-nginx/ingress-nginx-controller -> ${ns}/frontend`, `${ns}/frontend -> ${ns}/api`],
    });
    expect(a).toHaveReachability({ port: 5432, to, allowed: [`${ns}/api -> ${ns}/database`] });
  });

  test('cannot reach the database from a compromised frontend, a debug pod or another tenant', () => {
    const a = target();
    expect(a).toDeny({ from: `${ns}/frontend`, to: `${ns}/database`, port: 5432 });
    expect(a).toDeny({ from: `${ns}/debug`, to: `${ns}/database`, port: 5432 });
    expect(a).toDeny({ from: 'tenant-b/attacker', to: `${ns}/database`, port: 5432 });
    expect(a).toDeny({ from: 'monitoring/prometheus', to: `${ns}/database`, port: 5432 });
  });

  test('can let only the api reach only the payment provider, on 443 only', () => {
    const a = target();
    expect(a).toAllow({ from: `${ns}/api`, to: '203.0.113.10', port: 443 });
    expect(a).toDeny({ from: `${ns}/api`, to: '203.0.113.10', port: 80 });
    expect(a).toDeny({ from: `${ns}/api`, to: '10.1.2.3', port: 443 });
    expect(a).toDeny({ from: `${ns}/api`, to: INTERNET, port: 443 });
    expect(a).toDeny({ from: `${ns}/frontend`, to: '203.0.113.10', port: 443 });
    expect(a).toDeny({ from: `${ns}/database`, to: '203.0.113.10', port: 443 });
  });

  test('can let Prometheus scrape the port named metrics, only where a pod declares one', () => {
    const a = target();
    expect(a).toAllow({ from: 'monitoring/prometheus', to: `${ns}/frontend`, port: 'metrics' });
    expect(a).toAllow({ from: 'monitoring/prometheus', to: `${ns}/api`, port: 'metrics' });
    expect(a).toAllow({ from: 'monitoring/prometheus', to: `${ns}/api`, port: 9100 });
    // The database declares no metrics port: the number another pod uses for metrics is not open on it.
    expect(a).toDeny({ from: 'monitoring/prometheus', to: `${ns}/database`, port: 9090 });
    expect(a).toDeny({ from: 'monitoring/prometheus', to: `${ns}/frontend`, port: 8080 });
    // Other pods of monitoring, and other namespaces, do not scrape.
    expect(a).toDeny({ from: 'monitoring/grafana', to: `${ns}/frontend`, port: 9090 });
    expect(a).toDeny({ from: 'tenant-b/attacker', to: `${ns}/api`, port: 9100 });
    expect(a).toHaveReachability({
      port: 'metrics',
      among: [`${ns}/frontend`, `${ns}/api`, `${ns}/database`, `${ns}/debug`, 'monitoring/prometheus', 'monitoring/grafana', 'tenant-b/attacker'],
      allowed: [`monitoring/prometheus -> ${ns}/frontend`, `monitoring/prometheus -> ${ns}/api`],
    });
  });

  test('can let every pod resolve names on UDP and TCP 53, and reach nothing else in kube-system', () => {
    const a = target();
    for (const pod of ['frontend', 'api', 'database', 'debug']) {
      expect(a).toAllow({ from: `${ns}/${pod}`, to: 'kube-system/coredns', port: 53, protocol: 'UDP' });
      expect(a).toAllow({ from: `${ns}/${pod}`, to: 'kube-system/coredns', port: 53, protocol: 'TCP' });
      expect(a).toDeny({ from: `${ns}/${pod}`, to: 'kube-system/coredns', port: 9153 });
      expect(a).toDeny({ from: `${ns}/${pod}`, to: PUBLIC_DNS, port: 53, protocol: 'UDP' });
    }
  });

  test('cannot let any pod of the namespace reach the internet or other namespaces', () => {
    const a = target();
    for (const pod of ['frontend', 'database', 'debug']) {
      expect(a).toDeny({ from: `${ns}/${pod}`, to: INTERNET, port: 443 });
    }
    expect(a).toDeny({ from: `${ns}/api`, to: 'tenant-b/attacker', port: 8080 });
    expect(a).toDeny({ from: `${ns}/database`, to: 'monitoring/prometheus', port: 9090 });
  });
});

describe('ingress-frontend-backend', () => {
  const { frontend, backend } = ingressFrontendBackend.createWorkloads();
  const workloads: DeclaredWorkload[] = [
    // The application team's cdk8s-plus-27 Deployments, read from their own app.
    frontend,
    backend,
    INGRESS_NGINX('ingress'),
    KUBE_DNS,
    // Attackers: another pod of each namespace, a pod of another namespace.
    { namespace: 'ingress', name: 'other', labels: { app: 'other' } },
    { namespace: 'frontend', name: 'intruder', labels: { app: 'frontend' }, ports: [{ port: 443 }] },
    { namespace: 'backend', name: 'intruder', labels: { app: 'intruder' } },
    { namespace: 'default', name: 'attacker', labels: { app: 'attacker' } },
  ];
  const target = () => app(ingressFrontendBackend.createApp, workloads);
  const controller = 'ingress/ingress-nginx-controller';

  test('can take public traffic on 80 and 443 into the controller only', () => {
    const a = target();
    expect(a).toAllow({ from: INTERNET, to: controller, port: 80 });
    expect(a).toAllow({ from: INTERNET, to: controller, port: 443 });
    expect(a).toAllow({ from: 'default/attacker', to: controller, port: 443 });
    expect(a).toDeny({ from: INTERNET, to: controller, port: 8443 });
    expect(a).toDeny({ from: INTERNET, to: 'frontend/frontend', port: 443 });
    expect(a).toDeny({ from: INTERNET, to: 'backend/backend', port: 8080 });
  });

  test('can let the controller reach the frontend Deployment on 443 and 8443, and nothing else there', () => {
    const a = target();
    expect(a).toAllow({ from: controller, to: 'frontend/frontend', port: 'https' });
    expect(a).toAllow({ from: controller, to: 'frontend/frontend', port: 'https-alt' });
    expect(a).toAllow({ from: controller, to: 'frontend/frontend', port: 8443 });
    expect(a).toDeny({ from: controller, to: 'frontend/frontend', port: 80 });
    // The policies select the Deployment's pods by its own selector, not by `app=frontend`.
    expect(a).toDeny({ from: controller, to: 'frontend/intruder', port: 443 });
    expect(a).toDeny({ from: 'ingress/other', to: 'frontend/frontend', port: 443 });
  });

  test('can let the frontend reach the backend on 8080 only, and nothing else reach the backend', () => {
    const a = target();
    expect(a).toAllow({ from: 'frontend/frontend', to: 'backend/backend', port: 8080 });
    expect(a).toDeny({ from: 'frontend/frontend', to: 'backend/backend', port: 5432 });
    expect(a).toDeny({ from: controller, to: 'backend/backend', port: 8080 });
    expect(a).toDeny({ from: 'frontend/intruder', to: 'backend/backend', port: 8080 });
    expect(a).toDeny({ from: 'backend/intruder', to: 'backend/backend', port: 8080 });
    expect(a).toDeny({ from: 'default/attacker', to: 'backend/backend', port: 8080 });
    expect(a).toDeny({ from: 'backend/backend', to: 'frontend/frontend', port: 443 });
    expect(a).toHaveReachability({
      port: 8080,
      among: [controller, 'ingress/other', 'frontend/frontend', 'frontend/intruder', 'backend/backend', 'backend/intruder'],
      allowed: ['frontend/frontend -> backend/backend'],
    });
  });

  test('can let the controller reach the API server endpoint on 6443 only', () => {
    const a = target();
    expect(a).toAllow({ from: controller, to: '192.0.2.10', port: 6443 });
    expect(a).toDeny({ from: controller, to: '192.0.2.10', port: 443 });
    expect(a).toDeny({ from: controller, to: '192.0.2.11', port: 6443 });
    expect(a).toDeny({ from: 'frontend/frontend', to: '192.0.2.10', port: 6443 });
  });

  test('can let every pod of the three namespaces resolve names, and reach no internet', () => {
    const a = target();
    for (const pod of [controller, 'ingress/other', 'frontend/frontend', 'frontend/intruder', 'backend/backend', 'backend/intruder']) {
      expect(a).toAllow({ from: pod, to: 'kube-system/coredns', port: 53, protocol: 'UDP' });
      expect(a).toAllow({ from: pod, to: 'kube-system/coredns', port: 53, protocol: 'TCP' });
      expect(a).toDeny({ from: pod, to: INTERNET, port: 443 });
      expect(a).toDeny({ from: pod, to: PUBLIC_DNS, port: 53, protocol: 'UDP' });
    }
  });
});

describe('team-namespaces', () => {
  const workloads: WorkloadSpec[] = [
    deployment('org-1', 'web', { app: 'web' }, [{ port: 8080 }]),
    deployment('org-1', 'worker', { app: 'worker' }, [{ port: 9000 }]),
    deployment('org-2', 'api', { app: 'api' }, [{ port: 8080 }]),
    deployment('org-2', 'db', { app: 'db' }, [{ port: 5432 }]),
    KUBE_DNS,
    { namespace: 'other', name: 'outsider', labels: { app: 'api' }, ports: [{ port: 8080 }] },
  ];
  const target = () => app(teamNamespaces.createApp, workloads);

  test('can let any pod of org-1 call the api of org-2 on 8080, and nothing else of org-2', () => {
    const a = target();
    expect(a).toAllow({ from: 'org-1/web', to: 'org-2/api', port: 8080 });
    expect(a).toAllow({ from: 'org-1/worker', to: 'org-2/api', port: 8080 });
    expect(a).toDeny({ from: 'org-1/web', to: 'org-2/api', port: 9000 });
    expect(a).toDeny({ from: 'org-1/web', to: 'org-2/db', port: 5432 });
    expect(a).toDeny({ from: 'org-1/web', to: 'org-2/db', port: 8080 });
  });

  test('cannot let org-2 open connections into org-1', () => {
    const a = target();
    expect(a).toDeny({ from: 'org-2/api', to: 'org-1/web', port: 8080 });
    expect(a).toDeny({ from: 'org-2/db', to: 'org-1/worker', port: 9000 });
  });

  test('can let the pods of a team talk to each other on every port and protocol', () => {
    const a = target();
    expect(a).toAllow({ from: 'org-1/web', to: 'org-1/worker', port: 9000 });
    expect(a).toAllow({ from: 'org-1/worker', to: 'org-1/web', port: 12345, protocol: 'UDP' });
    expect(a).toAllow({ from: 'org-2/api', to: 'org-2/db', port: 5432 });
    expect(a).toAllow({ from: 'org-2/db', to: 'org-2/api', port: 8080, protocol: 'SCTP' });
  });

  test('cannot be reached from, nor reach, other namespaces or the internet', () => {
    const a = target();
    expect(a).toDeny({ from: 'other/outsider', to: 'org-2/api', port: 8080 });
    expect(a).toDeny({ from: 'other/outsider', to: 'org-1/web', port: 8080 });
    expect(a).toDeny({ from: 'org-1/web', to: 'other/outsider', port: 8080 });
    expect(a).toDeny({ from: 'org-2/api', to: 'other/outsider', port: 8080 });
    expect(a).toDeny({ from: INTERNET, to: 'org-2/api', port: 8080 });
    expect(a).toDeny({ from: 'org-1/web', to: INTERNET, port: 443 });
  });

  test('can let every pod resolve names on UDP and TCP 53', () => {
    const a = target();
    for (const pod of ['org-1/web', 'org-1/worker', 'org-2/api', 'org-2/db']) {
      expect(a).toAllow({ from: pod, to: 'kube-system/coredns', port: 53, protocol: 'UDP' });
      expect(a).toAllow({ from: pod, to: 'kube-system/coredns', port: 53, protocol: 'TCP' });
      expect(a).toDeny({ from: pod, to: PUBLIC_DNS, port: 53, protocol: 'UDP' });
    }
  });

  test('can allow on 8080 exactly the same-team flows and org-1 to the org-2 api', () => {
    expect(target()).toHaveReachability({
      port: 8080,
      among: ['org-1/web', 'org-1/worker', 'org-2/api', 'org-2/db', 'other/outsider'],
      allowed: [
        'org-1/web -> org-1/web', 'org-1/web -> org-1/worker', 'org-1/worker -> org-1/web', 'org-1/worker -> org-1/worker',
        'org-2/api -> org-2/api', 'org-2/api -> org-2/db', 'org-2/db -> org-2/api', 'org-2/db -> org-2/db',
        'org-1/web -> org-2/api', 'org-1/worker -> org-2/api',
        'other/outsider -> other/outsider',
      ],
    });
  });
});

describe('database-backend-only', () => {
  const ns = databaseBackendOnly.NAMESPACE;
  const workloads: DeclaredWorkload[] = [
    // The database team's StatefulSet, read from its own app.
    databaseBackendOnly.createDatabase(),
    deployment(ns, 'backend', { app: 'backend' }, [{ port: 8080 }]),
    deployment(ns, 'frontend', { app: 'frontend' }, [{ port: 8080 }]),
    KUBE_DNS,
    // Attacker: a pod labelled like the backend, in another namespace.
    { namespace: 'tenant-b', name: 'backend', labels: { app: 'backend' } },
  ];
  const target = () => app(databaseBackendOnly.createApp, workloads);
  const db = `${ns}/database`;

  test('can let only the backend reach the database, on 5432 only', () => {
    const a = target();
    expect(a).toAllow({ from: `${ns}/backend`, to: db, port: 5432 });
    expect(a).toAllow({ from: `${ns}/backend`, to: db, port: 'postgres' });
    expect(a).toDeny({ from: `${ns}/backend`, to: db, port: 22 });
    expect(a).toDeny({ from: `${ns}/frontend`, to: db, port: 5432 });
    expect(a).toDeny({ from: 'tenant-b/backend', to: db, port: 5432 });
    expect(a).toDeny({ from: INTERNET, to: db, port: 5432 });
  });

  test('can let the database send backups to the backup network on 443, except the excluded subnet', () => {
    const a = target();
    expect(a).toAllow({ from: db, to: '10.20.1.5', port: 443 });
    expect(a).toAllow({ from: db, to: '10.20.255.254', port: 443 });
    expect(a).toDeny({ from: db, to: '10.20.99.5', port: 443 });
    expect(a).toDeny({ from: db, to: '10.20.1.5', port: 80 });
    expect(a).toDeny({ from: db, to: '10.21.0.1', port: 443 });
    expect(a).toDeny({ from: db, to: INTERNET, port: 443 });
  });

  test('can let the database resolve names, and open nothing else', () => {
    const a = target();
    expect(a).toAllow({ from: db, to: 'kube-system/coredns', port: 53, protocol: 'UDP' });
    expect(a).toAllow({ from: db, to: 'kube-system/coredns', port: 53, protocol: 'TCP' });
    expect(a).toDeny({ from: db, to: PUBLIC_DNS, port: 53, protocol: 'UDP' });
    expect(a).toDeny({ from: db, to: `${ns}/backend`, port: 8080 });
  });

  test('can leave the other pods of the namespace unisolated, as the README says', () => {
    const a = target();
    expect(a).toAllow({ from: `${ns}/backend`, to: INTERNET, port: 443 });
    expect(a).toAllow({ from: `${ns}/frontend`, to: `${ns}/backend`, port: 8080 });
    expect(a).toHaveReachability({
      port: 5432,
      among: [`${ns}/backend`, `${ns}/frontend`, db],
      allowed: [
        `${ns}/backend -> ${db}`,
        `${ns}/backend -> ${ns}/backend`, `${ns}/backend -> ${ns}/frontend`,
        `${ns}/frontend -> ${ns}/backend`, `${ns}/frontend -> ${ns}/frontend`,
      ],
    });
  });
});

describe('baseline-deny-dns', () => {
  const pods = baselineDenyDns.NAMESPACES.flatMap(ns => [
    deployment(ns, 'api', { app: 'api' }, [{ port: 8080 }]),
    deployment(ns, 'worker', { app: 'worker' }, [{ port: 9000 }]),
  ]);
  const refs = pods.map(p => `${p.namespace}/${p.name}`);
  const target = () => app(baselineDenyDns.createApp, [...pods, KUBE_DNS]);
  const nodeLocalDns = baselineDenyDns.NODE_LOCAL_DNS;

  test('can let every pod reach the cluster DNS and the node-local cache on UDP and TCP 53', () => {
    const a = target();
    for (const pod of refs) {
      for (const protocol of ['UDP', 'TCP'] as const) {
        expect(a).toAllow({ from: pod, to: 'kube-system/coredns', port: 53, protocol });
        expect(a).toAllow({ from: pod, to: nodeLocalDns, port: 53, protocol });
      }
    }
  });

  test('cannot let any pod reach DNS elsewhere, another DNS port, or anything else', () => {
    const a = target();
    for (const pod of refs) {
      expect(a).toDeny({ from: pod, to: PUBLIC_DNS, port: 53, protocol: 'UDP' });
      expect(a).toDeny({ from: pod, to: 'kube-system/coredns', port: 9153 });
      expect(a).toDeny({ from: pod, to: nodeLocalDns, port: 80 });
      expect(a).toDeny({ from: pod, to: INTERNET, port: 443 });
    }
    expect(a).toDeny({ from: 'kube-system/coredns', to: 'payments/api', port: 8080 });
    expect(a).toDeny({ from: INTERNET, to: 'orders/api', port: 8080 });
  });

  test('cannot let the pods reach each other, inside a namespace or across', () => {
    expect(target()).toHaveReachability({ port: 8080, among: refs, allowed: [] });
    expect(target()).toHaveReachability({ port: 9000, among: refs, allowed: [] });
  });

  test('can let the pods reach on 53 exactly the cluster DNS and the node-local cache, on UDP and TCP', () => {
    for (const protocol of ['UDP', 'TCP'] as const) {
      expect(target()).toHaveReachability({
        port: 53,
        protocol,
        from: refs,
        to: [...refs, 'kube-system/coredns', nodeLocalDns, PUBLIC_DNS],
        allowed: refs.flatMap(pod => [`${pod} -> kube-system/coredns`, `${pod} -> ${nodeLocalDns}`]),
      });
    }
  });
});
