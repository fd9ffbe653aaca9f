import { Construct } from 'constructs';
import { engineProblems } from './engine-prop';
import { resolveNamespace } from './namespace-resolution';
import { PolicyConstruct } from './policy-construct';
import { emitPolicy } from './policy-sink';
import { PropChecks } from './prop-checks';
import { Engine } from '../engines/engine';
import { Policy, Selector } from '../model';

/** Props of `DefaultDeny`. */
export interface DefaultDenyProps {
  /**
   * The namespace to isolate.
   * @default - the enclosing Chart's namespace
   */
  readonly namespaceName?: string;
  /**
   * Deny all ingress that no other policy allows.
   * @default true
   */
  readonly ingress?: boolean;
  /**
   * Deny all egress that no other policy allows. Pair it with `AllowDns`.
   * @default true
   */
  readonly egress?: boolean;
  /**
   * The policy's name.
   * @default - `default-deny-all`, `default-deny-ingress` or `default-deny-egress`
   */
  readonly name?: string;
  /**
   * The policy engine to render for.
   * @default - DefaultEngine.of(scope): the construct context `cdk-netpol:engine` of the Chart or App, else Engine.KUBERNETES
   */
  readonly engine?: Engine;
}

/**
 * Isolates every pod of a namespace for ingress, egress or both: only traffic that some
 * other policy allows gets through.
 */
export class DefaultDeny extends PolicyConstruct {
  /** The policy intent. */
  public readonly policy: Policy;

  /**
   * @param scope the Chart, or a construct inside one, that receives the rendered policies
   * @param id the construct id; it does not change the rendered policy names, which derive from the intent
   * @param props what to allow or deny
   */
  public constructor(scope: Construct, id: string, props: DefaultDenyProps = {}) {
    super(scope, id);
    const checks = new PropChecks(this);
    const namespaceName = resolveNamespace(checks, props.namespaceName);
    const ingress = props.ingress ?? true;
    const egress = props.egress ?? true;
    const suffix = ingress && egress ? 'all' : ingress ? 'ingress' : egress ? 'egress' : 'nothing';
    this.policy = new Policy({
      name: props.name ?? `default-deny-${suffix}`,
      namespaceName,
      subject: Selector.all(),
      isolateIngress: ingress,
      isolateEgress: egress,
    });
    // The name, and a policy that isolates nothing ('': ingress and egress both off).
    checks.addPolicy(this.policy, ['name', '']);
    checks.add('engine', engineProblems(props.engine));
    checks.throwIfAny();
    emitPolicy(this, this.policy, props.engine);
  }
}
