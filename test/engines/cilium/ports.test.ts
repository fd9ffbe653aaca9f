import { render } from './support';
import { Peer, Policy, Port, Protocol, Rule, Selector } from '../../../lib';
import { HttpMatch } from '../../../lib/model/http-match';

const NS = 'k8s:io.kubernetes.pod.namespace';
const web = Selector.labels({ app: 'web' });
const fromApi = { fromEndpoints: [{ matchLabels: { app: 'api', [NS]: 'shop' } }] };

function ingress(ports: Port[], http?: HttpMatch[]): Policy {
  return new Policy({
    name: 'web-ingress',
    namespaceName: 'shop',
    subject: web,
    ingress: [Rule.allow({ peers: [Peer.pods(Selector.labels({ app: 'api' }))], ports, http })],
  });
}

describe('renderCiliumPolicy ports', () => {
  test('can render every port shape, in canonical order', () => {
    // GIVEN ports in no particular order
    const ports = [Port.udp(53), Port.named('http'), Port.tcpRange(8000, 8080), Port.HTTP, Port.allUdp(), Port.sctp(9), Port.of({ protocol: Protocol.UDP, port: 5000, endPort: 5000 })];
    // WHEN
    const manifest = render(ingress(ports));
    // THEN protocol, then number, then name; a range of one port is a single port; every UDP port is port "0"
    expect(manifest.spec.ingress).toStrictEqual([{
      ...fromApi,
      toPorts: [{
        ports: [
          { port: '9', protocol: 'SCTP' },
          { port: '80', protocol: 'TCP' },
          { endPort: 8080, port: '8000', protocol: 'TCP' },
          { port: 'http', protocol: 'TCP' },
          { port: '0', protocol: 'UDP' },
          { port: '53', protocol: 'UDP' },
          { port: '5000', protocol: 'UDP' },
        ],
      }],
    }]);
  });

  test('can render every port of every protocol as a rule without toPorts', () => {
    expect(render(ingress([Port.allPorts(), Port.HTTP])).spec.ingress).toStrictEqual([fromApi]);
  });

  test('can render every TCP port as port "0" (Cilium wildcards a zero port and keeps the protocol)', () => {
    expect(render(ingress([Port.allTcp()])).spec.ingress).toStrictEqual([{ ...fromApi, toPorts: [{ ports: [{ port: '0', protocol: 'TCP' }] }] }]);
  });

  test('can render more than 40 ports as several toPorts entries of at most 40 (Cilium\'s limit per entry)', () => {
    const ports = Array.from({ length: 41 }, (_, i) => Port.tcp(1000 + i));
    const toPorts = render(ingress(ports)).spec.ingress[0].toPorts;
    expect(toPorts.map((e: any) => e.ports.length)).toEqual([40, 1]);
    expect(toPorts[1]).toStrictEqual({ ports: [{ port: '1040', protocol: 'TCP' }] });
  });

  test('can render HTTP matches as toPorts rules.http, headers as "Name: value"', () => {
    // GIVEN
    const http: HttpMatch[] = [
      { method: 'POST', path: '/v1/charges(/.*)?', headers: ['X-Team:payments', 'X-Trace'] },
      { method: 'GET' },
    ];
    // WHEN
    const manifest = render(ingress([Port.tcp(8080), Port.named('admin')], http));
    // THEN matches in canonical order, every port entry carries them
    expect(manifest.spec.ingress).toStrictEqual([{
      ...fromApi,
      toPorts: [{
        ports: [{ port: '8080', protocol: 'TCP' }, { port: 'admin', protocol: 'TCP' }],
        rules: {
          http: [
            { method: 'GET' },
            { headers: ['X-Team: payments', 'X-Trace'], method: 'POST', path: '/v1/charges(/.*)?' },
          ],
        },
      }],
    }]);
  });

  test('can render HTTP matches on egress and on every chunk of ports', () => {
    const ports = Array.from({ length: 41 }, (_, i) => Port.tcp(2000 + i));
    const policy = new Policy({
      name: 'web-egress',
      namespaceName: 'shop',
      subject: web,
      egress: [Rule.allow({ peers: [Peer.namespaceNamed('api')], ports, http: [{ path: '/healthz' }] })],
    });
    const toPorts = render(policy).spec.egress[0].toPorts;
    expect(toPorts.map((e: any) => e.rules)).toStrictEqual([{ http: [{ path: '/healthz' }] }, { http: [{ path: '/healthz' }] }]);
  });
});
