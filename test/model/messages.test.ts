import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { ErrorCode, NetpolErrors, Problem } from '../../lib/model';
import * as messages from '../../lib/model/messages';

const ERRORS_SOURCE = path.join(__dirname, '..', '..', 'lib', 'model', 'errors.ts');

/** `CIDR_MALFORMED` -> `cidrMalformed`: the factory named after a code. */
function factoryName(code: string): string {
  return code.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

// One call of every factory, with the code it must build (hand-written) and the field it is given.
const SAMPLES: ReadonlyArray<[code: string, factory: string, args: unknown[]]> = [
  ['CIDR_MALFORMED', 'cidrMalformed', ['cidr', '10.0.0.300/32', 'not-an-address']],
  ['CIDR_MISSING_MASK', 'cidrMissingMask', ['cidr', '10.1.2.3', '10.1.2.3', 32]],
  ['CIDR_INVALID_MASK', 'cidrInvalidMask', ['cidr', '10.0.0.0/40', '10.0.0.0', 32, 'IPv4']],
  ['CIDR_HOST_BITS_SET', 'cidrHostBitsSet', ['cidr', '10.0.0.1/8', '10.0.0.1', '10.0.0.0', 8, 32]],
  ['CIDR_FAMILY_MIX', 'cidrFamilyMix', ['exceptCidrs[0]', 'fd00::/8', 'IPv6', '0.0.0.0/0', 'IPv4']],
  ['EXCEPT_NOT_INSIDE_CIDR', 'exceptNotInsideCidr', ['exceptCidrs[0]', '192.168.0.0/16', '10.0.0.0/8', 'outside']],
  ['PORT_OUT_OF_RANGE', 'portOutOfRange', ['port', 70000]],
  ['PORT_NOT_INTEGER', 'portNotInteger', ['port', 80.5]],
  ['END_PORT_BELOW_PORT', 'endPortBelowPort', ['endPort', 'tcp/9000-8000', 9000, 8000, 'TCP']],
  ['END_PORT_WITH_NAMED_PORT', 'endPortWithNamedPort', ['endPort', 'tcp/http', 'named']],
  ['PORT_NAME_INVALID', 'portNameInvalid', ['name', 'a--b', 'double-dash']],
  ['PORT_AMBIGUOUS', 'portAmbiguous', ['', 'tcp/80', 'number-and-name']],
  ['LABEL_KEY_INVALID', 'labelKeyInvalid', ['key', 'a/b/c', 'slashes']],
  ['LABEL_VALUE_INVALID', 'labelValueInvalid', ['value', 'web server']],
  ['SELECTOR_EXPRESSION_INVALID', 'selectorExpressionInvalid', ['values', 'tier in ()', 'In', 'tier']],
  ['SELECTOR_EXPRESSION_INVALID', 'calicoExpressionWithLabels', ['calicoExpression', 'has(a),b=c']],
  ['SELECTOR_EXPRESSION_INVALID', 'calicoExpressionInvalid', ['calicoExpression', 'has((', 'unexpected "("']],
  ['SELECTOR_EMPTY', 'selectorEmpty', ['podSelector']],
  ['NAME_INVALID', 'nameInvalid', ['name', 'Web_Ingress', 'web-ingress']],
  ['NAMESPACE_NAME_INVALID', 'namespaceNameInvalid', ['namespaceName', 'Prod', 'prod']],
  ['NAMESPACE_REQUIRED', 'namespaceRequired', ['', 'namespaceName', false]],
  ['NAMESPACE_CONFLICT', 'namespaceConflict', ['', 'b', 'a']],
  ['NAMESPACE_DUPLICATE', 'namespaceDuplicate', ['namespaces[1]', 'a', 0]],
  ['POLICY_NAME_COLLISION', 'policyNameCollision', ['', 'prod/x', 'NetworkPolicy', 'x', 'prod', 'c/A']],
  ['RULE_WITHOUT_PEERS', 'ruleWithoutPeers', ['peers', 'rule']],
  ['RULE_WITHOUT_PORTS', 'ruleWithoutPorts', ['ports']],
  ['RULE_ACTION_UNKNOWN', 'ruleActionUnknown', ['', 'Deny', 'AllowFrom', 'Allow', 'DenyFrom', ['AllowFrom', 'DenyFrom', 'PassFrom']]],
  ['RULES_WITHOUT_ISOLATION', 'rulesWithoutIsolation', ['egress', 'Allow anywhere on tcp/443']],
  ['POLICY_WITHOUT_DIRECTION', 'policyWithoutDirection', ['', 'p', 'policy']],
  ['HTTP_MATCH_INVALID', 'httpMatchInvalid', ['path', '(', 'path-regex']],
  ['HTTP_MATCH_INVALID', 'httpMatchMethodInvalid', ['method', 'FOO', ['GET', 'POST']]],
  ['HTTP_RULE_INVALID', 'httpRuleInvalid', ['http', 'Deny anywhere on tcp/80', 'Deny']],
  ['HTTP_RULE_INVALID', 'httpRuleWithoutTcp', ['http', 'Allow anywhere on udp/53', ['udp/53']]],
  ['FQDN_INVALID', 'fqdnInvalid', ['fqdn', 'bad_name', false]],
  ['FQDN_IN_INGRESS', 'fqdnInIngress', ['ingress[0].peers', 'fqdn(api.example.com)']],
  ['PRIORITY_INVALID', 'priorityInvalid', ['priority', '-1']],
  ['TIER_INVALID', 'tierInvalid', ['tier', 'Bad_Tier', 'bad-tier']],
  ['SCOPE_AMBIGUOUS', 'scopeAmbiguous', ['namespaceName', '', 'neither']],
  ['NAMESPACES_REQUIRED', 'namespacesRequired', ['namespaces', 'kubernetes']],
  ['NAMESPACES_REQUIRED', 'azureNamespacesRequired', ['namespaces']],
  ['NAMESPACES_IGNORED', 'namespacesIgnored', ['', 'a,b', 'calico']],
  ['NAMESPACES_IGNORED', 'aksNamespacesIgnored', ['namespaces', 'a', 'calico']],
  ['ENGINE_MISMATCH', 'engineMismatch', ['', 'cilium', ['calico', 'calico-crd']]],
  ['ENGINE_UNKNOWN', 'engineUnknown', ['', 'nope', ['kubernetes', 'calico']]],
  ['ENGINE_UNKNOWN', 'engineNotAnEngine', ['', 'calico']],
  ['ENGINE_UNKNOWN', 'engineContextUnknown', ['', 'nope', 'cdk-netpol:engine', ['kubernetes']]],
  ['ENGINE_UNKNOWN', 'aksNetworkPolicyUnknown', ['', 'x', ['azure', 'calico', 'cilium']]],
  ['DEFAULT_ENGINE_TOO_LATE', 'defaultEngineTooLate', ['', 'A', 'CALICO']],
  ['ENGINE_NO_DENY', 'engineNoDeny', ['ingress[0]', 'Deny anywhere on tcp/80', 'kubernetes']],
  ['ENGINE_NO_PASS', 'engineNoPass', ['ingress[0]', 'Pass anywhere on tcp/80', 'cilium']],
  ['ENGINE_NO_LOG', 'engineNoLog', ['ingress[0]', 'Log anywhere on tcp/80', 'cilium']],
  ['ENGINE_NO_ORDER', 'engineNoOrder', ['priority', '5', 'kubernetes', 'policy']],
  ['ENGINE_NO_TIERS', 'engineNoTiers', ['tier', 'security', 'calico-crd']],
  ['ENGINE_NO_CLUSTER_SCOPE', 'engineNoClusterScope', ['namespaceSelector', '{}', 'kubernetes']],
  ['ENGINE_NO_FQDN', 'engineNoFqdn', ['egress[0].peers[0]', 'fqdn(api.example.com)', 'calico']],
  ['ENGINE_NO_L7', 'engineNoL7', ['ingress[0].http', 'Allow anywhere on tcp/80 http GET *', 'calico', false]],
  ['ENGINE_NO_SELECTOR_EXPRESSION', 'engineNoSelectorExpression', ['subject', 'has(team)', 'cilium']],
  ['ENGINE_NO_SERVICE_ACCOUNTS', 'engineNoServiceAccounts', ['ingress[0].peers[0]', 'serviceAccounts(a)', 'kubernetes']],
  ['ENGINE_NO_ENTITIES', 'engineNoEntities', ['egress[0].peers[0]', 'entity(world)', 'calico']],
  ['WORKLOAD_WITHOUT_SELECTOR', 'workloadWithoutSelector', ['', 'c/Web', 'the Deployment has no pod labels or selector']],
  ['CALICO_PEER_NAMESPACE_REQUIRED', 'calicoPeerNamespaceRequired', ['ingress[0].peers[0]', 'pods(app=api)']],
  ['CALICO_POLICY_NAME_INVALID', 'calicoPolicyNameInvalid', ['name', 'a.b.c']],
  ['CALICO_RULES_WITHOUT_ISOLATION', 'calicoRulesWithoutIsolation', ['ingress', 'Deny pods(app=a) on tcp/80']],
  ['CALICO_SELECTOR_UNQUOTABLE', 'calicoSelectorUnquotable', ['matchLabels["a"]', 'x\'"y', 'value']],
  ['CALICO_CRD_MANAGED', 'calicoCrdManaged', ['', 'crd.projectcalico.org/v1']],
  ['CALICO_ORDER_AFTER_KUBERNETES', 'calicoOrderAfterKubernetes', ['priority', '(unset: last)', ['Deny'], 1000]],
  ['CALICO_TIER_NAME_PRE_V3_32', 'calicoTierNamePreV332', ['name', 'web', 'security']],
  ['CILIUM_PODS_PEER_NEEDS_NAMESPACE', 'ciliumPodsPeerNeedsNamespace', ['ingress[0].peers[0]', 'pods(app=web)']],
  ['CILIUM_DENY_FQDN', 'ciliumDenyFqdn', ['egress[0].peers[0]', 'fqdn(evil.example.com)']],
  ['CILIUM_L7_ALL_PORTS', 'ciliumL7AllPorts', ['ingress[0].ports', 'tcp/*']],
  ['CILIUM_CIDR_NOT_PODS', 'ciliumCidrNotPods', ['egress[0].peers[0]', 'ipBlock(10.1.0.0/16)', ['10.0.0.0/8']]],
  ['CILIUM_FQDN_DNS_RULE_ADDED', 'ciliumFqdnDnsRuleAdded', ['egress', 'DNS to kube-dns']],
  ['CILIUM_SCTP_BETA', 'ciliumSctpBeta', ['egress[0].ports', 'sctp/9000']],
  ['CILIUM_PORT_RANGE_NEEDS_1_16', 'ciliumPortRangeNeeds116', ['egress[0].ports', 'tcp/8000-9000', true]],
  ['CILIUM_DENY_WITHOUT_ISOLATION', 'ciliumDenyWithoutIsolation', ['ingress', 'Deny anywhere on tcp/80']],
  ['HOST_MISMATCH', 'hostMismatch', ['', 'apiObject']],
  ['HOST_DEPENDENCY_MISSING', 'hostDependencyMissing', ['', 'Cannot find module \'cdktf\'']],
  ['TERRAFORM_NAME_COLLISION', 'terraformNameCollision', ['', 'kubernetes_network_policy_v1.x', 'stack/A']],
  ['KUBE_SYSTEM_NOT_EXEMPT', 'kubeSystemNotExempt', ['exemptNamespaces', 'a', 'kube-system', 'the cluster DNS (CoreDNS)', 'ClusterDefaultDeny.SYSTEM_NAMESPACES']],
  ['KUBE_SYSTEM_NOT_EXEMPT', 'dnsNamespaceListed', ['namespaces[0]', 'kube-system', 'the cluster DNS (CoreDNS)']],
  ['KUBE_SYSTEM_NOT_EXEMPT', 'dnsNamespaceUnnamed', ['dnsPeer', 'pods(a=b)']],
  ['NAMESPACE_ISOLATED_AND_EXEMPT', 'namespaceIsolatedAndExempt', ['namespaces[0]', 'a']],
  ['NETWORK_POLICY_AMBIGUOUS', 'networkPolicyAmbiguous', ['', undefined, undefined, ['AksNetworkPolicy.AZURE']]],
  ['CLUSTER_NETWORK_POLICY_TIER_UNKNOWN', 'clusterNetworkPolicyTierUnknown', ['tier', 'security']],
  ['CLUSTER_NETWORK_POLICY_PRIORITY_OUT_OF_RANGE', 'clusterNetworkPolicyPriorityOutOfRange', ['priority', 2000, 1000]],
  ['CLUSTER_NETWORK_POLICY_PEER_NAMESPACE_REQUIRED', 'clusterNetworkPolicyPeerNamespaceRequired', ['ingress[0].peers[0]', 'pods(app=web)']],
  ['CLUSTER_NETWORK_POLICY_INGRESS_IP_BLOCK', 'clusterNetworkPolicyIngressIpBlock', ['ingress[0].peers[0]', 'ipBlock(10.0.0.0/8)']],
  ['CLUSTER_NETWORK_POLICY_NAMED_PORT_TO_NETWORKS', 'clusterNetworkPolicyNamedPortToNetworks', ['egress[0].ports', 'Allow anywhere on tcp/http']],
  ['CLUSTER_NETWORK_POLICY_TOO_MANY_ITEMS', 'clusterNetworkPolicyTooManyItems', ['ingress', 26, 25, 'ingress rules']],
  ['CLUSTER_NETWORK_POLICY_INGRESS_PODS_ONLY', 'clusterNetworkPolicyIngressPodsOnly', ['ingress', 'isolateIngress']],
  ['CLUSTER_NETWORK_POLICY_ISOLATION_NOT_ADDITIVE', 'clusterNetworkPolicyIsolationNotAdditive', ['ingress', 'Admin', 500, 1000]],
  ['CLUSTER_NETWORK_POLICY_BASELINE_AFTER_NETWORK_POLICIES', 'clusterNetworkPolicyBaselineAfterNetworkPolicies', ['egress', 'Allow anywhere on udp/53']],
  ['CLUSTER_NETWORK_POLICY_NAMED_PORT_ANY_PROTOCOL', 'clusterNetworkPolicyNamedPortAnyProtocol', ['ingress[0].ports', 'tcp/http']],
  ['ENGINE_NO_NAMESPACE_SCOPE', 'engineNoNamespaceScope', ['namespaceName', 'prod', 'cluster-network-policy']],
  ['ALLOW_BLOCKED', 'allowBlocked', ['peers[0]', 'pods(app=api)', 'prod/web -> prod/api 80/TCP', 'the ingress side', { by: 'deny', policy: 'deny-all' }]],
  ['EGRESS_WITHOUT_DNS', 'egressWithoutDns', ['subject', 'app=web', 'prod/web', ['kube-system/coredns'], 'prod']],
  ['APP_CHECK_SKIPPED', 'appCheckSkipped', ['', 'no Tier "security"', 'cdk-netpol:wholeAppCheck']],
  ['SUBJECT_SELECTS_NOTHING', 'subjectSelectsNothing', ['subject', 'app=wbe', 2, 'prod', 'prod/web, prod/api']],
  ['INTERNAL', 'internal', ['ingress', 'Deny anywhere on tcp/80', 'a deny rule reached the kubernetes renderer']],
];

type Factory = (...args: unknown[]) => Problem;
const factories = messages as unknown as Record<string, Factory>;

describe('ErrorCode', () => {
  test('every member has a doc comment', () => {
    const source = ts.createSourceFile(ERRORS_SOURCE, fs.readFileSync(ERRORS_SOURCE, 'utf8'), ts.ScriptTarget.Latest, true);
    const errorCode = source.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === 'ErrorCode')!;
    const members = errorCode.members.filter(ts.isPropertyDeclaration);
    const undocumented = members
      .filter(m => ts.getJSDocCommentsAndTags(m).map(d => ts.getTextOfJSDocComment((d as ts.JSDoc).comment) ?? '').join('').trim() === '')
      .map(m => m.name.getText(source));
    expect(members.length).toBe(Object.keys(ErrorCode).length);
    expect(undocumented).toEqual([]);
  });

  test('every member has a message factory named after it', () => {
    const missing = Object.keys(ErrorCode).filter(code => typeof factories[factoryName(code)] !== 'function');
    expect(missing).toEqual([]);
  });
});

describe('message factories', () => {
  test('the samples call every factory and build every code', () => {
    const exported = Object.entries(messages).filter(([, v]) => typeof v === 'function').map(([k]) => k).filter(k => k !== 'internalError');
    expect(new Set(SAMPLES.map(([, factory]) => factory))).toEqual(new Set(exported));
    expect(new Set(SAMPLES.map(([code]) => code))).toEqual(new Set(Object.keys(ErrorCode)));
  });

  test.each(SAMPLES.map(([code, factory, args]) => [factory, code, args] as const))('%s builds %s, with the field given, a message and a fix', (factory, code, args) => {
    const problem = factories[factory](...args);
    expect(problem.code).toBe(code);
    expect(problem.field).toBe(args[0]);
    expect(problem.message.length).toBeGreaterThan(10);
    expect(problem.fix.length).toBeGreaterThan(10);
  });
});

describe('internalError', () => {
  test('is a NetpolError coded INTERNAL that says it is a bug, at the path and field given', () => {
    const error = messages.internalError('policy prod/web', 'ingress', 'Deny anywhere on tcp/80', 'a deny rule reached the kubernetes renderer (ENGINE_NO_DENY)') as any;
    expect(NetpolErrors.codeOf(error)).toBe('INTERNAL');
    expect([error.path, error.field, error.value]).toEqual(['policy prod/web', 'ingress', 'Deny anywhere on tcp/80']);
    expect(error.message).toBe('[INTERNAL] policy prod/web: ingress: a bug in cdk-netpol: a deny rule reached the kubernetes renderer (ENGINE_NO_DENY) '
      + '(got "Deny anywhere on tcp/80"). Fix: report it to the cdk-netpol maintainers, with this message');
  });
});
