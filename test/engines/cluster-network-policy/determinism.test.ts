import * as fc from 'fast-check';
import { keysSorted, render } from './support';
import { Peer, Policy, Port, Rule, Selector } from '../../../lib';

const PEERS = [
  Peer.namespaceNamed('monitoring'),
  Peer.podsInNamespaces(Selector.labels({ app: 'web' }), Selector.labels({ team: 'a' })),
  Peer.allPodsInCluster(),
  Peer.ipBlock('203.0.113.0/24'),
  Peer.ipBlock('198.51.100.0/24', ['198.51.100.128/25', '198.51.100.0/28']),
  Peer.anyIpv6({ exceptCidrs: ['fc00::/7'] }),
];
const PORTS = [Port.tcp(443), Port.udp(53), Port.tcpRange(8000, 8100), Port.allUdp(), Port.sctp(9)];

const intent = (peers: Peer[], ports: Port[], exceptOrder: string[]) => new Policy({
  name: 'tenants',
  namespaceSelector: Selector.labels({ tenant: 'true' }),
  subject: Selector.labels({ app: 'api', tier: 'back' }),
  tier: 'baseline',
  priority: 1000,
  isolateEgress: true,
  egress: [
    Rule.deny({ peers: [Peer.ipBlock('10.0.0.0/8', exceptOrder)], ports: [Port.allPorts()] }),
    Rule.allow({ peers, ports }),
  ],
});

describe('renderClusterNetworkPolicy determinism', () => {
  test('can render byte-identical JSON with sorted keys whatever order peers, ports and exceptions come in (property)', () => {
    const reference = JSON.stringify(render(intent(PEERS, PORTS, ['10.1.0.0/16', '10.2.0.0/16'])));
    expect(keysSorted(JSON.parse(reference))).toBe(true);
    fc.assert(fc.property(
      fc.shuffledSubarray(PEERS, { minLength: PEERS.length }),
      fc.shuffledSubarray(PORTS, { minLength: PORTS.length }),
      fc.shuffledSubarray(['10.1.0.0/16', '10.2.0.0/16'], { minLength: 2 }),
      (peers, ports, excepts) => {
        expect(JSON.stringify(render(intent(peers, ports, excepts)))).toBe(reference);
      },
    ), { numRuns: 50 });
  });
});
