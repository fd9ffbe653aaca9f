import { Endpoint } from '../types';
import { failFor, readLabels, readMapping, readName, readNamespace } from './fields';
import { KindInfo } from './kinds';
import { Origin, originText } from './origin';
import { containerPorts, podIps, serviceAccountOf } from './pod-spec';

/** A Pod, or the pod template of a workload, as the pods that policies select. */
export function endpointOf(doc: Record<string, any>, info: KindInfo, origin: Origin): Endpoint {
  const name = readName(doc, failFor(origin, info.kind));
  const namespace = readNamespace(doc, failFor(origin, `${info.kind} ${name}`));
  const fail = failFor(origin, `${info.kind} ${namespace}/${name}`);
  const source = originText(origin);
  if (info.template === undefined) {
    return {
      kind: info.kind,
      name,
      namespace,
      labels: readLabels(doc.metadata.labels, 'metadata.labels', fail),
      ips: podIps(doc.status, fail),
      ports: containerPorts(doc.spec, 'spec', fail),
      serviceAccount: serviceAccountOf(doc.spec, 'spec', fail),
      source,
    };
  }
  let template: Record<string, any> = doc;
  info.template.forEach((key, i) => {
    const field = info.template!.slice(0, i + 1).join('.');
    template = readMapping(template[key], field, fail) ?? fail(field, 'is missing: the pods cannot be known without their template');
  });
  const field = info.template.join('.');
  const metadata = readMapping(template.metadata, `${field}.metadata`, fail);
  return {
    kind: info.kind,
    name,
    namespace,
    labels: readLabels(metadata?.labels, `${field}.metadata.labels`, fail),
    ips: [],
    ports: containerPorts(template.spec, `${field}.spec`, fail),
    serviceAccount: serviceAccountOf(template.spec, `${field}.spec`, fail),
    source,
  };
}
