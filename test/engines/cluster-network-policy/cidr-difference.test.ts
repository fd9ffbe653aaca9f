import * as fc from 'fast-check';
import * as ipaddr from 'ipaddr.js';
import { Cidr } from '../../../lib';
import { cidrDifference } from '../../../lib/engines/cluster-network-policy/cidr-difference';

const inside = (ip: string, cidr: Cidr) => ipaddr.parse(ip).match(ipaddr.parseCIDR(cidr.toString()));

// A /24 block and exceptions inside it, so every address can be checked.
const except = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 25, max: 32 }))
  .map(([host, prefix]) => Cidr.of(`192.0.2.${host - (host % 2 ** (32 - prefix))}/${prefix}`));

describe('cidrDifference', () => {
  test('can cover exactly the block without the exceptions, in address order, disjoint and merged (property)', () => {
    const block = Cidr.of('192.0.2.0/24');
    fc.assert(fc.property(fc.array(except, { maxLength: 4 }), excepts => {
      const parts = cidrDifference(block, excepts);
      // exact: an address is in some part iff it is in the block and in no exception
      for (let host = 0; host < 256; host++) {
        const ip = `192.0.2.${host}`;
        const covered = parts.filter(p => inside(ip, p)).length;
        expect(covered).toBe(excepts.some(e => inside(ip, e)) ? 0 : 1);
      }
      // canonical: sorted, and no two parts are the halves of one network (they would be one CIDR)
      expect([...parts].sort((a, b) => a._compare(b))).toEqual(parts);
      parts.forEach((p, i) => {
        const next = parts[i + 1];
        if (next === undefined || p.prefixLength !== next.prefixLength) return;
        const parent = Cidr.of(`${p.toString().split('/')[0]}/${p.prefixLength! - 1}`);
        expect(parent.isValid && parent.contains(next)).toBe(false);
      });
    }), { numRuns: 100 });
  });

  test('can leave a block without exceptions whole, and cut IPv6 exactly', () => {
    expect(cidrDifference(Cidr.of('10.0.0.0/8'), []).map(String)).toEqual(['10.0.0.0/8']);
    expect(cidrDifference(Cidr.of('10.0.0.0/8'), [Cidr.of('10.0.0.0/8')]).map(String)).toEqual([]);
    expect(cidrDifference(Cidr.of('::/0'), [Cidr.of('8000::/1'), Cidr.of('::/2')]).map(String)).toEqual(['4000::/2']);
  });
});
