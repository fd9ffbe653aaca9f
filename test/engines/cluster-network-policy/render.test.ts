import { metadataOf, render } from './support';
import { Engine, LabelExpression, Peer, Policy, PolicyProps, Port, Rule, Selector } from '../../../lib';

const teams = Selector.labels({ tenant: 'true' });
const web = Selector.labels({ app: 'web' });
const allPods = { namespaces: {} };
const everyAddress = { networks: ['0.0.0.0/0', '::/0'] };

/** A cluster-scoped policy over the tenant namespaces, with `props` on top. */
const policy = (props: Partial<PolicyProps>) => new Policy({ name: 'tenants', namespaceSelector: teams, subject: Selector.all(), ...props });

describe('renderClusterNetworkPolicy', () => {
  test('can render a cluster-scoped intent as a tier Admin ClusterNetworkPolicy at priority 500 by default', () => {
    // GIVEN no tier and no priority
    const intent = policy({ ingress: [Rule.deny({ peers: [Peer.namespaceNamed('sandbox')], ports: [Port.allPorts()] })] });
    // WHEN / THEN cluster-scoped (no namespace), subject every pod of the tenant namespaces
    expect(render(intent)).toStrictEqual({
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: metadataOf('tenants'),
      spec: {
        ingress: [{ action: 'Deny', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'sandbox' } } }], name: 'ingress-0' }],
        priority: 500,
        subject: { namespaces: { matchLabels: { tenant: 'true' } } },
        tier: 'Admin',
      },
    });
  });

  test.each([['admin', 'Admin'], ['baseline', 'Baseline']])('can render tier %s as %s', (tier, rendered) => {
    expect(render(policy({ tier, isolateIngress: true })).spec.tier).toBe(rendered);
  });

  test.each([0, 1, 999, 1000])('can render priority %d, within the CRD range 0..1000', priority => {
    expect(render(policy({ priority, isolateIngress: true })).spec.priority).toBe(priority);
  });

  test('can render the subject as pods of the selected namespaces when it is not every pod', () => {
    const spec = render(policy({ subject: web, isolateEgress: true })).spec;
    expect(spec.subject).toStrictEqual({ pods: { namespaceSelector: { matchLabels: { tenant: 'true' } }, podSelector: { matchLabels: { app: 'web' } } } });
  });

  test('can render every namespace as an empty namespace selector', () => {
    const spec = render(new Policy({ name: 'all', namespaceSelector: Selector.all(), subject: Selector.all(), isolateIngress: true })).spec;
    expect(spec.subject).toStrictEqual({ namespaces: {} });
  });
});

describe('renderClusterNetworkPolicy rules', () => {
  test('can render allow as Accept, deny as Deny and pass as Pass', () => {
    // GIVEN one rule of each action, not isolated (deny and pass rules alone do not isolate)
    const peers = [Peer.namespaceNamed('monitoring')];
    const ports = [Port.tcp(9090)];
    const intent = policy({ ingress: [Rule.deny({ peers, ports }), Rule.passToNextTier({ peers, ports })] });
    const allowed = policy({ ingress: [Rule.allow({ peers, ports })] });
    // THEN
    expect(render(intent).spec.ingress.map((r: any) => r.action)).toEqual(['Deny', 'Pass']);
    expect(render(allowed).spec.ingress.map((r: any) => r.action)).toEqual(['Accept', 'Deny']);
  });

  test('can put every deny and pass rule before every allow rule, each group in the intent\'s order, named by intent index', () => {
    // GIVEN an allow first, then a pass and a deny (a ClusterNetworkPolicy is first-match; within one intent a deny wins)
    const monitoring = Peer.namespaceNamed('monitoring');
    const sandbox = Peer.namespaceNamed('sandbox');
    const intent = policy({
      isolateIngress: false,
      ingress: [
        Rule.passToNextTier({ peers: [monitoring], ports: [Port.allPorts()] }),
        Rule.deny({ peers: [sandbox], ports: [Port.allPorts()] }),
      ],
      isolateEgress: true,
      egress: [
        Rule.allow({ peers: [Peer.clusterDns()], ports: [Port.DNS_UDP] }),
        Rule.passToNextTier({ peers: [monitoring], ports: [Port.tcp(9090)] }),
        Rule.deny({ peers: [sandbox], ports: [Port.allPorts()] }),
      ],
    });
    // WHEN
    const spec = render(intent).spec;
    // THEN
    expect(spec.ingress.map((r: any) => [r.name, r.action])).toEqual([['ingress-0', 'Pass'], ['ingress-1', 'Deny']]);
    expect(spec.egress.map((r: any) => [r.name, r.action])).toEqual([['egress-1', 'Pass'], ['egress-2', 'Deny'], ['egress-0', 'Accept'], ['isolate-egress', 'Deny']]);
  });

  test('can isolate ingress with a last Deny from every pod', () => {
    const spec = render(policy({ isolateIngress: true, ingress: [Rule.allow({ peers: [Peer.namespaceNamed('gateway')], ports: [Port.tcp(8080)] })] })).spec;
    expect(spec.ingress).toStrictEqual([
      { action: 'Accept', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'gateway' } } }], name: 'ingress-0', protocols: [{ tcp: { destinationPort: { number: 8080 } } }] },
      { action: 'Deny', from: [allPods], name: 'isolate-ingress' },
    ]);
    expect(spec.egress).toBeUndefined();
  });

  test('can isolate egress with a last Deny to every pod and every IPv4 and IPv6 address', () => {
    const spec = render(policy({ isolateEgress: true })).spec;
    expect(spec.egress).toStrictEqual([{ action: 'Deny', name: 'isolate-egress', to: [allPods, everyAddress] }]);
    expect(spec.ingress).toBeUndefined();
  });

  test('cannot add an isolation rule to a direction the intent does not isolate', () => {
    // GIVEN deny rules only: traffic they do not match goes on to the next policy, tier or the default
    const spec = render(policy({ egress: [Rule.deny({ peers: [Peer.ipBlock('169.254.169.254/32')], ports: [Port.allPorts()] })] })).spec;
    expect(spec.egress).toStrictEqual([{ action: 'Deny', name: 'egress-0', to: [{ networks: ['169.254.169.254/32'] }] }]);
  });
});

describe('renderClusterNetworkPolicy peers', () => {
  const egressTo = (...peers: Peer[]) =>
    render(policy({ isolateEgress: true, egress: [Rule.allow({ peers, ports: [Port.allPorts()] })] })).spec.egress[0].to;

  test('can render namespaces and pods peers, several peers OR\'d, in the intent\'s canonical peer order', () => {
    expect(egressTo(
      Peer.podsInNamespace('shop', web),
      Peer.namespaces(Selector.of({ matchExpressions: [LabelExpression.isIn('env', ['prod', 'staging'])] })),
      Peer.allPodsInCluster(),
      Peer.podsInNamespaces(web, Selector.all()),
    )).toStrictEqual([
      { pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { app: 'web' } } } },
      { namespaces: {} },
      { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'web' } } } },
      { namespaces: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }] } },
    ]);
  });

  test('can render an egress ipBlock as networks', () => {
    expect(egressTo(Peer.ipBlock('203.0.113.0/24'), Peer.ipBlock('2001:db8::/32'))).toStrictEqual([{ networks: ['2001:db8::/32'] }, { networks: ['203.0.113.0/24'] }]);
  });

  test('can cut ipBlock exceptions out of networks exactly', () => {
    // GIVEN a /24 without its first /28 (v1alpha2 networks have no except)
    expect(egressTo(Peer.ipBlock('198.51.100.0/24', ['198.51.100.0/28']))).toStrictEqual([
      { networks: ['198.51.100.16/28', '198.51.100.32/27', '198.51.100.64/26', '198.51.100.128/25'] },
    ]);
  });

  test('can split networks into peers of at most 25', () => {
    // GIVEN the internet without the private ranges: 31 networks
    const to = egressTo(Peer.anyIpv4({ exceptCidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] }));
    expect(to.map((p: any) => p.networks.length)).toEqual([25, 6]);
    expect(to[0].networks.slice(0, 3)).toEqual(['0.0.0.0/5', '8.0.0.0/7', '11.0.0.0/8']);
    expect(to[1].networks).toEqual(['193.0.0.0/8', '194.0.0.0/7', '196.0.0.0/6', '200.0.0.0/5', '208.0.0.0/4', '224.0.0.0/3']);
  });

  test('can render anywhere as every pod and every address for egress, and as every pod for ingress', () => {
    expect(egressTo(Peer.anywhere(), Peer.namespaceNamed('x'))).toStrictEqual([allPods, everyAddress]);
    const ingress = render(policy({ isolateIngress: true, ingress: [Rule.allow({ peers: [Peer.anywhere()], ports: [Port.HTTPS] })] })).spec.ingress;
    expect(ingress[0].from).toStrictEqual([allPods]);
  });
});

describe('renderClusterNetworkPolicy ports', () => {
  const protocolsOf = (...ports: Port[]) =>
    render(policy({ isolateIngress: true, ingress: [Rule.allow({ peers: [Peer.allPodsInCluster()], ports })] })).spec.ingress[0].protocols;

  test('can render numbers, ranges and named ports in canonical order', () => {
    expect(protocolsOf(Port.udp(53), Port.named('http'), Port.tcpRange(8000, 8100), Port.tcp(443), Port.sctp(9), Port.tcpRange(7, 7))).toStrictEqual([
      { sctp: { destinationPort: { number: 9 } } },
      { tcp: { destinationPort: { number: 7 } } },
      { tcp: { destinationPort: { number: 443 } } },
      { tcp: { destinationPort: { range: { end: 8100, start: 8000 } } } },
      { destinationNamedPort: 'http' },
      { udp: { destinationPort: { number: 53 } } },
    ]);
  });

  test('can render every port of a protocol as the range 1-65535 (the CRD refuses an empty protocol)', () => {
    expect(protocolsOf(Port.allTcp(), Port.allUdp(), Port.allSctp())).toStrictEqual(
      ['sctp', 'tcp', 'udp'].map(key => ({ [key]: { destinationPort: { range: { end: 65535, start: 1 } } } })));
  });

  test('can leave protocols out for every port of every protocol', () => {
    expect(protocolsOf(Port.allPorts(), Port.tcp(80))).toBeUndefined();
  });
});

describe('Engine.CLUSTER_NETWORK_POLICY', () => {
  test('can be found by name and is one of every engine', () => {
    expect(Engine.of('cluster-network-policy')).toBe(Engine.CLUSTER_NETWORK_POLICY);
    expect(Engine.all()).toContain(Engine.CLUSTER_NETWORK_POLICY);
    expect(Engine.CLUSTER_NETWORK_POLICY.capabilities).toMatchObject({
      namespaceScope: false, clusterScope: true, denyRules: true, passRules: true, logRules: false, tiers: true, ordering: true,
    });
  });
});
