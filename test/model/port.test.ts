import { ErrorCode, Port, Protocol } from '../../lib';

const codes = (p: Port) => p._problems().map(x => x.code);

describe('Port', () => {
  test('can express every port shape with a canonical string and manifest', () => {
    const cases: Array<[Port, string, any]> = [
      [Port.tcp(443), 'tcp/443', { port: 443, protocol: 'TCP' }],
      [Port.udp(53), 'udp/53', { port: 53, protocol: 'UDP' }],
      [Port.sctp(3868), 'sctp/3868', { port: 3868, protocol: 'SCTP' }],
      [Port.tcpRange(8000, 8080), 'tcp/8000-8080', { endPort: 8080, port: 8000, protocol: 'TCP' }],
      [Port.udpRange(30000, 30100), 'udp/30000-30100', { endPort: 30100, port: 30000, protocol: 'UDP' }],
      [Port.sctpRange(1, 2), 'sctp/1-2', { endPort: 2, port: 1, protocol: 'SCTP' }],
      [Port.named('http'), 'tcp/http', { port: 'http', protocol: 'TCP' }],
      [Port.named('dns', Protocol.UDP), 'udp/dns', { port: 'dns', protocol: 'UDP' }],
      [Port.allTcp(), 'tcp/*', { protocol: 'TCP' }],
      [Port.allUdp(), 'udp/*', { protocol: 'UDP' }],
      [Port.allSctp(), 'sctp/*', { protocol: 'SCTP' }],
      [Port.tcpRange(80, 80), 'tcp/80', { port: 80, protocol: 'TCP' }],
    ];
    for (const [port, text, kube] of cases) {
      expect(port._problems()).toEqual([]);
      expect(port.toString()).toBe(text);
      expect(port._toKube()).toEqual(kube);
    }
    expect(Port.allPorts().toString()).toBe('*');
    expect(Port.allPorts().isAllPorts).toBe(true);
  });

  test('has DNS and web constants', () => {
    expect(Port.DNS_UDP.toString()).toBe('udp/53');
    expect(Port.DNS_TCP.toString()).toBe('tcp/53');
    expect(Port.HTTPS.toString()).toBe('tcp/443');
    expect(Port.HTTP.toString()).toBe('tcp/80');
  });

  test.each([
    [Port.tcp(0), ErrorCode.PORT_OUT_OF_RANGE],
    [Port.tcp(65536), ErrorCode.PORT_OUT_OF_RANGE],
    [Port.udp(-53), ErrorCode.PORT_OUT_OF_RANGE],
    [Port.tcp(80.5), ErrorCode.PORT_NOT_INTEGER],
    [Port.tcp(NaN), ErrorCode.PORT_NOT_INTEGER],
    [Port.tcpRange(8080, 8000), ErrorCode.END_PORT_BELOW_PORT],
    [Port.tcpRange(8000, 70000), ErrorCode.PORT_OUT_OF_RANGE],
    [Port.of({ name: 'http', endPort: 8080 }), ErrorCode.END_PORT_WITH_NAMED_PORT],
    [Port.of({ endPort: 8080 }), ErrorCode.END_PORT_WITH_NAMED_PORT],
    [Port.of({ port: 80, name: 'http' }), ErrorCode.PORT_AMBIGUOUS],
    [Port.of({ allPorts: true, port: 80 }), ErrorCode.PORT_AMBIGUOUS],
    [Port.named('HTTP'), ErrorCode.PORT_NAME_INVALID],
    [Port.named('http-metrics-long'), ErrorCode.PORT_NAME_INVALID],
    [Port.named('8080'), ErrorCode.PORT_NAME_INVALID],
    [Port.named('web--ui'), ErrorCode.PORT_NAME_INVALID],
    [Port.named('-web'), ErrorCode.PORT_NAME_INVALID],
    [Port.named(''), ErrorCode.PORT_NAME_INVALID],
  ])('refuses %s with %s', (port, code) => {
    expect(codes(port)).toEqual([code]);
  });

  test('accepts IANA service names at the limits', () => {
    expect(codes(Port.named('a23456789012345'))).toEqual([]);
    expect(codes(Port.named('h2c'))).toEqual([]);
    expect(codes(Port.tcp(1))).toEqual([]);
    expect(codes(Port.tcp(65535))).toEqual([]);
  });

  test('orders ports by protocol, then number, then name', () => {
    const sorted = [Port.udp(53), Port.named('http'), Port.tcp(8080), Port.tcp(53), Port.allTcp()].sort((a, b) => a._compare(b));
    expect(sorted.map(p => p.toString())).toEqual(['tcp/*', 'tcp/53', 'tcp/8080', 'tcp/http', 'udp/53']);
  });
});
