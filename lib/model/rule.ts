import { compareStrings } from './canonical-order';
import { nestProblems } from './field-paths';
import { frozenList } from './frozen';
import { HttpMatch } from './http-match';
import { httpMatchProblems, httpMatchText } from './http-match-check';
import { httpRuleInvalid, httpRuleWithoutTcp, ruleWithoutPeers, ruleWithoutPorts } from './messages/policy';
import { Peer, PeerKind } from './peer';
import { Port } from './port';
import { Problem } from './problem';

/** What a rule does to the traffic it matches. */
export enum RuleAction {
  /** Allow the traffic. */
  ALLOW = 'Allow',
  /** Deny the traffic, whatever later or lower-priority policies allow (Calico, Cilium, admin tiers). */
  DENY = 'Deny',
  /** Stop evaluating this tier and hand the traffic to the next one (Calico tiers, admin tiers). */
  PASS = 'Pass',
  /** Log the traffic and go on evaluating (Calico). */
  LOG = 'Log',
}

/** Options of `Rule.allow`, `Rule.deny`, `Rule.passToNextTier` and `Rule.log`. */
export interface RuleOptions {
  /** Who the rule is about. Use `[Peer.anywhere()]` to mean every peer. */
  readonly peers: Peer[];
  /** Which ports the rule is about. Use `[Port.allPorts()]` to mean every port. */
  readonly ports: Port[];
  /**
   * L7: only these HTTP requests are allowed on the rule's TCP ports (Cilium).
   * @default - any traffic on the ports
   */
  readonly http?: HttpMatch[];
}

/**
 * One rule of a policy: an action for traffic with any of `peers` on any of `ports`.
 */
export class Rule {
  /** Allows traffic with any of `peers` on any of `ports`. */
  public static allow(options: RuleOptions): Rule {
    return new Rule(RuleAction.ALLOW, options);
  }

  /** Denies traffic with any of `peers` on any of `ports`; wins over allows where the engine has explicit deny. */
  public static deny(options: RuleOptions): Rule {
    return new Rule(RuleAction.DENY, options);
  }

  /**
   * Passes traffic with any of `peers` on any of `ports` to the next tier (Calico's and ClusterNetworkPolicy's `Pass`).
   * Not `pass`: that is a Python keyword.
   */
  public static passToNextTier(options: RuleOptions): Rule {
    return new Rule(RuleAction.PASS, options);
  }

  /** Logs traffic with any of `peers` on any of `ports` and goes on evaluating. */
  public static log(options: RuleOptions): Rule {
    return new Rule(RuleAction.LOG, options);
  }

  /** The action. */
  public readonly action: RuleAction;
  /** Peers in canonical order, without duplicates. */
  public readonly peers: Peer[];
  /** Ports in canonical order, without duplicates. */
  public readonly ports: Port[];
  /** L7 HTTP matches, in canonical order; empty for L3/L4 rules. */
  public readonly http: HttpMatch[];

  // As given, so error fields point at the user's own list positions.
  private readonly givenPeers: Peer[];
  private readonly givenPorts: Port[];

  private readonly givenHttp: HttpMatch[];

  private constructor(action: RuleAction, options: RuleOptions) {
    const peers = options.peers ?? [];
    const ports = options.ports ?? [];
    this.action = action;
    this.givenPeers = frozenList([...peers]);
    this.givenPorts = frozenList([...ports]);
    this.givenHttp = frozenList([...(options.http ?? [])]);
    this.http = frozenList(sortedByText(dedupe(this.givenHttp, httpMatchText)));
    this.peers = frozenList(sortedByText(dedupe(peers, p => p.toString())));
    this.ports = frozenList(dedupe(ports, p => p.toString()).map(k => k.item).sort((a, b) => a._compare(b)));
  }

  /** @internal The peers in the order the user gave them, so error fields name the user's own list positions. */
  public _peersAsGiven(): Peer[] {
    return this.givenPeers;
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
    const http = this.http.length > 0 ? ` http ${this.http.map(httpMatchText).join(' | ')}` : '';
    return `${this.action} ${peers} on ${ports}${http}`;
  }

  /** @internal */
  public _problems(): Problem[] {
    const problems: Problem[] = [];
    if (this.peers.length === 0) {
      problems.push(ruleWithoutPeers('peers', 'rule'));
    }
    if (this.ports.length === 0) {
      problems.push(ruleWithoutPorts('ports'));
    }
    const nested = (field: string, found: readonly Problem[]) => {
      if (found.length > 0) problems.push(...nestProblems(field, found));
    };
    for (let i = 0; i < this.givenPeers.length; i++) nested(`peers[${i}]`, this.givenPeers[i]._problems());
    for (let i = 0; i < this.givenPorts.length; i++) nested(`ports[${i}]`, this.givenPorts[i]._problems());
    for (let i = 0; i < this.givenHttp.length; i++) nested(`http[${i}]`, httpMatchProblems(this.givenHttp[i]));
    if (this.http.length > 0) {
      const l4 = this.ports.filter(p => p.isAllPorts || p.protocol !== 'TCP');
      if (this.action !== RuleAction.ALLOW || l4.length > 0) {
        problems.push(this.action !== RuleAction.ALLOW ? httpRuleInvalid('http', this.toString(), this.action) : httpRuleWithoutTcp('http', this.toString(), l4.map(String)));
      }
    }
    return problems;
  }
}

/** The first item of each text, in order, with its text (computed once per item). */
function dedupe<T>(items: readonly T[], key: (t: T) => string): { item: T; text: string }[] {
  const seen = new Map<string, { item: T; text: string }>();
  for (const item of items) {
    const text = key(item);
    if (!seen.has(text)) seen.set(text, { item, text });
  }
  return [...seen.values()];
}

/** The items in the order of their texts (a stable sort: equal texts keep their order). */
function sortedByText<T>(keyed: { item: T; text: string }[]): T[] {
  return keyed.sort((a, b) => compareStrings(a.text, b.text)).map(k => k.item);
}
