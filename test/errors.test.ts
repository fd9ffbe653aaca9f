import { AllowFrom, AllowTo, DefaultDeny, ErrorCode, LabelExpression, NetpolErrors, Peer, Port, Selector, Subject } from '../lib';
import { chartIn, netpolError } from './support/helpers';

const web = Subject.pods(Selector.labels({ app: 'web' }));

interface Case {
  readonly code: string;
  readonly field: string;
  readonly value: string;
  readonly build: (scope: any) => unknown;
}

// Every class of bad input refused at construction, through a construct so the error names its path.
const cases: Case[] = [
  { code: ErrorCode.CIDR_MALFORMED, field: 'peers[0].cidr', value: '10.0.0.300/32', build: s => new AllowTo(s, 'X', { subject: web, peers: [Peer.ipBlock('10.0.0.300/32')], ports: [Port.HTTPS] }) },
  { code: ErrorCode.CIDR_MISSING_MASK, field: 'peers[0].cidr', value: '10.1.2.3', build: s => new AllowTo(s, 'X', { subject: web, peers: [Peer.ipBlock('10.1.2.3')], ports: [Port.HTTPS] }) },
  { code: ErrorCode.CIDR_INVALID_MASK, field: 'peers[0].cidr', value: '10.0.0.0/40', build: s => new AllowTo(s, 'X', { subject: web, peers: [Peer.ipBlock('10.0.0.0/40')], ports: [Port.HTTPS] }) },
  { code: ErrorCode.CIDR_HOST_BITS_SET, field: 'peers[0].cidr', value: '10.0.0.1/8', build: s => new AllowTo(s, 'X', { subject: web, peers: [Peer.ipBlock('10.0.0.1/8')], ports: [Port.HTTPS] }) },
  { code: ErrorCode.CIDR_FAMILY_MIX, field: 'peers[0].exceptCidrs[0]', value: 'fd00::/8', build: s => new AllowTo(s, 'X', { subject: web, peers: [Peer.ipBlock('0.0.0.0/0', ['fd00::/8'])], ports: [Port.HTTPS] }) },
  { code: ErrorCode.EXCEPT_NOT_INSIDE_CIDR, field: 'peers[1].exceptCidrs[0]', value: '192.168.0.0/16', build: s => new AllowTo(s, 'X', { subject: web, peers: [Peer.anywhere(), Peer.ipBlock('10.0.0.0/8', ['192.168.0.0/16'])], ports: [Port.HTTPS] }) },
  { code: ErrorCode.PORT_OUT_OF_RANGE, field: 'ports[1].port', value: '70000', build: s => new AllowFrom(s, 'X', { subject: web, peers: [Peer.anywhere()], ports: [Port.HTTP, Port.tcp(70000)] }) },
  { code: ErrorCode.PORT_NOT_INTEGER, field: 'ports[0].port', value: '80.5', build: s => new AllowFrom(s, 'X', { subject: web, peers: [Peer.anywhere()], ports: [Port.tcp(80.5)] }) },
  { code: ErrorCode.END_PORT_BELOW_PORT, field: 'ports[0].endPort', value: 'tcp/9000-8000', build: s => new AllowFrom(s, 'X', { subject: web, peers: [Peer.anywhere()], ports: [Port.tcpRange(9000, 8000)] }) },
  { code: ErrorCode.END_PORT_WITH_NAMED_PORT, field: 'ports[0].endPort', value: 'tcp/http', build: s => new AllowFrom(s, 'X', { subject: web, peers: [Peer.anywhere()], ports: [Port.of({ name: 'http', endPort: 8080 })] }) },
  { code: ErrorCode.PORT_NAME_INVALID, field: 'ports[0].name', value: 'HTTP_Admin', build: s => new AllowFrom(s, 'X', { subject: web, peers: [Peer.anywhere()], ports: [Port.named('HTTP_Admin')] }) },
  { code: ErrorCode.LABEL_KEY_INVALID, field: 'peers[0].podSelector.matchLabels["bad key"]', value: 'bad key', build: s => new AllowFrom(s, 'X', { subject: web, peers: [Peer.pods(Selector.labels({ 'bad key': 'x' }))], ports: [Port.HTTP] }) },
  { code: ErrorCode.LABEL_VALUE_INVALID, field: 'subject.matchLabels["app"]', value: 'web server', build: s => new AllowFrom(s, 'X', { subject: Subject.pods(Selector.labels({ app: 'web server' })), peers: [Peer.anywhere()], ports: [Port.HTTP] }) },
  { code: ErrorCode.SELECTOR_EXPRESSION_INVALID, field: 'subject.matchExpressions[0].values', value: 'tier in ()', build: s => new AllowFrom(s, 'X', { subject: Subject.pods(Selector.of({ matchExpressions: [LabelExpression.isIn('tier', [])] })), peers: [Peer.anywhere()], ports: [Port.HTTP] }) },
  { code: ErrorCode.SELECTOR_EMPTY, field: 'peers[0].podSelector', value: '{}', build: s => new AllowFrom(s, 'X', { subject: web, peers: [Peer.pods(Selector.labels({}))], ports: [Port.HTTP] }) },
  { code: ErrorCode.NAME_INVALID, field: 'name', value: 'Web_Ingress', build: s => new AllowFrom(s, 'X', { subject: web, peers: [Peer.anywhere()], ports: [Port.HTTP], name: 'Web_Ingress' }) },
  { code: ErrorCode.NAMESPACE_NAME_INVALID, field: 'namespaceName', value: 'Prod', build: s => new DefaultDeny(s, 'X', { namespaceName: 'Prod' }) },
  { code: ErrorCode.NAMESPACE_NAME_INVALID, field: 'peers[0].namespaceName', value: 'team_a', build: s => new AllowFrom(s, 'X', { subject: web, peers: [Peer.namespaceNamed('team_a')], ports: [Port.HTTP] }) },
  { code: ErrorCode.RULE_WITHOUT_PEERS, field: 'peers', value: '[]', build: s => new AllowFrom(s, 'X', { subject: web, peers: [], ports: [Port.HTTP] }) },
  { code: ErrorCode.RULE_WITHOUT_PORTS, field: 'ports', value: '[]', build: s => new AllowFrom(s, 'X', { subject: web, peers: [Peer.anywhere()], ports: [] }) },
];

describe('construction errors', () => {
  test.each(cases.map(c => [c.code, c] as const))('throws %s naming the path, the field, the value and the fix', (_code, c) => {
    const chart = chartIn('prod');
    const error = netpolError(() => c.build(chart));
    expect(error.code).toBe(c.code);
    expect(error.path).toBe('test/X');
    expect(error.field).toBe(c.field);
    expect(error.value).toBe(c.value);
    expect(error.fix.length).toBeGreaterThan(10);
    expect(error.message.startsWith(`[${c.code}] test/X: ${c.field}: `)).toBe(true);
    expect(error.message).toContain(JSON.stringify(c.value));
    expect(error.message).toContain(`Fix: ${error.fix}`);
    expect(NetpolErrors.codeOf(error)).toBe(c.code);
    expect(NetpolErrors.codesOf(error)).toEqual([c.code]);
  });

  test('every error code documented in ErrorCode is a stable string equal to its name', () => {
    const codes = Object.entries(ErrorCode);
    expect(codes.length).toBeGreaterThanOrEqual(25);
    for (const [key, value] of codes) expect(value).toBe(key);
  });

  test('a non-cdk-netpol error has no code', () => {
    expect(NetpolErrors.isNetpolError(new Error('x'))).toBe(false);
    expect(NetpolErrors.codeOf('x')).toBeUndefined();
    for (const x of [new Error('x'), 'x', undefined, null, { code: 'CIDR_MALFORMED' }]) expect(NetpolErrors.codesOf(x)).toEqual([]);
  });
});

describe('NetpolErrors', () => {
  // Each bad prop alone, then all three together.
  const subject = Subject.pods(Selector.labels({ app: 'web server' }));
  const peer = Peer.ipBlock('10.0.0.1/8');
  const port = Port.tcp(0);
  const alone = [
    { subject, peers: [Peer.anywhere()], ports: [Port.HTTP] },
    { subject: web, peers: [peer], ports: [Port.HTTP] },
    { subject: web, peers: [Peer.anywhere()], ports: [port] },
  ];

  test('throws one error for several problems: a count line, then each problem in its one-line form', () => {
    // GIVEN the one-problem errors of each bad prop
    const single = alone.map(props => netpolError(() => new AllowFrom(chartIn('prod'), 'X', props)));
    // WHEN the three are given together
    const error = netpolError(() => new AllowFrom(chartIn('prod'), 'X', { subject, peers: [peer], ports: [port] }));
    // THEN
    expect(error.message.split('\n')).toEqual(['3 problems at test/X:', ...single.map(e => `  ${e.message}`)]);
    expect(NetpolErrors.codesOf(error)).toEqual(single.map(e => e.code));
    expect(error.problems).toEqual(single.map(e => ({ code: e.code, field: e.field, value: e.value, message: e.problems[0].message, fix: e.fix })));
  });

  test('carries the first problem as its code, field, value and fix', () => {
    const error = netpolError(() => new AllowFrom(chartIn('prod'), 'X', { subject, peers: [peer], ports: [port] }));
    const first = error.problems[0];
    expect([NetpolErrors.codeOf(error), error.code, error.path, error.field, error.value, error.fix])
      .toEqual([ErrorCode.LABEL_VALUE_INVALID, first.code, 'test/X', first.field, first.value, first.fix]);
  });
});
