import { specOf, webPolicy } from './calico-fixtures';
import { calicoPortGroups } from '../../../lib/engines/calico/ports';
import { Peer, Port, Protocol, Rule, Selector } from '../../../lib/model';

const api = Selector.labels({ app: 'api' });
const ingressOn = (...ports: Port[]) => specOf(webPolicy({ ingress: [Rule.allow({ peers: [Peer.pods(api)], ports })] })).ingress;
const source = { selector: "app == 'api'" };

describe('renderCalicoPolicy: ports', () => {
  test.each([
    ['tcp', Port.tcp(443), 'TCP', [443]],
    ['udp', Port.udp(53), 'UDP', [53]],
    ['sctp', Port.sctp(9899), 'SCTP', [9899]],
    ['a range as start:end', Port.tcpRange(8000, 8080), 'TCP', ['8000:8080']],
    ['a udp range', Port.udpRange(30000, 30010), 'UDP', ['30000:30010']],
    ['a one-port range as a number', Port.tcpRange(8080, 8080), 'TCP', [8080]],
    ['a named port as a string', Port.named('metrics'), 'TCP', ['metrics']],
    ['a named udp port', Port.named('dns', Protocol.UDP), 'UDP', ['dns']],
  ])('can render %s', (_what, port, protocol, ports) => {
    expect(ingressOn(port)).toEqual([{ action: 'Allow', destination: { ports }, protocol, source }]);
  });

  test('can render every port of one protocol as the protocol without ports', () => {
    expect(ingressOn(Port.allTcp())).toEqual([{ action: 'Allow', protocol: 'TCP', source }]);
    expect(ingressOn(Port.allUdp())).toEqual([{ action: 'Allow', protocol: 'UDP', source }]);
  });

  test('can let allTcp cover the other TCP ports of the rule (a port list would narrow it)', () => {
    expect(ingressOn(Port.tcp(80), Port.allTcp(), Port.udp(53))).toEqual([
      { action: 'Allow', protocol: 'TCP', source },
      { action: 'Allow', destination: { ports: [53] }, protocol: 'UDP', source },
    ]);
  });

  test('can render every port as a rule without protocol and ports', () => {
    expect(ingressOn(Port.allPorts())).toEqual([{ action: 'Allow', source }]);
    expect(ingressOn(Port.tcp(80), Port.allPorts())).toEqual([{ action: 'Allow', source }]);
  });

  test('can mix numbers, ranges and names of one protocol in one rule, in canonical order', () => {
    expect(ingressOn(Port.named('http'), Port.tcpRange(8000, 8080), Port.tcp(80))).toEqual([
      { action: 'Allow', destination: { ports: [80, '8000:8080', 'http'] }, protocol: 'TCP', source },
    ]);
  });

  test('can group ports by protocol, one Calico rule each', () => {
    expect(calicoPortGroups([Port.udp(53), Port.tcp(53), Port.sctp(1), Port.tcp(80)])).toEqual([
      { protocol: 'SCTP', ports: [1] },
      { protocol: 'TCP', ports: [53, 80] },
      { protocol: 'UDP', ports: [53] },
    ]);
  });
});

describe('renderCalicoPolicy: expansion', () => {
  test('can expand several peers and protocols into one Calico rule per peer and protocol', () => {
    // GIVEN one intent rule with three peers and two protocols
    const rule = Rule.allow({
      peers: [Peer.ipBlock('10.0.0.0/8'), Peer.pods(api), Peer.namespaceNamed('monitoring')],
      ports: [Port.DNS_UDP, Port.DNS_TCP, Port.tcp(8053)],
    });
    // WHEN
    const egress = specOf(webPolicy({ egress: [rule] })).egress;
    // THEN peers in canonical order, then TCP before UDP for each peer
    const tcp = { ports: [53, 8053] };
    const udp = { ports: [53] };
    expect(egress).toEqual([
      { action: 'Allow', destination: { nets: ['10.0.0.0/8'], ...tcp }, protocol: 'TCP' },
      { action: 'Allow', destination: { nets: ['10.0.0.0/8'], ...udp }, protocol: 'UDP' },
      { action: 'Allow', destination: { namespaceSelector: "kubernetes.io/metadata.name == 'monitoring'", ...tcp }, protocol: 'TCP' },
      { action: 'Allow', destination: { namespaceSelector: "kubernetes.io/metadata.name == 'monitoring'", ...udp }, protocol: 'UDP' },
      { action: 'Allow', destination: { ...tcp, selector: "app == 'api'" }, protocol: 'TCP' },
      { action: 'Allow', destination: { ...udp, selector: "app == 'api'" }, protocol: 'UDP' },
    ]);
  });

  test('can keep IPv4 and IPv6 blocks in separate rules (Calico refuses a rule with both families)', () => {
    const egress = specOf(webPolicy({ egress: [Rule.allow({ peers: [Peer.anyIpv6(), Peer.anyIpv4()], ports: [Port.HTTPS] })] })).egress;
    expect(egress).toEqual([
      { action: 'Allow', destination: { nets: ['0.0.0.0/0'], ports: [443] }, protocol: 'TCP' },
      { action: 'Allow', destination: { nets: ['::/0'], ports: [443] }, protocol: 'TCP' },
    ]);
  });
});
