import { expectBadInput, expectGolden, runCli } from './harness';

/** The codes of a `--format json` run, in output order. */
function codesOf(stdout: string): string[] {
  return JSON.parse(stdout).findings.map((f: any) => f.code);
}

describe('lint: the mistakes that used to pass unflagged', () => {
  test('the AKS module\'s Calico cluster deny: its blanket Allow re-opens what org-1\'s NetworkPolicies isolate', async () => {
    // GIVEN org-1 isolated by Kubernetes NetworkPolicies, and the AKS Terraform module's GlobalNetworkPolicy (no order,
    // Allow TCP in) written to crd.projectcalico.org/v1. WHEN linted with the engine the kinds name (calico-crd)
    const result = await runCli(['lint', 'calico-aks-module']);
    // THEN
    expect(result.code).toBe(1);
    expectGolden('lint-calico-aks-module.txt', result.stdout);
    const json = await runCli(['lint', '--format', 'json', 'calico-aks-module']);
    expectGolden('lint-calico-aks-module.json', json.stdout);
    expect(JSON.parse(json.stdout).engine).toBe('calico-crd');
    expect(codesOf(json.stdout)).toEqual([
      'CALICO_ALLOW_REOPENS_ISOLATION', 'CALICO_POLICY_WITHOUT_ORDER', 'NP_NAMESPACE_WITHOUT_DEFAULT_DENY', 'NP_PEER_NOT_IN_MODEL',
    ]);
    expect(JSON.parse(json.stdout).findings[0]).toMatchObject({
      code: 'CALICO_ALLOW_REOPENS_ISOLATION', level: 'error', object: 'GlobalNetworkPolicy default-deny', field: 'spec.ingress[0]',
    });
    // org-2 is open to TCP through that Allow: its ingress is rightly still without a default deny, its egress is not.
    expect(JSON.parse(json.stdout).findings[2]).toMatchObject({ object: 'Namespace org-2', message: expect.stringContaining('for ingress') });
  });

  test('the `name == \'kube-system\'` exemption: no namespace carries `name`, so kube-system is isolated and CoreDNS cut off', async () => {
    const result = await runCli(['lint', 'calico-name-exempt']);
    expect(result.code).toBe(1);
    expectGolden('lint-calico-name-exempt.txt', result.stdout);
    const json = await runCli(['lint', '--format', 'json', 'calico-name-exempt']);
    expectGolden('lint-calico-name-exempt.json', json.stdout);
    // Not "add a default deny" to org-1 and org-2 (the global policy gives it), nor to kube-system.
    expect(codesOf(json.stdout)).toEqual([
      'CALICO_GLOBAL_DENY_CUTS_DNS', 'CALICO_GLOBAL_DENY_CUTS_DNS',
      'CALICO_SELECTOR_LABEL_UNSET', 'CALICO_SELECTOR_LABEL_UNSET', 'CALICO_SELECTOR_LABEL_UNSET',
    ]);
    expect(JSON.parse(json.stdout).findings.map((f: any) => [f.level, f.field])).toEqual([
      ['error', 'spec.namespaceSelector'],
      ['error', 'spec.egress'],
      ['warning', 'spec.egress[0].destination.namespaceSelector'],
      ['warning', 'spec.egress[1].destination.namespaceSelector'],
      ['warning', 'spec.namespaceSelector'],
    ]);
  });

  test('the library\'s own DNS policy without CoreDNS in the manifests: not in the model, not "matches nothing"', async () => {
    const result = await runCli(['lint', 'dns-without-coredns']);
    expect(result.code).toBe(0);
    expectGolden('lint-dns-without-coredns.txt', result.stdout);
    const json = await runCli(['lint', '--format', 'json', 'dns-without-coredns']);
    expectGolden('lint-dns-without-coredns.json', json.stdout);
    expect(codesOf(json.stdout)).toEqual(['NP_PEER_NOT_IN_MODEL']);
    expect(JSON.parse(json.stdout).findings[0]).toMatchObject({ level: 'info', object: 'NetworkPolicy prod/allow-dns', field: 'spec.egress[0].to[0]' });
  });
});

describe('lint --engine', () => {
  test.each([
    ['kubernetes', 'calico-aks-module', ['NP_NAMESPACE_WITHOUT_DEFAULT_DENY', 'NP_NAMESPACE_WITHOUT_DEFAULT_DENY', 'NP_PEER_NOT_IN_MODEL', 'NP_POD_NOT_ISOLATED']],
    ['calico', 'calico-aks-module', ['CALICO_ALLOW_REOPENS_ISOLATION', 'CALICO_POLICY_WITHOUT_ORDER', 'NP_NAMESPACE_WITHOUT_DEFAULT_DENY', 'NP_PEER_NOT_IN_MODEL']],
    ['calico-crd', 'calico-aks-module', ['CALICO_ALLOW_REOPENS_ISOLATION', 'CALICO_POLICY_WITHOUT_ORDER', 'NP_NAMESPACE_WITHOUT_DEFAULT_DENY', 'NP_PEER_NOT_IN_MODEL']],
    ['cilium', 'explain-cilium', ['NP_NAMESPACE_WITHOUT_DEFAULT_DENY', 'NP_NAMESPACE_WITHOUT_DEFAULT_DENY', 'NP_NAMESPACE_WITHOUT_DEFAULT_DENY',
      'NP_NAMESPACE_WITHOUT_DEFAULT_DENY', 'NP_POD_NOT_ISOLATED', 'NP_POD_NOT_ISOLATED']],
    ['cluster-network-policy', 'explain-cluster-network-policy', ['ADMIN_PASS_UNDECIDED', 'NP_NAMESPACE_WITHOUT_DEFAULT_DENY',
      'NP_NAMESPACE_WITHOUT_DEFAULT_DENY', 'NP_NAMESPACE_WITHOUT_DEFAULT_DENY']],
  ])('%s runs that engine\'s rules under its semantics (%s)', async (engine, fixture, codes) => {
    const result = await runCli(['lint', '--engine', engine, '--format', 'json', fixture]);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).engine).toBe(engine);
    expect(codesOf(result.stdout)).toEqual(codes);
  });

  test('cilium: its rules find an empty rule and a CIDR over the pods', async () => {
    const stdin = [
      'apiVersion: cilium.io/v2', 'kind: CiliumNetworkPolicy', 'metadata: {name: api, namespace: shop}',
      'spec:', '  endpointSelector: {matchLabels: {app: api}}', '  ingress: [{}]', '  egress: [{toCIDR: [10.0.0.0/8]}]',
    ].join('\n');
    const result = await runCli(['lint', '--format', 'json', '-'], { stdin });
    expect(JSON.parse(result.stdout).engine).toBe('cilium');
    expect(JSON.parse(result.stdout).findings.map((f: any) => [f.code, f.field])).toEqual([
      ['CILIUM_CIDR_COVERS_PODS', 'spec.egress[0]'],
      ['CILIUM_EMPTY_RULE_DENIES', 'spec.ingress[0]'],
    ]);
  });

  test('an acknowledgement still covers a finding, by code and object', async () => {
    const result = await runCli(['lint', 'calico-aks-module', '--ack', 'CALICO_ALLOW_REOPENS_ISOLATION=GlobalNetworkPolicy default-deny:replaced next sprint']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ERROR CALICO_ALLOW_REOPENS_ISOLATION GlobalNetworkPolicy default-deny: .+ \[acknowledged: replaced next sprint\]$/m);
  });

  test('bad input: an unknown engine', async () => {
    expectBadInput(await runCli(['lint', '--engine', 'istio', 'cluster']),
      /^cdk-netpol: --engine istio: unknown engine; use one of kubernetes, calico, calico-crd, cilium, cluster-network-policy\n$/);
  });

  test('bad input: Calico and Cilium policies together need --engine', async () => {
    const stdin = [
      'apiVersion: projectcalico.org/v3', 'kind: GlobalNetworkPolicy', 'metadata: {name: a}', 'spec: {selector: all(), types: [Ingress]}',
      '---', 'apiVersion: cilium.io/v2', 'kind: CiliumClusterwideNetworkPolicy', 'metadata: {name: b}', 'spec: {endpointSelector: {}, ingress: [{fromEntities: [cluster]}]}',
    ].join('\n');
    expectBadInput(await runCli(['lint', '-'], { stdin }), /both Calico and Cilium policies; choose the engine explicitly with --engine/);
    expect((await runCli(['lint', '--engine', 'calico', '-'], { stdin })).stderr).toBe('');
  });

  test('help lists the rules with their level and engines', async () => {
    const result = await runCli(['lint', '--help']);
    expect(result.stdout).toMatch(/CALICO_ALLOW_REOPENS_ISOLATION +error +calico, calico-crd/);
    expect(result.stdout).toMatch(/CILIUM_EMPTY_RULE_DENIES +warning +cilium/);
    expect(result.stdout).toMatch(/NP_PEER_NOT_IN_MODEL +info +every engine/);
    expect(result.stdout).toContain('--engine <engine>');
  });
});
