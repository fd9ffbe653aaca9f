import { ServiceAccount } from '../types';
import { failFor, readLabels, readName, readNamespace } from './fields';
import { Origin, originText } from './origin';

/** A ServiceAccount: its name, namespace and labels (Calico passes the labels on to the pods that run as it). */
export function serviceAccountObjectOf(doc: Record<string, any>, origin: Origin): ServiceAccount {
  const name = readName(doc, failFor(origin, 'ServiceAccount'));
  const namespace = readNamespace(doc, failFor(origin, `ServiceAccount ${name}`));
  const fail = failFor(origin, `ServiceAccount ${namespace}/${name}`);
  return { namespace, name, labels: readLabels(doc.metadata.labels, 'metadata.labels', fail), source: originText(origin) };
}
