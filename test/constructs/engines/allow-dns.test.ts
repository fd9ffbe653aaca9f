import { CLUSTER_ONLY_ENGINES, NAMESPACED_ENGINES, expectNamespacedRefused, MANAGED_BY, chartFor, engineWarnings, meaningOf, synthesize } from './support';
import { AllowDns, Peer, Selector, Subject } from '../../../lib';

// The cluster DNS (`k8s-app=kube-dns` in kube-system) on UDP and TCP 53, in each dialect.
const KUBE_DNS_CALICO = { namespaceSelector: "kubernetes.io/metadata.name == 'kube-system'", ports: [53], selector: "k8s-app == 'kube-dns'" };
const ALLOW_DNS: Record<string, any> = {
  'kubernetes': {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    spec: {
      egress: [{
        ports: [{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }],
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      }],
      podSelector: {},
      policyTypes: ['Egress'],
    },
  },
  // One Calico rule per protocol: a Calico rule has one protocol.
  'calico': {
    apiVersion: 'projectcalico.org/v3',
    kind: 'NetworkPolicy',
    spec: {
      egress: [
        { action: 'Allow', destination: KUBE_DNS_CALICO, protocol: 'TCP' },
        { action: 'Allow', destination: KUBE_DNS_CALICO, protocol: 'UDP' },
      ],
      selector: 'all()',
      types: ['Egress'],
    },
  },
  'calico-crd': {
    apiVersion: 'crd.projectcalico.org/v1',
    kind: 'NetworkPolicy',
    spec: {
      egress: [
        { action: 'Allow', destination: KUBE_DNS_CALICO, protocol: 'TCP' },
        { action: 'Allow', destination: KUBE_DNS_CALICO, protocol: 'UDP' },
      ],
      selector: 'all()',
      types: ['Egress'],
    },
  },
  // Cilium: the namespace is a label of the pod's identity; ingress is explicitly left alone.
  'cilium': {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    spec: {
      egress: [{
        toEndpoints: [{ matchLabels: { 'k8s-app': 'kube-dns', 'k8s:io.kubernetes.pod.namespace': 'kube-system' } }],
        toPorts: [{ ports: [{ port: '53', protocol: 'TCP' }, { port: '53', protocol: 'UDP' }] }],
      }],
      enableDefaultDeny: { egress: true, ingress: false },
      endpointSelector: {},
    },
  },
};

describe('AllowDns', () => {
  test.each(CLUSTER_ONLY_ENGINES)('cannot render a namespaced AllowDns for %s: ENGINE_NO_NAMESPACE_SCOPE', (_name, engine) => {
    // A ClusterNetworkPolicy deny is final, where a namespaced isolation adds up with the namespace's other policies.
    expectNamespacedRefused(chart => new AllowDns(chart, 'Dns', { engine }), 'Dns');
  });

  test.each(NAMESPACED_ENGINES)('can allow every pod egress to the cluster DNS on UDP and TCP 53 for %s', (name, engine) => {
    // GIVEN
    const chart = chartFor('prod');
    // WHEN
    new AllowDns(chart, 'Dns', { engine });
    // THEN
    const { objects, warnings } = synthesize(chart);
    expect(objects).toHaveLength(1);
    expect(meaningOf(objects[0])).toEqual(ALLOW_DNS[name]);
    expect(objects[0].metadata).toEqual({ labels: MANAGED_BY, name: 'allow-dns', namespace: 'prod' });
    expect(warnings).toEqual(engineWarnings(engine, 1));
    expect(objects).toMatchSnapshot();
  });

  test.each(NAMESPACED_ENGINES)('can give a narrower subject a custom DNS peer and node-local DNS for %s', (_name, engine) => {
    // GIVEN
    const chart = chartFor('prod');
    // WHEN
    new AllowDns(chart, 'ApiDns', {
      subject: Subject.pods(Selector.labels({ app: 'api' })),
      dnsPeer: Peer.podsInNamespace('dns', Selector.labels({ app: 'coredns' })),
      nodeLocalDnsAddresses: ['169.254.20.10'],
      engine,
    });
    // THEN valid, named after the subject; the node-local address is a /32 block (link-local: no Cilium warning)
    const { objects, warnings } = synthesize(chart);
    expect(objects.map(o => o.metadata.name)).toEqual(['allow-dns-api']);
    expect(JSON.stringify(objects[0].spec)).toContain('169.254.20.10/32');
    expect(warnings).toEqual(engineWarnings(engine, 1));
    expect(objects).toMatchSnapshot();
  });
});
