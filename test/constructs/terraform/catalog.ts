/**
 * One case per construct (and per engine where the construct's output changes with it), built the same way in
 * any host: every namespace is explicit, so neither a Chart's namespace nor its absence changes the result.
 */
import { Construct } from 'constructs';
import {
  AksNetworkBaseline, AksNetworkPolicy, AllowDns, AllowFlow, AllowFrom, AllowTo, CalicoGlobalDeny, CiliumClusterwideDeny,
  ClusterDefaultDeny, DefaultDeny,
  Engine, LabelExpression, Peer, Port, Selector, Subject, ThreeTierApp,
} from '../../../lib';

export interface ConstructCase {
  readonly name: string;
  readonly build: (scope: Construct) => void;
}

const web = Subject.pods(Selector.labels({ app: 'web' }), 'prod');
const api = Subject.pods(Selector.labels({ app: 'api' }), 'prod');

export const CONSTRUCT_CASES: ConstructCase[] = [
  { name: 'DefaultDeny', build: s => new DefaultDeny(s, 'Deny', { namespaceName: 'prod' }) },
  { name: 'DefaultDeny ingress only', build: s => new DefaultDeny(s, 'Deny', { namespaceName: 'prod', egress: false }) },
  { name: 'AllowDns with node-local DNS', build: s => new AllowDns(s, 'Dns', { namespaceName: 'prod', nodeLocalDnsAddresses: ['169.254.20.10'] }) },
  {
    name: 'AllowFrom pods, namespaces and an ipBlock with exceptions',
    build: s => new AllowFrom(s, 'Web', {
      subject: web,
      peers: [
        Peer.podsInNamespace('ingress-nginx', Selector.labels({ 'app.kubernetes.io/name': 'ingress-nginx' })),
        Peer.namespaces(Selector.of({ matchExpressions: [LabelExpression.isIn('team', ['blue', 'green', 'amber'])] })),
        Peer.ipBlock('10.0.0.0/8', ['10.1.0.0/16']),
      ],
      ports: [Port.tcp(8080), Port.tcpRange(9000, 9010), Port.named('metrics')],
    }),
  },
  { name: 'AllowFrom anywhere on every port', build: s => new AllowFrom(s, 'Open', { subject: web, peers: [Peer.anywhere()], ports: [Port.allPorts()] }) },
  { name: 'AllowTo all pods of the cluster', build: s => new AllowTo(s, 'Out', { subject: api, peers: [Peer.allPodsInCluster()], ports: [Port.udp(514)] }) },
  { name: 'AllowFlow', build: s => new AllowFlow(s, 'Flow', { source: web, destination: api, ports: [Port.tcp(8080)] }) },
  {
    name: 'ThreeTierApp with external egress',
    build: s => new ThreeTierApp(s, 'Shop', {
      namespaceName: 'shop',
      frontend: Subject.pods(Selector.labels({ tier: 'frontend' })),
      api: Subject.pods(Selector.labels({ tier: 'api' })),
      database: Subject.pods(Selector.labels({ tier: 'db' })),
      apiExternalEgress: {},
    }),
  },
  { name: 'ClusterDefaultDeny kubernetes', build: s => new ClusterDefaultDeny(s, 'Cluster', { engine: Engine.KUBERNETES, namespaces: ['team-a', 'team-b'] }) },
  { name: 'ClusterDefaultDeny calico', build: s => new ClusterDefaultDeny(s, 'Cluster', { engine: Engine.CALICO }) },
  { name: 'CalicoGlobalDeny calico-crd', build: s => new CalicoGlobalDeny(s, 'Cluster', { engine: Engine.CALICO_CRD, nodeLocalDnsAddresses: ['169.254.20.10'] }) },
  { name: 'CiliumClusterwideDeny', build: s => new CiliumClusterwideDeny(s, 'Cluster') },
  { name: 'ClusterDefaultDeny cluster-network-policy', build: s => new ClusterDefaultDeny(s, 'Cluster', { engine: Engine.CLUSTER_NETWORK_POLICY }) },
  { name: 'AllowFrom calico', build: s => new AllowFrom(s, 'Web', { subject: web, peers: [Peer.pods(Selector.labels({ app: 'lb' }))], ports: [Port.tcp(80)], engine: Engine.CALICO }) },
  { name: 'AllowTo cilium FQDN', build: s => new AllowTo(s, 'Out', { subject: api, peers: [Peer.fqdn('api.example.com')], ports: [Port.HTTPS], engine: Engine.CILIUM }) },
  { name: 'AksNetworkBaseline azure', build: s => new AksNetworkBaseline(s, 'Aks', { networkPolicy: AksNetworkPolicy.AZURE, defaultDeny: true, namespaces: ['team-a'] }) },
  { name: 'AksNetworkBaseline calico', build: s => new AksNetworkBaseline(s, 'Aks', { networkPolicy: AksNetworkPolicy.CALICO, defaultDeny: true }) },
  {
    name: 'AksNetworkBaseline cilium with LocalDNS',
    build: s => new AksNetworkBaseline(s, 'Aks', { networkPolicy: AksNetworkPolicy.CILIUM, defaultDeny: true, nodeLocalDnsAddresses: AksNetworkBaseline.LOCAL_DNS_ADDRESSES }),
  },
];
