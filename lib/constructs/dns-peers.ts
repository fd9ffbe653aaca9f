import { DnsOptions } from './dns-options';
import { PropChecks } from './prop-checks';
import { Peer } from '../model';
import { joinField } from '../model/field-paths';

/** The DNS peers of `options`, checked under `field`, with node-local addresses as host-sized ipBlocks. */
export function dnsPeers(checks: PropChecks, options: DnsOptions, field: string = ''): Peer[] {
  const dnsPeer = options.dnsPeer ?? Peer.clusterDns();
  checks.add(joinField(field, 'dnsPeer'), dnsPeer._problems());
  const nodeLocal = (options.nodeLocalDnsAddresses ?? []).map((address, i) => {
    const cidr = address.includes('/') ? address : `${address}/${address.includes(':') ? 128 : 32}`;
    const peer = Peer.ipBlock(cidr)._named('node-local-dns');
    // Report the address as given, not with the prefix length we added.
    checks.add(joinField(field, `nodeLocalDnsAddresses[${i}]`), peer.cidr!._problems().map(p => ({ ...p, value: address })));
    return peer;
  });
  return [dnsPeer, ...nodeLocal];
}
