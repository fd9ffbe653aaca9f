import { CiliumPortForm, PortForm } from '../compile/form';
import { PortMatcher, namedPort, numericPort, wholeProtocol } from '../ports';
import { FlowPeer, Protocol } from '../types';

/** A port matcher that may carry the L7 rules Cilium enforces on top of the L4 allow. */
export interface CiliumPortMatcher extends PortMatcher {
  /** `http GET /public`: the L7 rules of the port rule, for explanations. */
  readonly l7?: string;
}

const TRANSPORT: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** Every port of every transport protocol (a deny rule's unreadable port, read fail-closed). */
const ANY_PORT: CiliumPortMatcher = { text: '*/ANY', matches: (_p, proto) => TRANSPORT.includes(proto) };

const NO_PORT = (text: string): CiliumPortMatcher => ({ text, matches: () => false });

/**
 * The matcher of a `toPorts[].ports[]` entry (pkg/policy/api PortProtocol): a number, every port (`0`), or an IANA
 * service name resolved on the destination pod's container ports, of its protocols. An unreadable entry matches
 * nothing in an allow rule and every port in a deny rule (fail closed).
 */
export function ciliumPortOf(port: CiliumPortForm, deny: boolean): CiliumPortMatcher {
  if (port.kind === 'unreadable') {
    return deny ? { ...ANY_PORT, text: `*/ANY [${port.reason}: treated as matching, fail closed]` } : NO_PORT(`nothing [${port.reason}]`);
  }
  const { protocol, protocols } = port;
  const withL7 = (m: Pick<PortMatcher, 'text' | 'matches'>): CiliumPortMatcher => ({ text: m.text, matches: m.matches, ...(port.l7 ? { l7: port.l7 } : {}) });
  switch (port.kind) {
    case 'all':
      return withL7({ text: `*/${protocol}`, matches: (_p, pr) => protocols.includes(pr) });
    case 'range': {
      const { first, last } = port;
      return withL7({
        text: `${last !== first ? `${first}-${last}` : `${first}`}/${protocol}`,
        matches: (p, pr) => protocols.includes(pr) && p >= first && p <= last,
      });
    }
    case 'named': {
      const byName = namedPort(undefined, port.name);
      return withL7({ text: `${port.name}/${protocol}`, matches: (p, pr, dest: FlowPeer) => protocols.includes(pr) && byName.matches(p, pr, dest) });
    }
  }
}

/**
 * A NetworkPolicy port as Cilium translates it (pkg/k8s ParsePorts): protocol TCP unless given, no port
 * is every port of the protocol, a name is resolved on the destination pod, `endPort` makes a range (when after
 * the port). An unreadable port matches nothing.
 */
export function networkPolicyPort(port: PortForm): PortMatcher {
  switch (port.kind) {
    case 'unreadable': return NO_PORT('nothing');
    case 'all': return wholeProtocol(port.protocol);
    case 'named': return namedPort(port.protocol, port.name);
    case 'number': return numericPort(port.protocol, port.port, port.endPort !== undefined && port.endPort > port.port ? port.endPort : undefined);
  }
}
