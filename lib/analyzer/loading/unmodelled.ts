import { UnmodelledObject } from '../types';
import { isMapping } from './describe';
import { KindInfo } from './kinds';
import { Origin, originText } from './origin';

/**
 * An object of a kind the analyzer reads only to say that it does not model it. Its name and namespace are taken
 * as written (`<unnamed>` when missing): nothing else of it is read, so nothing else is checked.
 */
export function unmodelledOf(doc: Record<string, any>, info: KindInfo, origin: Origin): UnmodelledObject {
  const metadata = isMapping(doc.metadata) ? doc.metadata : {};
  const name = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : '<unnamed>';
  const namespace = info.namespaced ? (typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : 'default') : undefined;
  return {
    kind: info.kind,
    apiVersion: String(doc.apiVersion),
    name,
    ...(namespace === undefined ? {} : { namespace }),
    source: originText(origin),
    why: info.unmodelled ?? 'the analyzer does not model this kind',
  };
}
