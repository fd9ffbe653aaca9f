import { Construct } from 'constructs';
import { AksNetworkPolicy } from './aks-network-policy';
import { ClusterDefaultDeny } from './cluster-default-deny';
import { dnsNamespaceProblems, isolatedAndExemptProblems } from './cluster-isolation';
import { Diagnostics } from './diagnostics';
import { dnsPeers } from './dns-peers';
import { l7Fields } from './l7-fields';
import { PropChecks } from './prop-checks';
import { Engine } from '../engines/engine';
import { ErrorCode, Peer, Policy, Problem } from '../model';
import { frozen } from '../model/frozen';
import { aksNamespacesIgnored, aksNetworkPolicyUnknown, azureNamespacesRequired, internalError, networkPolicyAmbiguous } from '../model/messages';
import { checkNamespaceName } from '../model/syntax';
import { AKS_SYSTEM_NAMESPACES } from '../model/system-namespaces';

/** Props of `AksNetworkBaseline`. */
export interface AksNetworkBaselineProps {
  /**
   * The cluster's network policy engine, as `az aks create --network-policy` names it. Required: optional in the
   * type only while its deprecated name `engine` is accepted; give exactly one of the two.
   * @default - none; required
   */
  readonly networkPolicy?: AksNetworkPolicy;
  /**
   * The former name of `networkPolicy`, accepted for one release. Giving both, or neither, throws
   * `NETWORK_POLICY_AMBIGUOUS`.
   * @deprecated use `networkPolicy`; `engine` will be removed in the next release
   * @default - `networkPolicy`
   */
  readonly engine?: AksNetworkPolicy;
  /**
   * Isolate every pod of every namespace but the exempt ones, ingress and egress, except DNS (UDP and TCP 53)
   * to CoreDNS and the node-local addresses. When off, nothing is rendered: any policy that selects a pod
   * isolates it, so the only baseline that leaves reachability untouched is no policy at all.
   * @default false - as in the AKS Terraform module, a cluster default deny is opt-in
   */
  readonly defaultDeny?: boolean;
  /**
   * Namespaces left alone: their pods are not isolated. Replaces the default list, so extend it with
   * `[...AksNetworkBaseline.SYSTEM_NAMESPACES, 'ingress-nginx']`. It must keep `kube-system`, where CoreDNS runs.
   * @default AksNetworkBaseline.SYSTEM_NAMESPACES
   */
  readonly exemptNamespaces?: string[];
  /**
   * For `AksNetworkPolicy.AZURE`, which has no cluster-wide policy: the namespaces to isolate, with one
   * DefaultDeny and one AllowDns each (namespaces created later are not covered). Calico and Cilium
   * isolate every namespace not exempt and refuse this.
   * @default - none; required for AZURE when `defaultDeny` is on
   */
  readonly namespaces?: string[];
  /**
   * Node-local DNS addresses pods may query besides CoreDNS, on UDP and TCP 53, as /32 (or /128) ipBlocks;
   * with AKS LocalDNS, `AksNetworkBaseline.LOCAL_DNS_ADDRESSES`.
   * @default - none
   */
  readonly nodeLocalDnsAddresses?: string[];
}

/**
 * The network policy baseline of an AKS cluster, for any of its three engines: with `defaultDeny`, every pod
 * outside the exempt (system) namespaces is isolated both ways except DNS, and namespace teams open holes with
 * ordinary NetworkPolicies. Renders a ClusterDefaultDeny: per listed namespace for Azure NPM, a
 * `crd.projectcalico.org/v1` GlobalNetworkPolicy for AKS-managed Calico, a CiliumClusterwideNetworkPolicy
 * (L3/L4 only) for Azure CNI powered by Cilium. Without `defaultDeny` it renders nothing.
 */
export class AksNetworkBaseline extends Construct {
  // Sources of SYSTEM_NAMESPACES: lib/model/system-namespaces.ts. LOCAL_DNS_ADDRESSES: learn.microsoft.com/azure/aks/localdns-custom.
  /**
   * Namespaces that AKS and its add-ons create and manage, exempt by default (frozen):
   * kube-system, kube-public, kube-node-lease (every cluster); gatekeeper-system (Azure Policy add-on);
   * aks-command (`az aks command invoke`); app-routing-system (application routing add-on);
   * calico-system, tigera-operator (AKS-managed Calico, installed by the Tigera operator);
   * aks-istio-system, aks-istio-ingress, aks-istio-egress (Istio service mesh add-on).
   */
  public static readonly SYSTEM_NAMESPACES: string[] = AKS_SYSTEM_NAMESPACES;

  /**
   * The addresses AKS LocalDNS listens on, on every node of a pool where it is enabled (preconfigured on
   * AKS Automatic): 169.254.10.10 for VnetDNS traffic and 169.254.10.11 for KubeDNS traffic.
   */
  public static readonly LOCAL_DNS_ADDRESSES: string[] = frozen(['169.254.10.10', '169.254.10.11']);

  /** The engine the policies are rendered for. */
  public readonly engine: Engine;
  /** The namespaces left alone. */
  public readonly exemptNamespaces: string[];
  /** The namespaces listed to isolate one by one (AZURE), duplicates dropped; empty for CALICO and CILIUM. */
  public readonly namespaces: string[];
  /** Every policy intent rendered, in order; empty without `defaultDeny`. */
  public readonly policies: Policy[];

  /**
   * @param scope the Chart (or a construct inside one) that receives the policies; a chart without namespace
   * @param id the construct id; it does not change the rendered policy names
   * @param props the engine, the flag, and which namespaces are exempt or isolated
   */
  public constructor(scope: Construct, id: string, props: AksNetworkBaselineProps) {
    super(scope, id);
    const checks = new PropChecks(this);
    const given = networkPolicyOf(checks, props);
    const networkPolicy = given?.value;
    const engine = given !== undefined ? engineOf(checks, given.field, given.value) : undefined;
    const defaultDeny = props.defaultDeny ?? false;
    const givenExempt = props.exemptNamespaces ?? AksNetworkBaseline.SYSTEM_NAMESPACES;
    const givenNamespaces = props.namespaces ?? [];
    // Checked whatever the flag, so turning it on later cannot fail on props that were accepted.
    // Errors name the index as given; duplicates are dropped after.
    const exemptOk = givenExempt.map((ns, i) => checks.add(`exemptNamespaces[${i}]`, checkNamespaceName(ns))).every(Boolean);
    const namespacesOk = givenNamespaces.map((ns, i) => checks.add(`namespaces[${i}]`, checkNamespaceName(ns))).every(Boolean);
    dnsPeers(checks, { nodeLocalDnsAddresses: props.nodeLocalDnsAddresses });
    // The namespace lists mean nothing for an unknown engine.
    if (engine !== undefined) checks.add('', namespaceProblems(networkPolicy!, givenNamespaces, givenExempt, defaultDeny, exemptOk && namespacesOk));
    // An unknown engine is a recorded problem: past this line the engine is set.
    checks.throwIfAny();
    this.engine = engine!;
    const exempt = unique(givenExempt);
    const namespaces = unique(givenNamespaces);
    this.exemptNamespaces = exempt;
    this.namespaces = namespaces;

    // Managed Calico is the point of this engine choice, not a risk to warn about.
    Diagnostics.acknowledge(this, ErrorCode.CALICO_CRD_MANAGED, 'AKS-managed Calico runs no Calico API server: it serves crd.projectcalico.org/v1 only');
    if (!defaultDeny) {
      this.policies = [];
      return;
    }
    this.policies = new ClusterDefaultDeny(this, 'DefaultDeny', {
      engine: this.engine,
      exemptNamespaces: exempt,
      namespaces: networkPolicy === AksNetworkPolicy.AZURE ? namespaces : undefined,
      nodeLocalDnsAddresses: props.nodeLocalDnsAddresses,
    }).policies;
    if (networkPolicy === AksNetworkPolicy.CILIUM) this.refuseL7();
  }

  /** Azure CNI powered by Cilium enforces no L7 rule (HTTP, DNS, FQDN) without ACNS: the baseline must stay L3/L4. */
  private refuseL7(): void {
    for (const policy of this.policies) {
      const found = l7Fields(this.engine.render(policy));
      if (found.length > 0) {
        // The renderer never adds one here (tested): one found is a bug, never a baseline rendered wider.
        throw internalError(this.node.path, 'defaultDeny', found.join(', '),
          'the AKS baseline rendered an L7 (HTTP, DNS or FQDN) rule, which Azure CNI powered by Cilium enforces only with Advanced Container Networking Services (ENGINE_NO_L7); the baseline must stay L3/L4');
      }
    }
  }
}

/**
 * The namespace lists against the engine: what it ignores or needs, and, when every name is well formed, the
 * checks every cluster deny shares (the DNS namespace stays exempt, no namespace both isolated and exempt).
 */
function namespaceProblems(
  engine: AksNetworkPolicy, namespaces: readonly string[], exempt: readonly string[], defaultDeny: boolean, namesOk: boolean,
): Problem[] {
  const azure = engine === AksNetworkPolicy.AZURE;
  const problems: Problem[] = [];
  if (!azure && namespaces.length > 0) {
    problems.push(aksNamespacesIgnored('namespaces', unique(namespaces).join(','), engine));
  }
  const isolation = {
    exempt: unique(exempt),
    listed: azure ? namespaces : undefined,
    dnsPeer: Peer.clusterDns(),
    defaultExempt: 'AksNetworkBaseline.SYSTEM_NAMESPACES',
  };
  if (namesOk) problems.push(...dnsNamespaceProblems(isolation), ...isolatedAndExemptProblems(isolation));
  if (azure && defaultDeny && namespaces.length === 0) {
    problems.push(azureNamespacesRequired('namespaces'));
  }
  return problems;
}

/** `networkPolicy`, or its deprecated name `engine`, with the prop that gave it: exactly one of them is given. */
function networkPolicyOf(checks: PropChecks, props: AksNetworkBaselineProps): { value: AksNetworkPolicy; field: string } | undefined {
  const { networkPolicy, engine } = props;
  if (networkPolicy !== undefined && engine === undefined) return { value: networkPolicy, field: 'networkPolicy' };
  if (engine !== undefined && networkPolicy === undefined) return { value: engine, field: 'engine' };
  checks.add('networkPolicy', [networkPolicyAmbiguous('', networkPolicy, engine, Object.values(AksNetworkPolicy).map(v => `AksNetworkPolicy.${v.toUpperCase()}`))]);
  return undefined;
}

function engineOf(checks: PropChecks, field: string, engine: AksNetworkPolicy): Engine | undefined {
  switch (engine) {
    case AksNetworkPolicy.AZURE: return Engine.KUBERNETES;
    case AksNetworkPolicy.CALICO: return Engine.CALICO_CRD;
    case AksNetworkPolicy.CILIUM: return Engine.CILIUM;
  }
  // Reachable from JavaScript, where the enum is not enforced.
  checks.add(field, [aksNetworkPolicyUnknown('', String(engine), Object.values(AksNetworkPolicy))]);
  return undefined;
}

function unique(values: readonly string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) === i);
}
