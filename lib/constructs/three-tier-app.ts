import { Construct } from 'constructs';
import { AllowDns } from './allow-dns';
import { AllowFlow } from './allow-flow';
import { AllowFrom } from './allow-from';
import { AllowTo } from './allow-to';
import { DefaultDeny } from './default-deny';
import { DnsOptions } from './dns-options';
import { dnsPeers } from './dns-peers';
import { engineProblems } from './engine-prop';
import { resolveNamespace } from './namespace-resolution';
import { PropChecks } from './prop-checks';
import { Subject } from './subject';
import { Engine } from '../engines/engine';
import { Cidr, Peer, Policy, Port, Rule, Selector } from '../model';
import { frozen } from '../model/frozen';
import { exceptNotInsideCidr } from '../model/messages';
import { checkObjectName } from '../model/syntax';

/** External egress of the api tier. */
export interface ExternalEgressOptions {
  /**
   * Destination networks.
   * @default ['0.0.0.0/0']
   */
  readonly cidrs?: string[];
  /**
   * Networks excluded from every destination network that contains them.
   * @default ThreeTierApp.PRIVATE_RANGES - RFC 1918 ranges, so "external" cannot reach internal hosts
   */
  readonly exceptCidrs?: string[];
  /**
   * Destination ports.
   * @default [Port.HTTPS]
   */
  readonly ports?: Port[];
  /**
   * The egress policy's name.
   * @default - `<api>-egress-to-<destinations>`, e.g. `api-egress-to-internet`
   */
  readonly name?: string;
}

/** Props of `ThreeTierApp`. */
export interface ThreeTierAppProps {
  /** The frontend pods. */
  readonly frontend: Subject;
  /** The api pods. */
  readonly api: Subject;
  /** The database pods. */
  readonly database: Subject;
  /**
   * The namespace of all three tiers.
   * @default - the enclosing Chart's namespace
   */
  readonly namespaceName?: string;
  /**
   * Frontend container ports the ingress controller reaches.
   * @default [Port.tcp(8080)]
   */
  readonly frontendPorts?: Port[];
  /**
   * Api container ports the frontend reaches.
   * @default [Port.tcp(8080)]
   */
  readonly apiPorts?: Port[];
  /**
   * Database container ports the api reaches.
   * @default [Port.tcp(5432)]
   */
  readonly databasePorts?: Port[];
  /**
   * Who may reach the frontend.
   * @default ThreeTierApp.INGRESS_NGINX - the ingress-nginx controller pods in namespace ingress-nginx
   */
  readonly ingressPeers?: Peer[];
  /**
   * Let the api reach hosts outside the cluster.
   * @default - no external egress
   */
  readonly apiExternalEgress?: ExternalEgressOptions;
  /**
   * DNS settings for all tiers.
   * @default - cluster DNS only
   */
  readonly dns?: DnsOptions;
  /**
   * The policy engine to render for.
   * @default - DefaultEngine.of(scope): the construct context `cdk-netpol:engine` of the Chart or App, else Engine.KUBERNETES
   */
  readonly engine?: Engine;
}

/**
 * A zero-trust namespace for a frontend → api → database app: default deny, DNS for every tier,
 * the ingress controller to the frontend, frontend to api, api to database, and optional external egress for the api.
 */
export class ThreeTierApp extends Construct {
  /** RFC 1918 private IPv4 ranges. */
  public static readonly PRIVATE_RANGES: string[] = frozen(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);

  /** The ingress-nginx controller pods (`app.kubernetes.io/name=ingress-nginx` in namespace `ingress-nginx`). */
  public static readonly INGRESS_NGINX = Peer.podsInNamespace('ingress-nginx', Selector.labels({ 'app.kubernetes.io/name': 'ingress-nginx' }))._named('ingress-nginx');

  /** Every policy intent of the app, in the order they were built. */
  public readonly policies: Policy[];

  /**
   * @param scope the Chart, or a construct inside one, that receives the rendered policies
   * @param id the construct id; it does not change the rendered policy names, which derive from the intent
   * @param props what to allow or deny
   */
  public constructor(scope: Construct, id: string, props: ThreeTierAppProps) {
    super(scope, id);
    // Everything the app's policies would refuse, reported here at once under this construct's props.
    const checks = new PropChecks(this);
    checks.add('frontend', props.frontend._problems());
    checks.add('api', props.api._problems());
    checks.add('database', props.database._problems());
    const namespaceName = resolveNamespace(checks, props.namespaceName);
    const frontendPorts = props.frontendPorts ?? [Port.tcp(8080)];
    const apiPorts = props.apiPorts ?? [Port.tcp(8080)];
    const databasePorts = props.databasePorts ?? [Port.tcp(5432)];
    const ingressPeers = props.ingressPeers ?? [ThreeTierApp.INGRESS_NGINX];
    checks.addRule(Rule.allow({ peers: [Peer.anywhere()], ports: frontendPorts }), { ports: 'frontendPorts' });
    checks.addRule(Rule.allow({ peers: [Peer.anywhere()], ports: apiPorts }), { ports: 'apiPorts' });
    checks.addRule(Rule.allow({ peers: [Peer.anywhere()], ports: databasePorts }), { ports: 'databasePorts' });
    checks.addRule(Rule.allow({ peers: ingressPeers, ports: [Port.allPorts()] }), { peers: 'ingressPeers' });
    const externalPeers = props.apiExternalEgress ? externalEgressPeers(checks, props.apiExternalEgress) : [];
    dnsPeers(checks, props.dns ?? {}, 'dns');
    checks.add('engine', engineProblems(props.engine));
    // An unresolved namespace is a recorded problem: past this line it is set.
    checks.throwIfAny();

    const frontend = props.frontend._inNamespace(namespaceName!);
    const api = props.api._inNamespace(namespaceName!);
    const database = props.database._inNamespace(namespaceName!);
    const engine = props.engine;
    const deny = new DefaultDeny(this, 'DefaultDeny', { namespaceName, engine });
    const dns = new AllowDns(this, 'Dns', { ...props.dns, namespaceName, engine });
    const ingress = new AllowFrom(this, 'FrontendIngress', { subject: frontend, peers: ingressPeers, ports: frontendPorts, engine });
    const frontendToApi = new AllowFlow(this, 'FrontendToApi', { source: frontend, destination: api, ports: apiPorts, engine });
    const apiToDatabase = new AllowFlow(this, 'ApiToDatabase', { source: api, destination: database, ports: databasePorts, engine });
    this.policies = [deny.policy, dns.policy, ingress.policy, ...frontendToApi.policies, ...apiToDatabase.policies];

    if (props.apiExternalEgress) {
      const external = props.apiExternalEgress;
      const egress = new AllowTo(this, 'ApiExternalEgress', {
        subject: api,
        peers: externalPeers,
        ports: external.ports ?? [Port.HTTPS],
        name: external.name,
        engine,
      });
      this.policies.push(egress.policy);
    }
  }
}

/** The api's external destinations, each block with the exceptions inside it; problems recorded under `apiExternalEgress`. */
function externalEgressPeers(checks: PropChecks, external: ExternalEgressOptions): Peer[] {
  const except = (external.exceptCidrs ?? ThreeTierApp.PRIVATE_RANGES).map(Cidr.of);
  const exceptOk = except.map((e, i) => checks.add(`apiExternalEgress.exceptCidrs[${i}]`, e._problems()));
  const peers = (external.cidrs ?? ['0.0.0.0/0']).map((text, i) => {
    const block = Cidr.of(text);
    // Containment means nothing for a malformed block or exception.
    if (!checks.add(`apiExternalEgress.cidrs[${i}]`, block._problems())) return Peer.ipBlock(text);
    except.forEach((e, j) => {
      if (exceptOk[j] && e.contains(block)) {
        checks.add(`apiExternalEgress.exceptCidrs[${j}]`, [exceptNotInsideCidr('', e.toString(), block.toString(), 'covers-destination')]);
      }
    });
    // An exception outside a block excludes nothing from it, and the API server rejects it there.
    return Peer.ipBlock(text, except.filter((e, j) => exceptOk[j] && block.strictlyContains(e)).map(e => e.toString()));
  });
  checks.addRule(Rule.allow({ peers: [Peer.anywhere()], ports: external.ports ?? [Port.HTTPS] }), { ports: 'apiExternalEgress.ports' });
  if (external.name !== undefined) checks.add('apiExternalEgress.name', checkObjectName(external.name));
  return peers;
}
