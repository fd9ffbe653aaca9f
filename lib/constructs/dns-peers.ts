import { Construct } from 'constructs';
import { DnsOptions } from './dns-options';
import { checkProp } from './policy-sink';
import { Peer } from '../model';

/** The DNS peers of `options`, checked, with node-local addresses as host-sized ipBlocks. */
export function dnsPeers(scope: Construct, options: DnsOptions): Peer[] {
  const dnsPeer = options.dnsPeer ?? Peer.clusterDns();
  checkProp(scope, 'dnsPeer', dnsPeer._problems());
  const nodeLocal = (options.nodeLocalDnsAddresses ?? []).map((address, i) => {
    const cidr = address.includes('/') ? address : `${address}/${address.includes(':') ? 128 : 32}`;
    const peer = Peer.ipBlock(cidr)._named('node-local-dns');
    // Report the address as given, not with the prefix length we added.
    checkProp(scope, `nodeLocalDnsAddresses[${i}]`, peer.cidr!._problems().map(p => ({ ...p, value: address })));
    return peer;
  });
  return [dnsPeer, ...nodeLocal];
}
