import { checkPortName } from '../../model/syntax';
import { Service } from '../types';
import { describeValue } from './describe';
import { Fail, failFor, problemText, readLabels, readList, readMapping, readName, readNamespace, readObject, readPortNumber, readProtocol } from './fields';
import { Origin, originText } from './origin';

type ServicePort = Service['ports'][number];

/** A Service: its selector and its ports, with `targetPort` defaulted to `port` as the API server does. */
export function serviceOf(doc: Record<string, any>, origin: Origin): Service {
  const name = readName(doc, failFor(origin, 'Service'));
  const namespace = readNamespace(doc, failFor(origin, `Service ${name}`));
  const fail = failFor(origin, `Service ${namespace}/${name}`);
  const spec = readMapping(doc.spec, 'spec', fail) ?? {};
  return {
    name,
    namespace,
    selector: readLabels(spec.selector, 'spec.selector', fail),
    ports: readList(spec.ports, 'spec.ports', fail).map((p, i) => servicePort(p, `spec.ports[${i}]`, fail)),
    source: originText(origin),
  };
}

function servicePort(value: unknown, field: string, fail: Fail): ServicePort {
  const p = readObject(value, field, fail);
  const port = readPortNumber(p.port, `${field}.port`, fail);
  const protocol = readProtocol(p.protocol, `${field}.protocol`, fail);
  const targetPort = readTargetPort(p.targetPort, port, `${field}.targetPort`, fail);
  if (p.name === undefined || p.name === null) return { port, targetPort, protocol };
  if (typeof p.name !== 'string') fail(`${field}.name`, `must be a string, got ${describeValue(p.name)}`);
  return { name: p.name, port, targetPort, protocol };
}

function readTargetPort(value: unknown, port: number, field: string, fail: Fail): number | string {
  if (value === undefined || value === null) return port;
  if (typeof value !== 'string') return readPortNumber(value, field, fail);
  const problems = checkPortName(value);
  if (problems.length > 0) fail(field, problemText(problems[0]));
  return value;
}
