import { Protocol } from '../types';

/** A protocol as users write it: `TCP`, `UDP`, `SCTP`, in any case. */
export type ProtocolName = Protocol | 'tcp' | 'udp' | 'sctp';

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** The canonical protocol of a name in any case; undefined when it is none. */
export function protocolOf(value: string): Protocol | undefined {
  const upper = String(value).toUpperCase() as Protocol;
  return PROTOCOLS.includes(upper) ? upper : undefined;
}

/** Why `value` is not a protocol. */
export function badProtocolText(value: string, field = 'protocol'): string {
  return `${field}: "${value}" is not a protocol; use one of ${PROTOCOLS.join(', ')}`;
}

/** The canonical protocol; TCP when none is given, as in Kubernetes. Throws on anything else. */
export function parseProtocol(value: string | undefined, field = 'protocol'): Protocol {
  if (value === undefined) return 'TCP';
  const protocol = protocolOf(value);
  if (!protocol) throw new Error(badProtocolText(value, field));
  return protocol;
}
