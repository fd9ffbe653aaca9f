import { ErrorCode } from './errors';
import { compareStrings } from './order';
import { Peer, PeerKind } from './peer';
import { Port } from './port';
import { Problem } from './problem';
import { nestProblems } from './problems';

/** What a rule does to the traffic it matches. */
export enum RuleAction {
  /** Allow the traffic. */
  ALLOW = 'Allow',
}

/** Options of `Rule.allow`. */
export interface RuleOptions {
  /** Who the rule is about. Use `[Peer.anywhere()]` to mean every peer. */
  readonly peers: Peer[];
  /** Which ports the rule is about. Use `[Port.allPorts()]` to mean every port. */
  readonly ports: Port[];
}

/**
 * One rule of a policy: an action for traffic with any of `peers` on any of `ports`.
 */
export class Rule {
  /** Allows traffic with any of `peers` on any of `ports`. */
  public static allow(options: RuleOptions): Rule {
    return new Rule(RuleAction.ALLOW, options.peers ?? [], options.ports ?? []);
  }

  /** The action. */
  public readonly action: RuleAction;
  /** Peers in canonical order, without duplicates. */
  public readonly peers: Peer[];
  /** Ports in canonical order, without duplicates. */
  public readonly ports: Port[];

  // As given, so error fields point at the user's own list positions.
  private readonly givenPeers: Peer[];
  private readonly givenPorts: Port[];

  private constructor(action: RuleAction, peers: Peer[], ports: Port[]) {
    this.action = action;
    this.givenPeers = [...peers];
    this.givenPorts = [...ports];
    this.peers = dedupe(peers, p => p.toString()).sort((a, b) => compareStrings(a.toString(), b.toString()));
    this.ports = dedupe(ports, p => p.toString()).sort((a, b) => a._compare(b));
  }

  /** True when the rule matches every peer. */
  public get matchesAnyPeer(): boolean {
    return this.peers.some(p => p.kind === PeerKind.ANYWHERE);
  }

  /** True when the rule matches every port. */
  public get matchesAnyPort(): boolean {
    return this.ports.some(p => p.isAllPorts);
  }

  /** Canonical form: `Allow pods(app=web) on tcp/8080`. */
  public toString(): string {
    const peers = this.matchesAnyPeer ? 'anywhere' : this.peers.join(' | ');
    const ports = this.matchesAnyPort ? 'all ports' : this.ports.join(',');
    return `${this.action} ${peers} on ${ports}`;
  }

  /** @internal */
  public _problems(): Problem[] {
    const problems: Problem[] = [];
    if (this.peers.length === 0) {
      problems.push({
        code: ErrorCode.RULE_WITHOUT_PEERS,
        field: 'peers',
        value: '[]',
        message: 'a rule without peers would match every source and destination',
        fix: 'list the peers, or pass [Peer.anywhere()] to match every peer on purpose',
      });
    }
    if (this.ports.length === 0) {
      problems.push({
        code: ErrorCode.RULE_WITHOUT_PORTS,
        field: 'ports',
        value: '[]',
        message: 'a rule without ports would match every port and protocol',
        fix: 'list the ports, e.g. [Port.tcp(8080)], or pass [Port.allPorts()] to match every port on purpose',
      });
    }
    this.givenPeers.forEach((p, i) => problems.push(...nestProblems(`peers[${i}]`, p._problems())));
    this.givenPorts.forEach((p, i) => problems.push(...nestProblems(`ports[${i}]`, p._problems())));
    return problems;
  }
}

function dedupe<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
