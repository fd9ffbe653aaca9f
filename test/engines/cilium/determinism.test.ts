import { keysSorted, render } from './support';
import { Entity, LabelExpression, Peer, Policy, Port, Rule, Selector } from '../../../lib';
import { renderCiliumPolicy } from '../../../lib/engines/cilium/render';

/** A policy using every peer kind, port shape, HTTP, deny and FQDN, its lists in the order given. */
function everything(reverse: boolean): Policy {
  const order = <T>(items: T[]): T[] => (reverse ? [...items].reverse() : items);
  return new Policy({
    name: 'web',
    namespaceName: 'shop',
    subject: Selector.of({ matchLabels: { tier: 'front', app: 'web' }, matchExpressions: order([LabelExpression.exists('team'), LabelExpression.isIn('env', ['prod', 'canary'])]) }),
    ingress: [
      Rule.allow({
        peers: order([
          Peer.pods(Selector.labels({ app: 'api' })),
          Peer.namespaces(Selector.labels({ z: '1', a: '2' })),
          Peer.entity(Entity.WORLD),
          Peer.entity(Entity.HOST),
          Peer.ipBlock('198.51.100.0/24'),
          Peer.anyIpv4({ exceptCidrs: order(['192.168.0.0/16', '10.0.0.0/8']) }),
        ]),
        ports: order([Port.tcp(8443), Port.HTTP, Port.named('web'), Port.tcpRange(9000, 9100)]),
        http: order([{ method: 'GET', headers: order(['B: 2', 'A: 1']) }, { path: '/api/.*' }]),
      }),
      Rule.deny({ peers: order([Peer.namespaceNamed('sandbox'), Peer.ipBlock('10.9.0.0/16')]), ports: order([Port.udp(53), Port.tcp(22)]) }),
    ],
    egress: [
      Rule.allow({ peers: order([Peer.fqdn('b.example.com'), Peer.fqdnPattern('*.a.example.com'), Peer.clusterDns()]), ports: order([Port.HTTPS, Port.DNS_UDP]) }),
    ],
  });
}

describe('renderCiliumPolicy determinism', () => {
  test('can render the same bytes whatever the order of peers, ports, exceptions and HTTP matches', () => {
    const a = JSON.stringify(render(everything(false)));
    const b = JSON.stringify(render(everything(true)));
    expect(b).toBe(a);
    expect(JSON.stringify(renderCiliumPolicy(everything(false)))).toBe(a);
  });

  test('can render every object with its keys in sorted order', () => {
    const manifest = render(everything(false));
    expect(keysSorted(manifest)).toBe(true);
    expect(Object.keys(manifest.spec)).toEqual(['egress', 'enableDefaultDeny', 'endpointSelector', 'ingress', 'ingressDeny']);
  });

  test('can render a policy the renderer does not mutate', () => {
    const policy = everything(false);
    const before = policy.toString();
    renderCiliumPolicy(policy);
    expect(policy.toString()).toBe(before);
  });

  test('can render a manifest whose lists are independent copies', () => {
    const policy = everything(false);
    const first = renderCiliumPolicy(policy);
    first.spec.ingress[0].toPorts[0].ports.push({ port: '1', protocol: 'TCP' });
    first.spec.egress.pop();
    expect(renderCiliumPolicy(policy)).toStrictEqual(render(everything(true)));
  });
});
