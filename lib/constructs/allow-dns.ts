import { Construct } from 'constructs';
import { DnsOptions } from './dns-options';
import { dnsPeers } from './dns-peers';
import { engineProblems } from './engine-prop';
import { resolveNamespace } from './namespace-resolution';
import { PolicyConstruct } from './policy-construct';
import { emitPolicy } from './policy-sink';
import { PropChecks } from './prop-checks';
import { Subject } from './subject';
import { Engine } from '../engines/engine';
import { Policy, Port, Rule } from '../model';
import { policyName } from '../model/names';

/** Props of `AllowDns`. */
export interface AllowDnsProps extends DnsOptions {
  /**
   * The pods that may resolve names.
   * @default Subject.allPods()
   */
  readonly subject?: Subject;
  /**
   * The namespace.
   * @default - the subject's namespace, else the enclosing Chart's
   */
  readonly namespaceName?: string;
  /**
   * The policy's name.
   * @default - `allow-dns`, or `allow-dns-<subject>` for a narrower subject
   */
  readonly name?: string;
  /**
   * The policy engine to render for.
   * @default - DefaultEngine.of(scope): the construct context `cdk-netpol:engine` of the Chart or App, else Engine.KUBERNETES
   */
  readonly engine?: Engine;
}

/**
 * Allows egress to the cluster DNS on UDP and TCP 53 (TCP carries truncated answers),
 * plus node-local DNS addresses when given.
 */
export class AllowDns extends PolicyConstruct {
  /** The policy intent. */
  public readonly policy: Policy;

  /**
   * @param scope the Chart, or a construct inside one, that receives the rendered policies
   * @param id the construct id; it does not change the rendered policy names, which derive from the intent
   * @param props what to allow or deny
   */
  public constructor(scope: Construct, id: string, props: AllowDnsProps = {}) {
    super(scope, id);
    const checks = new PropChecks(this);
    const subject = props.subject ?? Subject.allPods();
    checks.add('subject', subject._problems());
    const peers = dnsPeers(checks, props);
    const namespaceName = resolveNamespace(checks, props.namespaceName, subject.namespaceName);
    this.policy = new Policy({
      name: props.name ?? (subject.selector.selectsAll ? 'allow-dns' : policyName('allow-dns', subject.displayName)),
      namespaceName,
      subject: subject.selector,
      egress: [Rule.allow({ peers, ports: [Port.DNS_UDP, Port.DNS_TCP] })],
    });
    checks.addPolicy(this.policy, ['name']);
    checks.add('engine', engineProblems(props.engine));
    checks.throwIfAny();
    emitPolicy(this, this.policy, props.engine);
  }
}
