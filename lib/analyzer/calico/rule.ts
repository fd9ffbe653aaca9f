import { CalicoRuleForm } from '../compile/form';
import { parseIp } from '../ip-match';
import { Flow, FlowPeer } from '../types';
import { CalicoRule } from './compiled';
import { EntityContext, Match, compileEntity } from './entity';

const FLOW_PROTOCOL_NUMBERS = { TCP: 6, UDP: 17, SCTP: 132 } as const;

/**
 * Compiles a normalized Calico rule: `protocol`/`notProtocol`, `icmp`, `ipVersion`, `source` and `destination` must
 * all hold. A part the manifests cannot decide (a source port, an HTTP match) makes the rule match only when it
 * denies, so an unknown never opens traffic (the form lists it in its policy's problems).
 */
export function compileCalicoRule(rule: CalicoRuleForm, ctx: EntityContext): CalicoRule {
  const { label, action } = rule;
  if (action === undefined) return { label, action: 'Log', text: 'nothing (unreadable action)', matches: () => false };
  // The tests that read the flow's destination, port and protocol only; the source's are apart, for the matrix.
  const tests: ((flow: Flow) => Match)[] = [];
  const sourceTests: ((flow: Flow) => Match)[] = [];
  const parts: string[] = [];

  for (const [key, negate] of [['protocol', false], ['notProtocol', true]] as const) {
    const protocol = rule[key];
    if (protocol === undefined) continue;
    const number = protocol.number;
    parts.push(`${negate ? '!' : ''}${protocol.written}`);
    if (number === undefined) tests.push(() => 'unknown');
    else tests.push(flow => (FLOW_PROTOCOL_NUMBERS[flow.protocol] === number) !== negate ? 'yes' : 'no');
  }
  if (rule.icmp) {
    // ICMP type and code exist only on ICMP packets; flows are TCP, UDP or SCTP.
    parts.push('icmp');
    tests.push(() => 'no');
  }
  if (rule.ipVersion !== undefined) {
    const version = rule.ipVersion === 4 ? 'ipv4' : 'ipv6';
    parts.push(`IPv${rule.ipVersion}`);
    const fits = (peer: FlowPeer) => {
      const ips = peer.kind === 'ip' ? [peer.ip] : peer.endpoint.ips;
      // A pod whose IPs are not given has one of each family the cluster runs.
      return ips.length === 0 || ips.some(ip => parseIp(ip)?.kind() === version);
    };
    tests.push(flow => fits(flow.to) ? 'yes' : 'no');
    sourceTests.push(flow => fits(flow.from) ? 'yes' : 'no');
  }
  if (rule.http) {
    parts.push('http(...)');
    tests.push(() => 'unknown');
  }
  const source = compileEntity(rule.source, 'source', ctx);
  const destination = compileEntity(rule.destination, 'destination', ctx);
  tests.push(destination.match);
  sourceTests.push(source.match);
  if (source.text) parts.push(`from ${source.text}`);
  if (destination.text) parts.push(`to ${destination.text}`);

  // Every test must hold; a test that cannot tell makes the rule match only when it denies.
  const holds = (flow: Flow, ...lists: (readonly ((flow: Flow) => Match)[])[]) => {
    let unknown = false;
    for (const list of lists) {
      for (const test of list) {
        const m = test(flow);
        if (m === 'no') return false;
        if (m === 'unknown') unknown = true;
      }
    }
    return !unknown || action === 'Deny';
  };
  return {
    label,
    action,
    text: parts.length > 0 ? parts.join(' ') : 'all traffic',
    matches: flow => holds(flow, tests, sourceTests),
    ingressReach: {
      sources: {
        ...(source.bound === undefined ? {} : { bound: source.bound }),
        // A source entity and the source's IP version read the flow's source only.
        mayMatch: endpoint => {
          const peer = { kind: 'endpoint' as const, endpoint };
          return holds({ from: peer, to: peer, port: 0, protocol: 'TCP' }, sourceTests);
        },
      },
      mayMatchAt: flow => holds(flow, tests),
    },
  };
}
