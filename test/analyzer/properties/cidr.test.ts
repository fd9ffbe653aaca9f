import * as fc from 'fast-check';
import { refCidrContainsIp, refParseIp } from './reference';
import { Cidr } from '../../../lib/model';

// CIDR containment of the model's Cidr, checked against arithmetic on the addresses as numbers: a network of
// prefix p is the set of addresses that share its first p bits (RFC 4632 section 3.1). The reference parses
// addresses by hand (test/analyzer/properties/reference.ts), not with ipaddr.js as lib/model does.

interface Net {
  readonly value: bigint;
  readonly prefix: number;
  readonly bits: 32 | 128;
}

// Plain arithmetic on addresses as numbers: 2^n, the network of a prefix (host bits zeroed), the last address.
const pow2 = (n: number) => 2n ** BigInt(n);
const networkOf = (value: bigint, bits: number, prefix: number) => (value / pow2(bits - prefix)) * pow2(bits - prefix);
const lastOf = (value: bigint, bits: number, prefix: number) => networkOf(value, bits, prefix) + pow2(bits - prefix) - 1n;

function text(value: bigint, bits: 32 | 128, compress: boolean): string {
  if (bits === 32) return [24, 16, 8, 0].map(s => String((value / pow2(s)) % 256n)).join('.');
  const groups = [112, 96, 80, 64, 48, 32, 16, 0].map(s => ((value / pow2(s)) % 65536n).toString(16));
  if (!compress) return groups.join(':');
  // RFC 5952: the longest run (two or more) of zero groups becomes `::`.
  let best = { start: -1, len: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len) best = { start: i, len: j - i };
    i = j;
  }
  if (best.len < 2) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.len).join(':')}`;
}

const netText = (n: Net, compress = true) => `${text(n.value, n.bits, compress)}/${n.prefix}`;

/** Kubernetes (and lib/model) refuse IPv4-mapped IPv6 addresses (::ffff:0:0/96): they are not drawn. */
const mapped = (value: bigint, bits: number) => bits === 128 && value / pow2(32) === 0xffffn;

/** A network with its host bits cleared; IPv6 values are drawn sparse so that `::` compression shows up. */
const netArb: fc.Arbitrary<Net> = fc.oneof(
  fc.tuple(fc.bigInt({ min: 0n, max: pow2(32) - 1n }), fc.integer({ min: 0, max: 32 }))
    .map(([v, p]) => ({ value: networkOf(v, 32, p), prefix: p, bits: 32 as const })),
  fc.tuple(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 128 }))
    .map(([g, p]) => {
      const v = g.reduce((acc, x) => acc * 65536n + BigInt(x), 0n);
      return { value: networkOf(v, 128, p), prefix: p, bits: 128 as const };
    }),
).filter(n => !mapped(n.value, n.bits));

/** A subnet of `n` (prefix at least n's), sometimes `n` itself. */
const subnetOf = (n: Net): fc.Arbitrary<Net> =>
  fc.tuple(fc.integer({ min: n.prefix, max: n.bits }), fc.bigInt({ min: 0n, max: pow2(n.bits) - 1n }))
    // n's network plus any host part of n, cut to the longer prefix p.
    .map(([p, r]) => ({ value: networkOf(n.value + (r % pow2(n.bits - n.prefix)), n.bits, p), prefix: p, bits: n.bits }))
    .filter(s => !mapped(s.value, s.bits));

/** Containment by the definition: same family, no shorter prefix, same leading bits. */
const contains = (a: Net, b: Net) => a.bits === b.bits && b.prefix >= a.prefix
  && networkOf(a.value, a.bits, a.prefix) === networkOf(b.value, a.bits, a.prefix);

const RUNS = { numRuns: 300 };

describe('Cidr containment (property)', () => {
  test('generated networks are valid and keep their value through the canonical text', () => {
    fc.assert(fc.property(netArb, fc.boolean(), (n, compress) => {
      const c = Cidr.of(netText(n, compress));
      expect(c.isValid).toBe(true);
      expect(c.prefixLength).toBe(n.prefix);
      const [addr, len] = c.toString().split('/');
      expect(refParseIp(addr).value).toBe(n.value);
      expect(Number(len)).toBe(n.prefix);
    }), RUNS);
  });

  test('is reflexive', () => {
    fc.assert(fc.property(netArb, n => {
      expect(Cidr.of(netText(n)).contains(Cidr.of(netText(n, false)))).toBe(true);
      expect(Cidr.of(netText(n)).strictlyContains(Cidr.of(netText(n)))).toBe(false);
    }), RUNS);
  });

  test('agrees with the definition on unrelated pairs and on network/subnet pairs', () => {
    const pair = fc.oneof(
      fc.tuple(netArb, netArb),
      netArb.chain(a => subnetOf(a).map(b => [a, b] as [Net, Net])),
      netArb.chain(a => subnetOf(a).map(b => [b, a] as [Net, Net])),
    );
    fc.assert(fc.property(pair, ([a, b]) => {
      expect(Cidr.of(netText(a)).contains(Cidr.of(netText(b)))).toBe(contains(a, b));
    }), RUNS);
  });

  test('is transitive and antisymmetric', () => {
    const chain = netArb.chain(a => subnetOf(a).chain(b => subnetOf(b).map(c => [a, b, c] as [Net, Net, Net])));
    fc.assert(fc.property(fc.oneof(chain, fc.tuple(netArb, netArb, netArb)), ([a, b, c]) => {
      const [ca, cb, cc] = [a, b, c].map(n => Cidr.of(netText(n)));
      if (ca.contains(cb) && cb.contains(cc)) expect(ca.contains(cc)).toBe(true);
      if (ca.contains(cb) && cb.contains(ca)) expect(ca.toString()).toBe(cb.toString());
    }), RUNS);
  });

  test('a network contains a single-address network exactly when the address is a member', () => {
    const member = netArb.chain(n => fc.tuple(fc.constant(n), fc.oneof(
      subnetOf(n).map(s => lastOf(s.value, s.bits, s.prefix)),
      fc.bigInt({ min: 0n, max: pow2(n.bits) - 1n }),
    )));
    fc.assert(fc.property(member, ([n, addr]) => {
      fc.pre(!mapped(addr, n.bits));
      const ip = text(addr, n.bits, true);
      const host = Cidr.of(`${ip}/${n.bits}`);
      expect(Cidr.of(netText(n)).contains(host)).toBe(refCidrContainsIp(netText(n), ip));
    }), RUNS);
  });

  test('IPv4 and IPv6 networks never contain each other', () => {
    fc.assert(fc.property(netArb, netArb, (a, b) => {
      fc.pre(a.bits !== b.bits);
      expect(Cidr.of(netText(a)).contains(Cidr.of(netText(b)))).toBe(false);
    }), RUNS);
  });
});
