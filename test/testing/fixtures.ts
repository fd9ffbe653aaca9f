import { App, Chart, Testing } from 'cdk8s';
import { AllowDns, AllowFlow, AllowTo, DefaultDeny, Peer, Port, Selector, Subject } from '../../lib';
import { WorkloadSpec } from '../../lib/testing';

/** The cluster DNS pods AllowDns targets. */
export const KUBE_DNS: WorkloadSpec = {
  namespace: 'kube-system',
  name: 'coredns',
  kind: 'Deployment',
  labels: { 'k8s-app': 'kube-dns' },
  ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }],
};

/** A pod with one label `app=<name>`. */
export function pod(namespace: string, name: string, ports: WorkloadSpec['ports'] = [], labels?: Record<string, string>): WorkloadSpec {
  return { namespace, name, labels: labels ?? { app: name }, ports };
}

/**
 * `prod`: default deny, DNS, web -> api on 8080, api -> 203.0.113.0/24 on 443.
 * Policies only: the tests declare the pods.
 */
export function shopChart(app: App = Testing.app()): Chart {
  const chart = new Chart(app, 'shop', { namespace: 'prod' });
  const web = Subject.pods(Selector.labels({ app: 'web' }));
  const api = Subject.pods(Selector.labels({ app: 'api' }));
  new DefaultDeny(chart, 'Deny');
  new AllowDns(chart, 'Dns');
  new AllowFlow(chart, 'WebToApi', { source: web, destination: api, ports: [Port.tcp(8080)] });
  new AllowTo(chart, 'Provider', { subject: api, peers: [Peer.ipBlock('203.0.113.0/24')], ports: [Port.HTTPS] });
  return chart;
}

/** The pods `shopChart` is judged against. */
export const SHOP_PODS: WorkloadSpec[] = [
  pod('prod', 'web', [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }]),
  pod('prod', 'api', [{ name: 'http', port: 8080 }]),
  pod('prod', 'db', [{ name: 'postgres', port: 5432 }]),
  KUBE_DNS,
];
