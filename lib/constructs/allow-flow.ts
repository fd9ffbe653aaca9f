import { Construct } from 'constructs';
import { AllowFrom } from './allow-from';
import { AllowTo } from './allow-to';
import { engineProblems } from './engine-prop';
import { resolveNamespace } from './namespace-resolution';
import { PropChecks } from './prop-checks';
import { Subject } from './subject';
import { Engine } from '../engines/engine';
import { Peer, Policy, Port, Rule } from '../model';
import { checkObjectName } from '../model/syntax';

/** Props of `AllowFlow`. */
export interface AllowFlowProps {
  /** The client pods. Their namespace is the subject's, else the enclosing Chart's. */
  readonly source: Subject;
  /** The server pods. Their namespace is the subject's, else the enclosing Chart's. */
  readonly destination: Subject;
  /** The destination pods' container ports. `[Port.allPorts()]` means every port. */
  readonly ports: Port[];
  /**
   * Name of the egress policy in the source namespace.
   * @default - `<source>-egress-to-<destination>`
   */
  readonly egressName?: string;
  /**
   * Name of the ingress policy in the destination namespace.
   * @default - `<destination>-ingress-from-<source>`
   */
  readonly ingressName?: string;
  /**
   * The policy engine to render for.
   * @default - DefaultEngine.of(scope): the construct context `cdk-netpol:engine` of the Chart or App, else Engine.KUBERNETES
   */
  readonly engine?: Engine;
}

/**
 * Opens one flow end to end: egress on the source side and ingress on the destination side,
 * each in its own namespace. Between two isolated pods a flow needs both; one alone is silently useless.
 */
export class AllowFlow extends Construct {
  /** The egress policy on the source. */
  public readonly egress: AllowTo;
  /** The ingress policy on the destination. */
  public readonly ingress: AllowFrom;

  /**
   * @param scope the Chart, or a construct inside one, that receives the rendered policies
   * @param id the construct id; it does not change the rendered policy names, which derive from the intent
   * @param props what to allow or deny
   */
  public constructor(scope: Construct, id: string, props: AllowFlowProps) {
    super(scope, id);
    // Everything the two policies would refuse, reported here at once under this construct's props.
    const checks = new PropChecks(this);
    checks.add('source', props.source._problems());
    const sourceNamespace = resolveNamespace(checks, undefined, props.source.namespaceName, 'source.namespaceName');
    checks.add('destination', props.destination._problems());
    const destinationNamespace = resolveNamespace(checks, undefined, props.destination.namespaceName, 'destination.namespaceName');
    checks.addRule(Rule.allow({ peers: [Peer.anywhere()], ports: props.ports }), { ports: 'ports' });
    if (props.egressName !== undefined) checks.add('egressName', checkObjectName(props.egressName));
    if (props.ingressName !== undefined) checks.add('ingressName', checkObjectName(props.ingressName));
    checks.add('engine', engineProblems(props.engine));
    // An unresolved namespace is a recorded problem: past this line both are set.
    checks.throwIfAny();
    const source = props.source._inNamespace(sourceNamespace!);
    const destination = props.destination._inNamespace(destinationNamespace!);
    this.egress = new AllowTo(this, 'Egress', {
      subject: source,
      peers: [destination.asPeer(sourceNamespace!)],
      ports: props.ports,
      name: props.egressName,
      engine: props.engine,
    });
    this.ingress = new AllowFrom(this, 'Ingress', {
      subject: destination,
      peers: [source.asPeer(destinationNamespace!)],
      ports: props.ports,
      name: props.ingressName,
      engine: props.engine,
    });
  }

  /** Both policy intents: egress first, then ingress. */
  public get policies(): Policy[] {
    return [this.egress.policy, this.ingress.policy];
  }
}
