import { render } from './support';
import { Entity, LabelExpression, Peer, Policy, Port, Rule, Selector } from '../../../lib';

const NS = 'k8s:io.kubernetes.pod.namespace';
const web = Selector.labels({ app: 'web' });
const api = Selector.labels({ app: 'api' });
const https = [{ ports: [{ port: '443', protocol: 'TCP' }] }];

function ingressFrom(...peers: Peer[]): Policy {
  return new Policy({ name: 'web-ingress', namespaceName: 'shop', subject: web, ingress: [Rule.allow({ peers, ports: [Port.HTTPS] })] });
}

function egressTo(...peers: Peer[]): Policy {
  return new Policy({ name: 'web-egress', namespaceName: 'shop', subject: web, egress: [Rule.allow({ peers, ports: [Port.HTTPS] })] });
}

describe('renderCiliumPolicy peers', () => {
  test('can render a namespaced ingress policy as a CiliumNetworkPolicy', () => {
    // GIVEN / WHEN
    const manifest = render(ingressFrom(Peer.pods(api)));
    // THEN
    expect(manifest).toStrictEqual({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { labels: { 'app.kubernetes.io/managed-by': 'cdk-netpol' }, name: 'web-ingress', namespace: 'shop' },
      spec: {
        enableDefaultDeny: { egress: false, ingress: true },
        endpointSelector: { matchLabels: { app: 'web' } },
        ingress: [{ fromEndpoints: [{ matchLabels: { app: 'api', [NS]: 'shop' } }], toPorts: https }],
      },
    });
  });

  test.each<[string, Peer, any]>([
    // The policy's own namespace is written out, so the meaning does not rest on Cilium's implicit restriction.
    ['pods of the own namespace', Peer.pods(api), { matchLabels: { app: 'api', [NS]: 'shop' } }],
    ['a namespace by name', Peer.namespaceNamed('monitoring'), { matchLabels: { [NS]: 'monitoring' } }],
    ['pods in a namespace by name', Peer.podsInNamespace('monitoring', Selector.labels({ app: 'prometheus' })),
      { matchLabels: { app: 'prometheus', [NS]: 'monitoring' } }],
    ['namespaces by labels', Peer.namespaces(Selector.labels({ team: 'a' })),
      { matchExpressions: [{ key: NS, operator: 'Exists' }], matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.team': 'a' } }],
    ['pods in namespaces by expressions', Peer.podsInNamespaces(api, Selector.of({ matchExpressions: [LabelExpression.notIn('env', ['dev'])] })), {
      matchExpressions: [
        { key: 'k8s:io.cilium.k8s.namespace.labels.env', operator: 'NotIn', values: ['dev'] },
        { key: NS, operator: 'Exists' },
      ],
      matchLabels: { app: 'api' },
    }],
    ['namespaces by kubernetes.io/metadata.name expression', Peer.namespaces(Selector.of({ matchExpressions: [LabelExpression.isIn(Selector.NAMESPACE_NAME_LABEL, ['a', 'b'])] })),
      { matchExpressions: [{ key: NS, operator: 'Exists' }, { key: NS, operator: 'In', values: ['a', 'b'] }] }],
    ['namespaces by name label and other labels', Peer.namespaces(Selector.labels({ [Selector.NAMESPACE_NAME_LABEL]: 'prod', tier: 'gold' })),
      { matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.tier': 'gold', [NS]: 'prod' } }],
    ['a namespace pinned by its name label', Peer.namespaces(Selector.namespaceNamed('prod')), { matchLabels: { [NS]: 'prod' } }],
    ['all pods in the cluster', Peer.allPodsInCluster(), { matchExpressions: [{ key: NS, operator: 'Exists' }] }],
    ['pods with labels in every namespace', Peer.podsInNamespaces(api, Selector.all()),
      { matchExpressions: [{ key: NS, operator: 'Exists' }], matchLabels: { app: 'api' } }],
    ['the cluster DNS', Peer.clusterDns(), { matchLabels: { 'k8s-app': 'kube-dns', [NS]: 'kube-system' } }],
  ])('can render %s as fromEndpoints', (_name, peer, selector) => {
    const manifest = render(ingressFrom(peer));
    expect(manifest.spec.ingress).toStrictEqual([{ fromEndpoints: [selector], toPorts: https }]);
  });

  test('can render an IP block as fromCIDRSet and an IPv4 block with exceptions in canonical order', () => {
    const manifest = render(ingressFrom(Peer.ipBlock('203.0.113.0/24'), Peer.anyIpv4({ exceptCidrs: ['192.168.0.0/16', '10.0.0.0/8'] })));
    expect(manifest.spec.ingress).toStrictEqual([{
      fromCIDRSet: [{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '192.168.0.0/16'] }, { cidr: '203.0.113.0/24' }],
      toPorts: https,
    }]);
  });

  test('can render an IPv6 block as toCIDRSet', () => {
    const manifest = render(egressTo(Peer.anyIpv6({ exceptCidrs: ['fd00::/8'] })));
    expect(manifest.spec.egress).toStrictEqual([{ toCIDRSet: [{ cidr: '::/0', except: ['fd00::/8'] }], toPorts: https }]);
  });

  test('can render anywhere as the entity all, never as a rule without peers', () => {
    expect(render(ingressFrom(Peer.anywhere())).spec.ingress).toStrictEqual([{ fromEntities: ['all'], toPorts: https }]);
    expect(render(egressTo(Peer.anywhere(), Peer.pods(api))).spec.egress).toStrictEqual([{ toEntities: ['all'], toPorts: https }]);
  });

  test('can render entities as fromEntities / toEntities, sorted', () => {
    expect(render(egressTo(Peer.entity(Entity.WORLD), Peer.entity(Entity.KUBE_APISERVER))).spec.egress)
      .toStrictEqual([{ toEntities: ['kube-apiserver', 'world'], toPorts: https }]);
    expect(render(ingressFrom(Peer.entity(Entity.REMOTE_NODE), Peer.entity(Entity.HOST))).spec.ingress)
      .toStrictEqual([{ fromEntities: ['host', 'remote-node'], toPorts: https }]);
  });

  test('can render each peer kind of one rule as its own Cilium rule with the same ports (Cilium refuses combined peer kinds)', () => {
    const manifest = render(egressTo(Peer.entity(Entity.WORLD), Peer.pods(api), Peer.ipBlock('203.0.113.0/24'), Peer.namespaceNamed('db')));
    expect(manifest.spec.egress).toStrictEqual([
      { toCIDRSet: [{ cidr: '203.0.113.0/24' }], toPorts: https },
      { toEndpoints: [{ matchLabels: { [NS]: 'db' } }, { matchLabels: { app: 'api', [NS]: 'shop' } }], toPorts: https },
      { toEntities: ['world'], toPorts: https },
    ]);
  });

  test('can render peers that mean the same pods once', () => {
    const manifest = render(ingressFrom(Peer.namespaceNamed('prod'), Peer.namespaces(Selector.namespaceNamed('prod'))));
    expect(manifest.spec.ingress).toStrictEqual([{ fromEndpoints: [{ matchLabels: { [NS]: 'prod' } }], toPorts: https }]);
  });

  test('can render every intent rule as its own Cilium rules, in the intent\'s order', () => {
    const policy = new Policy({
      name: 'web-ingress',
      namespaceName: 'shop',
      subject: web,
      ingress: [
        Rule.allow({ peers: [Peer.pods(api)], ports: [Port.tcp(8080)] }),
        Rule.allow({ peers: [Peer.entity(Entity.WORLD)], ports: [Port.HTTPS] }),
      ],
    });
    expect(render(policy).spec.ingress).toStrictEqual([
      { fromEndpoints: [{ matchLabels: { app: 'api', [NS]: 'shop' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] },
      { fromEntities: ['world'], toPorts: https },
    ]);
  });

  test('can render a subject selector with expressions as the endpointSelector', () => {
    const subject = Selector.of({ matchLabels: { app: 'web' }, matchExpressions: [LabelExpression.doesNotExist('legacy'), LabelExpression.isIn('tier', ['b', 'a'])] });
    const policy = new Policy({ name: 'p', namespaceName: 'shop', subject, isolateIngress: true });
    expect(render(policy).spec.endpointSelector).toStrictEqual({
      matchExpressions: [{ key: 'legacy', operator: 'DoesNotExist' }, { key: 'tier', operator: 'In', values: ['a', 'b'] }],
      matchLabels: { app: 'web' },
    });
  });
});
