import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { AllowFrom, AllowTo, Peer, Port, Selector, Subject, ThreeTierApp } from '../../lib';

/** The namespace the app runs in. */
export const NAMESPACE = 'production';
/** The payment provider's API (a documentation range: replace with the provider's published CIDR). */
export const PAYMENT_PROVIDER_CIDR = '203.0.113.0/24';

/** Builds the example app; `synth()` writes one YAML file for the `production` chart. */
export function createApp(outdir: string = path.join(__dirname, '..', '..', 'dist', 'examples', 'three-tier-production')): App {
  const app = new App({ outdir });
  const chart = new Chart(app, 'production', { namespace: NAMESPACE });

  const frontend = Subject.pods(Selector.labels({ app: 'frontend' }));
  const api = Subject.pods(Selector.labels({ app: 'api' }));
  const database = Subject.pods(Selector.labels({ app: 'database' }));

  // Default deny, DNS, ingress-nginx -> frontend -> api -> database.
  new ThreeTierApp(chart, 'Shop', {
    frontend,
    api,
    database,
    frontendPorts: [Port.tcp(8080)],
    apiPorts: [Port.tcp(8080)],
    databasePorts: [Port.tcp(5432)],
  });

  // The named port, not a number: each pod resolves `metrics` to its own container port
  // (9090, 9100, 8081...), and pods that declare no `metrics` port expose nothing to Prometheus.
  // Ingress only: the monitoring namespace decides its own egress.
  new AllowFrom(chart, 'PrometheusScrape', {
    subject: Subject.allPods(),
    peers: [Peer.podsInNamespace('monitoring', Selector.labels({ 'app.kubernetes.io/name': 'prometheus' })).withDisplayName('prometheus')],
    ports: [Port.named('metrics')],
  });

  // Only the provider's network on 443, not the whole internet.
  new AllowTo(chart, 'PaymentProviderEgress', {
    subject: api,
    peers: [Peer.ipBlock(PAYMENT_PROVIDER_CIDR).withDisplayName('payment-provider')],
    ports: [Port.HTTPS],
  });

  return app;
}

if (require.main === module) {
  createApp().synth();
}
