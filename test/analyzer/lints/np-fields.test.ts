import { COREDNS, cluster, defaultDeny, deployment, gnp, located, netpol, ns, service } from './fixtures';
import { LintCode, LintRule } from '../../../lib/analyzer/lints';
import { npEgressWithoutDns } from '../../../lib/analyzer/lints/kubernetes/egress-without-dns';
import { npNamespaceLabelUnset } from '../../../lib/analyzer/lints/kubernetes/namespace-label-unset';
import { npNamespaceWithoutDefaultDeny } from '../../../lib/analyzer/lints/kubernetes/namespace-without-default-deny';
import { npPodNotIsolated } from '../../../lib/analyzer/lints/kubernetes/pod-not-isolated';
import { npRulesOutsidePolicyTypes } from '../../../lib/analyzer/lints/kubernetes/rules-outside-policy-types';
import { npSelectorMatchesNothing } from '../../../lib/analyzer/lints/kubernetes/selector-matches-nothing';
import { npSeparatePeersLikelyAnd } from '../../../lib/analyzer/lints/kubernetes/separate-peers-likely-and';
import { npServicePortNotContainerPort } from '../../../lib/analyzer/lints/kubernetes/service-port-not-container-port';
import { Cluster } from '../../../lib/analyzer/types';

// The NetworkPolicy rules name the field of each finding (absent when the finding is about a whole Namespace or
// endpoint), and do not apply to a cluster whose only policy is of another kind.

const WEB = deployment('prod', 'web', { app: 'web' }, [{ port: 8080, protocol: 'TCP' }]);
const NAMESPACES = [ns('prod')];

const CASES: Array<[LintRule, Cluster, { code: string; severity: string; subject: string; field?: string }]> = [
  [npRulesOutsidePolicyTypes,
    cluster({ endpoints: [WEB], policies: [netpol('prod', 'web', { podSelector: {}, policyTypes: ['Ingress'], egress: [{}] })] }),
    { code: LintCode.NP_RULES_OUTSIDE_POLICY_TYPES, severity: 'error', subject: 'NetworkPolicy prod/web', field: 'spec.egress' }],
  [npEgressWithoutDns,
    cluster({ endpoints: [WEB, COREDNS], policies: [defaultDeny('prod', 'Egress')] }),
    { code: LintCode.NP_EGRESS_WITHOUT_DNS, severity: 'warning', subject: 'prod/Deployment/web' }],
  [npNamespaceLabelUnset,
    cluster({ namespaces: NAMESPACES, policies: [netpol('prod', 'web', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { name: 'prod' } } }] }] })] }),
    { code: LintCode.NP_NAMESPACE_LABEL_UNSET, severity: 'warning', subject: 'NetworkPolicy prod/web', field: 'spec.ingress[0].from[0].namespaceSelector.matchLabels.name' }],
  [npSelectorMatchesNothing,
    cluster({ endpoints: [WEB], policies: [netpol('prod', 'web', { podSelector: { matchLabels: { app: 'wbe' } } })] }),
    { code: LintCode.NP_SELECTOR_MATCHES_NOTHING, severity: 'warning', subject: 'NetworkPolicy prod/web', field: 'spec.podSelector' }],
  [npSeparatePeersLikelyAnd,
    cluster({ policies: [netpol('prod', 'web', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }, { podSelector: { matchLabels: { app: 'lb' } } }] }] })] }),
    { code: LintCode.NP_SEPARATE_PEERS_LIKELY_AND, severity: 'warning', subject: 'NetworkPolicy prod/web', field: 'spec.ingress[0].from' }],
  [npServicePortNotContainerPort,
    cluster({
      endpoints: [WEB],
      services: [service('prod', 'web', { app: 'web' }, [{ port: 80, targetPort: 8080, protocol: 'TCP' }])],
      policies: [netpol('prod', 'web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 80 }] }] })],
    }),
    { code: LintCode.NP_SERVICE_PORT_NOT_CONTAINER_PORT, severity: 'warning', subject: 'NetworkPolicy prod/web', field: 'spec.ingress[0].ports[0]' }],
  [npNamespaceWithoutDefaultDeny,
    cluster({ endpoints: [WEB], policies: [defaultDeny('prod', 'Ingress')] }),
    { code: LintCode.NP_NAMESPACE_WITHOUT_DEFAULT_DENY, severity: 'warning', subject: 'Namespace prod' }],
  [npPodNotIsolated,
    cluster({ endpoints: [WEB] }),
    { code: LintCode.NP_POD_NOT_ISOLATED, severity: 'info', subject: 'prod/Deployment/web' }],
];

describe('NetworkPolicy rules: fields', () => {
  test.each(CASES.map(([rule, c, expected]) => [rule.code, rule, c, expected] as const))('%s names the field of its finding', (_code, rule, c, expected) => {
    expect(located(rule.check(c, { engine: 'kubernetes' }))).toEqual([expected]);
  });

  test.each(CASES.filter(([rule]) => ![LintCode.NP_NAMESPACE_WITHOUT_DEFAULT_DENY, LintCode.NP_POD_NOT_ISOLATED].includes(rule.code as any))
    .map(([rule]) => [rule.code, rule] as const))('%s does not apply to a Calico policy', (_code, rule) => {
    const c = cluster({ namespaces: NAMESPACES, endpoints: [WEB, COREDNS], policies: [gnp('deny', { selector: "name == 'x'", types: ['Ingress'] })] });
    expect(rule.check(c, { engine: 'calico' })).toEqual([]);
  });
});
