import { CALICO_DNS_EGRESS, COREDNS, calicoNetpol, cluster, defaultDeny, deployment, gnp, located, netpol, ns } from './fixtures';
import { LintCode, LintContext } from '../../../lib/analyzer/lints';
import { calicoAllowReopensIsolation } from '../../../lib/analyzer/lints/calico/allow-reopens-isolation';
import { calicoCrdWithoutTypes } from '../../../lib/analyzer/lints/calico/crd-without-types';
import { calicoGlobalDenyCutsDns } from '../../../lib/analyzer/lints/calico/global-deny-cuts-dns';
import { calicoHttpMatchUnsupported } from '../../../lib/analyzer/lints/calico/http-match-unsupported';
import { calicoPolicyWithoutOrder } from '../../../lib/analyzer/lints/calico/policy-without-order';
import { calicoSelectorLabelUnset } from '../../../lib/analyzer/lints/calico/selector-label-unset';

const CALICO: LintContext = { engine: 'calico' };
const CRD = 'crd.projectcalico.org/v1';
const WEB = deployment('org-1', 'web', { app: 'web' }, [{ port: 8080, protocol: 'TCP' }]);
const API = deployment('org-1', 'api', { app: 'api' }, [{ port: 8080, protocol: 'TCP' }]);
const OTHER = deployment('org-2', 'app', { app: 'app' }, [{ port: 8080, protocol: 'TCP' }]);
const NAMESPACES = [ns('org-1'), ns('org-2'), ns('kube-system')];

/** org-1 isolated by Kubernetes NetworkPolicies: default deny, DNS, web -> api on 8080. */
const ORG_1_POLICIES = [
  defaultDeny('org-1', 'Ingress', 'Egress'),
  netpol('org-1', 'allow-dns', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    }],
  }),
  netpol('org-1', 'web-to-api', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080 }] }] }),
];

/** The AKS Terraform module's cluster deny, in shape: no order, a blanket TCP Allow in, DNS out. */
function aksModuleDeny(extra: any = {}) {
  return gnp('default-deny', {
    selector: "projectcalico.org/namespace not in {'kube-system', 'calico-system', 'tigera-operator'}",
    types: ['Ingress', 'Egress'],
    ingress: [{ action: 'Allow', protocol: 'TCP' }],
    egress: CALICO_DNS_EGRESS,
    ...extra,
  }, CRD);
}

/** cdk-netpol's own CalicoGlobalDeny (calico-crd): order 2000, DNS out only, system namespaces exempt. */
const LIBRARY_DENY = gnp('cluster-default-deny', {
  egress: CALICO_DNS_EGRESS,
  namespaceSelector: "kubernetes.io/metadata.name not in {'kube-system', 'kube-public', 'kube-node-lease'}",
  order: 2000,
  selector: 'all()',
  types: ['Ingress', 'Egress'],
}, CRD);

describe('CALICO_ALLOW_REOPENS_ISOLATION', () => {
  test('can find the blanket Allow of a cluster deny without order, after a Kubernetes NetworkPolicy isolation', () => {
    // GIVEN
    const c = cluster({ namespaces: NAMESPACES, endpoints: [WEB, API, OTHER, COREDNS], policies: [...ORG_1_POLICIES, aksModuleDeny()] });
    // WHEN
    const findings = calicoAllowReopensIsolation.check(c, { engine: 'calico-crd' });
    // THEN
    expect(located(findings)).toEqual([
      { code: LintCode.CALICO_ALLOW_REOPENS_ISOLATION, severity: 'error', subject: 'GlobalNetworkPolicy default-deny', field: 'spec.ingress[0]' },
    ]);
    expect(findings[0].message).toContain('-> org-1/Deployment/api 8080/TCP, which that isolation denies');
    expect(findings[0].message).toContain('NetworkPolicy org-1/default-deny (knp, order 1000, tier default)');
  });

  test('can find it with an order after 1000 too, and for a new pod of a namespace without workloads', () => {
    const c = cluster({ namespaces: NAMESPACES, policies: [defaultDeny('org-1', 'Ingress'), aksModuleDeny({ order: 1500 })] });
    const findings = calicoAllowReopensIsolation.check(c, CALICO);
    expect(located(findings)).toEqual([
      { code: LintCode.CALICO_ALLOW_REOPENS_ISOLATION, severity: 'error', subject: 'GlobalNetworkPolicy default-deny', field: 'spec.ingress[0]' },
    ]);
    expect(findings[0].message).toContain('a new pod in namespace org-1');
  });

  test('cannot find an Allow that comes before the isolation (order below 1000), or that only keeps DNS open', () => {
    const policies = [...ORG_1_POLICIES, aksModuleDeny({ order: 100 })];
    const before = cluster({ namespaces: NAMESPACES, endpoints: [WEB, API, OTHER, COREDNS], policies });
    expect(calicoAllowReopensIsolation.check(before, CALICO)).toEqual([]);
    // cdk-netpol's own cluster deny allows DNS after a namespace's default deny that forgot it: DNS is kept open on purpose.
    const dnsOnly = cluster({ namespaces: NAMESPACES, endpoints: [WEB, API, COREDNS], policies: [defaultDeny('org-1', 'Ingress', 'Egress'), LIBRARY_DENY] });
    expect(calicoAllowReopensIsolation.check(dnsOnly, { engine: 'calico-crd' })).toEqual([]);
  });

  test('does not apply without a Calico policy, or where no earlier policy isolates the pods', () => {
    expect(calicoAllowReopensIsolation.check(cluster({ endpoints: [WEB, API], policies: ORG_1_POLICIES }), CALICO)).toEqual([]);
    const alone = cluster({ namespaces: NAMESPACES, endpoints: [OTHER], policies: [aksModuleDeny()] });
    expect(calicoAllowReopensIsolation.check(alone, CALICO)).toEqual([]);
  });
});

describe('CALICO_POLICY_WITHOUT_ORDER', () => {
  test('can find a GlobalNetworkPolicy without order', () => {
    const findings = calicoPolicyWithoutOrder.check(cluster({ policies: [aksModuleDeny()] }));
    expect(located(findings)).toEqual([
      { code: LintCode.CALICO_POLICY_WITHOUT_ORDER, severity: 'warning', subject: 'GlobalNetworkPolicy default-deny', field: 'spec.order' },
    ]);
    expect(findings[0].message).toContain('after every Kubernetes NetworkPolicy (order 1000)');
  });

  test('can find a namespaced Calico policy without order in another tier', () => {
    const findings = calicoPolicyWithoutOrder.check(cluster({ policies: [calicoNetpol('org-1', 'security.x', { tier: 'security', selector: 'all()' })] }));
    expect(located(findings)).toEqual([
      { code: LintCode.CALICO_POLICY_WITHOUT_ORDER, severity: 'warning', subject: 'Calico NetworkPolicy org-1/security.x', field: 'spec.order' },
    ]);
    expect(findings[0].message).toContain('tier security');
  });

  test('cannot find a policy with an order, and does not apply to Kubernetes NetworkPolicies', () => {
    expect(calicoPolicyWithoutOrder.check(cluster({ policies: [LIBRARY_DENY] }))).toEqual([]);
    expect(calicoPolicyWithoutOrder.check(cluster({ policies: ORG_1_POLICIES }))).toEqual([]);
  });
});

describe('CALICO_CRD_WITHOUT_TYPES', () => {
  const ingressOnly = { selector: "app == 'api'", ingress: [{ action: 'Allow', source: { selector: "app == 'web'" } }] };

  test('can find a crd.projectcalico.org/v1 policy with ingress rules and no types: Felix also isolates its egress', () => {
    const findings = calicoCrdWithoutTypes.check(cluster({ policies: [gnp('api-ingress', ingressOnly, CRD)] }));
    expect(located(findings)).toEqual([
      { code: LintCode.CALICO_CRD_WITHOUT_TYPES, severity: 'warning', subject: 'GlobalNetworkPolicy api-ingress', field: 'spec.types' },
    ]);
    expect(findings[0].message).toContain('also isolates egress');
    expect(findings[0].fix).toBe('write types: [Ingress], or [Ingress, Egress] if isolating both directions is meant');
  });

  test('cannot find a crd policy with types written, or one with rules in both directions (both is the default anyway)', () => {
    const written = gnp('written', { ...ingressOnly, types: ['Ingress'] }, CRD);
    const both = gnp('both', { ...ingressOnly, egress: [{ action: 'Allow' }] }, CRD);
    expect(calicoCrdWithoutTypes.check(cluster({ policies: [written, both] }))).toEqual([]);
  });

  test('does not apply to projectcalico.org/v3 policies, whose API server sets types', () => {
    expect(calicoCrdWithoutTypes.check(cluster({ policies: [gnp('v3', ingressOnly)] }))).toEqual([]);
  });
});

describe('CALICO_SELECTOR_LABEL_UNSET', () => {
  test('can find `name` in a namespaceSelector meant to exempt kube-system, and in a rule\'s namespaceSelector', () => {
    const policy = gnp('default-deny', {
      namespaceSelector: "name != 'kube-system'",
      types: ['Ingress', 'Egress'],
      egress: [{ action: 'Allow', protocol: 'UDP', destination: { namespaceSelector: "name == 'kube-system'", selector: "k8s-app == 'kube-dns'", ports: [53] } }],
    }, CRD);
    const findings = calicoSelectorLabelUnset.check(cluster({ namespaces: NAMESPACES, policies: [policy] }));
    expect(located(findings)).toEqual([
      { code: LintCode.CALICO_SELECTOR_LABEL_UNSET, severity: 'warning', subject: 'GlobalNetworkPolicy default-deny', field: 'spec.namespaceSelector' },
      { code: LintCode.CALICO_SELECTOR_LABEL_UNSET, severity: 'warning', subject: 'GlobalNetworkPolicy default-deny', field: 'spec.egress[0].destination.namespaceSelector' },
    ]);
    expect(findings[0].message).toContain('it excludes none');
    expect(findings[0].fix).toBe("select by name with kubernetes.io/metadata.name != 'kube-system' (set on every namespace)");
    expect(findings[1].message).toContain('it matches no namespace');
  });

  test('can find pcns.<label> in a selector, and a value of a declared label no namespace has', () => {
    const policy = gnp('teams', {
      selector: "pcns.team == 'payments' && app == 'api'",
      namespaceSelector: "tier == 'gold'",
      types: ['Ingress'],
    });
    const findings = calicoSelectorLabelUnset.check(cluster({ namespaces: [ns('org-1', { tier: 'silver' })], policies: [policy] }));
    expect(located(findings)).toEqual([
      { code: LintCode.CALICO_SELECTOR_LABEL_UNSET, severity: 'warning', subject: 'GlobalNetworkPolicy teams', field: 'spec.selector' },
      { code: LintCode.CALICO_SELECTOR_LABEL_UNSET, severity: 'warning', subject: 'GlobalNetworkPolicy teams', field: 'spec.namespaceSelector' },
    ]);
    expect(findings[0].message).toContain('pcns.team == "payments"');
  });

  test('cannot find labels every namespace carries, or a name of a namespace the manifests do not declare', () => {
    const fine = gnp('fine', {
      namespaceSelector: "kubernetes.io/metadata.name not in {'kube-system', 'calico-system'} && projectcalico.org/name != 'kube-public'",
      selector: "projectcalico.org/namespace != 'tigera-operator' && pcns.kubernetes.io/metadata.name != 'x'",
      types: ['Ingress'],
    });
    expect(calicoSelectorLabelUnset.check(cluster({ namespaces: NAMESPACES, policies: [fine] }))).toEqual([]);
  });

  test('can say once, as info, that labels cannot be checked when no Namespace is declared; does not apply without Calico policies', () => {
    const policy = gnp('x', { namespaceSelector: "name != 'kube-system'", types: ['Ingress'] });
    expect(located(calicoSelectorLabelUnset.check(cluster({ policies: [policy] })))).toEqual([
      { code: LintCode.CALICO_SELECTOR_LABEL_UNSET, severity: 'info', subject: 'GlobalNetworkPolicy x', field: 'spec.namespaceSelector' },
    ]);
    expect(calicoSelectorLabelUnset.check(cluster({ namespaces: NAMESPACES, policies: ORG_1_POLICIES }))).toEqual([]);
  });
});

describe('CALICO_GLOBAL_DENY_CUTS_DNS', () => {
  test('can find a cluster deny that isolates CoreDNS and the pods\' egress without allowing DNS', () => {
    const policy = gnp('default-deny', { namespaceSelector: "name != 'kube-system'", order: 2000, types: ['Ingress', 'Egress'] }, CRD);
    const findings = calicoGlobalDenyCutsDns.check(cluster({ namespaces: NAMESPACES, endpoints: [WEB, COREDNS], policies: [policy] }), CALICO);
    expect(located(findings)).toEqual([
      { code: LintCode.CALICO_GLOBAL_DENY_CUTS_DNS, severity: 'error', subject: 'GlobalNetworkPolicy default-deny', field: 'spec.egress' },
      { code: LintCode.CALICO_GLOBAL_DENY_CUTS_DNS, severity: 'error', subject: 'GlobalNetworkPolicy default-deny', field: 'spec.namespaceSelector' },
    ]);
    expect(findings[0].message).toContain('53/UDP and 53/TCP to kube-system/Deployment/coredns are denied');
    expect(findings[1].message).toContain('applies to kube-system/Deployment/coredns for ingress');
  });

  test('can judge DNS against a representative CoreDNS pod when the manifests hold none', () => {
    const policy = gnp('deny-egress', { selector: 'all()', order: 2000, types: ['Egress'], egress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [443] } }] });
    const findings = calicoGlobalDenyCutsDns.check(cluster({ namespaces: NAMESPACES, endpoints: [WEB], policies: [policy] }), CALICO);
    expect(located(findings)).toEqual([
      { code: LintCode.CALICO_GLOBAL_DENY_CUTS_DNS, severity: 'error', subject: 'GlobalNetworkPolicy deny-egress', field: 'spec.egress' },
    ]);
    expect(findings[0].message).toContain('a CoreDNS pod in kube-system (k8s-app=kube-dns; not in the manifests)');
  });

  test('cannot find a cluster deny that exempts kube-system and allows DNS (cdk-netpol\'s own)', () => {
    const withCoreDns = cluster({ namespaces: NAMESPACES, endpoints: [WEB, COREDNS], policies: [LIBRARY_DENY] });
    expect(calicoGlobalDenyCutsDns.check(withCoreDns, CALICO)).toEqual([]);
    expect(calicoGlobalDenyCutsDns.check(cluster({ namespaces: NAMESPACES, endpoints: [WEB], policies: [LIBRARY_DENY] }), CALICO)).toEqual([]);
  });

  test('does not apply to namespaced Calico policies, nor without a GlobalNetworkPolicy', () => {
    const namespaced = calicoNetpol('org-1', 'deny', { selector: 'all()', types: ['Egress'] });
    expect(calicoGlobalDenyCutsDns.check(cluster({ namespaces: NAMESPACES, endpoints: [WEB], policies: [namespaced] }), CALICO)).toEqual([]);
    expect(calicoGlobalDenyCutsDns.check(cluster({ endpoints: [WEB], policies: ORG_1_POLICIES }), CALICO)).toEqual([]);
  });
});

describe('CALICO_HTTP_MATCH_UNSUPPORTED', () => {
  test('can find an HTTP match on an egress rule and on a Deny rule', () => {
    const policy = calicoNetpol('org-1', 'http', {
      selector: "app == 'api'",
      types: ['Ingress', 'Egress'],
      ingress: [{ action: 'Deny', http: { methods: ['DELETE'] } }],
      egress: [{ action: 'Allow', protocol: 'TCP', http: { methods: ['GET'] } }],
    });
    const findings = calicoHttpMatchUnsupported.check(cluster({ policies: [policy] }));
    expect(located(findings)).toEqual([
      { code: LintCode.CALICO_HTTP_MATCH_UNSUPPORTED, severity: 'warning', subject: 'Calico NetworkPolicy org-1/http', field: 'spec.ingress[0].http' },
      { code: LintCode.CALICO_HTTP_MATCH_UNSUPPORTED, severity: 'warning', subject: 'Calico NetworkPolicy org-1/http', field: 'spec.egress[0].http' },
    ]);
    expect(findings[1].message).toContain('Calico applies HTTP matches to ingress only');
  });

  test('cannot find an HTTP match on an ingress Allow rule; does not apply without HTTP matches', () => {
    const fine = calicoNetpol('org-1', 'http', { selector: "app == 'api'", ingress: [{ action: 'Allow', protocol: 'TCP', http: { methods: ['GET'] } }] });
    expect(calicoHttpMatchUnsupported.check(cluster({ policies: [fine] }))).toEqual([]);
    expect(calicoHttpMatchUnsupported.check(cluster({ policies: [LIBRARY_DENY] }))).toEqual([]);
  });
});
