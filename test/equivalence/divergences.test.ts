import { Chart, Testing } from 'cdk8s';
import { ClusterDefaultDeny, DefaultDeny, Diagnostics, Engine, ErrorCode, Peer, Policy, Port, Rule, Selector } from '../../lib';
import { parseFlowPeer } from '../../lib/analyzer';
import { EngineName, evaluatorFor } from '../../lib/analyzer/evaluators';
import { LintCode, runLints } from '../../lib/analyzer/lints';
import { buildCluster } from '../../lib/analyzer/load';
import { Protocol } from '../../lib/analyzer/types';

// The known divergences between the engines' semantics, one named test each: the same (or the "obviously equivalent")
// manifests mean different things under Kubernetes, Calico and Cilium. Each test states the divergence, cites its
// source, and proves it with the analyzer's evaluators (`evaluatorFor(engine, buildCluster(docs))`) on hand-written
// manifests. Each then renders the intent behind the manifests with cdk-netpol for every engine that can express it
// and evaluates the result under that engine: the rendering means the intent everywhere (or, where an engine cannot
// say it, is refused or warned about, never silently different).

const ENGINES: readonly EngineName[] = ['kubernetes', 'calico', 'calico-crd', 'cilium'];

// team-a and team-b, each with a web and an api pod (api serves 8080, behind Service api:80 in team-a).
const WORKLOADS: any[] = [
  namespace('team-a'),
  namespace('team-b'),
  pod('team-a', 'web', { app: 'web' }, '10.0.1.10'),
  pod('team-a', 'api', { app: 'api' }, '10.0.1.20', [8080]),
  pod('team-b', 'web', { app: 'web' }, '10.0.2.10'),
  pod('team-b', 'api', { app: 'api' }, '10.0.2.20', [8080]),
];
const API_SERVICE = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'api', namespace: 'team-a' },
  spec: { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
};
const EXTERNAL = '203.0.113.10';

function namespace(name: string): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } };
}

function pod(ns: string, name: string, labels: Record<string, string>, ip: string, ports: number[] = []): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: { containers: [{ name: 'main', image: 'app', ports: ports.map(containerPort => ({ containerPort, protocol: 'TCP' })) }] },
    status: { podIP: ip, podIPs: [{ ip }] },
  };
}

/** Whether `from` may reach `to` (`ns/name` or an IP) on `port` under `engine`'s semantics, given these manifests. */
function allows(engine: EngineName, docs: readonly any[], from: string, to: string, port: number, protocol: Protocol = 'TCP'): boolean {
  const cluster = buildCluster([...WORKLOADS, ...docs]);
  return evaluatorFor(engine, cluster).evaluate({ from: parseFlowPeer(cluster, from), to: parseFlowPeer(cluster, to), port, protocol }).allowed;
}

/** The verdict of a flow under every engine, as `{ engine: allowed }`. */
function underEvery(docs: (engine: EngineName) => readonly any[], from: string, to: string, port: number, protocol: Protocol = 'TCP'): Record<string, boolean> {
  return Object.fromEntries(ENGINES.map(engine => [engine, allows(engine, docs(engine), from, to, port, protocol)]));
}

const everywhere = (allowed: boolean) => Object.fromEntries(ENGINES.map(e => [e, allowed]));

/** The objects the constructs `build` adds to a chart without namespace render. */
function synthesized(build: (chart: Chart) => void): any[] {
  const app = Testing.app();
  // The managed-Calico notice is about where the objects go, not what they mean; the construct tests cover it.
  Diagnostics.acknowledge(app, ErrorCode.CALICO_CRD_MANAGED, 'divergence tests evaluate the objects offline');
  const chart = new Chart(app, 'policies');
  build(chart);
  return Testing.synth(chart);
}

/** The policies rendered for `engine`, refusing (throwing) when it cannot express them. */
function rendered(engine: EngineName, policies: readonly Policy[]): any[] {
  return policies.map(p => Engine.of(engine).render(p));
}

const POLICY_META = (name: string, ns?: string) => ({ name, ...(ns === undefined ? {} : { namespace: ns }) });

describe('divergence 1: a Kubernetes default deny does not hold under Calico against a later blanket Allow', () => {
  // Calico evaluates a Kubernetes NetworkPolicy as an order-1000 policy in tier `default` whose rules are all Allow;
  // its "deny" is only the end-of-tier default deny, which applies when no policy of the tier decided. A Calico
  // policy later in the same tier (order 2000) with an Allow rule decides first, so the traffic is re-opened.
  // Sources: docs.tigera.io/calico/latest/network-policy/policy-tiers/tiered-policy ("Get started with policy
  // tiers": policies in a tier are evaluated by order; if a tier applies to the endpoint but takes no action the
  // packet is dropped) and docs.tigera.io/calico/latest/reference/resources/tier ("How policy is evaluated");
  // libcalico-go `K8sNetworkPolicyToCalico` converts a NetworkPolicy to order 1000 in tier default.
  const defaultDeny = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: POLICY_META('default-deny', 'team-a'),
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  };
  const blanketAllow = {
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkPolicy',
    metadata: POLICY_META('allow-everything'),
    spec: { tier: 'default', order: 2000, selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Allow' }] },
  };

  test('can re-open denied traffic under calico but not under kubernetes', () => {
    // GIVEN the NetworkPolicy default deny in team-a, and the GlobalNetworkPolicy's blanket Allow at order 2000
    const docs = [defaultDeny, blanketAllow];
    // THEN Kubernetes denies (the Calico object means nothing there) and Calico allows
    expect(allows('kubernetes', docs, 'team-b/web', 'team-a/api', 8080)).toBe(false);
    expect(allows('calico', docs, 'team-b/web', 'team-a/api', 8080)).toBe(true);
    expect(allows('calico', docs, EXTERNAL, 'team-a/api', 8080)).toBe(true);
    // WITHOUT the blanket Allow, Calico denies as Kubernetes does
    expect(allows('calico', [defaultDeny], 'team-b/web', 'team-a/api', 8080)).toBe(false);
  });

  test('cannot diverge in cdk-netpol\'s rendering: the default deny denies under every engine, with the cluster default deny too', () => {
    // GIVEN the intent "isolate team-a for ingress", rendered alone and next to the cluster default deny (which
    // carries no blanket Allow: its only rule allows DNS egress), by the constructs for each engine
    const namespaceDeny = (engine: EngineName) => synthesized(chart => new DefaultDeny(chart, 'Deny', { namespaceName: 'team-a', egress: false, engine: Engine.of(engine) }));
    const withClusterDeny = (engine: EngineName) => synthesized(chart => {
      new DefaultDeny(chart, 'Deny', { namespaceName: 'team-a', egress: false, engine: Engine.of(engine) });
      new ClusterDefaultDeny(chart, 'ClusterDeny', { engine: Engine.of(engine), ...(engine === 'kubernetes' ? { namespaces: ['team-b'] } : {}) });
    });
    // THEN each engine's rendering denies ingress to team-a, and the cluster default deny re-opens nothing
    expect(underEvery(namespaceDeny, 'team-b/web', 'team-a/api', 8080)).toEqual(everywhere(false));
    expect(underEvery(withClusterDeny, 'team-b/web', 'team-a/api', 8080)).toEqual(everywhere(false));
    expect(underEvery(withClusterDeny, EXTERNAL, 'team-a/api', 8080)).toEqual(everywhere(false));
    expect(withClusterDeny('calico').map(o => [o.kind, o.spec.order])).toEqual([['NetworkPolicy', undefined], ['GlobalNetworkPolicy', 2000]]);
  });
});

describe('divergence 2: a Cilium policy with only deny rules turns on default deny for its direction', () => {
  // Cilium: "If not specified, [enableDefaultDeny] is true for each traffic direction that has rules, and false
  // otherwise. For example, if a policy only has Ingress or IngressDeny rules, then the default for ingress is true"
  // (cilium.io/v2 Rule API, `enableDefaultDeny`; added by cilium/cilium#30572), and "Pods will enter default-deny
  // mode as soon a single policy selects it" (docs.cilium.io/en/latest/security/policy/deny). So a policy meant to
  // deny one peer also denies every peer no other policy allows, unless it says `enableDefaultDeny: false`.
  const denyWeb = (enableDefaultDeny?: boolean) => ({
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: POLICY_META('deny-web', 'team-a'),
    spec: {
      endpointSelector: { matchLabels: { app: 'api' } },
      ingressDeny: [{ fromEndpoints: [{ matchLabels: { app: 'web' } }] }],
      ...(enableDefaultDeny === undefined ? {} : { enableDefaultDeny: { ingress: enableDefaultDeny } }),
    },
  });

  test('can deny traffic it never names, unless enableDefaultDeny is false', () => {
    // GIVEN a deny-only policy for ingress from web to api in team-a
    // THEN web is denied, and so is every other client (team-b/web, the outside)
    expect(allows('cilium', [denyWeb()], 'team-a/web', 'team-a/api', 8080)).toBe(false);
    expect(allows('cilium', [denyWeb()], 'team-b/web', 'team-a/api', 8080)).toBe(false);
    expect(allows('cilium', [denyWeb()], EXTERNAL, 'team-a/api', 8080)).toBe(false);
    // WITH enableDefaultDeny.ingress false, only web is denied
    expect(allows('cilium', [denyWeb(false)], 'team-a/web', 'team-a/api', 8080)).toBe(false);
    expect(allows('cilium', [denyWeb(false)], 'team-b/web', 'team-a/api', 8080)).toBe(true);
    expect(allows('cilium', [denyWeb(false)], EXTERNAL, 'team-a/api', 8080)).toBe(true);
  });

  test('cannot diverge in cdk-netpol\'s rendering: a deny-only intent denies only what it names, or is refused', () => {
    // GIVEN the intent "deny web to api, isolate nothing"
    const intent = new Policy({
      name: 'api-deny-ingress-from-web',
      namespaceName: 'team-a',
      subject: Selector.labels({ app: 'api' }),
      ingress: [Rule.deny({ peers: [Peer.pods(Selector.labels({ app: 'web' }))], ports: [Port.allPorts()] })],
    });
    // THEN Cilium renders enableDefaultDeny.ingress false and means the intent
    const cilium = Engine.CILIUM.render(intent);
    expect(cilium.spec.enableDefaultDeny).toEqual({ egress: false, ingress: false });
    expect(allows('cilium', [cilium], 'team-a/web', 'team-a/api', 8080)).toBe(false);
    expect(allows('cilium', [cilium], 'team-b/web', 'team-a/api', 8080)).toBe(true);
    expect(allows('cilium', [cilium], EXTERNAL, 'team-a/api', 8080)).toBe(true);
    // AND the engines that cannot say it refuse it (Kubernetes has no deny; a Calico policy would isolate ingress)
    expect(Engine.KUBERNETES.problems(intent).map(p => p.code)).toEqual(['ENGINE_NO_DENY']);
    expect(Engine.CALICO.problems(intent).map(p => p.code)).toEqual(['CALICO_RULES_WITHOUT_ISOLATION']);
    expect(Engine.CALICO_CRD.problems(intent).map(p => p.code)).toEqual(['CALICO_RULES_WITHOUT_ISOLATION']);
  });
});

describe('divergence 3: `egress: [{}]` denies all egress in a CiliumNetworkPolicy and allows all in a NetworkPolicy', () => {
  // Kubernetes: an egress rule with neither `to` nor `ports` matches every destination on every port, so
  // `egress: [{}]` allows all egress ("Allow all egress traffic", kubernetes.io/docs/concepts/services-networking/
  // network-policies). Cilium: an empty rule selects no peer, so it only puts the direction into default deny
  // ("Ingress/Egress Default Deny", docs.cilium.io/en/latest/security/policy/language): it denies all egress.
  const spec = { egress: [{}] };
  const networkPolicy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: POLICY_META('egress', 'team-a'), spec: { podSelector: {}, policyTypes: ['Egress'], ...spec } };
  const ciliumPolicy = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: POLICY_META('egress', 'team-a'), spec: { endpointSelector: {}, ...spec } };

  test('can allow all egress under kubernetes and deny all egress under cilium', () => {
    expect(allows('kubernetes', [networkPolicy], 'team-a/web', 'team-b/api', 8080)).toBe(true);
    expect(allows('kubernetes', [networkPolicy], 'team-a/web', EXTERNAL, 443)).toBe(true);
    expect(allows('cilium', [ciliumPolicy], 'team-a/web', 'team-b/api', 8080)).toBe(false);
    expect(allows('cilium', [ciliumPolicy], 'team-a/web', EXTERNAL, 443)).toBe(false);
  });

  test('cannot diverge in cdk-netpol\'s rendering: "allow all egress" and "deny all egress" mean the same everywhere', () => {
    const allowAll = new Policy({ name: 'allow-all-egress', namespaceName: 'team-a', subject: Selector.all(), egress: [Rule.allow({ peers: [Peer.anywhere()], ports: [Port.allPorts()] })] });
    const denyAll = new Policy({ name: 'default-deny-egress', namespaceName: 'team-a', subject: Selector.all(), isolateEgress: true });
    // Kubernetes writes "allow all" as `egress: [{}]`; Cilium as `toEntities: [all]`, and "deny all" as `egress: [{}]`.
    expect(Engine.KUBERNETES.render(allowAll).spec.egress).toEqual([{}]);
    expect(Engine.CILIUM.render(allowAll).spec.egress).toEqual([{ toEntities: ['all'] }]);
    expect(Engine.CILIUM.render(denyAll).spec.egress).toEqual([{}]);
    for (const to of ['team-b/api', EXTERNAL]) {
      expect(underEvery(e => rendered(e, [allowAll]), 'team-a/web', to, 8080)).toEqual(everywhere(true));
      expect(underEvery(e => rendered(e, [denyAll]), 'team-a/web', to, 8080)).toEqual(everywhere(false));
    }
  });
});

describe('divergence 4: a CiliumNetworkPolicy\'s fromEndpoints match only its own namespace unless they name one', () => {
  // Cilium: endpoint selectors of a CiliumNetworkPolicy without `k8s:io.kubernetes.pod.namespace` are pinned to the
  // policy's namespace (cilium/cilium pkg/k8s/apis/cilium.io/utils/utils.go `getEndpointSelector`; "Considerations
  // Of Namespace Boundaries", docs.cilium.io/en/latest/policy/kubernetes), while the same selector in a
  // CiliumClusterwideNetworkPolicy matches every namespace. A policy in team-b allowing `app: web` therefore does not
  // admit the web pods of team-a that the author had in mind.
  const ingress = (kind: string, fromEndpoints: any[]) => ({
    apiVersion: 'cilium.io/v2',
    kind,
    metadata: POLICY_META('api-from-web', kind === 'CiliumNetworkPolicy' ? 'team-b' : undefined),
    spec: {
      endpointSelector: { matchLabels: { 'app': 'api', 'k8s:io.kubernetes.pod.namespace': 'team-b' } },
      ingress: [{ fromEndpoints, toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }],
    },
  });

  test('can match nothing in another namespace without naming it', () => {
    const cnp = ingress('CiliumNetworkPolicy', [{ matchLabels: { app: 'web' } }]);
    expect(allows('cilium', [cnp], 'team-a/web', 'team-b/api', 8080)).toBe(false);
    expect(allows('cilium', [cnp], 'team-b/web', 'team-b/api', 8080)).toBe(true);
    // Naming the namespace, or the same selector in a clusterwide policy, matches team-a's web pods.
    const named = ingress('CiliumNetworkPolicy', [{ matchLabels: { 'app': 'web', 'k8s:io.kubernetes.pod.namespace': 'team-a' } }]);
    expect(allows('cilium', [named], 'team-a/web', 'team-b/api', 8080)).toBe(true);
    const ccnp = ingress('CiliumClusterwideNetworkPolicy', [{ matchLabels: { app: 'web' } }]);
    expect(allows('cilium', [ccnp], 'team-a/web', 'team-b/api', 8080)).toBe(true);
  });

  test('cannot diverge in cdk-netpol\'s rendering: every endpoint selector names its namespace', () => {
    const fromTeamA = new Policy({
      name: 'api-ingress-from-team-a-web',
      namespaceName: 'team-b',
      subject: Selector.labels({ app: 'api' }),
      ingress: [Rule.allow({ peers: [Peer.podsInNamespace('team-a', Selector.labels({ app: 'web' }))], ports: [Port.tcp(8080)] })],
    });
    const fromOwn = new Policy({
      name: 'api-ingress-from-web',
      namespaceName: 'team-b',
      subject: Selector.labels({ app: 'api' }),
      ingress: [Rule.allow({ peers: [Peer.pods(Selector.labels({ app: 'web' }))], ports: [Port.tcp(8080)] })],
    });
    expect(Engine.CILIUM.render(fromOwn).spec.ingress[0].fromEndpoints).toEqual([{ matchLabels: { 'app': 'web', 'k8s:io.kubernetes.pod.namespace': 'team-b' } }]);
    expect(underEvery(e => rendered(e, [fromTeamA]), 'team-a/web', 'team-b/api', 8080)).toEqual(everywhere(true));
    expect(underEvery(e => rendered(e, [fromTeamA]), 'team-b/web', 'team-b/api', 8080)).toEqual(everywhere(false));
    expect(underEvery(e => rendered(e, [fromOwn]), 'team-a/web', 'team-b/api', 8080)).toEqual(everywhere(false));
    expect(underEvery(e => rendered(e, [fromOwn]), 'team-b/web', 'team-b/api', 8080)).toEqual(everywhere(true));
  });
});

describe('divergence 5: an ipBlock covering a pod\'s IP matches the pod under kubernetes and calico, not under cilium', () => {
  // Kubernetes leaves it to the implementation whether ipBlock matches pod IPs and most do (the analyzer's
  // Kubernetes evaluator matches them); Calico `nets` match workload endpoint IPs. Cilium: "CIDR rules do not apply
  // to traffic where both sides of the connection are either managed by Cilium or use an IP belonging to a node"
  // (docs.cilium.io/en/latest/security/policy/layer3, "IP/CIDR based").
  const meta = POLICY_META('api-from-block', 'team-a');
  const calicoSpec = { selector: "app == 'api'", types: ['Ingress'], ingress: [{ action: 'Allow', source: { nets: ['10.0.2.0/24'] } }] };
  // Ingress to team-a/api from 10.0.2.0/24 (team-b's pods), written by hand in each engine's dialect.
  const FROM_BLOCK: Record<string, any> = {
    'kubernetes': {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta,
      spec: { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '10.0.2.0/24' } }] }] },
    },
    'calico': { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: meta, spec: calicoSpec },
    'calico-crd': { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', metadata: meta, spec: calicoSpec },
    'cilium': {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: meta,
      spec: { endpointSelector: { matchLabels: { app: 'api' } }, ingress: [{ fromCIDRSet: [{ cidr: '10.0.2.0/24' }] }] },
    },
  };

  test('can allow a pod by IP under kubernetes and calico but not under cilium', () => {
    // GIVEN team-b/web at 10.0.2.10, inside the block the policy of each engine allows to team-a/api
    expect(underEvery(e => [FROM_BLOCK[e]], 'team-b/web', 'team-a/api', 8080))
      .toEqual({ 'kubernetes': true, 'calico': true, 'calico-crd': true, 'cilium': false });
  });

  test('cannot diverge silently in cdk-netpol\'s rendering: Cilium warns that the block does not reach pods', () => {
    // GIVEN the intent "allow the pods of 10.0.2.0/24 by address"
    const intent = new Policy({
      name: 'api-ingress-from-cidr',
      namespaceName: 'team-a',
      subject: Selector.labels({ app: 'api' }),
      ingress: [Rule.allow({ peers: [Peer.ipBlock('10.0.2.0/24')], ports: [Port.tcp(8080)] })],
    });
    // THEN the rendering keeps the engine's meaning (Cilium's CIDR rules never match pods) and says so: the
    // capability table has ipBlocksMatchPods false, and the renderer records CILIUM_CIDR_NOT_PODS
    expect(underEvery(e => rendered(e, [intent]), 'team-b/web', 'team-a/api', 8080))
      .toEqual({ 'kubernetes': true, 'calico': true, 'calico-crd': true, 'cilium': false });
    expect(Engine.all().filter(e => !e.capabilities.ipBlocksMatchPods).map(e => e.name)).toEqual(['cilium']);
    expect(Engine.CILIUM.warnings(intent).map(w => [w.code, w.field])).toEqual([['CILIUM_CIDR_NOT_PODS', 'ingress[0].peers[0]']]);
    // AND the same intent said with labels means the same under every engine
    const byLabels = new Policy({
      name: 'api-ingress-from-team-b',
      namespaceName: 'team-a',
      subject: Selector.labels({ app: 'api' }),
      ingress: [Rule.allow({ peers: [Peer.namespaceNamed('team-b')], ports: [Port.tcp(8080)] })],
    });
    expect(underEvery(e => rendered(e, [byLabels]), 'team-b/web', 'team-a/api', 8080)).toEqual(everywhere(true));
    expect(underEvery(e => rendered(e, [byLabels]), EXTERNAL, 'team-a/api', 8080)).toEqual(everywhere(false));
  });
});

describe('divergence 6: a policy on the Service port does not open the container port', () => {
  // Policies see traffic after the Service's DNAT: their ports are the destination pod's container ports
  // (kubernetes.io/docs/concepts/services-networking/network-policies: `port` is "the port on the given protocol"
  // of the selected pods; Calico and Cilium enforce at the pod interface too). Service api:80 forwards to 8080, so a
  // rule on 80 leaves 8080 closed. The divergence is between the manifest as read and what every engine does.
  const onServicePort = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: POLICY_META('api-ingress', 'team-a'),
    spec: { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 80, protocol: 'TCP' }] }] },
  };

  test('can leave the container port closed under every engine, and NP_SERVICE_PORT_NOT_CONTAINER_PORT flags it', () => {
    // GIVEN the Service api (80 -> 8080) and a NetworkPolicy allowing web to api on 80
    const docs = [API_SERVICE, onServicePort];
    // THEN the traffic the Service delivers (to 8080) is denied by every engine
    expect(underEvery(() => docs, 'team-a/web', 'team-a/api', 8080)).toEqual(everywhere(false));
    // AND the lint names the policy, the field and the container port to use
    const findings = runLints(buildCluster([...WORKLOADS, ...docs])).filter(f => f.code === LintCode.NP_SERVICE_PORT_NOT_CONTAINER_PORT);
    expect(findings.map(f => [f.subject, f.severity])).toEqual([['NetworkPolicy team-a/api-ingress', 'warning']]);
    expect(findings[0].message).toContain('spec.ingress[0].ports[0] opens 80/TCP');
    expect(findings[0].message).toContain('use port 8080');
  });

  test('cannot diverge in cdk-netpol\'s rendering: the container port opens the flow under every engine', () => {
    const intent = new Policy({
      name: 'api-ingress-from-web',
      namespaceName: 'team-a',
      subject: Selector.labels({ app: 'api' }),
      ingress: [Rule.allow({ peers: [Peer.pods(Selector.labels({ app: 'web' }))], ports: [Port.tcp(8080)] })],
    });
    expect(underEvery(e => [API_SERVICE, ...rendered(e, [intent])], 'team-a/web', 'team-a/api', 8080)).toEqual(everywhere(true));
    expect(underEvery(e => [API_SERVICE, ...rendered(e, [intent])], 'team-b/web', 'team-a/api', 8080)).toEqual(everywhere(false));
    expect(runLints(buildCluster([...WORKLOADS, API_SERVICE, ...rendered('kubernetes', [intent])]))
      .filter(f => f.code === LintCode.NP_SERVICE_PORT_NOT_CONTAINER_PORT)).toEqual([]);
  });
});
