import { CALICO_DNS_EGRESS, COREDNS, cilium, cluster, clusterNetworkPolicy, defaultDeny, deployment, gnp, located, netpol, ns } from './fixtures';
import { LintCode } from '../../../lib/analyzer/lints';
import { npEgressWithoutDns } from '../../../lib/analyzer/lints/kubernetes/egress-without-dns';
import { npNamespaceLabelUnset } from '../../../lib/analyzer/lints/kubernetes/namespace-label-unset';
import { npNamespaceWithoutDefaultDeny } from '../../../lib/analyzer/lints/kubernetes/namespace-without-default-deny';
import { npPeerNotInModel } from '../../../lib/analyzer/lints/kubernetes/peer-not-in-model';
import { npPodNotIsolated } from '../../../lib/analyzer/lints/kubernetes/pod-not-isolated';
import { npSelectorMatchesNothing } from '../../../lib/analyzer/lints/kubernetes/selector-matches-nothing';
import { SYSTEM_NAMESPACES } from '../../../lib/analyzer/lints/system-namespaces';
import { ClusterDefaultDeny } from '../../../lib/constructs/cluster-default-deny';

const APP_1 = deployment('org-1', 'app', { app: 'app' });
const APP_2 = deployment('org-2', 'app', { app: 'app' });
const NAMESPACES = [ns('org-1'), ns('org-2'), ns('kube-system')];
const EXEMPT = "kubernetes.io/metadata.name not in {'kube-system'}";

/** The library's AllowDns, as rendered for the kubernetes engine. */
const ALLOW_DNS = netpol('org-1', 'allow-dns', {
  podSelector: {},
  policyTypes: ['Egress'],
  egress: [{
    to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
    ports: [{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }],
  }],
});

describe('SYSTEM_NAMESPACES', () => {
  test('can list the same namespaces as ClusterDefaultDeny.SYSTEM_NAMESPACES (a copy: the analyzer may not import constructs)', () => {
    expect(SYSTEM_NAMESPACES).toEqual(ClusterDefaultDeny.SYSTEM_NAMESPACES);
  });
});

describe('NP_NAMESPACE_WITHOUT_DEFAULT_DENY across engines', () => {
  test('cannot tell kube-system (or another system namespace) to add a default deny', () => {
    const c = cluster({ endpoints: [COREDNS, deployment('calico-system', 'typha', { app: 'typha' })] });
    expect(npNamespaceWithoutDefaultDeny.check(c, { engine: 'kubernetes' })).toEqual([]);
  });

  test('cannot advise a default deny a Calico GlobalNetworkPolicy already gives, and still can where its blanket Allow leaves ingress open', () => {
    const deny = gnp('deny', { namespaceSelector: EXEMPT, order: 2000, selector: 'all()', types: ['Ingress', 'Egress'], egress: CALICO_DNS_EGRESS });
    const c = cluster({ namespaces: NAMESPACES, endpoints: [APP_1, APP_2], policies: [deny] });
    expect(npNamespaceWithoutDefaultDeny.check(c, { engine: 'calico' })).toEqual([]);
    const leaky = gnp('deny', { namespaceSelector: EXEMPT, selector: 'all()', types: ['Ingress', 'Egress'], ingress: [{ action: 'Allow', protocol: 'TCP' }] });
    const findings = npNamespaceWithoutDefaultDeny.check(cluster({ namespaces: NAMESPACES, endpoints: [APP_1], policies: [leaky] }), { engine: 'calico' });
    expect(located(findings)).toEqual([{ code: LintCode.NP_NAMESPACE_WITHOUT_DEFAULT_DENY, severity: 'warning', subject: 'Namespace org-1' }]);
    expect(findings[0].message).toContain('for ingress');
  });

  test('cannot advise a default deny a CiliumClusterwideNetworkPolicy or a baseline ClusterNetworkPolicy already gives', () => {
    const ccnp = cilium(undefined, 'deny', { endpointSelector: {}, enableDefaultDeny: { ingress: true, egress: true }, ingress: [{}], egress: [{}] });
    expect(npNamespaceWithoutDefaultDeny.check(cluster({ namespaces: NAMESPACES, endpoints: [APP_1], policies: [ccnp] }), { engine: 'cilium' })).toEqual([]);
    const baseline = clusterNetworkPolicy('deny', {
      tier: 'Baseline',
      priority: 1000,
      subject: { namespaces: {} },
      ingress: [{ name: 'pods', action: 'Deny', from: [{ namespaces: {} }] }],
      egress: [{ name: 'pods', action: 'Deny', to: [{ namespaces: {} }, { networks: ['0.0.0.0/0', '::/0'] }] }],
    });
    expect(npNamespaceWithoutDefaultDeny.check(cluster({ namespaces: NAMESPACES, endpoints: [APP_1], policies: [baseline] }), { engine: 'cluster-network-policy' })).toEqual([]);
  });

  test('can still advise it under an engine that ignores the other kind (a Calico policy under cilium)', () => {
    const deny = gnp('deny', { namespaceSelector: EXEMPT, order: 2000, selector: 'all()', types: ['Ingress', 'Egress'] });
    const findings = npNamespaceWithoutDefaultDeny.check(cluster({ namespaces: NAMESPACES, endpoints: [APP_1], policies: [deny] }), { engine: 'cilium' });
    expect(located(findings).map(f => f.subject)).toEqual(['Namespace org-1', 'Namespace org-1']);
  });
});

describe('NP_POD_NOT_ISOLATED across engines', () => {
  test('cannot report pods of system namespaces, nor pods a cluster-wide policy isolates', () => {
    const deny = gnp('deny', { namespaceSelector: EXEMPT, order: 2000, selector: 'all()', types: ['Ingress'] });
    const c = cluster({ namespaces: NAMESPACES, endpoints: [APP_1, COREDNS], policies: [deny] });
    expect(npPodNotIsolated.check(c, { engine: 'calico' })).toEqual([]);
    expect(located(npPodNotIsolated.check(c, { engine: 'kubernetes' }))).toEqual([
      { code: LintCode.NP_POD_NOT_ISOLATED, severity: 'info', subject: 'org-1/Deployment/app' },
    ]);
  });
});

describe('NP_EGRESS_WITHOUT_DNS across engines', () => {
  test('cannot report DNS a cluster policy of the engine allows after the namespace\'s default deny', () => {
    const dns = gnp('dns', { selector: 'all()', order: 2000, types: ['Egress'], egress: CALICO_DNS_EGRESS });
    const c = cluster({ namespaces: NAMESPACES, endpoints: [APP_1, COREDNS], policies: [defaultDeny('org-1', 'Egress'), dns] });
    expect(npEgressWithoutDns.check(c, { engine: 'calico' })).toEqual([]);
    expect(located(npEgressWithoutDns.check(c, { engine: 'kubernetes' }))).toEqual([
      { code: LintCode.NP_EGRESS_WITHOUT_DNS, severity: 'warning', subject: 'org-1/Deployment/app' },
    ]);
  });
});

describe('NP_PEER_NOT_IN_MODEL', () => {
  test('can report, as info, the library\'s DNS policy when CoreDNS is not among the manifests: not NP_SELECTOR_MATCHES_NOTHING', () => {
    const c = cluster({ namespaces: [ns('org-1')], endpoints: [APP_1], policies: [defaultDeny('org-1', 'Ingress', 'Egress'), ALLOW_DNS] });
    expect(located(npPeerNotInModel.check(c))).toEqual([
      { code: LintCode.NP_PEER_NOT_IN_MODEL, severity: 'info', subject: 'NetworkPolicy org-1/allow-dns', field: 'spec.egress[0].to[0]' },
    ]);
    expect(npSelectorMatchesNothing.check(c)).toEqual([]);
    expect(npNamespaceLabelUnset.check(c)).toEqual([]);
  });

  test('cannot report the DNS peer when CoreDNS is in the model', () => {
    expect(npPeerNotInModel.check(cluster({ endpoints: [APP_1, COREDNS], policies: [ALLOW_DNS] }))).toEqual([]);
  });

  test('does not apply to other peers (a typo stays NP_SELECTOR_MATCHES_NOTHING), nor without endpoints', () => {
    const typo = netpol('org-1', 'typo', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'ap' } } }] }] });
    const c = cluster({ endpoints: [APP_1], policies: [typo] });
    expect(npPeerNotInModel.check(c)).toEqual([]);
    expect(located(npSelectorMatchesNothing.check(c))).toEqual([
      { code: LintCode.NP_SELECTOR_MATCHES_NOTHING, severity: 'warning', subject: 'NetworkPolicy org-1/typo', field: 'spec.egress[0].to[0].podSelector' },
    ]);
    expect(npPeerNotInModel.check(cluster({ policies: [ALLOW_DNS] }))).toEqual([]);
  });
});
