import { CNP, refusal } from './support';
import { Entity, ErrorCode, Peer, Policy, PolicyProps, Port, Rule, Selector } from '../../../lib';
import { renderClusterNetworkPolicy } from '../../../lib/engines/cluster-network-policy/render';
import { netpolError } from '../../support/helpers';

const tenants = Selector.labels({ tenant: 'true' });
const web = Selector.labels({ app: 'web' });
const policy = (props: Partial<PolicyProps>) => new Policy({ name: 'tenants', namespaceSelector: tenants, subject: Selector.all(), ...props });
const egressTo = (peers: Peer[], ports: Port[] = [Port.HTTPS]) => policy({ isolateEgress: true, egress: [Rule.allow({ peers, ports })] });

interface Case {
  readonly code: string;
  readonly field: string;
  /** Words the fix must contain: it names what to do instead. */
  readonly fix: string;
  readonly policy: Policy;
}

// Every intent a ClusterNetworkPolicy cannot say, refused with a code, the field, and a fix; nothing is rendered.
const cases: Array<[string, Case]> = [
  ['a namespaced intent', {
    code: ErrorCode.ENGINE_NO_NAMESPACE_SCOPE,
    field: 'namespaceName',
    fix: 'Engine.KUBERNETES',
    policy: new Policy({ name: 'web', namespaceName: 'shop', subject: web, isolateIngress: true }),
  }],
  ['a log rule', {
    code: ErrorCode.ENGINE_NO_LOG,
    field: 'ingress[0]',
    fix: 'calico',
    policy: policy({ ingress: [Rule.log({ peers: [Peer.allPodsInCluster()], ports: [Port.allPorts()] })] }),
  }],
  ['an L7 HTTP match', {
    code: ErrorCode.ENGINE_NO_L7,
    field: 'ingress[0].http',
    fix: 'use cilium',
    policy: policy({ isolateIngress: true, ingress: [Rule.allow({ peers: [Peer.allPodsInCluster()], ports: [Port.tcp(8080)], http: [{ method: 'GET' }] })] }),
  }],
  ['a DNS name (domainNames is experimental and Accept-only)', {
    code: ErrorCode.ENGINE_NO_FQDN,
    field: 'egress[0].peers[0]',
    fix: 'ipBlock',
    policy: egressTo([Peer.fqdn('api.stripe.com')]),
  }],
  ['an entity', {
    code: ErrorCode.ENGINE_NO_ENTITIES,
    field: 'egress[0].peers[0]',
    fix: 'pods/namespaces/ipBlock',
    policy: egressTo([Peer.entity(Entity.KUBE_APISERVER)]),
  }],
  ['a service-account peer', {
    code: ErrorCode.ENGINE_NO_SERVICE_ACCOUNTS,
    field: 'egress[0].peers[0]',
    fix: 'labels',
    policy: egressTo([Peer.serviceAccounts(['api'], 'shop')]),
  }],
  ['a Calico selector expression', {
    code: ErrorCode.ENGINE_NO_SELECTOR_EXPRESSION,
    field: 'subject',
    fix: 'label selectors',
    policy: policy({ subject: Selector.calico("app == 'web' || app == 'api'"), isolateIngress: true }),
  }],
  ['a tier other than admin and baseline', {
    code: ErrorCode.CLUSTER_NETWORK_POLICY_TIER_UNKNOWN,
    field: 'tier',
    fix: '\'admin\' or \'baseline\'',
    policy: policy({ tier: 'security', isolateIngress: true }),
  }],
  ['a priority above 1000', {
    code: ErrorCode.CLUSTER_NETWORK_POLICY_PRIORITY_OUT_OF_RANGE,
    field: 'priority',
    fix: 'from 0 to 1000, e.g. 1000',
    policy: policy({ priority: 2000, isolateIngress: true }),
  }],
  ['a fractional priority', {
    code: ErrorCode.CLUSTER_NETWORK_POLICY_PRIORITY_OUT_OF_RANGE,
    field: 'priority',
    fix: 'whole number',
    policy: policy({ priority: 10.5, isolateIngress: true }),
  }],
  ['a pods peer of "the policy\'s own namespace"', {
    code: ErrorCode.CLUSTER_NETWORK_POLICY_PEER_NAMESPACE_REQUIRED,
    field: 'ingress[0].peers[1]',
    fix: 'Peer.podsInNamespaces',
    policy: policy({ isolateIngress: true, ingress: [Rule.allow({ peers: [Peer.allPodsInCluster(), Peer.pods(web)], ports: [Port.HTTP] })] }),
  }],
  ['an ipBlock source', {
    code: ErrorCode.CLUSTER_NETWORK_POLICY_INGRESS_IP_BLOCK,
    field: 'ingress[0].peers[0]',
    fix: 'Engine.KUBERNETES',
    policy: policy({ ingress: [Rule.deny({ peers: [Peer.ipBlock('203.0.113.0/24')], ports: [Port.allPorts()] })] }),
  }],
  ['a named port to an ipBlock', {
    code: ErrorCode.CLUSTER_NETWORK_POLICY_NAMED_PORT_TO_NETWORKS,
    field: 'egress[0].ports',
    fix: 'port number',
    policy: egressTo([Peer.ipBlock('10.0.0.0/8')], [Port.named('http')]),
  }],
  ['a named port to anywhere', {
    code: ErrorCode.CLUSTER_NETWORK_POLICY_NAMED_PORT_TO_NETWORKS,
    field: 'egress[0].ports',
    fix: 'split the rule',
    policy: egressTo([Peer.anywhere()], [Port.named('http')]),
  }],
  ['more than 25 rules in a direction, the isolation rule included', {
    code: ErrorCode.CLUSTER_NETWORK_POLICY_TOO_MANY_ITEMS,
    field: 'egress',
    fix: 'several policies',
    policy: policy({ isolateEgress: true, egress: Array.from({ length: 25 }, (_, i) => Rule.allow({ peers: [Peer.namespaceNamed(`team-${i}`)], ports: [Port.HTTPS] })) }),
  }],
  ['more than 25 peers in a rule', {
    code: ErrorCode.CLUSTER_NETWORK_POLICY_TOO_MANY_ITEMS,
    field: 'egress[0].peers',
    fix: 'several rules',
    policy: egressTo(Array.from({ length: 26 }, (_, i) => Peer.namespaceNamed(`team-${i}`))),
  }],
  ['more than 25 networks peers from exceptions', {
    // 26 exceptions spread over the block leave well over 625 networks: more than 25 peers of 25.
    code: ErrorCode.CLUSTER_NETWORK_POLICY_TOO_MANY_ITEMS,
    field: 'egress[0].peers',
    fix: 'fewer exceptions',
    policy: egressTo([Peer.anyIpv4({ exceptCidrs: Array.from({ length: 26 }, (_, i) => `${i * 8 + 1}.2.3.4/32`) })]),
  }],
  ['more than 25 protocols in a rule', {
    code: ErrorCode.CLUSTER_NETWORK_POLICY_TOO_MANY_ITEMS,
    field: 'egress[0].ports',
    fix: 'port ranges',
    policy: egressTo([Peer.allPodsInCluster()], Array.from({ length: 26 }, (_, i) => Port.tcp(8000 + i))),
  }],
];

describe('Engine.CLUSTER_NETWORK_POLICY refusals', () => {
  test.each(cases)('throws for %s, naming the field and the fix', (_what, c) => {
    // WHEN
    const error = refusal(c.policy);
    // THEN coded, at the field, with a fix that says what to do instead
    expect([error.code, error.field]).toEqual([c.code, c.field]);
    expect(error.fix).toContain(c.fix);
    expect(error.message).toContain(`[${c.code}]`);
    expect(error.message).toContain(`Fix: ${error.fix}`);
    // AND warnings are not computed for a policy that cannot be rendered
    expect(CNP.warnings(c.policy)).toEqual([]);
  });

  test('throws ENGINE_NO_NAMESPACE_SCOPE before anything else a namespaced intent asks', () => {
    // GIVEN a namespaced intent that also has a log rule and an FQDN peer
    const intent = new Policy({
      name: 'web',
      namespaceName: 'shop',
      subject: web,
      isolateEgress: true,
      egress: [Rule.log({ peers: [Peer.allPodsInCluster()], ports: [Port.allPorts()] }), Rule.allow({ peers: [Peer.fqdn('example.com')], ports: [Port.HTTPS] })],
    });
    // THEN the first problem is the one that matters
    expect(CNP.problems(intent).map(p => p.code)).toEqual([ErrorCode.ENGINE_NO_NAMESPACE_SCOPE, ErrorCode.ENGINE_NO_LOG, ErrorCode.ENGINE_NO_FQDN]);
  });

  test('can render the edges of what it refuses: 25 rules with isolation, 25 peers, 25 protocols, priority 0 and 1000', () => {
    const rules = Array.from({ length: 24 }, (_, i) => Rule.allow({ peers: [Peer.namespaceNamed(`team-${i}`)], ports: [Port.HTTPS] }));
    const peers = Array.from({ length: 25 }, (_, i) => Peer.namespaceNamed(`team-${i}`));
    const ports = Array.from({ length: 25 }, (_, i) => Port.tcp(8000 + i));
    for (const intent of [
      policy({ isolateEgress: true, egress: rules, priority: 0 }),
      egressTo(peers, ports),
      policy({ priority: 1000, tier: 'baseline', isolateIngress: true }),
    ]) {
      expect(CNP.problems(intent)).toEqual([]);
    }
  });

  test('cannot be asked to render an unchecked namespaced policy through its renderer', () => {
    const intent = new Policy({ name: 'web', namespaceName: 'shop', subject: web, isolateIngress: true });
    // Engine.render refuses it with ENGINE_NO_NAMESPACE_SCOPE; the renderer reached without that check is a bug.
    const error = netpolError(() => renderClusterNetworkPolicy(intent));
    expect(error.code).toBe(ErrorCode.INTERNAL);
    expect(error.message).toContain('(ENGINE_NO_NAMESPACE_SCOPE)');
  });
});
