import { Testing } from 'cdk8s';
import { chartFor, clusterChart } from './support';
import { AllowFrom, AllowTo, ClusterDefaultDeny, DenyFrom, DenyTo, Engine, Entity, ErrorCode, PassFrom, PassTo, Peer, Policy, Port, Rule, Selector, Subject } from '../../../lib';
import { netpolError } from '../../support/helpers';

// An intent an engine cannot express is refused at construction with a coded error naming the construct path and
// the field, and nothing is rendered in its place: never a dropped rule, a wider allow or a missing order.

const api = Subject.pods(Selector.labels({ app: 'api' }));
const web = Peer.pods(Selector.labels({ app: 'web' }));

/** Builds into a fresh chart, expects a refusal, and that the chart renders nothing instead; returns the error. */
function refused(build: (chart: any) => unknown, chart = chartFor('prod')): { code: string; path: string; field: string } {
  const error = netpolError(() => build(chart));
  expect(error.fix).toBeTruthy();
  expect(Testing.synth(chart)).toEqual([]);
  return { code: error.code, path: error.path, field: error.field };
}

describe('AllowFrom', () => {
  test.each([Engine.KUBERNETES, Engine.CILIUM])('throws ENGINE_NO_ORDER for a priority on %s', engine => {
    expect(refused(chart => new AllowFrom(chart, 'First', { subject: api, peers: [web], ports: [Port.HTTP], priority: 100, engine })))
      .toEqual({ code: ErrorCode.ENGINE_NO_ORDER, path: 'test/First', field: 'priority' });
  });

  test.each([Engine.KUBERNETES, Engine.CALICO, Engine.CALICO_CRD])('throws ENGINE_NO_L7 for HTTP matches on %s', engine => {
    // Dropping the HTTP match would allow every request on the port.
    expect(refused(chart => new AllowFrom(chart, 'Reads', { subject: api, peers: [web], ports: [Port.tcp(8080)], http: [{ method: 'GET' }], engine })))
      .toEqual({ code: ErrorCode.ENGINE_NO_L7, path: 'test/Reads', field: 'ingress[0].http' });
  });

});

describe('DenyFrom', () => {
  test('throws ENGINE_NO_DENY on kubernetes', () => {
    expect(refused(chart => new DenyFrom(chart, 'NoWeb', { subject: api, peers: [web], ports: [Port.HTTP], engine: Engine.KUBERNETES })))
      .toEqual({ code: ErrorCode.ENGINE_NO_DENY, path: 'test/NoWeb', field: 'ingress[0]' });
  });

  test.each([Engine.CALICO, Engine.CALICO_CRD])('throws CALICO_RULES_WITHOUT_ISOLATION for a deny of some peers on %s', engine => {
    // A Calico policy with ingress rules applies to ingress, so what its rules leave undecided meets the end-of-tier deny.
    expect(refused(chart => new DenyFrom(chart, 'NoWeb', { subject: api, peers: [web], ports: [Port.HTTP], priority: 100, engine })))
      .toEqual({ code: ErrorCode.CALICO_RULES_WITHOUT_ISOLATION, path: 'test/NoWeb', field: 'ingress' });
  });
});

describe('DenyTo', () => {
  test('throws ENGINE_NO_DENY on kubernetes', () => {
    expect(refused(chart => new DenyTo(chart, 'NoMetadata', { subject: api, peers: [Peer.ipBlock('169.254.169.254/32')], ports: [Port.allPorts()], engine: Engine.KUBERNETES })))
      .toEqual({ code: ErrorCode.ENGINE_NO_DENY, path: 'test/NoMetadata', field: 'egress[0]' });
  });
});

describe('PassFrom', () => {
  test('throws ENGINE_NO_PASS on cilium', () => {
    expect(refused(chart => new PassFrom(chart, 'Pass', { subject: api, peers: [Peer.anywhere()], ports: [Port.allPorts()], engine: Engine.CILIUM })))
      .toEqual({ code: ErrorCode.ENGINE_NO_PASS, path: 'test/Pass', field: 'ingress[0]' });
  });
});

describe('PassTo', () => {
  test('throws ENGINE_NO_PASS on kubernetes', () => {
    expect(refused(chart => new PassTo(chart, 'Pass', { subject: api, peers: [Peer.anywhere()], ports: [Port.allPorts()], engine: Engine.KUBERNETES })))
      .toEqual({ code: ErrorCode.ENGINE_NO_PASS, path: 'test/Pass', field: 'egress[0]' });
  });
});

describe('AllowTo', () => {
  test.each([Engine.CALICO, Engine.CALICO_CRD, Engine.KUBERNETES])('throws ENGINE_NO_FQDN for a DNS name on %s', engine => {
    expect(refused(chart => new AllowTo(chart, 'Stripe', { subject: api, peers: [Peer.fqdn('api.stripe.com')], ports: [Port.HTTPS], engine })))
      .toEqual({ code: ErrorCode.ENGINE_NO_FQDN, path: 'test/Stripe', field: 'egress[0].peers[0]' });
  });

  test.each([Engine.KUBERNETES, Engine.CALICO])('throws ENGINE_NO_ENTITIES for an entity on %s', engine => {
    expect(refused(chart => new AllowTo(chart, 'ApiServer', { subject: api, peers: [Peer.entity(Entity.KUBE_APISERVER)], ports: [Port.HTTPS], engine })))
      .toEqual({ code: ErrorCode.ENGINE_NO_ENTITIES, path: 'test/ApiServer', field: 'egress[0].peers[0]' });
  });

  // Error fields point at the user's own list positions, not at the canonical (sorted) order the renderers use.
  test('throws naming the peer at its position in the given list', () => {
    expect(refused(chart => new AllowTo(chart, 'Mixed', { subject: api, peers: [web, Peer.fqdn('api.stripe.com')], ports: [Port.HTTPS], engine: Engine.KUBERNETES })))
      .toEqual({ code: ErrorCode.ENGINE_NO_FQDN, path: 'test/Mixed', field: 'egress[0].peers[1]' });
  });
});

describe('ClusterDefaultDeny', () => {
  test('throws NAMESPACES_REQUIRED on kubernetes without the namespaces to isolate', () => {
    expect(refused(chart => new ClusterDefaultDeny(chart, 'Deny', { engine: Engine.KUBERNETES }), clusterChart()))
      .toEqual({ code: ErrorCode.NAMESPACES_REQUIRED, path: 'test/Deny', field: 'namespaces' });
  });
});

// Tiers and cluster-scoped L7 rules have no construct prop: their refusal is asserted on the model and the engine.
describe('Engine', () => {
  test('throws ENGINE_NO_TIERS for a tier on calico-crd, which calico accepts', () => {
    // GIVEN a policy in tier security
    const policy = new Policy({ name: 'web', namespaceName: 'prod', subject: Selector.labels({ app: 'web' }), tier: 'security', isolateIngress: true });
    // THEN
    expect(Engine.CALICO_CRD.problems(policy).map(p => [p.code, p.field, p.value])).toEqual([[ErrorCode.ENGINE_NO_TIERS, 'tier', 'security']]);
    expect(netpolError(() => Engine.CALICO_CRD.render(policy)).code).toBe(ErrorCode.ENGINE_NO_TIERS);
    expect(Engine.CALICO.problems(policy)).toEqual([]);
    expect(Engine.CALICO.render(policy).spec.tier).toBe('security');
  });

  test('throws ENGINE_NO_L7 for HTTP matches in a cluster-scoped cilium policy, which a namespaced one accepts', () => {
    // GIVEN the same rule in a clusterwide and in a namespaced policy
    const rule = Rule.allow({ peers: [Peer.podsInNamespace('team-a', Selector.labels({ app: 'web' }))], ports: [Port.tcp(8080)], http: [{ method: 'GET' }] });
    const clusterwide = new Policy({ name: 'reads', namespaceSelector: Selector.all(), subject: Selector.labels({ app: 'api' }), ingress: [rule] });
    const namespaced = new Policy({ name: 'reads', namespaceName: 'team-b', subject: Selector.labels({ app: 'api' }), ingress: [rule] });
    // THEN
    expect(Engine.CILIUM.problems(clusterwide).map(p => [p.code, p.field])).toEqual([[ErrorCode.ENGINE_NO_L7, 'ingress[0].http']]);
    expect(netpolError(() => Engine.CILIUM.render(clusterwide)).code).toBe(ErrorCode.ENGINE_NO_L7);
    expect(Engine.CILIUM.problems(namespaced)).toEqual([]);
  });
});

describe('Calico tiers through constructs', () => {
  const props = { subject: Subject.pods(Selector.labels({ app: 'api' })), peers: [Peer.anywhere()], ports: [Port.HTTPS], tier: 'security' };

  test('can place a rule in a Calico tier with an order', () => {
    const chart = chartFor('prod');
    new AllowFrom(chart, 'Tiered', { ...props, priority: 10, engine: Engine.CALICO });
    const [manifest] = Testing.synth(chart);
    expect([manifest.kind, manifest.spec.tier, manifest.spec.order]).toEqual(['NetworkPolicy', 'security', 10]);
  });

  test.each([Engine.CALICO_CRD, Engine.KUBERNETES, Engine.CILIUM])('throws ENGINE_NO_TIERS on %s', engine => {
    const error = netpolError(() => new AllowFrom(chartFor('prod'), 'Tiered', { ...props, engine }));
    expect([error.code, error.path, error.field]).toEqual([ErrorCode.ENGINE_NO_TIERS, 'test/Tiered', 'tier']);
  });
});

describe('the kubernetes renderer alone', () => {
  test('throws INTERNAL rather than widen a peer it cannot express, even when called without the capability check', () => {
    const policy = new Policy({
      name: 'p',
      namespaceName: 'prod',
      subject: Selector.all(),
      egress: [Rule.allow({ peers: [Peer.fqdn('api.stripe.com')], ports: [Port.HTTPS] })],
    });
    const fqdn = netpolError(() => Engine.KUBERNETES._renderChecked(policy));
    expect([fqdn.code, fqdn.message]).toEqual([ErrorCode.INTERNAL, expect.stringContaining('(ENGINE_NO_FQDN)')]);
    const accounts = netpolError(() => Engine.KUBERNETES._renderChecked(new Policy({
      name: 'q',
      namespaceName: 'prod',
      subject: Selector.all(),
      ingress: [Rule.allow({ peers: [Peer.serviceAccounts(['a'])], ports: [Port.HTTPS] })],
    })));
    expect([accounts.code, accounts.message]).toEqual([ErrorCode.INTERNAL, expect.stringContaining('(ENGINE_NO_SERVICE_ACCOUNTS)')]);
  });
});
