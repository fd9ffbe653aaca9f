import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowDns } from './allow-dns';
import { dnsNamespaceProblems, isolatedAndExemptProblems } from './cluster-isolation';
import { DefaultDeny } from './default-deny';
import { DefaultEngine } from './default-engine';
import { DnsOptions } from './dns-options';
import { dnsPeers } from './dns-peers';
import { engineProblems } from './engine-prop';
import { emitPolicy } from './policy-sink';
import { PropChecks } from './prop-checks';
import { Engine } from '../engines/engine';
import { LabelExpression, Peer, Policy, Port, Problem, Rule, Selector } from '../model';
import * as messages from '../model/messages';
import { checkNamespaceName } from '../model/syntax';
import { SYSTEM_NAMESPACES } from '../model/system-namespaces';

// Props handed up by CalicoGlobalDeny and CiliumClusterwideDeny -> an engine they were given outside their family,
// so that the base reports it with every other problem (a subclass cannot record anything before super()).
const familyProblems = new WeakMap<ClusterDefaultDenyProps, Problem[]>();

/** Props of `ClusterDefaultDeny`, `CalicoGlobalDeny` and `CiliumClusterwideDeny`. */
export interface ClusterDefaultDenyProps extends DnsOptions {
  /**
   * Namespaces left alone: their pods are not isolated.
   * @default ClusterDefaultDeny.SYSTEM_NAMESPACES - system namespaces of common distributions, AKS included
   */
  readonly exemptNamespaces?: string[];
  /**
   * For the kubernetes engine, which has no cluster-wide policy: the namespaces to isolate, one
   * policy pair each. Other engines isolate every namespace not exempt, and refuse this.
   * @default - required with Engine.KUBERNETES
   */
  readonly namespaces?: string[];
  /**
   * Isolate ingress.
   * @default true
   */
  readonly ingress?: boolean;
  /**
   * Isolate egress (DNS stays open).
   * @default true
   */
  readonly egress?: boolean;
  /**
   * Calico `order`: after Kubernetes NetworkPolicies (order 1000 in tier default), so namespace teams open
   * holes with ordinary NetworkPolicies. ClusterNetworkPolicy `priority` in tier Baseline (0..1000).
   * @default 2000 for Calico; 1000 (last of tier Baseline) for cluster-network-policy; Cilium has no order
   */
  readonly priority?: number;
  /**
   * The policy's name.
   * @default 'cluster-default-deny'
   */
  readonly name?: string;
  /**
   * The policy engine to render for.
   * @default - DefaultEngine.of(scope): the construct context `cdk-netpol:engine` of the Chart or App, else Engine.KUBERNETES
   */
  readonly engine?: Engine;
}

/**
 * A cluster default deny: every pod of every namespace but the exempt ones is isolated, except DNS
 * (UDP and TCP 53) to the cluster DNS and node-local addresses. It carries no blanket allow, so
 * NetworkPolicies in each namespace open exactly the flows they name. Renders a Calico GlobalNetworkPolicy,
 * a CiliumClusterwideNetworkPolicy, a tier Baseline ClusterNetworkPolicy (below every NetworkPolicy), or, for
 * kubernetes, a DefaultDeny and an AllowDns per listed namespace.
 */
export class ClusterDefaultDeny extends Construct {
  /**
   * System namespaces of common distributions exempt by default (frozen): AKS's (`AksNetworkBaseline.SYSTEM_NAMESPACES`,
   * with the Istio add-on's) and calico-apiserver.
   */
  public static readonly SYSTEM_NAMESPACES: string[] = SYSTEM_NAMESPACES;

  /** Every policy intent rendered, in order. */
  public readonly policies: Policy[];
  /** The rendered object for cluster-scoped engines in a cdk8s Chart; empty for kubernetes (see the child DefaultDeny and AllowDns) and in a cdktf stack. */
  public readonly apiObjects: ApiObject[] = [];
  /**
   * The rendered `kubernetes_manifest` resource for cluster-scoped engines in a cdktf TerraformStack; empty for kubernetes
   * (see the child DefaultDeny and AllowDns) and in a cdk8s Chart. Typed as Construct so that cdktf stays optional.
   */
  public readonly terraformResources: Construct[] = [];

  /**
   * @param scope the Chart, or a construct inside one, that receives the rendered policies
   * @param id the construct id; it does not change the rendered policy names, which derive from the intent
   * @param props which namespaces stay exempt, DNS, and the engine
   */
  public constructor(scope: Construct, id: string, props: ClusterDefaultDenyProps = {}) {
    super(scope, id);
    const checks = new PropChecks(this);
    checks.add('engine', familyProblems.get(props) ?? []);
    const engine = checks.add('engine', engineProblems(props.engine)) ? props.engine ?? DefaultEngine.of(this) : undefined;
    const exempt = props.exemptNamespaces ?? ClusterDefaultDeny.SYSTEM_NAMESPACES;
    const exemptOk = exempt.map((ns, i) => checks.add(`exemptNamespaces[${i}]`, checkNamespaceName(ns))).every(Boolean);
    const perNamespace = engine !== undefined && !engine.capabilities.clusterScope;
    const namespaces = props.namespaces ?? [];
    const namespacesOk = engine !== undefined && (perNamespace
      ? checks.add('', namespaceListProblems(engine, namespaces))
      : checks.add('namespaces', namespacesIgnored(engine, props.namespaces)));
    const dnsPeer = props.dnsPeer ?? Peer.clusterDns();
    const peers = dnsPeers(checks, props);
    // Which namespaces are isolated, and how, depends on the engine: without one, report what is known.
    if (engine === undefined) throw checks.error();
    const ingress = props.ingress ?? true;
    const egress = props.egress ?? true;
    if (!ingress && !egress) {
      checks.add('', [messages.policyWithoutDirection('', 'ingress: false, egress: false', 'deny')]);
    } else if (exemptOk && namespacesOk) {
      const isolation = { exempt, listed: perNamespace ? namespaces : undefined, dnsPeer, defaultExempt: 'ClusterDefaultDeny.SYSTEM_NAMESPACES' };
      // A malformed DNS peer names no namespace worth checking.
      if (dnsPeer._problems().length === 0) checks.add('', dnsNamespaceProblems(isolation));
      checks.add('', isolatedAndExemptProblems(isolation));
    }

    if (perNamespace) {
      if (props.priority !== undefined) {
        // The per-namespace NetworkPolicies have no order: the priority would be dropped without a word.
        checks.add('priority', [messages.engineNoOrder('', String(props.priority), engine.name, 'namespace-policies')]);
      }
      checks.throwIfAny();
      this.policies = namespaces.flatMap(namespaceName => {
        const deny = new DefaultDeny(this, `${namespaceName}-deny`, { namespaceName, ingress, egress, engine });
        const policies = [deny.policy];
        if (egress) {
          policies.push(new AllowDns(this, `${namespaceName}-dns`, {
            dnsPeer: props.dnsPeer, nodeLocalDnsAddresses: props.nodeLocalDnsAddresses, namespaceName, engine,
          }).policy);
        }
        return policies;
      });
      return;
    }
    const policy = new Policy({
      name: props.name ?? 'cluster-default-deny',
      namespaceSelector: exempt.length > 0
        ? Selector.of({ matchExpressions: [LabelExpression.notIn(Selector.NAMESPACE_NAME_LABEL, exempt)] })
        : Selector.all(),
      subject: Selector.all(),
      isolateIngress: ingress,
      isolateEgress: egress,
      egress: egress ? [Rule.allow({ peers, ports: [Port.DNS_UDP, Port.DNS_TCP] })] : [],
      ...clusterOrder(engine, props.priority),
    });
    checks.addPolicy(policy, ['name', 'priority']);
    checks.throwIfAny();
    this.policies = [policy];
    const emitted = emitPolicy(this, policy, engine);
    if (ApiObject.isApiObject(emitted)) this.apiObjects.push(emitted);
    else this.terraformResources.push(emitted as Construct);
  }
}

/** `ClusterDefaultDeny` as a Calico GlobalNetworkPolicy (`projectcalico.org/v3`). */
export class CalicoGlobalDeny extends ClusterDefaultDeny {
  /**
   * @param scope the Chart, or a construct inside one, that receives the policy
   * @param id the construct id
   * @param props exempt namespaces, DNS and order; `engine` is Engine.CALICO or Engine.CALICO_CRD (default: the inherited default when it is one of them, else CALICO)
   */
  public constructor(scope: Construct, id: string, props: ClusterDefaultDenyProps = {}) {
    super(scope, id, inFamily(scope, props, [Engine.CALICO, Engine.CALICO_CRD]));
  }
}

/** `ClusterDefaultDeny` as a CiliumClusterwideNetworkPolicy. */
export class CiliumClusterwideDeny extends ClusterDefaultDeny {
  /**
   * @param scope the Chart, or a construct inside one, that receives the policy
   * @param id the construct id
   * @param props exempt namespaces and DNS; `engine`, if given, must be Engine.CILIUM
   */
  public constructor(scope: Construct, id: string, props: ClusterDefaultDenyProps = {}) {
    super(scope, id, inFamily(scope, props, [Engine.CILIUM]));
  }
}

/**
 * Where the cluster deny sits in the engine's order: for cluster-network-policy tier Baseline, after every NetworkPolicy
 * (which then open flows, as they do over a Calico deny at order 2000), last in it by default; Calico after order 1000.
 */
function clusterOrder(engine: Engine, priority: number | undefined): { tier?: string; priority?: number } {
  if (engine.name === Engine.CLUSTER_NETWORK_POLICY.name) return { tier: 'baseline', priority: priority ?? 1000 };
  return { priority: engine.capabilities.ordering ? priority ?? 2000 : priority };
}

/** A kubernetes-engine deny renders a policy pair per listed namespace: each must be named once, and well. */
function namespaceListProblems(engine: Engine, namespaces: readonly string[]): Problem[] {
  if (namespaces.length === 0) {
    return [messages.namespacesRequired('namespaces', engine.name)];
  }
  return namespaces.flatMap((ns, i) => {
    const field = `namespaces[${i}]`;
    const first = namespaces.indexOf(ns);
    if (first < i) {
      return [messages.namespaceDuplicate(field, ns, first)];
    }
    return checkNamespaceName(ns).map(p => ({ ...p, field }));
  });
}

function namespacesIgnored(engine: Engine, namespaces: readonly string[] | undefined): Problem[] {
  if (namespaces === undefined) return [];
  return [messages.namespacesIgnored('', namespaces.join(','), engine.name)];
}

/**
 * The props of an engine-specific construct, with its engine: the one given (which must be of the family), else
 * the inherited default when it is of the family (e.g. CALICO_CRD for managed Calico), else the family's first.
 */
function inFamily(scope: Construct, props: ClusterDefaultDenyProps, family: Engine[]): ClusterDefaultDenyProps {
  const given = props.engine;
  // Not an Engine at all: the base refuses it with ENGINE_UNKNOWN.
  if (given !== undefined && !Engine.isEngine(given)) return props;
  const inherited = DefaultEngine.of(scope);
  const fallback = family.includes(inherited) ? inherited : family[0];
  if (given === undefined || family.includes(given)) return { ...props, engine: given ?? fallback };
  const resolved = { ...props, engine: fallback };
  familyProblems.set(resolved, [messages.engineMismatch('', given.name, family.map(e => e.name))]);
  return resolved;
}
