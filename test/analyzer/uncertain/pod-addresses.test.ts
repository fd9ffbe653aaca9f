import { clusterOf } from './support';
import { AddressPredicate, addressPredicatesOf } from '../../../lib/analyzer/address-predicates';
import { podAddressSpace } from '../../../lib/analyzer/pod-addresses';
import { DEFAULT_POD_CIDRS, checkPodCidrs } from '../../../lib/analyzer/pod-cidrs';

// Candidate places of a pod without IP: the pod CIDRs cut at every boundary of the address peers' networks, one
// address per piece, pieces with the same answers kept once. Expected pieces worked out by hand.

const POLICIES = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-ingress, namespace: prod}
spec:
  podSelector: {}
  ingress:
  - from: [{ipBlock: {cidr: 10.72.0.0/16, except: [10.72.10.0/24]}}]
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: lab}
spec:
  ingress: [{action: Deny, source: {notNets: [192.168.0.0/16]}}]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: egress}
spec:
  priority: 1
  subject: {namespaces: {}}
  egress: [{action: Deny, to: [{networks: [203.0.113.0/24, "2001:db8::/32"]}]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: c, namespace: prod}
spec:
  endpointSelector: {}
  ingress: [{fromCIDR: [10.0.0.0/8]}]
`;

const describePredicates = (ps: readonly AddressPredicate[]) => ps.map(p => `${p.policy}: ${p.text}${p.whenUnknown ? ' (holds without IP)' : ''}`);

describe('address predicates per engine', () => {
  const cluster = clusterOf([], POLICIES);

  test('kubernetes: ipBlocks and admin networks', () => {
    expect(describePredicates(addressPredicatesOf(cluster, 'kubernetes'))).toEqual([
      'NetworkPolicy prod/db-ingress: ipBlock(10.72.0.0/16 except 10.72.10.0/24)',
      'AdminNetworkPolicy egress: networks(203.0.113.0/24,2001:db8::/32)',
    ]);
  });

  test('an unreadable ipBlock matches nothing (a hand-built cluster; the loader refuses it): left out', () => {
    const spec = { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: 'not-a-cidr' } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['x'] } }] }] };
    const handBuilt = { namespaces: new Map(), endpoints: [], services: [], policies: [{ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' as const, name: 'p', namespace: 'x', spec }] };
    expect(addressPredicatesOf(handBuilt, 'kubernetes')).toEqual([]);
  });

  test('calico: Calico nets and notNets too (notNets alone holds for a pod without IP)', () => {
    expect(describePredicates(addressPredicatesOf(cluster, 'calico'))).toEqual([
      'NetworkPolicy prod/db-ingress: ipBlock(10.72.0.0/16 except 10.72.10.0/24)',
      'GlobalNetworkPolicy lab: notNets(192.168.0.0/16) (holds without IP)',
      'AdminNetworkPolicy egress: networks(203.0.113.0/24,2001:db8::/32)',
    ]);
  });

  test('cilium: none, CIDR rules never select pods', () => {
    expect(addressPredicatesOf(cluster, 'cilium')).toEqual([]);
  });
});

describe('podAddressSpace', () => {
  const block = addressPredicatesOf(clusterOf([], POLICIES), 'kubernetes').slice(0, 1);
  const places = (podCidrs: string[], predicates = block) => podAddressSpace(podCidrs, predicates).candidates.map(c => `${c.ips.join('+')} ${c.matches.join()}`);

  test('a pod CIDR around the block: pieces [10.0.0.0, 10.72.0.0, 10.72.10.0, 10.72.11.0, 10.73.0.0), two answers', () => {
    expect(places(['10.0.0.0/8'])).toEqual(['10.0.0.0 false', '10.72.0.0 true']);
    expect(podAddressSpace(['10.0.0.0/8'], block).matters).toBe(true);
  });

  test('a pod CIDR that misses the block: one place, nothing matters', () => {
    expect(places(['10.244.0.0/16'])).toEqual(['10.244.0.0 false']);
    expect(podAddressSpace(['10.244.0.0/16'], block).matters).toBe(false);
  });

  test('a pod CIDR inside the block, outside the except: every place is in it, which matters', () => {
    expect(places(['10.72.20.0/24'])).toEqual(['10.72.20.0 true']);
    expect(podAddressSpace(['10.72.20.0/24'], block).matters).toBe(true);
  });

  test('dual-stack pod CIDRs: single-family places, then one of each family together', () => {
    expect(places(['10.72.0.0/16', 'fd00::/64'])).toEqual([
      '10.72.0.0 true', '10.72.10.0 false', 'fd00:: false', '10.72.0.0+fd00:: true', '10.72.10.0+fd00:: false',
    ]);
  });

  test('a network ending at the last address does not cut past it', () => {
    const top = addressPredicatesOf(clusterOf([], `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: top, namespace: x}
spec: {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 255.255.255.0/24}}]}]}
`), 'kubernetes');
    expect(places(['0.0.0.0/0'], top)).toEqual(['0.0.0.0 false', '255.255.255.0 true']);
  });

  test('a Calico notNets the pod CIDRs never meet answers as for a pod without IP: nothing matters', () => {
    const notNets = addressPredicatesOf(clusterOf([], POLICIES), 'calico').filter(p => p.whenUnknown);
    expect(podAddressSpace(['10.0.0.0/8'], notNets).matters).toBe(false);
    expect(podAddressSpace(['192.168.0.0/16', '10.0.0.0/8'], notNets).matters).toBe(true);
  });
});

describe('pod CIDRs', () => {
  test('the defaults are the private ranges', () => {
    expect(DEFAULT_POD_CIDRS).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']);
  });

  test('checkPodCidrs accepts networks and refuses anything else, naming the value', () => {
    expect(checkPodCidrs(['10.244.0.0/16', 'fd00:10:244::/56'], 'x')).toEqual(['10.244.0.0/16', 'fd00:10:244::/56']);
    expect(() => checkPodCidrs(['10.244.0.1'], 'opt')).toThrow('opt: "10.244.0.1" is not a pod CIDR: a CIDR has a prefix length, e.g. "10.244.0.1/16"');
    expect(() => checkPodCidrs(['10.244.0.0/33'], 'opt')).toThrow(/"10\.244\.0\.0\/33" is not a pod CIDR: expected an IPv4 or IPv6 network/);
    expect(() => checkPodCidrs(['::ffff:10.0.0.0/104'], 'opt')).toThrow(/IPv4-mapped/);
    expect(() => checkPodCidrs(['010.1.1.0/24'], 'opt')).toThrow(/four decimal numbers/);
    expect(() => checkPodCidrs([], 'opt')).toThrow('opt: expected a non-empty list of CIDRs such as ["10.244.0.0/16"], got a list of 0');
    expect(() => checkPodCidrs('10.0.0.0/8', 'opt')).toThrow(/non-empty list/);
    expect(() => checkPodCidrs([8], 'opt')).toThrow('opt: 8 is not a pod CIDR: write it as a string such as "10.244.0.0/16"');
  });
});
