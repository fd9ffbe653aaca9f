import { WEB, webPolicy } from './calico-fixtures';
import { calicoProblems, calicoWarnings } from '../../../lib/engines/calico/render';
import { Engine } from '../../../lib/engines/engine';
import { Entity, ErrorCode, NetpolErrors, Peer, Policy, Port, Rule, Selector } from '../../../lib/model';

const api = Peer.pods(Selector.labels({ app: 'api' }));
const allow = (peer: Peer = api) => Rule.allow({ peers: [peer], ports: [Port.tcp(80)] });
const codes = (engine: Engine, policy: Policy) => engine.problems(policy).map(p => p.code);
const warningCodes = (engine: Engine, policy: Policy) => engine.warnings(policy).map(p => p.code);
const passRest = Rule.passToNextTier({ peers: [Peer.anywhere()], ports: [Port.allPorts()] });

describe('Engine.CALICO and Engine.CALICO_CRD: problems', () => {
  test('can render an ordinary namespaced allow on both flavors without problems or warnings', () => {
    for (const engine of [Engine.CALICO, Engine.CALICO_CRD]) {
      expect(engine.problems(webPolicy({ ingress: [allow()] }))).toEqual([]);
    }
    expect(Engine.CALICO.warnings(webPolicy({ ingress: [allow()] }))).toEqual([]);
  });

  test.each([
    ['DNS names', ErrorCode.ENGINE_NO_FQDN, webPolicy({ egress: [Rule.allow({ peers: [Peer.fqdn('api.example.com')], ports: [Port.HTTPS] })] })],
    ['entities', ErrorCode.ENGINE_NO_ENTITIES, webPolicy({ egress: [Rule.allow({ peers: [Peer.entity(Entity.WORLD)], ports: [Port.HTTPS] })] })],
    ['HTTP rules', ErrorCode.ENGINE_NO_L7, webPolicy({ ingress: [Rule.allow({ peers: [api], ports: [Port.tcp(80)], http: [{ method: 'GET' }] })] })],
  ])('throws the capability code for %s on both flavors', (_what, code, policy) => {
    expect(codes(Engine.CALICO, policy)).toEqual([code]);
    expect(codes(Engine.CALICO_CRD, policy)).toEqual([code]);
    expect(NetpolErrors.codeOf(catchError(() => Engine.CALICO.render(policy)))).toBe(code);
  });

  test('throws ENGINE_NO_TIERS for a tier on calico-crd only', () => {
    const tiered = webPolicy({ tier: 'security', ingress: [allow()] });
    expect(codes(Engine.CALICO_CRD, tiered)).toEqual([ErrorCode.ENGINE_NO_TIERS]);
    expect(codes(Engine.CALICO, tiered)).toEqual([]);
  });

  test('throws CALICO_PEER_NAMESPACE_REQUIRED for a same-namespace pods peer in a cluster-scoped policy', () => {
    // GIVEN a GlobalNetworkPolicy whose peer means "the policy's own namespace"
    const policy = new Policy({ name: 'g', namespaceSelector: Selector.all(), subject: WEB, ingress: [allow(Peer.namespaceNamed('prod')), allow()] });
    // WHEN
    const problems = Engine.CALICO.problems(policy);
    // THEN only the peer without a namespace is refused, with its field and a fix
    expect(problems.map(p => [p.code, p.field, p.value])).toEqual([[ErrorCode.CALICO_PEER_NAMESPACE_REQUIRED, 'ingress[1].peers[0]', 'pods(app=api)']]);
    expect(problems[0].fix).toContain('Peer.podsInNamespaces');
    expect(codes(Engine.CALICO_CRD, policy)).toEqual([ErrorCode.CALICO_PEER_NAMESPACE_REQUIRED]);
  });

  test('can render pods in named namespaces in a cluster-scoped policy', () => {
    const policy = new Policy({ name: 'g', namespaceSelector: Selector.all(), subject: WEB, ingress: [allow(Peer.podsInNamespaces(Selector.labels({ app: 'api' }), Selector.all()))] });
    expect(Engine.CALICO.problems(policy)).toEqual([]);
    expect(Engine.CALICO.render(policy).spec.ingress[0].source).toEqual({ namespaceSelector: 'all()', selector: "app == 'api'" });
  });

  test('throws CALICO_POLICY_NAME_INVALID for a name with more than one dot', () => {
    expect(codes(Engine.CALICO, webPolicy({ name: 'a.b.c', ingress: [allow()] }))).toEqual([ErrorCode.CALICO_POLICY_NAME_INVALID]);
    expect(codes(Engine.CALICO_CRD, webPolicy({ name: 'a.b.c', ingress: [allow()] }))).toEqual([ErrorCode.CALICO_POLICY_NAME_INVALID]);
    expect(Engine.CALICO.problems(webPolicy({ name: 'a.b.c', ingress: [allow()] }))[0].fix).toContain('"a-b-c"');
    expect(codes(Engine.CALICO, webPolicy({ name: 'security.web', ingress: [allow()] }))).toEqual([]);
    expect(Engine.KUBERNETES.problems(webPolicy({ name: 'a.b.c', ingress: [allow()] }))).toEqual([]);
  });

  test('throws CALICO_RULES_WITHOUT_ISOLATION for deny or log rules in a direction the intent does not isolate', () => {
    // GIVEN deny-only ingress: Kubernetes-style meaning "deny these, leave the rest as it is"
    const denyOnly = webPolicy({ priority: 10, ingress: [Rule.deny({ peers: [api], ports: [Port.allPorts()] })] });
    expect(denyOnly.isolateIngress).toBe(false);
    // THEN Calico would isolate ingress (end-of-tier deny), so it refuses; Cilium-style enableDefaultDeny has no Calico twin
    expect(Engine.CALICO.problems(denyOnly).map(p => [p.code, p.field])).toEqual([[ErrorCode.CALICO_RULES_WITHOUT_ISOLATION, 'ingress']]);
    const logOnly = webPolicy({ priority: 10, egress: [Rule.log({ peers: [Peer.anywhere()], ports: [Port.allPorts()] })] });
    expect(codes(Engine.CALICO_CRD, logOnly)).toEqual([ErrorCode.CALICO_RULES_WITHOUT_ISOLATION]);
  });

  test('can render deny rules without isolation when a catch-all Deny or Pass decides every packet, or when isolated on purpose', () => {
    expect(codes(Engine.CALICO, webPolicy({ priority: 10, ingress: [Rule.deny({ peers: [api], ports: [Port.allPorts()] }), passRest] }))).toEqual([]);
    const denyAll = Rule.deny({ peers: [Peer.anywhere()], ports: [Port.allPorts()] });
    const denyApi = Rule.deny({ peers: [api], ports: [Port.allPorts()] });
    expect(codes(Engine.CALICO, webPolicy({ priority: 10, ingress: [denyAll] }))).toEqual([]);
    expect(codes(Engine.CALICO, webPolicy({ priority: 10, isolateIngress: true, ingress: [denyApi] }))).toEqual([]);
    // A Pass on some ports only leaves the others undecided.
    const partial = Rule.passToNextTier({ peers: [Peer.anywhere()], ports: [Port.allTcp()] });
    expect(codes(Engine.CALICO, webPolicy({ priority: 10, ingress: [Rule.deny({ peers: [api], ports: [Port.allPorts()] }), partial] })))
      .toEqual([ErrorCode.CALICO_RULES_WITHOUT_ISOLATION]);
  });

  test('throws CALICO_SELECTOR_UNQUOTABLE from calicoProblems for selectors Calico cannot write, with field paths', () => {
    // Kubernetes label syntax refuses these too; calicoProblems keeps the renderer safe when called alone.
    const policy = new Policy({
      name: 'g',
      namespaceSelector: Selector.labels({ team: 'a\'"b' }),
      subject: Selector.labels({ 'bad key!': 'x' }),
      ingress: [allow(Peer.podsInNamespaces(Selector.labels({ app: '\'"' }), Selector.labels({ ns: '"\'' })))],
    });
    expect(calicoProblems(policy, 'projectcalico.org/v3').map(p => [p.code, p.field])).toEqual([
      [ErrorCode.CALICO_SELECTOR_UNQUOTABLE, 'subject.matchLabels["bad key!"]'],
      [ErrorCode.CALICO_SELECTOR_UNQUOTABLE, 'namespaceSelector.matchLabels["team"]'],
      [ErrorCode.CALICO_SELECTOR_UNQUOTABLE, 'ingress[0].peers[0].namespaceSelector.matchLabels["ns"]'],
      [ErrorCode.CALICO_SELECTOR_UNQUOTABLE, 'ingress[0].peers[0].podSelector.matchLabels["app"]'],
    ]);
    // The policy's own validation comes first through the engine.
    expect(codes(Engine.CALICO, policy)).not.toContain(ErrorCode.CALICO_SELECTOR_UNQUOTABLE);
  });

  test('throws the problem\'s code from Engine.render, naming the policy', () => {
    const policy = new Policy({ name: 'g', namespaceSelector: Selector.all(), subject: WEB, ingress: [allow()] });
    const error: any = catchError(() => Engine.CALICO.render(policy));
    expect(error.code).toBe(ErrorCode.CALICO_PEER_NAMESPACE_REQUIRED);
    expect(error.message).toContain('policy (cluster)/g');
  });
});

describe('Engine.CALICO and Engine.CALICO_CRD: warnings', () => {
  test('warns CALICO_CRD_MANAGED for every calico-crd policy', () => {
    const warnings = Engine.CALICO_CRD.warnings(webPolicy({ ingress: [allow()] }));
    expect(warnings.map(w => w.code)).toEqual([ErrorCode.CALICO_CRD_MANAGED]);
    expect(warnings[0].message).toContain('managed Calico (e.g. AKS)');
    expect(warnings[0].fix).toContain('calico engine');
    expect(calicoWarnings(webPolicy({ ingress: [allow()] }), 'projectcalico.org/v3')).toEqual([]);
  });

  test('warns CALICO_ORDER_AFTER_KUBERNETES for deny or pass rules without a priority below 1000 in tier default', () => {
    const deny = Rule.deny({ peers: [api], ports: [Port.allPorts()] });
    const policy = (priority?: number, tier?: string) => webPolicy({ priority, tier, isolateIngress: true, ingress: [deny, allow()] });
    expect(warningCodes(Engine.CALICO, policy())).toEqual([ErrorCode.CALICO_ORDER_AFTER_KUBERNETES]);
    expect(warningCodes(Engine.CALICO, policy(1000))).toEqual([ErrorCode.CALICO_ORDER_AFTER_KUBERNETES]);
    expect(warningCodes(Engine.CALICO, policy(999))).toEqual([]);
    expect(warningCodes(Engine.CALICO, policy(undefined, 'default'))).toEqual([ErrorCode.CALICO_ORDER_AFTER_KUBERNETES]);
    expect(warningCodes(Engine.CALICO_CRD, policy())).toEqual([ErrorCode.CALICO_CRD_MANAGED, ErrorCode.CALICO_ORDER_AFTER_KUBERNETES]);
    expect(Engine.CALICO.warnings(policy())[0].value).toBe('(unset: last)');
    // Allow-only policies mean the same in any order; a tier before default is evaluated before Kubernetes policies.
    expect(warningCodes(Engine.CALICO, webPolicy({ ingress: [allow()] }))).toEqual([]);
    expect(warningCodes(Engine.CALICO, webPolicy({ name: 'security.web', tier: 'security', isolateIngress: true, ingress: [deny] }))).toEqual([]);
  });

  test('warns CALICO_TIER_NAME_PRE_V3_32 for a plain name in a non-default tier', () => {
    const warnings = Engine.CALICO.warnings(webPolicy({ tier: 'security', ingress: [allow()] }));
    expect(warnings.map(w => [w.code, w.field, w.value])).toEqual([[ErrorCode.CALICO_TIER_NAME_PRE_V3_32, 'name', 'web']]);
    expect(warnings[0].fix).toContain('"security.web"');
    expect(warningCodes(Engine.CALICO, webPolicy({ name: 'security.web', tier: 'security', ingress: [allow()] }))).toEqual([]);
    expect(warningCodes(Engine.CALICO, webPolicy({ tier: 'default', ingress: [allow()] }))).toEqual([]);
  });

  test('has no warnings for a policy the engine cannot render', () => {
    expect(Engine.CALICO_CRD.warnings(webPolicy({ tier: 'security', ingress: [allow()] }))).toEqual([]);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}
