import { CalicoFlavor, calicoProblems, calicoWarnings, renderCalicoPolicy } from './calico/render';
import { EngineCapabilities } from './capabilities';
import { capabilityProblems } from './capability-check';
import { NetpolErrors, Policy, Problem } from '../model';
import { engineUnknown } from '../model/messages';
import { ciliumProblems, ciliumWarnings, renderCiliumPolicy } from './cilium/render';
import { clusterNetworkPolicyProblems, clusterNetworkPolicyWarnings, renderClusterNetworkPolicy } from './cluster-network-policy/render';
import { renderValidatedNetworkPolicy } from './kubernetes/render';

interface Renderer {
  readonly problems: (policy: Policy) => Problem[];
  readonly warnings: (policy: Policy) => Problem[];
  readonly render: (policy: Policy) => any;
}

const ENGINE = Symbol.for('cdk-netpol.Engine');

/**
 * A policy engine: what it can express and how an intent is written in its dialect.
 * An intent the engine cannot express is an error, never a dropped or widened rule.
 */
export class Engine {
  /** Native `networking.k8s.io/v1` NetworkPolicy: allow-only, namespaced, additive. */
  public static readonly KUBERNETES = new Engine('kubernetes', 'networking.k8s.io/v1 NetworkPolicy', {
    denyRules: false,
    passRules: false,
    logRules: false,
    ordering: false,
    tiers: false,
    namespaceScope: true,
    clusterScope: false,
    fqdn: false,
    l7Http: false,
    l7HttpClusterScope: false,
    selectorExpressions: false,
    serviceAccounts: false,
    entities: false,
    namedPorts: true,
    portRanges: true,
    ipBlocksMatchPods: true,
  }, { problems: () => [], warnings: () => [], render: renderValidatedNetworkPolicy });

  /** Calico open source, `projectcalico.org/v3` NetworkPolicy and GlobalNetworkPolicy, with tiers and order. */
  public static readonly CALICO = Engine.calico('calico', 'projectcalico.org/v3 NetworkPolicy / GlobalNetworkPolicy', 'projectcalico.org/v3', true);

  /** Raw `crd.projectcalico.org/v1` objects, as AKS-managed Calico needs: no tiers, explicit `types`. */
  public static readonly CALICO_CRD = Engine.calico('calico-crd', 'crd.projectcalico.org/v1 NetworkPolicy / GlobalNetworkPolicy (managed Calico, e.g. AKS)', 'crd.projectcalico.org/v1', false);

  /** Cilium, `cilium.io/v2` CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy. */
  public static readonly CILIUM = new Engine('cilium', 'cilium.io/v2 CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy', {
    denyRules: true,
    passRules: false,
    logRules: false,
    ordering: false,
    tiers: false,
    namespaceScope: true,
    clusterScope: true,
    fqdn: true,
    l7Http: true,
    l7HttpClusterScope: false,
    selectorExpressions: false,
    serviceAccounts: true,
    entities: true,
    namedPorts: true,
    portRanges: true,
    ipBlocksMatchPods: false,
  }, { problems: ciliumProblems, warnings: ciliumWarnings, render: renderCiliumPolicy });

  /**
   * SIG network-policy-api `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy, for cluster-scoped intents only.
   * `tier` is `admin` (default: before NetworkPolicies, final) or `baseline` (after them); `priority` is 0..1000
   * (default 500); isolation is a last Deny rule; ingress peers are pods only (see clusterNetworkPolicyWarnings).
   */
  public static readonly CLUSTER_NETWORK_POLICY = new Engine('cluster-network-policy',
    'policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy: cluster-scoped intents only; tier `admin` (default) or `baseline`; priority 0..1000 (default 500)', {
      denyRules: true,
      passRules: true,
      logRules: false,
      ordering: true,
      tiers: true,
      namespaceScope: false,
      clusterScope: true,
      fqdn: false,
      l7Http: false,
      l7HttpClusterScope: false,
      selectorExpressions: false,
      serviceAccounts: false,
      entities: false,
      namedPorts: true,
      portRanges: true,
      ipBlocksMatchPods: true,
    }, { problems: clusterNetworkPolicyProblems, warnings: clusterNetworkPolicyWarnings, render: renderClusterNetworkPolicy });

  /** Every engine. */
  public static all(): Engine[] {
    return [Engine.KUBERNETES, Engine.CALICO, Engine.CALICO_CRD, Engine.CILIUM, Engine.CLUSTER_NETWORK_POLICY];
  }

  /** The engine with this name: `kubernetes`, `calico`, `calico-crd`, `cilium` or `cluster-network-policy`. */
  public static of(name: string): Engine {
    const engine = Engine.all().find(e => e.name === name);
    if (!engine) {
      throw NetpolErrors._fromProblem('', 'engine', engineUnknown('', name, Engine.all().map(e => e.name)));
    }
    return engine;
  }

  /** True when `x` is an Engine from any copy of this library. */
  public static isEngine(x: any): x is Engine {
    return x !== null && typeof x === 'object' && ENGINE in x;
  }

  private static calico(name: string, description: string, flavor: CalicoFlavor, tiers: boolean): Engine {
    return new Engine(name, description, {
      denyRules: true,
      passRules: true,
      logRules: true,
      ordering: true,
      tiers,
      namespaceScope: true,
      clusterScope: true,
      fqdn: false,
      l7Http: false,
      l7HttpClusterScope: false,
      selectorExpressions: true,
      serviceAccounts: true,
      entities: false,
      namedPorts: true,
      portRanges: true,
      ipBlocksMatchPods: true,
    }, {
      problems: p => calicoProblems(p, flavor),
      warnings: p => calicoWarnings(p, flavor),
      render: p => renderCalicoPolicy(p, flavor),
    });
  }

  /** The engine's name, as the CLI's `--engine` takes it. */
  public readonly name: string;
  /** What it renders. */
  public readonly description: string;
  /** What it can express. */
  public readonly capabilities: EngineCapabilities;
  private readonly renderer: Renderer;

  private constructor(name: string, description: string, capabilities: EngineCapabilities, renderer: Renderer) {
    Object.defineProperty(this, ENGINE, { value: true });
    this.name = name;
    this.description = description;
    this.capabilities = capabilities;
    this.renderer = renderer;
  }

  /** Everything wrong with rendering `policy` on this engine: the policy's own problems, then what the engine cannot express. */
  public problems(policy: Policy): Problem[] {
    const own = policy.problems();
    if (own.length > 0) return own;
    return this._problemsBeyondPolicy(policy);
  }

  /** @internal What this engine cannot express in a policy whose own `problems()` the caller found empty. */
  public _problemsBeyondPolicy(policy: Policy): Problem[] {
    const missing = capabilityProblems(this.name, this.capabilities, policy);
    return missing.length > 0 ? missing : this.renderer.problems(policy);
  }

  /** Legal intents this engine renders with a surprising meaning (e.g. Cilium CIDR rules never match pods). */
  public warnings(policy: Policy): Problem[] {
    return this.problems(policy).length > 0 ? [] : this.renderer.warnings(policy);
  }

  /** The manifest of `policy` in this engine's dialect, keys and lists in canonical order; throws a coded error when it cannot be expressed. */
  public render(policy: Policy): any {
    NetpolErrors._throwIfAny(`policy ${policy.namespaceName ?? '(cluster)'}/${policy.name}`, '', this.problems(policy));
    return this.renderer.render(policy);
  }

  /** @internal The warnings of a policy whose `problems()` the caller has checked (and found none). */
  public _warningsChecked(policy: Policy): Problem[] {
    return this.renderer.warnings(policy);
  }

  /** @internal Renders a policy whose `problems()` the caller has checked. */
  public _renderChecked(policy: Policy): any {
    return this.renderer.render(policy);
  }

  /** The engine's name. */
  public toString(): string {
    return this.name;
  }
}
