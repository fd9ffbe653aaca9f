import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { COREDNS, brief, cilium, cluster, defaultDeny, deployment, gnp, netpol, ns, service } from './fixtures';
import { ENGINE_NAMES } from '../../../lib/analyzer/evaluators';
import { LINT_RULES, LintCode, LintRule, lintRulesFor, runLintRules, runLints } from '../../../lib/analyzer/lints';
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

// kube-system is the platform's: neither NP_NAMESPACE_WITHOUT_DEFAULT_DENY nor NP_POD_NOT_ISOLATED speaks of it.
const EXPECTED = [
  { code: 'NP_RULES_OUTSIDE_POLICY_TYPES', severity: 'error', subject: 'NetworkPolicy prod/web' },
  { code: 'NP_EGRESS_WITHOUT_DNS', severity: 'warning', subject: 'prod/Deployment/db' },
  { code: 'NP_EGRESS_WITHOUT_DNS', severity: 'warning', subject: 'prod/Deployment/web' },
  { code: 'NP_NAMESPACE_LABEL_UNSET', severity: 'warning', subject: 'NetworkPolicy prod/web' },
  { code: 'NP_NAMESPACE_WITHOUT_DEFAULT_DENY', severity: 'warning', subject: 'Namespace prod' },
  { code: 'NP_SELECTOR_MATCHES_NOTHING', severity: 'warning', subject: 'NetworkPolicy prod/typo' },
  { code: 'NP_SELECTOR_MATCHES_NOTHING', severity: 'warning', subject: 'NetworkPolicy prod/web' },
  { code: 'NP_SEPARATE_PEERS_LIKELY_AND', severity: 'warning', subject: 'NetworkPolicy prod/web' },
  { code: 'NP_SERVICE_PORT_NOT_CONTAINER_PORT', severity: 'warning', subject: 'NetworkPolicy prod/web' },
  { code: 'NP_SERVICE_PORT_NOT_CONTAINER_PORT', severity: 'warning', subject: 'NetworkPolicy prod/web' },
];

function throwing(code: string): LintRule {
  return {
    code,
    severity: 'warning',
    title: 'throws',
    why: 'test',
    engines: ['kubernetes'],
    check: () => {
      throw new Error('selector is broken\nat line 2');
    },
  };
}

describe('runLints', () => {
  test('can run every rule and sort by severity, code, subject', () => {
    expect(brief(runLints(messyCluster()))).toEqual(EXPECTED);
  });

  test('can give every finding a one-line message, fix and why; the message ends with the fix', () => {
    for (const f of runLints(messyCluster())) {
      expect(f.message).toMatch(/^[^\n]+$/);
      expect(f.why).toMatch(/^[^\n]+$/);
      expect(f.fix).toMatch(/^[^\n]+$/);
      expect(f.message.endsWith(`; ${f.fix}`)).toBe(true);
      expect(f.acknowledged).toBeUndefined();
    }
  });

  test('can name the field of each finding about a policy, as a path from the manifest\'s root', () => {
    const fields = runLints(messyCluster()).filter(f => f.subject.startsWith('NetworkPolicy ')).map(f => f.field);
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) expect(field).toMatch(/^spec\.[a-zA-Z]+(\[\d+\])?/);
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
        { code: 'NP_NAMESPACE_WITHOUT_DEFAULT_DENY', subject: 'Namespace prod', reason: 'isolated by the mesh' },
        { code: 'NP_POD_NOT_ISOLATED', subject: 'prod/Deployment/other', reason: 'matches nothing' },
      ],
    });
    expect(findings.filter(f => f.acknowledged !== undefined).map(f => [f.code, f.subject, f.acknowledged])).toEqual([
      ['NP_EGRESS_WITHOUT_DNS', 'prod/Deployment/db', 'everyone'],
      ['NP_EGRESS_WITHOUT_DNS', 'prod/Deployment/web', 'web uses IPs only'],
      ['NP_NAMESPACE_WITHOUT_DEFAULT_DENY', 'Namespace prod', 'isolated by the mesh'],
    ]);
  });

  test('cannot treat a throwing rule as passing: it is reported as LINT_RULE_FAILED', () => {
    // GIVEN
    const rules = [...lintRulesFor('kubernetes'), throwing('NP_TEST_THROWS')];
    // WHEN
    const findings = runLintRules(rules, messyCluster(), { engine: 'kubernetes' });
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

describe('runLints with an engine', () => {
  /** A Calico cluster deny without order and with a blanket Allow, and a CiliumNetworkPolicy with an empty rule. */
  function mixed(): Cluster {
    return cluster({
      namespaces: [ns('prod')],
      endpoints: [deployment('prod', 'web', { app: 'web' })],
      policies: [
        defaultDeny('prod', 'Ingress', 'Egress'),
        gnp('deny', {
          selector: 'all()',
          namespaceSelector: "kubernetes.io/metadata.name != 'kube-system'",
          types: ['Ingress'],
          ingress: [{ action: 'Allow', protocol: 'TCP' }],
        }),
        cilium('prod', 'allow-all', { endpointSelector: {}, ingress: [{}] }),
      ],
    });
  }

  test('can run only the rules of the engine asked for (and the NetworkPolicy rules, under every engine)', () => {
    const codes = (engine: any) => [...new Set(runLints(mixed(), { engine }).map(f => f.code))].filter(c => !c.startsWith('NP_')).sort();
    expect(codes('calico')).toEqual(['CALICO_ALLOW_REOPENS_ISOLATION', 'CALICO_POLICY_WITHOUT_ORDER']);
    expect(codes('calico-crd')).toEqual(['CALICO_ALLOW_REOPENS_ISOLATION', 'CALICO_POLICY_WITHOUT_ORDER']);
    expect(codes('cilium')).toEqual(['CILIUM_EMPTY_RULE_DENIES']);
    expect(codes('kubernetes')).toEqual([]);
    expect(codes('cluster-network-policy')).toEqual([]);
    expect(runLints(mixed(), { engine: 'kubernetes' }).map(f => f.code)).toContain('NP_EGRESS_WITHOUT_DNS');
  });

  test('can detect the engine from the policy kinds, and refuses to guess between Calico and Cilium', () => {
    const calicoOnly = { ...mixed(), policies: mixed().policies.filter(p => p.apiVersion !== 'cilium.io/v2') };
    expect(runLints(calicoOnly).map(f => f.code)).toContain('CALICO_POLICY_WITHOUT_ORDER');
    expect(() => runLints(mixed())).toThrow(/both Calico and Cilium/);
  });
});

describe('LINT_RULES', () => {
  test('can list the public codes with their severities and engines', () => {
    const every = [...ENGINE_NAMES];
    const calico = ['calico', 'calico-crd'];
    const admin = ['kubernetes', 'cluster-network-policy', 'calico', 'calico-crd'];
    expect(LINT_RULES.map(r => [r.code, r.severity, [...r.engines]]).sort()).toEqual([
      ['ADMIN_DENY_CUTS_DNS', 'error', admin],
      ['ADMIN_PASS_UNDECIDED', 'warning', admin],
      ['CALICO_ALLOW_REOPENS_ISOLATION', 'error', calico],
      ['CALICO_CRD_WITHOUT_TYPES', 'warning', calico],
      ['CALICO_GLOBAL_DENY_CUTS_DNS', 'error', calico],
      ['CALICO_HTTP_MATCH_UNSUPPORTED', 'warning', calico],
      ['CALICO_POLICY_WITHOUT_ORDER', 'warning', calico],
      ['CALICO_SELECTOR_LABEL_UNSET', 'warning', calico],
      ['CILIUM_CIDR_COVERS_PODS', 'warning', ['cilium']],
      ['CILIUM_CLUSTERWIDE_L7', 'error', ['cilium']],
      ['CILIUM_DENY_ONLY_DEFAULT_DENY', 'warning', ['cilium']],
      ['CILIUM_EMPTY_RULE_DENIES', 'warning', ['cilium']],
      ['CILIUM_FQDN_WITHOUT_DNS_RULE', 'error', ['cilium']],
      ['KIND_NOT_MODELLED', 'warning', every],
      ['NP_EGRESS_WITHOUT_DNS', 'warning', every],
      ['NP_NAMESPACE_LABEL_UNSET', 'warning', every],
      ['NP_NAMESPACE_WITHOUT_DEFAULT_DENY', 'warning', every],
      ['NP_PEER_NOT_IN_MODEL', 'info', every],
      ['NP_POD_NOT_ISOLATED', 'info', every],
      ['NP_RULES_OUTSIDE_POLICY_TYPES', 'error', every],
      ['NP_SELECTOR_MATCHES_NOTHING', 'warning', every],
      ['NP_SEPARATE_PEERS_LIKELY_AND', 'warning', every],
      ['NP_SERVICE_PORT_NOT_CONTAINER_PORT', 'warning', every],
    ]);
  });

  test('can document each rule in one line', () => {
    for (const r of LINT_RULES) {
      expect(r.title).toMatch(/^[^\n]+$/);
      expect(r.why).toMatch(/^[^\n]+$/);
      expect(Object.values(LintCode)).toContain(r.code);
      expect(r.engines.length).toBeGreaterThan(0);
    }
  });

  test('can cite, in each rule\'s file, the documented semantics it checks', () => {
    const dir = path.join(__dirname, '..', '..', '..', 'lib', 'analyzer', 'lints');
    // One rule per file, in the folder of the engine whose policies it reads, or at the top for every engine.
    const ruleFiles = (fs.readdirSync(dir, { recursive: true }) as string[]).filter(f => f.endsWith('.ts'))
      .filter(f => fs.readFileSync(path.join(dir, f), 'utf8').includes(': LintRule = '));
    expect(ruleFiles).toHaveLength(LINT_RULES.length);
    for (const f of ruleFiles) expect(`${f}: ${fs.readFileSync(path.join(dir, f), 'utf8')}`).toMatch(/\/\/ Source: /);
  });
});
