import { InputError, messageOf } from './errors';
import { LookupError, parseFlowPeer } from '../analyzer/endpoints';
import { Cluster, FlowPeer } from '../analyzer/types';

/** Resolves `ns/name`, `ns/Kind/name` or an IP address; `where` names the option or field for the message. */
export function resolvePeer(cluster: Cluster, ref: string, where: string): FlowPeer {
  try {
    return parseFlowPeer(cluster, ref);
  } catch (error) {
    if (error instanceof LookupError) throw new InputError(`${where}: ${messageOf(error)}`);
    throw error;
  }
}
