import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { AllowDns, AllowFrom, AllowTo, DefaultDeny, DefaultEngine, DenyTo, Diagnostics, Engine, HttpMatch, Peer, Port, Selector, Subject } from '../../lib';

/** The namespace the payment service runs in. */
export const NAMESPACE = 'payments';
/** The payment provider's API, by name: its addresses change, its name does not. */
export const STRIPE_API = 'api.stripe.com';
/** Every S3 bucket endpoint, by pattern. */
export const S3_BUCKETS = '*.s3.amazonaws.com';
/** The cloud metadata endpoint (instance credentials): the api must never reach it. */
export const METADATA_ENDPOINT = '169.254.169.254/32';
/** The api's container port. */
export const API_PORT = Port.tcp(8080);
/** The only requests the frontend may send to the api. */
export const API_REQUESTS: HttpMatch[] = [
  { method: 'GET', path: '/v1/.*' },
  { method: 'POST', path: '/v1/charges' },
];

/** Builds the example app; `synth()` writes one YAML file of CiliumNetworkPolicies for the `payments` chart. */
export function createApp(outdir: string = path.join(__dirname, '..', '..', 'dist', 'examples', 'cilium-fqdn-http')): App {
  const app = new App({ outdir });
  const chart = new Chart(app, NAMESPACE, { namespace: NAMESPACE });
  // Every construct below renders a CiliumNetworkPolicy.
  DefaultEngine.set(chart, Engine.CILIUM);

  const frontend = Subject.pods(Selector.labels({ app: 'frontend' }));
  const api = Subject.pods(Selector.labels({ app: 'api' }));
  // Both warnings below are expected here; acknowledged on the chart, with the reason kept in Diagnostics.of(app).
  Diagnostics.acknowledge(chart, 'CILIUM_FQDN_DNS_RULE_ADDED',
    'the cluster DNS is k8s-app=kube-dns in kube-system, so the added DNS-proxy rule allows exactly the lookups the FQDN rules need');
  Diagnostics.acknowledge(chart, 'CILIUM_DENY_WITHOUT_ISOLATION',
    'default-deny-all already isolates the api for egress, so a Cilium release that isolates on deny-only policies changes nothing');

  new DefaultDeny(chart, 'Deny');
  new AllowDns(chart, 'Dns');

  // Egress by DNS name. Cilium learns the addresses from the lookups its DNS proxy sees, so the
  // policy also sends the api's DNS traffic through the proxy (added by the renderer).
  new AllowTo(chart, 'PaymentProviders', {
    subject: api,
    peers: [Peer.fqdn(STRIPE_API), Peer.fqdnPattern(S3_BUCKETS)],
    ports: [Port.HTTPS],
  });

  // L4 on the frontend's side, L7 on the api's: only these requests reach the api.
  new AllowTo(chart, 'FrontendToApi', {
    subject: frontend,
    peers: [api.asPeer(NAMESPACE)],
    ports: [API_PORT],
  });
  new AllowFrom(chart, 'ApiFromFrontend', {
    subject: api,
    peers: [frontend.asPeer(NAMESPACE)],
    ports: [API_PORT],
    http: API_REQUESTS,
  });

  // Deny wins in Cilium: whatever another policy allows later, the api never reaches the metadata endpoint.
  new DenyTo(chart, 'NoMetadata', {
    subject: api,
    peers: [Peer.ipBlock(METADATA_ENDPOINT).withDisplayName('cloud-metadata')],
    ports: [Port.allPorts()],
  });

  return app;
}

if (require.main === module) {
  createApp().synth();
}
