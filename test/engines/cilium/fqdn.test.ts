import { render } from './support';
import { ErrorCode, Peer, Policy, Port, Rule, Selector } from '../../../lib';
import { ciliumWarnings } from '../../../lib/engines/cilium/render';

const NS = 'k8s:io.kubernetes.pod.namespace';
const api = Selector.labels({ app: 'api' });

/** The rule the renderer adds so that toFQDNs can learn addresses: cluster DNS on TCP and UDP 53 through the DNS proxy. */
const CLUSTER_DNS_RULE = {
  toEndpoints: [{ matchLabels: { 'k8s-app': 'kube-dns', [NS]: 'kube-system' } }],
  toPorts: [{
    ports: [{ port: '53', protocol: 'TCP' }, { port: '53', protocol: 'UDP' }],
    rules: { dns: [{ matchPattern: '*' }] },
  }],
};

function egressTo(rules: Rule[]): Policy {
  return new Policy({ name: 'api-egress', namespaceName: 'payments', subject: api, egress: rules });
}

describe('renderCiliumPolicy FQDN peers', () => {
  test('can render names and patterns as toFQDNs and add the cluster DNS rule with rules.dns', () => {
    // GIVEN
    const policy = egressTo([Rule.allow({ peers: [Peer.fqdnPattern('*.stripe.com'), Peer.fqdn('api.stripe.com')], ports: [Port.HTTPS] })]);
    // WHEN
    const manifest = render(policy);
    // THEN
    expect(manifest.spec).toStrictEqual({
      egress: [
        { toFQDNs: [{ matchName: 'api.stripe.com' }, { matchPattern: '*.stripe.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
        CLUSTER_DNS_RULE,
      ],
      enableDefaultDeny: { egress: true, ingress: false },
      endpointSelector: { matchLabels: { app: 'api' } },
    });
    expect(ciliumWarnings(policy).map(w => w.code)).toEqual([ErrorCode.CILIUM_FQDN_DNS_RULE_ADDED]);
  });

  test('can render FQDN peers beside other peers as separate rules, the DNS rule last', () => {
    const policy = egressTo([
      Rule.allow({ peers: [Peer.fqdn('api.stripe.com'), Peer.clusterDns()], ports: [Port.HTTPS] }),
      Rule.allow({ peers: [Peer.pods(Selector.labels({ app: 'db' }))], ports: [Port.tcp(5432)] }),
    ]);
    expect(render(policy).spec.egress).toStrictEqual([
      { toEndpoints: [{ matchLabels: { 'k8s-app': 'kube-dns', [NS]: 'kube-system' } }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
      { toFQDNs: [{ matchName: 'api.stripe.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
      { toEndpoints: [{ matchLabels: { app: 'db', [NS]: 'payments' } }], toPorts: [{ ports: [{ port: '5432', protocol: 'TCP' }] }] },
      CLUSTER_DNS_RULE,
    ]);
  });

  test('can render FQDN peers with HTTP matches', () => {
    const policy = egressTo([Rule.allow({ peers: [Peer.fqdn('api.stripe.com')], ports: [Port.HTTPS], http: [{ method: 'POST', path: '/v1/charges' }] })]);
    expect(render(policy).spec.egress[0]).toStrictEqual({
      toFQDNs: [{ matchName: 'api.stripe.com' }],
      toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }], rules: { http: [{ method: 'POST', path: '/v1/charges' }] } }],
    });
  });

  test('cannot add the DNS rule when no toFQDNs is rendered (an FQDN subsumed by anywhere)', () => {
    const policy = egressTo([Rule.allow({ peers: [Peer.fqdn('api.stripe.com'), Peer.anywhere()], ports: [Port.HTTPS] })]);
    expect(render(policy).spec.egress).toStrictEqual([{ toEntities: ['all'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }]);
    expect(ciliumWarnings(policy)).toEqual([]);
  });

  test('can render an FQDN rule in a cluster-scoped policy with the same DNS rule', () => {
    const policy = new Policy({
      name: 'egress-to-stripe',
      namespaceSelector: Selector.labels({ team: 'payments' }),
      subject: api,
      egress: [Rule.allow({ peers: [Peer.fqdn('api.stripe.com')], ports: [Port.HTTPS] })],
    });
    const manifest = render(policy);
    expect(manifest.kind).toBe('CiliumClusterwideNetworkPolicy');
    expect(manifest.spec.egress[1]).toStrictEqual(CLUSTER_DNS_RULE);
  });
});
