import { NetworkSet } from '../types';
import { describeValue } from './describe';
import { failFor, readLabels, readList, readMapping, readName, readNamespace } from './fields';
import { KindInfo } from './kinds';
import { Origin, originText } from './origin';
import { parseCidr } from '../ip-match';

/** The label Calico gives a NetworkSet's namespace; its validator refuses it on the object itself. */
const CALICO_NAMESPACE_LABEL = 'projectcalico.org/namespace';

/**
 * A Calico `NetworkSet` (namespaced) or `GlobalNetworkSet`: its labels and `nets`, checked as Calico's validator
 * checks them (libcalico-go/lib/validator/v3: each net a CIDR or an address, no `projectcalico.org/namespace`
 * label). `allowedEgressDomains` (a Calico Enterprise field) is kept as written: the analyzer does not resolve it.
 */
export function networkSetOf(doc: Record<string, any>, info: KindInfo, origin: Origin): NetworkSet {
  const name = readName(doc, failFor(origin, info.label));
  const namespace = info.namespaced ? readNamespace(doc, failFor(origin, `${info.label} ${name}`)) : undefined;
  const fail = failFor(origin, `${info.label} ${namespace === undefined ? '' : `${namespace}/`}${name}`);
  const labels = readLabels(doc.metadata.labels, 'metadata.labels', fail);
  if (Object.prototype.hasOwnProperty.call(labels, CALICO_NAMESPACE_LABEL)) {
    fail(`metadata.labels[${JSON.stringify(CALICO_NAMESPACE_LABEL)}]`, 'is a label Calico sets itself and refuses on a network set; remove it');
  }
  const spec = readMapping(doc.spec, 'spec', fail) ?? {};
  const nets = readList(spec.nets, 'spec.nets', fail).map((net, i): string => {
    const field = `spec.nets[${i}]`;
    if (typeof net !== 'string' || parseCidr(net.includes('/') ? net : `${net}/${net.includes(':') ? 128 : 32}`) === undefined) {
      return fail(field, `must be a CIDR such as 198.51.100.0/28 or an IP address, got ${describeValue(net)}`);
    }
    return net;
  });
  const domains = readList(spec.allowedEgressDomains, 'spec.allowedEgressDomains', fail).map((d, i): string => {
    if (typeof d !== 'string' || d === '') return fail(`spec.allowedEgressDomains[${i}]`, `must be a domain name, got ${describeValue(d)}`);
    return d;
  });
  return {
    ...(namespace === undefined ? {} : { namespace }),
    name,
    labels,
    nets,
    ...(domains.length > 0 ? { allowedEgressDomains: domains } : {}),
    source: originText(origin),
  };
}
