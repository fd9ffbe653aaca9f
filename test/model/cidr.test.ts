import * as fc from 'fast-check';
import { Cidr, ErrorCode, IpFamily } from '../../lib';

const codeOf = (text: string) => Cidr.of(text)._problems().map(p => p.code);

describe('Cidr', () => {
  test('can parse IPv4 and IPv6 networks into a canonical form', () => {
    expect(Cidr.of('10.0.0.0/8').toString()).toBe('10.0.0.0/8');
    expect(Cidr.of('10.0.0.0/8').family).toBe(IpFamily.IPV4);
    expect(Cidr.of('2001:DB8:0:0::/32').toString()).toBe('2001:db8::/32');
    expect(Cidr.of('2001:db8::/32').family).toBe(IpFamily.IPV6);
    expect(Cidr.of('192.168.1.7/32').prefixLength).toBe(32);
    expect(Cidr.of('0.0.0.0/0').isValid).toBe(true);
  });

  test.each([
    ['10.0.0.256/32', ErrorCode.CIDR_MALFORMED],
    ['10.0.0/24', ErrorCode.CIDR_MALFORMED],
    ['010.0.0.0/8', ErrorCode.CIDR_MALFORMED],
    ['1.2.3.4.5/32', ErrorCode.CIDR_MALFORMED],
    ['fe80::1%eth0/128', ErrorCode.CIDR_MALFORMED],
    ['banana', ErrorCode.CIDR_MALFORMED],
    ['::ffff:10.0.0.0/104', ErrorCode.CIDR_MALFORMED],
    ['::10.0.0.0/104', ErrorCode.CIDR_MALFORMED],
    ['::ffff:a00:0/104', ErrorCode.CIDR_MALFORMED],
    ['10.0.0.0', ErrorCode.CIDR_MISSING_MASK],
    ['::1', ErrorCode.CIDR_MISSING_MASK],
    ['10.0.0.0/33', ErrorCode.CIDR_INVALID_MASK],
    ['10.0.0.0/-1', ErrorCode.CIDR_INVALID_MASK],
    ['10.0.0.0/08', ErrorCode.CIDR_INVALID_MASK],
    ['::/129', ErrorCode.CIDR_INVALID_MASK],
    ['10.0.0.1/8', ErrorCode.CIDR_HOST_BITS_SET],
    ['2001:db8::1/32', ErrorCode.CIDR_HOST_BITS_SET],
  ])('refuses %s with %s', (text, code) => {
    expect(codeOf(text)).toEqual([code]);
  });

  test('proposes the fix in the problem', () => {
    expect(Cidr.of('10.0.0.1')._problems()[0].fix).toContain('10.0.0.1/32');
    expect(Cidr.of('10.1.2.3/8')._problems()[0].fix).toContain('10.0.0.0/8');
  });

  test('can tell containment', () => {
    const block = Cidr.of('10.0.0.0/8');
    expect(block.contains(Cidr.of('10.1.0.0/16'))).toBe(true);
    expect(block.strictlyContains(Cidr.of('10.1.0.0/16'))).toBe(true);
    expect(block.contains(block)).toBe(true);
    expect(block.strictlyContains(block)).toBe(false);
    expect(block.contains(Cidr.of('11.0.0.0/16'))).toBe(false);
    expect(block.contains(Cidr.of('0.0.0.0/0'))).toBe(false);
    expect(Cidr.of('::/0').contains(Cidr.of('10.0.0.0/8'))).toBe(false);
  });

  const ipv4Cidr = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
    .map(([n, len]) => {
      const hostSize = 2 ** (32 - len);
      const network = Math.floor(n / hostSize) * hostSize;
      return Cidr.of(`${[24, 16, 8, 0].map(shift => Math.floor(network / 2 ** shift) % 256).join('.')}/${len}`);
    });

  test('containment is reflexive, antisymmetric and transitive (property)', () => {
    fc.assert(fc.property(ipv4Cidr, ipv4Cidr, ipv4Cidr, (a, b, c) => {
      expect(a.isValid).toBe(true);
      expect(a.contains(a)).toBe(true);
      if (a.contains(b) && b.contains(a)) expect(a.toString()).toBe(b.toString());
      if (a.contains(b) && b.contains(c)) expect(a.contains(c)).toBe(true);
    }), { numRuns: 500 });
  });

  test('canonical form parses back to itself (property)', () => {
    fc.assert(fc.property(ipv4Cidr, a => {
      expect(Cidr.of(a.toString()).toString()).toBe(a.toString());
    }), { numRuns: 300 });
  });
});
