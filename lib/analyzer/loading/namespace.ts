import { NAMESPACE_NAME_LABEL } from '../compile/defaults';
import { Namespace } from '../types';
import { failFor, readLabels, readName } from './fields';
import { Origin } from './origin';

/** A declared Namespace, with the name label the API server adds (it overrides any value written). */
export function namespaceOf(doc: Record<string, any>, origin: Origin): Namespace {
  const name = readName(doc, failFor(origin, 'Namespace'), true);
  const labels = readLabels(doc.metadata.labels, 'metadata.labels', failFor(origin, `Namespace ${name}`));
  return { name, labels: { ...labels, [NAMESPACE_NAME_LABEL]: name }, declared: true };
}

/** A namespace that objects live in but no manifest declares: it has only its name label. */
export function impliedNamespace(name: string): Namespace {
  return { name, labels: { [NAMESPACE_NAME_LABEL]: name }, declared: false };
}
