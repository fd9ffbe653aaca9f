import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { AksNetworkBaseline, AksNetworkPolicy } from '../../lib';

/** The sample team namespaces Azure NPM isolates (it has no cluster-wide policy, so they are listed). */
export const TEAM_NAMESPACES = ['team-a', 'team-b'];
/** The addresses AKS LocalDNS listens on, allowed for DNS besides CoreDNS. */
export const LOCAL_DNS = AksNetworkBaseline.LOCAL_DNS_ADDRESSES;
/** The chart of each engine, by the name `az aks create --network-policy` takes. */
export const CHARTS: Readonly<Record<AksNetworkPolicy, string>> = {
  [AksNetworkPolicy.AZURE]: 'aks-azure',
  [AksNetworkPolicy.CALICO]: 'aks-calico',
  [AksNetworkPolicy.CILIUM]: 'aks-cilium',
};

/**
 * Builds the example app: the AKS baseline, default deny on, once per engine. A cluster runs one engine,
 * so apply the one file that matches it: `aks-azure.k8s.yaml`, `aks-calico.k8s.yaml` or `aks-cilium.k8s.yaml`.
 */
export function createApp(outdir: string = path.join(__dirname, '..', '..', 'dist', 'examples', 'aks-addon')): App {
  const app = new App({ outdir });

  // Azure NPM: a default deny and DNS in each listed namespace; namespaces created later are not covered.
  new AksNetworkBaseline(new Chart(app, CHARTS.azure), 'Baseline', {
    networkPolicy: AksNetworkPolicy.AZURE,
    defaultDeny: true,
    namespaces: TEAM_NAMESPACES,
    nodeLocalDnsAddresses: LOCAL_DNS,
  });

  // AKS-managed Calico: one crd.projectcalico.org/v1 GlobalNetworkPolicy for every namespace but the system ones.
  new AksNetworkBaseline(new Chart(app, CHARTS.calico), 'Baseline', {
    networkPolicy: AksNetworkPolicy.CALICO,
    defaultDeny: true,
    nodeLocalDnsAddresses: LOCAL_DNS,
  });

  // Azure CNI powered by Cilium: one CiliumClusterwideNetworkPolicy, L3/L4 only. No LocalDNS addresses: they
  // belong to the node, and Cilium's CIDR rules do not match nodes (see the README).
  new AksNetworkBaseline(new Chart(app, CHARTS.cilium), 'Baseline', {
    networkPolicy: AksNetworkPolicy.CILIUM,
    defaultDeny: true,
  });

  return app;
}

if (require.main === module) {
  createApp().synth();
}
