import { Testing } from 'cdk8s';
import { ErrorCode, Peer, Port, Selector, Subject, ThreeTierApp } from '../../lib';
import { chartIn, netpolError, policiesOf, policyNamed } from '../support/helpers';

const tiers = {
  frontend: Subject.pods(Selector.labels({ tier: 'frontend' })),
  api: Subject.pods(Selector.labels({ tier: 'api' })),
  database: Subject.pods(Selector.labels({ tier: 'database' })),
};

describe('ThreeTierApp', () => {
  test('can build a zero-trust namespace with default ports', () => {
    const chart = chartIn('shop');
    const app = new ThreeTierApp(chart, 'Shop', tiers);
    expect(policiesOf(chart).map(p => p.metadata.name)).toEqual([
      'default-deny-all',
      'allow-dns',
      'frontend-ingress-from-ingress-nginx',
      'frontend-egress-to-api',
      'api-ingress-from-frontend',
      'api-egress-to-database',
      'database-ingress-from-api',
    ]);
    expect(app.policies.map(p => p.name)).toEqual(policiesOf(chart).map(p => p.metadata.name));
    expect(policyNamed(chart, 'frontend-ingress-from-ingress-nginx').spec.ingress).toEqual([{
      from: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
      }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    }]);
    expect(policyNamed(chart, 'database-ingress-from-api').spec.ingress).toEqual([{
      from: [{ podSelector: { matchLabels: { tier: 'api' } } }],
      ports: [{ port: 5432, protocol: 'TCP' }],
    }]);
    // Nothing but the api reaches the database, and the frontend has no egress beyond the api and DNS.
    expect(policiesOf(chart).filter(p => p.spec.egress && p.spec.podSelector.matchLabels?.tier === 'frontend').map(p => p.metadata.name)).toEqual(['frontend-egress-to-api']);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('can take custom ports, ingress peers, external egress and node-local DNS', () => {
    const chart = chartIn('shop');
    new ThreeTierApp(chart, 'Shop', {
      ...tiers,
      frontendPorts: [Port.tcp(3000)],
      apiPorts: [Port.named('http')],
      databasePorts: [Port.tcp(3306)],
      ingressPeers: [Peer.podsInNamespace('traefik', Selector.labels({ 'app.kubernetes.io/name': 'traefik' }))],
      apiExternalEgress: { cidrs: ['0.0.0.0/0', '203.0.113.0/24'], ports: [Port.HTTPS, Port.tcp(8443)] },
      dns: { nodeLocalDnsAddresses: ['169.254.20.10'] },
    });
    expect(policyNamed(chart, 'api-egress-to-internet-and-cidr-203-0-113-0-24').spec.egress).toEqual([{
      ports: [{ port: 443, protocol: 'TCP' }, { port: 8443, protocol: 'TCP' }],
      to: [
        { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } },
        // The private ranges lie outside this block, so they are not listed as its exceptions.
        { ipBlock: { cidr: '203.0.113.0/24' } },
      ],
    }]);
    expect(policyNamed(chart, 'frontend-ingress-from-ns-traefik-traefik').spec.ingress[0].ports).toEqual([{ port: 3000, protocol: 'TCP' }]);
    expect(policyNamed(chart, 'api-ingress-from-frontend').spec.ingress[0].ports).toEqual([{ port: 'http', protocol: 'TCP' }]);
    expect(policyNamed(chart, 'allow-dns').spec.egress[0].to).toContainEqual({ ipBlock: { cidr: '169.254.20.10/32' } });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('can name the external egress policy', () => {
    const chart = chartIn('shop');
    new ThreeTierApp(chart, 'Shop', { ...tiers, apiExternalEgress: { name: 'api-to-payments', cidrs: ['203.0.113.0/24'] } });
    expect(policyNamed(chart, 'api-to-payments').spec.egress[0].to).toEqual([{ ipBlock: { cidr: '203.0.113.0/24' } }]);
  });

  test('throws when an exception would swallow a whole external destination', () => {
    const error = netpolError(() => new ThreeTierApp(chartIn('shop'), 'Shop', { ...tiers, apiExternalEgress: { cidrs: ['10.1.0.0/16'] } }));
    expect(error.code).toBe(ErrorCode.EXCEPT_NOT_INSIDE_CIDR);
    expect(error.field).toBe('apiExternalEgress.exceptCidrs[0]');
  });

  test('throws naming a malformed external CIDR', () => {
    const error = netpolError(() => new ThreeTierApp(chartIn('shop'), 'Shop', { ...tiers, apiExternalEgress: { cidrs: ['203.0.113.7/24'] } }));
    expect(error.code).toBe(ErrorCode.CIDR_HOST_BITS_SET);
    expect(error.field).toBe('apiExternalEgress.cidrs[0]');
  });
});
