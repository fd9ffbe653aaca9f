import { render, specOf, WEB, webPolicy } from './calico-fixtures';
import { renderCalicoPolicy } from '../../../lib/engines/calico/render';
import { Engine } from '../../../lib/engines/engine';
import { ErrorCode, NetpolErrors, Peer, Policy, Port, Rule, Selector } from '../../../lib/model';

const managedBy = { 'app.kubernetes.io/managed-by': 'cdk-netpol' };
const peer = (app: string) => Peer.pods(Selector.labels({ app }));
const rule = (action: 'allow' | 'deny' | 'passToNextTier' | 'log', app: string) => Rule[action]({ peers: [peer(app)], ports: [Port.tcp(80)] });
const calicoRule = (action: string, app: string) => ({ action, destination: { ports: [80] }, protocol: 'TCP', source: { selector: `app == '${app}'` } });

describe('renderCalicoPolicy: rule order', () => {
  test('can render Deny, Pass and Log rules before every Allow rule, keeping intent order within each group', () => {
    // GIVEN allows interleaved with a deny, a log and a pass
    const policy = webPolicy({ priority: 100, ingress: [rule('allow', 'a'), rule('deny', 'b'), rule('allow', 'c'), rule('log', 'd'), rule('passToNextTier', 'e')] });
    // WHEN
    const ingress = specOf(policy).ingress;
    // THEN Calico's first match sees the deny (deny wins over allow within a policy), allows stay a union
    expect(ingress).toEqual([
      calicoRule('Deny', 'b'),
      calicoRule('Log', 'd'),
      calicoRule('Pass', 'e'),
      calicoRule('Allow', 'a'),
      calicoRule('Allow', 'c'),
    ]);
  });

  test('can keep the relative order of non-Allow rules as the intent gives it', () => {
    const policy = webPolicy({ priority: 100, egress: [rule('passToNextTier', 'x'), rule('allow', 'y'), rule('deny', 'z')] });
    expect(specOf(policy).egress.map((r: any) => r.action)).toEqual(['Pass', 'Deny', 'Allow']);
  });

  test('can order each direction on its own', () => {
    const policy = webPolicy({ priority: 10, ingress: [rule('allow', 'a'), rule('deny', 'b')], egress: [rule('allow', 'c'), rule('log', 'd')] });
    const spec = specOf(policy);
    expect(spec.ingress.map((r: any) => r.action)).toEqual(['Deny', 'Allow']);
    expect(spec.egress.map((r: any) => r.action)).toEqual(['Log', 'Allow']);
  });
});

describe('renderCalicoPolicy: policy fields', () => {
  test('can render a default deny with explicit types and no rules', () => {
    const deny = new Policy({ name: 'default-deny-all', namespaceName: 'prod', subject: Selector.all(), isolateIngress: true, isolateEgress: true });
    expect(render(deny)).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'NetworkPolicy',
      metadata: { labels: managedBy, name: 'default-deny-all', namespace: 'prod' },
      spec: { selector: 'all()', types: ['Ingress', 'Egress'] },
    });
    const ingressOnly = new Policy({ name: 'default-deny-ingress', namespaceName: 'prod', subject: Selector.all(), isolateIngress: true });
    expect(specOf(ingressOnly)).toEqual({ selector: 'all()', types: ['Ingress'] });
    const egressOnly = new Policy({ name: 'default-deny-egress', namespaceName: 'prod', subject: Selector.all(), isolateEgress: true });
    expect(specOf(egressOnly)).toEqual({ selector: 'all()', types: ['Egress'] });
  });

  test('can render types for the isolated directions even when only one has rules', () => {
    const policy = new Policy({ name: 'web', namespaceName: 'prod', subject: WEB, isolateIngress: true, egress: [rule('allow', 'api')] });
    expect(specOf(policy).types).toEqual(['Ingress', 'Egress']);
    expect(specOf(policy).ingress).toBeUndefined();
  });

  test('can render deny rules without isolation when a catch-all Pass decides the rest (types lists the direction)', () => {
    // GIVEN "deny egress to 203.0.113.0/24, hand everything else to the next tier", isolating nothing
    const policy = webPolicy({
      tier: 'security',
      priority: 10,
      egress: [Rule.passToNextTier({ peers: [Peer.anywhere()], ports: [Port.allPorts()] }), Rule.deny({ peers: [Peer.ipBlock('203.0.113.0/24')], ports: [Port.allPorts()] })],
    });
    expect(policy.isolateEgress).toBe(false);
    // WHEN / THEN the policy applies to egress and decides every packet itself: no end-of-tier deny
    expect(specOf(policy)).toEqual({
      egress: [{ action: 'Pass' }, { action: 'Deny', destination: { nets: ['203.0.113.0/24'] } }],
      order: 10,
      selector: "app == 'web'",
      tier: 'security',
      types: ['Egress'],
    });
  });

  test('can render priority as order, and omit order when priority is unset', () => {
    expect(specOf(webPolicy({ priority: 250, ingress: [rule('allow', 'a')] })).order).toBe(250);
    expect(specOf(webPolicy({ priority: 0, ingress: [rule('allow', 'a')] })).order).toBe(0);
    expect(specOf(webPolicy({ priority: 12.5, ingress: [rule('allow', 'a')] })).order).toBe(12.5);
    expect('order' in specOf(webPolicy({ ingress: [rule('allow', 'a')] }))).toBe(false);
  });

  test('can render a tier for projectcalico.org/v3, with the plain name Calico v3.32 accepts', () => {
    const manifest = render(webPolicy({ name: 'web-ingress', tier: 'security', priority: 10, isolateIngress: true, ingress: [rule('deny', 'a')] }));
    expect(manifest).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'NetworkPolicy',
      metadata: { labels: managedBy, name: 'web-ingress', namespace: 'prod' },
      spec: {
        ingress: [calicoRule('Deny', 'a')],
        order: 10,
        selector: "app == 'web'",
        tier: 'security',
        types: ['Ingress'],
      },
    });
  });

  test('can render a cluster-scoped intent as a GlobalNetworkPolicy with its namespaceSelector', () => {
    // GIVEN every pod of every namespace labelled env=prod, egress to the cluster DNS only
    const policy = new Policy({
      name: 'prod-dns-only',
      namespaceSelector: Selector.labels({ env: 'prod' }),
      subject: Selector.all(),
      priority: 500,
      egress: [Rule.allow({ peers: [Peer.clusterDns()], ports: [Port.DNS_UDP, Port.DNS_TCP] })],
    });
    // WHEN / THEN
    const dns = { namespaceSelector: "kubernetes.io/metadata.name == 'kube-system'", selector: "k8s-app == 'kube-dns'" };
    expect(render(policy)).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicy',
      metadata: { labels: managedBy, name: 'prod-dns-only' },
      spec: {
        egress: [
          { action: 'Allow', destination: { ...dns, ports: [53] }, protocol: 'TCP' },
          { action: 'Allow', destination: { ...dns, ports: [53] }, protocol: 'UDP' },
        ],
        namespaceSelector: "env == 'prod'",
        order: 500,
        selector: 'all()',
        types: ['Egress'],
      },
    });
  });

  test('can render Selector.all() namespaces as namespaceSelector all()', () => {
    const policy = new Policy({ name: 'cluster-deny', namespaceSelector: Selector.all(), subject: Selector.all(), isolateIngress: true });
    expect(render(policy)).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicy',
      metadata: { labels: managedBy, name: 'cluster-deny' },
      spec: { namespaceSelector: 'all()', selector: 'all()', types: ['Ingress'] },
    });
  });

  test('can render a cluster-scoped policy for crd.projectcalico.org/v1', () => {
    const policy = new Policy({ name: 'cluster-deny', namespaceSelector: Selector.all(), subject: Selector.all(), isolateIngress: true });
    const manifest = render(policy, Engine.CALICO_CRD);
    expect(manifest.apiVersion).toBe('crd.projectcalico.org/v1');
    expect(manifest.kind).toBe('GlobalNetworkPolicy');
    expect(manifest.spec).toEqual({ namespaceSelector: 'all()', selector: 'all()', types: ['Ingress'] });
  });

  test.each([
    ['calico', Engine.CALICO, 'projectcalico.org/v3'],
    ['calico-crd', Engine.CALICO_CRD, 'crd.projectcalico.org/v1'],
  ])('can set apiVersion from the flavor (%s)', (_name, engine, apiVersion) => {
    expect(render(webPolicy({ ingress: [rule('allow', 'a')] }), engine).apiVersion).toBe(apiVersion);
  });

  test('can emit every object key in sorted order', () => {
    const manifest = render(webPolicy({ tier: 'security', priority: 1, isolateIngress: true, ingress: [rule('deny', 'a')], egress: [Rule.allow({ peers: [Peer.ipBlock('10.0.0.0/8', ['10.1.0.0/16'])], ports: [Port.tcp(1)] })] }));
    const check = (value: any): void => {
      if (Array.isArray(value)) return value.forEach(check);
      if (value === null || typeof value !== 'object') return;
      const keys = Object.keys(value);
      expect(keys).toEqual([...keys].sort());
      keys.forEach(k => check(value[k]));
    };
    check(manifest);
  });
});

// Renderers are reached through Engine.render and the constructs, which check Engine.problems() first: an intent that
// check refuses reaching the renderer is a bug in cdk-netpol, reported as INTERNAL and naming the refusal's code.
describe('renderCalicoPolicy: internal errors when called without Engine.problems()', () => {
  const internal = (fn: () => unknown) => {
    const error = catchError(fn) as Error;
    // The code of the refusal, which the message names in parentheses.
    return [NetpolErrors.codeOf(error), /\(([A-Z][A-Z_0-9]+)\)/.exec(error.message)?.[1]];
  };

  test('throws INTERNAL (CALICO_PEER_NAMESPACE_REQUIRED) rather than widening a same-namespace peer in a GlobalNetworkPolicy', () => {
    const policy = new Policy({ name: 'g', namespaceSelector: Selector.all(), subject: WEB, ingress: [rule('allow', 'api')] });
    expect(internal(() => renderCalicoPolicy(policy, 'projectcalico.org/v3'))).toEqual([ErrorCode.INTERNAL, 'CALICO_PEER_NAMESPACE_REQUIRED']);
  });

  test('throws INTERNAL (CALICO_RULES_WITHOUT_ISOLATION) rather than isolating a direction the intent leaves open', () => {
    const policy = webPolicy({ priority: 1, ingress: [rule('deny', 'a')] });
    expect(internal(() => renderCalicoPolicy(policy, 'projectcalico.org/v3'))).toEqual([ErrorCode.INTERNAL, 'CALICO_RULES_WITHOUT_ISOLATION']);
  });

  test('throws INTERNAL (ENGINE_NO_TIERS) rather than dropping a tier on crd.projectcalico.org/v1', () => {
    const policy = webPolicy({ tier: 'security', ingress: [rule('allow', 'a')] });
    expect(internal(() => renderCalicoPolicy(policy, 'crd.projectcalico.org/v1'))).toEqual([ErrorCode.INTERNAL, 'ENGINE_NO_TIERS']);
  });

  test('throws INTERNAL (ENGINE_NO_L7) rather than dropping HTTP matches', () => {
    const http = Rule.allow({ peers: [peer('a')], ports: [Port.tcp(80)], http: [{ method: 'GET', path: '/' } as any] });
    expect(internal(() => renderCalicoPolicy(webPolicy({ ingress: [http] }), 'projectcalico.org/v3'))).toEqual([ErrorCode.INTERNAL, 'ENGINE_NO_L7']);
  });

  test('throws INTERNAL (ENGINE_NO_FQDN, ENGINE_NO_ENTITIES) rather than dropping a peer', () => {
    const fqdn = webPolicy({ egress: [Rule.allow({ peers: [Peer.fqdn('api.example.com')], ports: [Port.HTTPS] })] });
    expect(internal(() => renderCalicoPolicy(fqdn, 'projectcalico.org/v3'))).toEqual([ErrorCode.INTERNAL, 'ENGINE_NO_FQDN']);
    const entity = webPolicy({ egress: [Rule.allow({ peers: [Peer.entity('world' as any)], ports: [Port.HTTPS] })] });
    expect(internal(() => renderCalicoPolicy(entity, 'projectcalico.org/v3'))).toEqual([ErrorCode.INTERNAL, 'ENGINE_NO_ENTITIES']);
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
