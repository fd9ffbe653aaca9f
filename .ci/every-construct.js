// Run inside a fresh project with only cdk-netpol, cdk8s and constructs installed: every construct in a chart.
const n = require('cdk-netpol');
const { App, Chart } = require('cdk8s');

const app = new App();
const chart = new Chart(app, 'all');
const ns = 'smoke';
const web = n.Subject.pods(n.Selector.labels({ app: 'web' }), ns);
const api = n.Subject.pods(n.Selector.labels({ app: 'api' }), ns);
new n.DefaultDeny(chart, 'Deny', { namespaceName: ns });
new n.AllowDns(chart, 'Dns', { namespaceName: ns });
new n.AllowFrom(chart, 'From', { subject: web, peers: [n.Peer.namespaceNamed('ingress')], ports: [n.Port.tcp(8080)] });
new n.AllowTo(chart, 'To', { subject: api, peers: [n.Peer.ipBlock('203.0.113.0/24')], ports: [n.Port.HTTPS] });
new n.AllowFlow(chart, 'Flow', { source: web, destination: api, ports: [n.Port.tcp(8080)] });
new n.ThreeTierApp(chart, 'Shop', {
  namespaceName: 'shop',
  frontend: n.Subject.pods(n.Selector.labels({ tier: 'frontend' })),
  api: n.Subject.pods(n.Selector.labels({ tier: 'api' })),
  database: n.Subject.pods(n.Selector.labels({ tier: 'db' })),
});
new n.ClusterDefaultDeny(chart, 'ClusterK8s', { namespaces: ['team-a'], name: 'k8s-deny' });
new n.CalicoGlobalDeny(chart, 'Calico');
new n.CiliumClusterwideDeny(chart, 'Cilium');
new n.AksNetworkBaseline(new Chart(app, 'aks'), 'Aks', { engine: n.AksNetworkPolicy.AZURE, defaultDeny: true, namespaces: ['team-b'] });
const kinds = app.charts.flatMap(c => c.toJson()).map(o => o.kind).sort();
const expected = ['CiliumClusterwideNetworkPolicy', 'GlobalNetworkPolicy'];
for (const kind of expected) {
  if (!kinds.includes(kind)) throw new Error(`no ${kind} among ${kinds.join(', ')}`);
}
if (kinds.filter(k => k === 'NetworkPolicy').length < 12) throw new Error(`too few NetworkPolicies: ${kinds.join(', ')}`);
app.synthYaml();
console.log(`every construct: ${kinds.length} objects`);
