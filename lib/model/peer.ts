import { Cidr } from './cidr';
import { nestProblems } from './field-paths';
import { frozen, frozenList } from './frozen';
import { ruleWithoutPeers } from './messages/policy';
import { cidrFamilyMix, exceptNotInsideCidr, fqdnInvalid } from './messages/values';
import { Problem } from './problem';
import { Selector } from './selector';
import { checkNamespaceName, checkObjectName } from './syntax';

/** What a peer is made of. */
export enum PeerKind {
  /** Pods chosen by label, in the policy's namespace or in selected namespaces. */
  PODS = 'pods',
  /** An IP block with optional exceptions. */
  IP_BLOCK = 'ipBlock',
  /** Every source or destination, inside or outside the cluster. */
  ANYWHERE = 'anywhere',
  /** A Cilium entity: a class of peers such as the world outside the cluster or the API server. */
  ENTITY = 'entity',
  /** A destination named by DNS (exact name or `*` pattern). */
  FQDN = 'fqdn',
}

/** Cilium entities: peers named by their role rather than by labels or addresses. */
export enum Entity {
  /** Everything outside the cluster. */
  WORLD = 'world',
  /** Every endpoint in the cluster, nodes included. */
  CLUSTER = 'cluster',
  /** The local node. */
  HOST = 'host',
  /** Other nodes of the cluster. */
  REMOTE_NODE = 'remote-node',
  /** The Kubernetes API server. */
  KUBE_APISERVER = 'kube-apiserver',
  /** Cilium's ingress proxy. */
  INGRESS = 'ingress',
  /** Cilium's health endpoints. */
  HEALTH = 'health',
  /** Endpoints whose identity is not resolved yet. */
  INIT = 'init',
  /** Everything. */
  ALL = 'all',
}

/** Options of `Peer.ipBlock`-style peers built from CIDR values. */
export interface IpBlockOptions {
  /**
   * Networks inside the block that are not allowed (must lie strictly inside it).
   * @default - no exceptions
   */
  readonly exceptCidrs?: string[];
}

const PEER = Symbol.for('cdk-netpol.Peer');

/**
 * The other side of a rule: who may connect (ingress) or be connected to (egress).
 *
 * A peer that names both pods and namespaces matches pods that satisfy both (AND).
 * Several peers in one rule match if any of them does (OR).
 */
export class Peer {
  /** Pods in the policy's own namespace. */
  public static pods(selector: Selector): Peer {
    return new Peer({ kind: PeerKind.PODS, podSelector: selector });
  }

  /** Every pod of the namespace with this name (matched on `kubernetes.io/metadata.name`). */
  public static namespaceNamed(namespaceName: string): Peer {
    return new Peer({ kind: PeerKind.PODS, namespaceSelector: Selector.namespaceNamed(namespaceName), namespaceName });
  }

  /** Every pod of the namespaces whose labels match. */
  public static namespaces(namespaceSelector: Selector): Peer {
    return new Peer({ kind: PeerKind.PODS, namespaceSelector });
  }

  /** Pods matching `podSelector` in namespaces matching `namespaceSelector` (both must hold). */
  public static podsInNamespaces(podSelector: Selector, namespaceSelector: Selector): Peer {
    return new Peer({ kind: PeerKind.PODS, podSelector, namespaceSelector });
  }

  /** Pods matching `podSelector` in the namespace with this name. */
  public static podsInNamespace(namespaceName: string, podSelector: Selector): Peer {
    return new Peer({ kind: PeerKind.PODS, podSelector, namespaceSelector: Selector.namespaceNamed(namespaceName), namespaceName });
  }

  /** Every pod in every namespace of the cluster (not addresses outside it). */
  public static allPodsInCluster(): Peer {
    return new Peer({ kind: PeerKind.PODS, namespaceSelector: Selector.all() });
  }

  /** The cluster DNS pods: `k8s-app=kube-dns` in `kube-system` (CoreDNS and kube-dns both carry this label). */
  public static clusterDns(): Peer {
    return Peer.podsInNamespace('kube-system', Selector.labels({ 'k8s-app': 'kube-dns' }))._named('cluster-dns');
  }

  /** An IP block, e.g. `Peer.ipBlock('0.0.0.0/0', ['10.0.0.0/8'])`. Exceptions must lie strictly inside it. */
  public static ipBlock(cidr: string, exceptCidrs?: string[]): Peer {
    return new Peer({ kind: PeerKind.IP_BLOCK, cidr: Cidr.of(cidr), exceptCidrs: (exceptCidrs ?? []).map(Cidr.of) });
  }

  /** Every IPv4 address (`0.0.0.0/0`), optionally with exceptions. */
  public static anyIpv4(options?: IpBlockOptions): Peer {
    return Peer.ipBlock('0.0.0.0/0', options?.exceptCidrs);
  }

  /** Every IPv6 address (`::/0`), optionally with exceptions. */
  public static anyIpv6(options?: IpBlockOptions): Peer {
    return Peer.ipBlock('::/0', options?.exceptCidrs);
  }

  /** Every peer: every pod and every address. Renders as a rule with no `from`/`to`. */
  public static anywhere(): Peer {
    return new Peer({ kind: PeerKind.ANYWHERE });
  }

  /**
   * Pods running as one of these service accounts, in the policy's namespace unless `namespaceName` is given
   * (Calico `serviceAccounts`, Cilium `io.cilium.k8s.policy.serviceaccount`; native NetworkPolicy cannot select them).
   */
  public static serviceAccounts(names: string[], namespaceName?: string): Peer {
    const namespaced = namespaceName === undefined ? {} : { namespaceSelector: Selector.namespaceNamed(namespaceName), namespaceName };
    return new Peer({ kind: PeerKind.PODS, ...namespaced, serviceAccountNames: [...new Set(names)].sort() });
  }

  /** A Cilium entity, e.g. `Peer.entity(Entity.KUBE_APISERVER)`. */
  public static entity(entity: Entity): Peer {
    return new Peer({ kind: PeerKind.ENTITY, entity });
  }

  /** Destinations whose DNS name is exactly `name` (egress only), e.g. `api.stripe.com`. */
  public static fqdn(name: string): Peer {
    return new Peer({ kind: PeerKind.FQDN, fqdn: name.toLowerCase().replace(/\.$/, '') });
  }

  /** Destinations whose DNS name matches `pattern`, where `*` stands for any run of name characters (egress only), e.g. `*.stripe.com`. */
  public static fqdnPattern(pattern: string): Peer {
    return new Peer({ kind: PeerKind.FQDN, fqdn: pattern.toLowerCase().replace(/\.$/, ''), fqdnIsPattern: true });
  }

  /** True when `x` is a Peer from any copy of this library. */
  public static isPeer(x: any): x is Peer {
    return x !== null && typeof x === 'object' && PEER in x;
  }

  /** What this peer is made of. */
  public readonly kind: PeerKind;
  /** Pod selector; undefined means every pod of the selected namespaces. */
  public readonly podSelector?: Selector;
  /** Namespace selector; undefined means the policy's own namespace. */
  public readonly namespaceSelector?: Selector;
  /** The namespace name, when the peer was built from one. */
  public readonly namespaceName?: string;
  /** The IP block, for `ipBlock` peers. */
  public readonly cidr?: Cidr;
  /** Networks excluded from the IP block, in canonical order. */
  public readonly exceptCidrs: Cidr[];
  /** A short human name for generated policy names (e.g. a workload name); undefined derives one from the selectors. */
  public readonly displayName?: string;
  /** The entity, for `entity` peers. */
  public readonly entityName?: Entity;
  /** The DNS name or pattern, for `fqdn` peers. */
  public readonly dnsName?: string;
  /** True when `fqdn` is a `*` pattern. */
  public readonly fqdnIsPattern: boolean;
  /** For pods peers: the service accounts the pods must run as (AND with the selectors); undefined for any. */
  public readonly serviceAccountNames?: string[];
  // As given, so error fields point at the user's own list positions.
  private readonly givenExceptCidrs: Cidr[];

  private constructor(props: PeerProps) {
    Object.defineProperty(this, PEER, { value: true });
    this.kind = props.kind;
    this.podSelector = props.podSelector;
    this.namespaceSelector = props.namespaceSelector;
    this.namespaceName = props.namespaceName;
    this.cidr = props.cidr;
    this.givenExceptCidrs = frozenList([...(props.exceptCidrs ?? [])]);
    this.exceptCidrs = frozenList([...this.givenExceptCidrs].sort((a, b) => a._compare(b)));
    this.displayName = props.displayName;
    this.entityName = props.entity;
    this.dnsName = props.fqdn;
    this.fqdnIsPattern = props.fqdnIsPattern ?? false;
    this.serviceAccountNames = props.serviceAccountNames === undefined ? undefined : frozen([...props.serviceAccountNames]);
  }

  /** A copy of this peer that generated names call `displayName`. */
  public withDisplayName(displayName: string): Peer {
    return this._named(displayName);
  }

  /** Canonical form: `pods(app=web)`, `namespace(prod)/pods(app=api)`, `namespaces(team=a)`, `ipBlock(0.0.0.0/0 except 10.0.0.0/8)`, `anywhere`. */
  public toString(): string {
    switch (this.kind) {
      case PeerKind.ANYWHERE: return 'anywhere';
      case PeerKind.ENTITY: return `entity(${this.entityName})`;
      case PeerKind.FQDN: return `${this.fqdnIsPattern ? 'fqdnPattern' : 'fqdn'}(${this.dnsName})`;
      case PeerKind.IP_BLOCK: {
        const except = this.exceptCidrs.length > 0 ? ` except ${this.exceptCidrs.join(',')}` : '';
        return `ipBlock(${this.cidr}${except})`;
      }
      case PeerKind.PODS: {
        const ns = this.namespaceSelector === undefined ? undefined
          : this.namespaceName !== undefined ? `namespace(${this.namespaceName})` : `namespaces(${this.namespaceSelector})`;
        const pods = this.podSelector === undefined ? undefined : `pods(${this.podSelector})`;
        const accounts = this.serviceAccountNames === undefined ? undefined : `serviceAccounts(${this.serviceAccountNames.join(',')})`;
        return [ns, pods, accounts].filter(x => x !== undefined).join('/');
      }
    }
  }

  /** @internal */
  public _named(displayName: string): Peer {
    return new Peer({ ...this._props(), displayName });
  }

  /** @internal */
  public _problems(): Problem[] {
    switch (this.kind) {
      case PeerKind.ANYWHERE: return [];
      case PeerKind.ENTITY: return [];
      case PeerKind.FQDN: return fqdnProblems(this.dnsName!, this.fqdnIsPattern);
      case PeerKind.PODS: {
        const problems: Problem[] = [];
        if (this.namespaceName !== undefined) problems.push(...nestProblems('namespaceName', checkNamespaceName(this.namespaceName)));
        else if (this.namespaceSelector) problems.push(...nestProblems('namespaceSelector', this.namespaceSelector._problems()));
        if (this.podSelector) problems.push(...nestProblems('podSelector', this.podSelector._problems()));
        (this.serviceAccountNames ?? []).forEach((name, i) => problems.push(...nestProblems(`serviceAccountNames[${i}]`, checkObjectName(name))));
        if (this.serviceAccountNames !== undefined && this.serviceAccountNames.length === 0) {
          problems.push(ruleWithoutPeers('serviceAccountNames', 'service-accounts'));
        }
        return problems;
      }
      case PeerKind.IP_BLOCK: return this.ipBlockProblems();
    }
  }

  /** @internal */
  public _props(): PeerProps {
    return {
      kind: this.kind,
      podSelector: this.podSelector,
      namespaceSelector: this.namespaceSelector,
      namespaceName: this.namespaceName,
      cidr: this.cidr,
      exceptCidrs: this.givenExceptCidrs,
      displayName: this.displayName,
      entity: this.entityName,
      fqdn: this.dnsName,
      fqdnIsPattern: this.fqdnIsPattern,
      serviceAccountNames: this.serviceAccountNames,
    };
  }

  private ipBlockProblems(): Problem[] {
    const cidr = this.cidr!;
    const problems = nestProblems('cidr', cidr._problems());
    this.givenExceptCidrs.forEach((e, i) => problems.push(...nestProblems(`exceptCidrs[${i}]`, e._problems())));
    if (problems.length > 0) return problems;
    this.givenExceptCidrs.forEach((e, i) => {
      if (e.family !== cidr.family) {
        problems.push(cidrFamilyMix(`exceptCidrs[${i}]`, e.toString(), String(e.family), cidr.toString(), String(cidr.family)));
      } else if (!cidr.strictlyContains(e)) {
        problems.push(exceptNotInsideCidr(`exceptCidrs[${i}]`, e.toString(), cidr.toString(), cidr.contains(e) ? 'equals-block' : 'outside'));
      }
    });
    return problems;
  }
}

/** Fields of a peer; built only by the factories of `Peer`. */
interface PeerProps {
  readonly kind: PeerKind;
  readonly podSelector?: Selector;
  readonly namespaceSelector?: Selector;
  readonly namespaceName?: string;
  readonly cidr?: Cidr;
  readonly exceptCidrs?: Cidr[];
  readonly displayName?: string;
  readonly entity?: Entity;
  readonly fqdn?: string;
  readonly fqdnIsPattern?: boolean;
  readonly serviceAccountNames?: string[];
}

// A DNS name: labels of letters, digits and hyphens; a pattern may use `*` inside labels (Cilium matchPattern).
function fqdnProblems(name: string, pattern: boolean): Problem[] {
  const label = pattern ? /^[a-z0-9*]([-a-z0-9*]*[a-z0-9*])?$/ : /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  const labels = name.split('.');
  if (name.length > 0 && name.length <= 253 && labels.every(l => l.length > 0 && l.length <= 63 && label.test(l)) && (pattern || labels.length > 1 || name === 'localhost')) {
    return [];
  }
  return [fqdnInvalid('fqdn', name, pattern)];
}
