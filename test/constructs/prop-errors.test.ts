import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowDns, AllowFlow, AllowFrom, AllowFromProps, AllowTo, DefaultDeny, DenyTo, DenyToProps, Engine, ErrorCode, NetpolErrors, Peer, Port, RuleAction, Selector, Subject, ThreeTierApp } from '../../lib';
import { chartIn, netpolError } from '../support/helpers';

// A construct with several bad props reports them all in one error, each with its code, field, value and fix,
// in the order of its props; `codeOf` is the first. Nothing is rendered instead.

const web = Subject.pods(Selector.labels({ app: 'web' }));
const api = Subject.pods(Selector.labels({ app: 'api' }));

/** Builds into a fresh chart of namespace prod and expects a refusal with nothing rendered; returns the error. */
function refused(build: (chart: Construct) => unknown): any {
  const chart = chartIn('prod');
  const error = netpolError(() => build(chart));
  expect(Testing.synth(chart)).toEqual([]);
  return error;
}

/** [code, field] of every problem an error reports. */
function problemsOf(error: any): string[][] {
  return error.problems.map((p: any) => [p.code, p.field]);
}

describe('AllowFrom', () => {
  test('throws if the subject, a peer and a port are bad, reporting all three in one error', () => {
    // GIVEN a label value with a space, a CIDR with host bits set and port 0
    // WHEN
    const error = refused(chart => new AllowFrom(chart, 'X', {
      subject: Subject.pods(Selector.labels({ app: 'web server' })),
      peers: [Peer.ipBlock('10.0.0.1/8')],
      ports: [Port.tcp(0)],
    }));
    // THEN one error, the three codes in the order of the props, the first one as its code
    expect(NetpolErrors.codesOf(error)).toEqual([ErrorCode.LABEL_VALUE_INVALID, ErrorCode.CIDR_HOST_BITS_SET, ErrorCode.PORT_OUT_OF_RANGE]);
    expect(NetpolErrors.codeOf(error)).toBe(ErrorCode.LABEL_VALUE_INVALID);
    expect(error.path).toBe('test/X');
    expect(error.problems.map((p: any) => [p.field, p.value])).toEqual([['subject.matchLabels["app"]', 'web server'], ['peers[0].cidr', '10.0.0.1/8'], ['ports[0].port', '0']]);
    for (const p of error.problems) expect(p.fix.length).toBeGreaterThan(0);
  });

  test('throws if the engine is not an Engine (JavaScript callers)', () => {
    const error = refused(chart => new AllowFrom(chart, 'X', { subject: web, peers: [Peer.anywhere()], ports: [Port.HTTP], engine: 'cilium' as unknown as Engine }));
    expect([NetpolErrors.codesOf(error), error.path, error.field, error.value]).toEqual([[ErrorCode.ENGINE_UNKNOWN], 'test/X', 'engine', 'cilium']);
  });

  test('throws if given an action that is not a RuleAction (JavaScript callers), with the subject\'s problem too', () => {
    const error = refused(chart => new AllowFrom(chart, 'X', {
      subject: Subject.pods(Selector.labels({ app: 'web server' })), peers: [Peer.anywhere()], ports: [Port.HTTP], action: 'Drop',
    } as AllowFromProps));
    expect(problemsOf(error)).toEqual([[ErrorCode.LABEL_VALUE_INVALID, 'subject.matchLabels["app"]'], [ErrorCode.RULE_ACTION_UNKNOWN, 'action']]);
    expect(error.problems[1].value).toBe('Drop');
  });

  test('throws if given a deny action (code written when AllowFrom took one), pointing at DenyFrom: never an allow', () => {
    const error = refused(chart => new AllowFrom(chart, 'X', { subject: web, peers: [Peer.anywhere()], ports: [Port.HTTP], action: RuleAction.DENY } as AllowFromProps));
    expect([NetpolErrors.codesOf(error), error.field, error.value]).toEqual([[ErrorCode.RULE_ACTION_UNKNOWN], 'action', 'Deny']);
    expect(error.fix).toBe('use DenyFrom for a Deny rule, and drop action');
  });

  test('throws if given a log action, which no construct renders alone', () => {
    const error = refused(chart => new AllowFrom(chart, 'X', { subject: web, peers: [Peer.anywhere()], ports: [Port.HTTP], action: RuleAction.LOG } as AllowFromProps));
    expect([NetpolErrors.codesOf(error), error.field, error.value]).toEqual([[ErrorCode.RULE_ACTION_UNKNOWN], 'action', 'Log']);
    expect(error.fix).toContain('Rule.log');
  });

  test('can take an action that says what its class does (code written when AllowFrom took one)', () => {
    const chart = chartIn('prod');
    new AllowFrom(chart, 'X', { subject: web, peers: [Peer.anywhere()], ports: [Port.HTTP], action: RuleAction.ALLOW } as AllowFromProps);
    expect(Testing.synth(chart).map(o => o.metadata.name)).toEqual(['web-ingress-from-anywhere']);
  });
});

describe('DenyTo', () => {
  test('throws if given HTTP matches (JavaScript callers): L7 only narrows an allow', () => {
    const error = refused(chart => new DenyTo(chart, 'X', {
      subject: web, peers: [Peer.anywhere()], ports: [Port.HTTP], http: [{ method: 'GET' }], engine: Engine.CILIUM,
    } as DenyToProps));
    expect([NetpolErrors.codesOf(error), error.field]).toEqual([[ErrorCode.HTTP_RULE_INVALID], 'http']);
  });

  test('throws if given a pass action, pointing at PassTo', () => {
    const error = refused(chart => new DenyTo(chart, 'X', { subject: web, peers: [Peer.anywhere()], ports: [Port.HTTP], action: RuleAction.PASS } as DenyToProps));
    expect([NetpolErrors.codesOf(error), error.field, error.value, error.fix]).toEqual([[ErrorCode.RULE_ACTION_UNKNOWN], 'action', 'Pass', 'use PassTo for a Pass rule, and drop action']);
  });
});

describe('AllowTo', () => {
  test('throws if peers, ports, name and priority are bad, reporting all four in one error', () => {
    const error = refused(chart => new AllowTo(chart, 'X', { subject: web, peers: [], ports: [], name: 'Web_Egress', priority: -1 }));
    expect(problemsOf(error)).toEqual([
      [ErrorCode.RULE_WITHOUT_PEERS, 'peers'],
      [ErrorCode.RULE_WITHOUT_PORTS, 'ports'],
      [ErrorCode.NAME_INVALID, 'name'],
      [ErrorCode.PRIORITY_INVALID, 'priority'],
    ]);
  });

  test('throws if the engine cannot express several parts of the intent, reporting them all in one error', () => {
    // GIVEN a DNS-name peer, a priority and a tier, none of which a Kubernetes NetworkPolicy can say
    const error = refused(chart => new AllowTo(chart, 'X', {
      subject: web, peers: [Peer.fqdn('api.example.com')], ports: [Port.HTTPS], priority: 10, tier: 'security', engine: Engine.KUBERNETES,
    }));
    // THEN
    expect(problemsOf(error)).toEqual([
      [ErrorCode.ENGINE_NO_FQDN, 'egress[0].peers[0]'],
      [ErrorCode.ENGINE_NO_ORDER, 'priority'],
      [ErrorCode.ENGINE_NO_TIERS, 'tier'],
    ]);
    expect(error.path).toBe('test/X');
  });
});

describe('AllowDns', () => {
  test('throws if the DNS peer, a node-local address and the name are bad, reporting all three in one error', () => {
    const error = refused(chart => new AllowDns(chart, 'X', { dnsPeer: Peer.ipBlock('10.0.0.10/8'), nodeLocalDnsAddresses: ['169.254.20.300'], name: 'Allow_Dns' }));
    expect(problemsOf(error)).toEqual([
      [ErrorCode.CIDR_HOST_BITS_SET, 'dnsPeer.cidr'],
      [ErrorCode.CIDR_MALFORMED, 'nodeLocalDnsAddresses[0]'],
      [ErrorCode.NAME_INVALID, 'name'],
    ]);
  });
});

describe('DefaultDeny', () => {
  test('throws if the namespace, the name and the directions are bad, reporting all three in one error', () => {
    const error = refused(chart => new DefaultDeny(chart, 'X', { namespaceName: 'Prod', name: 'Deny_All', ingress: false, egress: false }));
    expect(problemsOf(error)).toEqual([
      [ErrorCode.NAMESPACE_NAME_INVALID, 'namespaceName'],
      [ErrorCode.NAME_INVALID, 'name'],
      [ErrorCode.POLICY_WITHOUT_DIRECTION, ''],
    ]);
  });

  test('throws if the engine is not an Engine (JavaScript callers)', () => {
    const error = refused(chart => new DefaultDeny(chart, 'X', { engine: 'calico' as unknown as Engine }));
    expect([NetpolErrors.codesOf(error), error.field]).toEqual([[ErrorCode.ENGINE_UNKNOWN], 'engine']);
  });
});

describe('AllowFlow', () => {
  test('throws if both sides, the ports and a name are bad, reporting them at the flow rather than at a child policy', () => {
    // GIVEN an unreadable workload as source, a bad label on the destination, no ports and a bad egress name
    const error = refused(chart => new AllowFlow(chart, 'Flow', {
      source: Subject.workload(new Construct(chart, 'NotAWorkload')),
      destination: Subject.pods(Selector.labels({ 'bad key': 'api' })),
      ports: [],
      egressName: 'Web_To_Api',
    }));
    // THEN
    expect(error.path).toBe('test/Flow');
    expect(problemsOf(error)).toEqual([
      [ErrorCode.WORKLOAD_WITHOUT_SELECTOR, 'source'],
      [ErrorCode.LABEL_KEY_INVALID, 'destination.matchLabels["bad key"]'],
      [ErrorCode.RULE_WITHOUT_PORTS, 'ports'],
      [ErrorCode.NAME_INVALID, 'egressName'],
    ]);
  });

  test('throws if neither side has a namespace, reporting both', () => {
    // GIVEN a chart without namespace, and two subjects that name none
    const error = netpolError(() => new AllowFlow(new Chart(Testing.app(), 'test'), 'Flow', { source: web, destination: api, ports: [Port.HTTP] }));
    // THEN
    expect(problemsOf(error)).toEqual([
      [ErrorCode.NAMESPACE_REQUIRED, 'source.namespaceName'],
      [ErrorCode.NAMESPACE_REQUIRED, 'destination.namespaceName'],
    ]);
  });
});

describe('ThreeTierApp', () => {
  test('throws if several props are bad, reporting them all at the app rather than at a child policy', () => {
    // GIVEN a bad frontend label, api port 0, no ingress peers, an external CIDR with host bits and a bad node-local address
    const error = refused(chart => new ThreeTierApp(chart, 'Shop', {
      frontend: Subject.pods(Selector.labels({ tier: 'front end' })),
      api: api,
      database: Subject.pods(Selector.labels({ tier: 'db' })),
      apiPorts: [Port.tcp(0)],
      ingressPeers: [],
      apiExternalEgress: { cidrs: ['203.0.113.1/24'] },
      dns: { nodeLocalDnsAddresses: ['169.254.20.300'] },
    }));
    // THEN
    expect(error.path).toBe('test/Shop');
    expect(problemsOf(error)).toEqual([
      [ErrorCode.LABEL_VALUE_INVALID, 'frontend.matchLabels["tier"]'],
      [ErrorCode.PORT_OUT_OF_RANGE, 'apiPorts[0].port'],
      [ErrorCode.RULE_WITHOUT_PEERS, 'ingressPeers'],
      [ErrorCode.CIDR_HOST_BITS_SET, 'apiExternalEgress.cidrs[0]'],
      [ErrorCode.CIDR_MALFORMED, 'dns.nodeLocalDnsAddresses[0]'],
    ]);
  });

  test('throws if the engine is not an Engine (JavaScript callers)', () => {
    const error = refused(chart => new ThreeTierApp(chart, 'Shop', { frontend: web, api, database: Subject.pods(Selector.labels({ app: 'db' })), engine: 'cilium' as unknown as Engine }));
    expect([NetpolErrors.codesOf(error), error.path, error.field]).toEqual([[ErrorCode.ENGINE_UNKNOWN], 'test/Shop', 'engine']);
  });
});
