import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { AllowFlow, AllowFrom, CalicoGlobalDeny, ClusterDefaultDeny, Engine, Peer, Port, Selector, Subject } from '../../lib';

/** The node-local DNS cache address every pod may query, besides the cluster DNS. */
export const NODE_LOCAL_DNS = '169.254.20.10';
/** The namespace of the ingress controller: a platform namespace, exempt like the system ones. */
export const INGRESS_NAMESPACE = 'ingress-nginx';
/** Namespaces the global deny leaves alone: the system namespaces, and the ingress controller's. */
export const EXEMPT_NAMESPACES = [...ClusterDefaultDeny.SYSTEM_NAMESPACES, INGRESS_NAMESPACE];
/** The two team namespaces that open holes with ordinary NetworkPolicies. */
export const TEAM_A = 'team-a';
export const TEAM_B = 'team-b';
/** The container port of team-a's web and team-b's api. */
export const APP_PORT = Port.tcp(8080);

/**
 * Builds the example app; `synth()` writes one YAML file for the cluster baseline (a Calico
 * GlobalNetworkPolicy) and one per team namespace (Kubernetes NetworkPolicies).
 */
export function createApp(outdir: string = path.join(__dirname, '..', '..', 'dist', 'examples', 'calico-cluster-baseline')): App {
  const app = new App({ outdir });

  // The platform team's baseline: every pod outside the exempt namespaces is isolated both ways,
  // except DNS on UDP and TCP 53 to the cluster DNS and the node-local cache. Order 2000, no blanket Allow.
  const baseline = new Chart(app, 'cluster-baseline');
  new CalicoGlobalDeny(baseline, 'GlobalDeny', {
    exemptNamespaces: EXEMPT_NAMESPACES,
    nodeLocalDnsAddresses: [NODE_LOCAL_DNS],
  });

  // The teams open holes with ordinary NetworkPolicies (order 1000 in tier default, before the baseline).
  // No DefaultDeny in their namespaces: the baseline already isolates them.
  const teamA = new Chart(app, TEAM_A, { namespace: TEAM_A });
  const web = Subject.pods(Selector.labels({ app: 'web' }));
  new AllowFrom(teamA, 'WebFromIngress', {
    subject: web,
    peers: [Peer.podsInNamespace(INGRESS_NAMESPACE, Selector.labels({ 'app.kubernetes.io/name': 'ingress-nginx' })).withDisplayName('ingress-nginx')],
    ports: [APP_PORT],
  });

  // Both ends of the cross-team flow: egress from team-a's web, ingress to team-b's api.
  const crossTeam = new Chart(app, 'cross-team');
  new AllowFlow(crossTeam, 'WebToTeamBApi', {
    source: Subject.pods(Selector.labels({ app: 'web' }), TEAM_A),
    destination: Subject.pods(Selector.labels({ app: 'api' }), TEAM_B),
    ports: [APP_PORT],
    engine: Engine.KUBERNETES,
  });

  return app;
}

if (require.main === module) {
  createApp().synth();
}
