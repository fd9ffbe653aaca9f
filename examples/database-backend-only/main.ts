import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { AllowDns, AllowFrom, AllowTo, Peer, Port, Selector, Subject } from '../../lib';

/** The namespace of the backend and its database. */
export const NAMESPACE = 'shop';
/** The backup network, minus the subnet of a neighbouring tenant the database must not reach. */
export const BACKUP_CIDR = '10.20.0.0/16';
export const BACKUP_EXCEPT_CIDRS = ['10.20.99.0/24'];

/**
 * The database StatefulSet as a plain ApiObject (as from an imported Helm chart or a hand-written manifest),
 * in the database team's own app: Subject.workload reads its spec.selector and its namespace (the Chart's),
 * so the policy app below holds nothing but policies.
 */
export function createDatabase(): ApiObject {
  return new ApiObject(new Chart(new App(), 'database', { namespace: NAMESPACE }), 'database', {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'database' },
    spec: {
      serviceName: 'database',
      replicas: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'postgres', 'app.kubernetes.io/instance': 'database' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'postgres', 'app.kubernetes.io/instance': 'database' } },
        spec: {
          containers: [{
            name: 'postgres',
            image: 'postgres:16.4',
            ports: [{ name: 'postgres', containerPort: 5432 }],
          }],
        },
      },
    },
  });
}

/** Builds the example app; `synth()` writes one YAML file for the `shop` chart. */
export function createApp(outdir: string = path.join(__dirname, '..', '..', 'dist', 'examples', 'database-backend-only')): App {
  const app = new App({ outdir });
  const chart = new Chart(app, 'shop', { namespace: NAMESPACE });

  const database = createDatabase();
  const db = Subject.workload(database);
  const backend = Peer.pods(Selector.labels({ app: 'backend' }));

  // Ingress only: isolating the backend's egress here would cut it off from everything else it calls.
  new AllowFrom(chart, 'BackendToDatabase', {
    subject: db,
    peers: [backend],
    ports: [Port.tcp(5432)],
  });

  // Backups go to an S3-compatible object store in the backup network, over HTTPS.
  new AllowTo(chart, 'Backups', {
    subject: db,
    peers: [Peer.ipBlock(BACKUP_CIDR, BACKUP_EXCEPT_CIDRS).withDisplayName('backup-network')],
    ports: [Port.HTTPS],
  });
  // The object store is addressed by host name, and egress is now isolated.
  new AllowDns(chart, 'Dns', { subject: db });

  return app;
}

if (require.main === module) {
  createApp().synth();
}
