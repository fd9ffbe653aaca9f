import { API_CASES, np } from './api-cases';
import { ApiCode, ApiError, buildCluster, buildClusterWithApiFindings, LoaderWarning, parseManifests } from '../../../lib/analyzer/load';

// Each manifest below was read as something else before the API checks: "any port", "matches nothing",
// "selects every pod". The API server (with kubectl's strict field validation) refuses every one.

/** The ApiError reading `doc` throws. */
function refusal(doc: unknown): ApiError {
  try {
    buildCluster([doc]);
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError, but the object was accepted');
}

describe('API checks: objects the API server refuses are refused, with a code, the object, the field and the fix', () => {
  test.each(API_CASES)('%s', (_what, doc, code, text) => {
    const error = refusal(doc);
    expect(error.code).toBe(code);
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(new RegExp(`^<input>: document 1: \\[${code}\\] [A-Za-z]+`));
    expect(error.message).toContain(text);
    expect(error.message).toContain('. Fix: ');
  });

  test('a misspelt kind of a group the analyzer reads is refused, naming the group\'s kinds', () => {
    const error = refusal({ apiVersion: 'networking.k8s.io/v1', kind: 'Networkpolicy', metadata: { name: 'web', namespace: 'prod' }, spec: {} });
    expect(error.code).toBe(ApiCode.API_KIND_UNKNOWN);
    expect(error.message).toBe('<input>: document 1: [API_KIND_UNKNOWN] Networkpolicy prod/web: kind: "Networkpolicy" is not a kind of networking.k8s.io/v1 '
      + '(its kinds: ClusterCIDR, IPAddress, Ingress, IngressClass, NetworkPolicy, ServiceCIDR). Fix: did you mean NetworkPolicy? Kinds are case-sensitive');
  });

  test.each([
    ['cilium.io/v2', 'CiliumNetworkpolicy', 'CiliumNetworkPolicy'],
    ['projectcalico.org/v3', 'GlobalNetworkPolicies', 'GlobalNetworkPolicy'],
    ['apps/v1', 'Deploymnet', 'Deployment'],
    ['v1', 'pod', 'Pod'],
  ])('a near miss of a kind of an open group is refused too: %s %s', (apiVersion, kind, meant) => {
    const error = refusal({ apiVersion, kind, metadata: { name: 'x' } });
    expect(error.code).toBe(ApiCode.API_KIND_UNKNOWN);
    expect(error.message).toContain(`did you mean ${meant}?`);
  });

  test('other kinds of groups the analyzer reads, and every kind of other groups, are skipped without a word', () => {
    const cluster = buildCluster([
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { anything: true } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} },
      { apiVersion: 'projectcalico.org/v3', kind: 'GlobalAlert', metadata: { name: 'enterprise-kind' } },
      { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm' }, spec: { whatever: 1 } },
    ]);
    expect(cluster.policies).toEqual([]);
  });

  test('a field set to null is read as absent, as the API server prunes it', () => {
    expect(buildCluster([np({ podSelector: null, ingress: null, policyTypes: ['Ingress'] })]).policies).toHaveLength(1);
  });

  test('status is output, not input: it is never checked', () => {
    expect(buildCluster([{ ...np({}), status: { conditions: [{ anything: 1 }] } }]).policies).toHaveLength(1);
  });

  test('the message counts the further problems; the error holds them all', () => {
    const error = refusal(np({ podSelektor: {}, ingres: [], policyTypes: 'Ingress' }));
    expect(error.message).toMatch(/\(and 2 more problems\)$/);
    expect(error.problems.map(p => p.code)).toEqual([ApiCode.API_UNKNOWN_FIELD, ApiCode.API_UNKNOWN_FIELD, ApiCode.API_TYPE]);
  });

  test('the file and document of a parsed object are named', () => {
    const docs = parseManifests('apiVersion: v1\nkind: Namespace\nmetadata: {name: prod}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n'
      + 'metadata: {name: web, namespace: prod}\nspec: {egress: [{from: []}]}\n', 'policies.yaml');
    expect(() => buildCluster(docs)).toThrow(/^policies\.yaml: document 2: \[API_UNKNOWN_FIELD\] NetworkPolicy prod\/web: spec\.egress\[0\]\.from: /);
  });
});

describe('API checks, lenient: unknown fields dropped as an API server without strict validation would', () => {
  test('an unknown field is dropped, with one warning line per object', () => {
    const warnings: LoaderWarning[] = [];
    const cluster = buildCluster([np({ podSelektor: { matchLabels: { app: 'web' } }, egress: [{ from: [{ podSelector: {} }] }] })], { mode: 'lenient', onWarning: w => warnings.push(w) });
    // What a lenient server stores: every pod of prod selected, every egress allowed.
    expect(cluster.policies[0].spec).toEqual({ egress: [{}] });
    expect(warnings).toEqual([{
      source: '<input>',
      message: '<input>: document 1: NetworkPolicy prod/web: dropped unknown fields spec.podSelektor, spec.egress[0].from (read leniently, as an API server without strict field validation would)',
    }]);
  });

  test('the input object is not changed', () => {
    const doc = np({ podSelector: {}, colour: 'blue' });
    buildCluster([doc], { mode: 'lenient' });
    expect(doc.spec).toEqual({ podSelector: {}, colour: 'blue' });
  });

  test('a wrong type is still refused', () => {
    expect(() => buildCluster([np({ podSelector: {}, colour: 'blue', ingress: {} })], { mode: 'lenient' })).toThrow(/\[API_TYPE\] NetworkPolicy prod\/web: spec\.ingress: must be a list/);
  });

  test('what the dropped field leaves behind is checked again: a peer that held only a typo is empty, and refused', () => {
    expect(() => buildCluster([np({ ingress: [{ from: [{ podSelectr: {} }] }] })], { mode: 'lenient' })).toThrow(/\[API_PEER\] NetworkPolicy prod\/web: spec\.ingress\[0\]\.from\[0\]: must specify a peer/);
  });

  test('a valid object gets no warning', () => {
    const warnings: LoaderWarning[] = [];
    buildCluster([np({ podSelector: {} })], { mode: 'lenient', onWarning: w => warnings.push(w) });
    expect(warnings).toEqual([]);
  });
});

describe('API checks, report: what lint shows', () => {
  test('each problem is an error finding with its code; the refused object is left out; an unknown group is an info finding', () => {
    const { cluster, findings } = buildClusterWithApiFindings([
      np({ podSelector: {} }),
      { ...np({ podSelektor: {}, ingress: {} }), metadata: { name: 'bad', namespace: 'prod' } },
      { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm', namespace: 'prod' } },
    ]);
    expect(cluster.policies.map(p => p.name)).toEqual(['web']);
    expect(findings.map(f => [f.severity, f.code, f.subject])).toEqual([
      ['error', 'API_UNKNOWN_FIELD', 'NetworkPolicy prod/bad'],
      ['error', 'API_TYPE', 'NetworkPolicy prod/bad'],
      ['info', 'API_KIND_SKIPPED', 'ServiceMonitor prod/m'],
    ]);
    expect(findings[1].message).toBe('spec.ingress: must be a list, got a mapping. Fix: write it as a list: one "- " entry per item (<input>#2)');
    expect(findings[2].message).toBe('monitoring.coreos.com/v1 ServiceMonitor is skipped: the analyzer reads no kind of group monitoring.coreos.com (<input>#3)');
  });
});
