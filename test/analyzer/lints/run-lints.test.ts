import * as fc from 'fast-check';
import { COREDNS, brief, cluster, defaultDeny, deployment, netpol, ns, service } from './fixtures';
import { LINT_RULES, LintCode, LintRule, runLintRules, runLints } from '../../../lib/analyzer/lints';
import { Cluster } from '../../../lib/analyzer/types';

/** A cluster that trips every rule at least once. */
function messyCluster(): Cluster {
  return cluster({
    namespaces: [ns('prod'), ns('kube-system')],
    endpoints: [
      deployment('prod', 'web', { app: 'web' }, [{ port: 8080, protocol: 'TCP' }]),
      deployment('prod', 'db', { app: 'db' }),
      COREDNS,
    ],
    services: [
      service('prod', 'web', { app: 'web' }, [{ port: 80, targetPort: 8080, protocol: 'TCP' }]),
      service('prod', 'web-alias', { app: 'web' }, [{ port: 80, targetPort: 8080, protocol: 'TCP' }]),
    ],
    policies: [
      defaultDeny('prod', 'Egress'),
      netpol('prod', 'web', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { name: 'kube-system' } } }, { podSelector: { matchLabels: { app: 'lb' } } }], ports: [{ port: 80 }] }],
      }),
      netpol('prod', 'typo', { podSelector: { matchLabels: { app: 'dbb' } } }),
    ],
  });
}

const EXPECTED = [
  { code: 'NP_RULES_OUTSIDE_POLICY_TYPES', severity: 'error', subject: 'NetworkPolicy prod/web' },
  { code: 'NP_EGRESS_WITHOUT_DNS', severity: 'warning', subject: 'prod/Deployment/db' },
  { code: 'NP_EGRESS_WITHOUT_DNS', severity: 'warning', subject: 'prod/Deployment/web' },
  { code: 'NP_NAMESPACE_LABEL_UNSET', severity: 'warning', subject: 'NetworkPolicy prod/web' },
  { code: 'NP_NAMESPACE_WITHOUT_DEFAULT_DENY', severity: 'warning', subject: 'Namespace kube-system' },
  { code: 'NP_NAMESPACE_WITHOUT_DEFAULT_DENY', severity: 'warning', subject: 'Namespace kube-system' },
  { code: 'NP_NAMESPACE_WITHOUT_DEFAULT_DENY', severity: 'warning', subject: 'Namespace prod' },
  { code: 'NP_SELECTOR_MATCHES_NOTHING', severity: 'warning', subject: 'NetworkPolicy prod/typo' },
  { code: 'NP_SELECTOR_MATCHES_NOTHING', severity: 'warning', subject: 'NetworkPolicy prod/web' },
  { code: 'NP_SEPARATE_PEERS_LIKELY_AND', severity: 'warning', subject: 'NetworkPolicy prod/web' },
  { code: 'NP_SERVICE_PORT_NOT_CONTAINER_PORT', severity: 'warning', subject: 'NetworkPolicy prod/web' },
  { code: 'NP_SERVICE_PORT_NOT_CONTAINER_PORT', severity: 'warning', subject: 'NetworkPolicy prod/web' },
  { code: 'NP_POD_NOT_ISOLATED', severity: 'info', subject: 'kube-system/Deployment/coredns' },
];

function throwing(code: string): LintRule {
  return {
    code,
    severity: 'warning',
    title: 'throws',
    why: 'test',
    check: () => {
      throw new Error('selector is broken\nat line 2');
    },
  };
}

describe('runLints', () => {
  test('can run every rule and sort by severity, code, subject', () => {
    expect(brief(runLints(messyCluster()))).toEqual(EXPECTED);
  });

  test('can give every finding a one-line message and why', () => {
    for (const f of runLints(messyCluster())) {
      expect(f.message).toMatch(/^[^\n]+$/);
      expect(f.why).toMatch(/^[^\n]+$/);
      expect(f.acknowledged).toBeUndefined();
    }
  });

  test('can list the same findings whatever the order of the model', () => {
    const c = messyCluster();
    const expected = runLints(c);
    fc.assert(fc.property(
      fc.shuffledSubarray([...c.endpoints], { minLength: c.endpoints.length }),
      fc.shuffledSubarray([...c.policies], { minLength: c.policies.length }),
      fc.shuffledSubarray([...c.services], { minLength: c.services.length }),
      (endpoints, policies, services) => {
        expect(runLints({ ...c, endpoints, policies, services })).toEqual(expected);
      }));
  });

  test('can acknowledge every finding of a code when no subject is given', () => {
    const findings = runLints(messyCluster(), { acknowledgements: [{ code: 'NP_EGRESS_WITHOUT_DNS', reason: 'DNS via node-local cache' }] });
    expect(findings.filter(f => f.acknowledged !== undefined).map(f => [f.subject, f.acknowledged])).toEqual([
      ['prod/Deployment/db', 'DNS via node-local cache'],
      ['prod/Deployment/web', 'DNS via node-local cache'],
    ]);
    expect(brief(findings)).toEqual(EXPECTED);
  });

  test('can acknowledge one subject only, and prefer it over a code-wide acknowledgement', () => {
    const findings = runLints(messyCluster(), {
      acknowledgements: [
        { code: 'NP_EGRESS_WITHOUT_DNS', reason: 'everyone' },
        { code: 'NP_EGRESS_WITHOUT_DNS', subject: 'prod/Deployment/web', reason: 'web uses IPs only' },
        { code: 'NP_NAMESPACE_WITHOUT_DEFAULT_DENY', subject: 'Namespace kube-system', reason: 'managed by AKS' },
        { code: 'NP_POD_NOT_ISOLATED', subject: 'prod/Deployment/other', reason: 'matches nothing' },
      ],
    });
    expect(findings.filter(f => f.acknowledged !== undefined).map(f => [f.code, f.subject, f.acknowledged])).toEqual([
      ['NP_EGRESS_WITHOUT_DNS', 'prod/Deployment/db', 'everyone'],
      ['NP_EGRESS_WITHOUT_DNS', 'prod/Deployment/web', 'web uses IPs only'],
      ['NP_NAMESPACE_WITHOUT_DEFAULT_DENY', 'Namespace kube-system', 'managed by AKS'],
      ['NP_NAMESPACE_WITHOUT_DEFAULT_DENY', 'Namespace kube-system', 'managed by AKS'],
    ]);
  });

  test('cannot treat a throwing rule as passing: it is reported as LINT_RULE_FAILED', () => {
    // GIVEN
    const rules = [...LINT_RULES, throwing('NP_TEST_THROWS')];
    // WHEN
    const findings = runLintRules(rules, messyCluster());
    // THEN
    expect(brief(findings)).toEqual([
      { code: LintCode.LINT_RULE_FAILED, severity: 'error', subject: 'Rule NP_TEST_THROWS' },
      ...EXPECTED,
    ]);
    expect(findings[0].message).toContain('NP_TEST_THROWS');
    expect(findings[0].message).toContain('selector is broken');
    expect(findings[0].message).not.toContain('\n');
  });

  test('can report a rule failing on malformed input while the other rules still run', () => {
    const c = cluster({ endpoints: [deployment('prod', 'web', { app: 'web' })], policies: [netpol('prod', 'bad', { podSelector: {}, ingress: [{ from: 'oops' }] })] });
    const broken = { ...c, namespaces: undefined as any };
    const findings = runLints(broken);
    expect(findings.filter(f => f.code === LintCode.LINT_RULE_FAILED).length).toBeGreaterThan(0);
    expect(findings.some(f => f.code === LintCode.NP_NAMESPACE_WITHOUT_DEFAULT_DENY)).toBe(true);
  });
});

describe('LINT_RULES', () => {
  test('can list the public codes with their severities', () => {
    expect(LINT_RULES.map(r => [r.code, r.severity]).sort()).toEqual([
      ['NP_EGRESS_WITHOUT_DNS', 'warning'],
      ['NP_NAMESPACE_LABEL_UNSET', 'warning'],
      ['NP_NAMESPACE_WITHOUT_DEFAULT_DENY', 'warning'],
      ['NP_POD_NOT_ISOLATED', 'info'],
      ['NP_RULES_OUTSIDE_POLICY_TYPES', 'error'],
      ['NP_SELECTOR_MATCHES_NOTHING', 'warning'],
      ['NP_SEPARATE_PEERS_LIKELY_AND', 'warning'],
      ['NP_SERVICE_PORT_NOT_CONTAINER_PORT', 'warning'],
    ]);
  });

  test('can document each rule in one line', () => {
    for (const r of LINT_RULES) {
      expect(r.title).toMatch(/^[^\n]+$/);
      expect(r.why).toMatch(/^[^\n]+$/);
      expect(Object.values(LintCode)).toContain(r.code);
    }
  });
});
