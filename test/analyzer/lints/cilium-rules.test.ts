import { cilium, cluster, deployment, gnp, located } from './fixtures';
import { LintCode } from '../../../lib/analyzer/lints';
import { ciliumCidrCoversPods } from '../../../lib/analyzer/lints/cilium/cidr-covers-pods';
import { ciliumClusterwideL7 } from '../../../lib/analyzer/lints/cilium/clusterwide-l7';
import { ciliumDenyOnlyDefaultDeny } from '../../../lib/analyzer/lints/cilium/deny-only-default-deny';
import { ciliumEmptyRuleDenies } from '../../../lib/analyzer/lints/cilium/empty-rule-denies';
import { ciliumFqdnWithoutDnsRule } from '../../../lib/analyzer/lints/cilium/fqdn-without-dns-rule';

const API = deployment('shop', 'api', { app: 'api' }, [{ port: 8080, protocol: 'TCP' }]);
const WEB = deployment('shop', 'web', { app: 'web' });
const API_SELECTOR = { matchLabels: { app: 'api' } };

/** The egress rule that sends DNS through Cilium's DNS proxy. */
const DNS_PROXY_RULE = {
  toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' } }],
  toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }],
};
const TO_FQDN = { toFQDNs: [{ matchName: 'api.example.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] };

describe('CILIUM_DENY_ONLY_DEFAULT_DENY', () => {
  test('can find a rule set with only deny rules for ingress and no enableDefaultDeny', () => {
    const policy = cilium('shop', 'block-world', { endpointSelector: {}, ingressDeny: [{ fromEntities: ['world'] }] });
    expect(located(ciliumDenyOnlyDefaultDeny.check(cluster({ policies: [policy] })))).toEqual([
      { code: LintCode.CILIUM_DENY_ONLY_DEFAULT_DENY, severity: 'warning', subject: 'CiliumNetworkPolicy shop/block-world', field: 'spec.ingressDeny' },
    ]);
  });

  test('can name the entry of `specs` that has only deny rules', () => {
    const policy = cilium(undefined, 'two', {
      specs: [
        { endpointSelector: {}, ingress: [{ fromEntities: ['cluster'] }] },
        { endpointSelector: {}, egressDeny: [{ toEntities: ['world'] }] },
      ],
    });
    expect(located(ciliumDenyOnlyDefaultDeny.check(cluster({ policies: [policy] })))).toEqual([
      { code: LintCode.CILIUM_DENY_ONLY_DEFAULT_DENY, severity: 'warning', subject: 'CiliumClusterwideNetworkPolicy two', field: 'specs[1].egressDeny' },
    ]);
  });

  test('cannot find deny rules next to allow rules, or with enableDefaultDeny set either way', () => {
    const withAllow = cilium('shop', 'a', { endpointSelector: {}, ingressDeny: [{ fromEntities: ['world'] }], ingress: [{ fromEntities: ['cluster'] }] });
    const off = cilium('shop', 'b', { endpointSelector: {}, enableDefaultDeny: { ingress: false }, ingressDeny: [{ fromEntities: ['world'] }] });
    const on = cilium('shop', 'c', { endpointSelector: {}, enableDefaultDeny: { ingress: true }, ingressDeny: [{ fromEntities: ['world'] }] });
    expect(ciliumDenyOnlyDefaultDeny.check(cluster({ policies: [withAllow, off, on] }))).toEqual([]);
  });

  test('does not apply to policies without deny rules', () => {
    expect(ciliumDenyOnlyDefaultDeny.check(cluster({ policies: [cilium('shop', 'a', { endpointSelector: {}, ingress: [{}] })] }))).toEqual([]);
  });
});

describe('CILIUM_EMPTY_RULE_DENIES', () => {
  test('can find `ingress: [{}]` meant as allow-all: it allows nothing', () => {
    const policy = cilium('shop', 'allow-all', { endpointSelector: API_SELECTOR, ingress: [{}] });
    const findings = ciliumEmptyRuleDenies.check(cluster({ policies: [policy] }));
    expect(located(findings)).toEqual([
      { code: LintCode.CILIUM_EMPTY_RULE_DENIES, severity: 'warning', subject: 'CiliumNetworkPolicy shop/allow-all', field: 'spec.ingress[0]' },
    ]);
    expect(findings[0].fix).toContain('fromEntities: [all]');
  });

  test('can find an egress rule whose peer lists are empty', () => {
    const policy = cilium('shop', 'nobody', { endpointSelector: API_SELECTOR, egress: [{ toEndpoints: [] }] });
    expect(located(ciliumEmptyRuleDenies.check(cluster({ policies: [policy] })))).toEqual([
      { code: LintCode.CILIUM_EMPTY_RULE_DENIES, severity: 'warning', subject: 'CiliumNetworkPolicy shop/nobody', field: 'spec.egress[0]' },
    ]);
  });

  test('cannot find an empty rule next to enableDefaultDeny: true (cdk-netpol\'s CiliumClusterwideDeny), nor a rule with peers', () => {
    const deny = cilium(undefined, 'cluster-default-deny', { endpointSelector: {}, enableDefaultDeny: { ingress: true, egress: true }, ingress: [{}] });
    const peers = cilium('shop', 'from-web', { endpointSelector: API_SELECTOR, ingress: [{ fromEndpoints: [{ matchLabels: { app: 'web' } }] }] });
    expect(ciliumEmptyRuleDenies.check(cluster({ policies: [deny, peers] }))).toEqual([]);
  });

  test('does not apply to other engines\' policies', () => {
    expect(ciliumEmptyRuleDenies.check(cluster({ policies: [gnp('x', { selector: 'all()', ingress: [{ action: 'Allow' }] })] }))).toEqual([]);
  });
});

describe('CILIUM_CIDR_COVERS_PODS', () => {
  test('can find a CIDR that covers a pod CIDR (the default private ranges)', () => {
    const policy = cilium('shop', 'internal', { endpointSelector: API_SELECTOR, egress: [{ toCIDR: ['10.0.0.0/8'] }] });
    const findings = ciliumCidrCoversPods.check(cluster({ policies: [policy] }));
    expect(located(findings)).toEqual([
      { code: LintCode.CILIUM_CIDR_COVERS_PODS, severity: 'warning', subject: 'CiliumNetworkPolicy shop/internal', field: 'spec.egress[0]' },
    ]);
    expect(findings[0].message).toContain('covers the pod CIDR 10.0.0.0/8');
  });

  test('can find a deny CIDR inside a declared pod CIDR: it denies no pod', () => {
    const policy = cilium('shop', 'deny-pods', { endpointSelector: API_SELECTOR, ingressDeny: [{ fromCIDR: ['10.244.1.0/24'] }], ingress: [{ fromEntities: ['all'] }] });
    const findings = ciliumCidrCoversPods.check({ ...cluster({ policies: [policy] }), podCidrs: ['10.244.0.0/16'] });
    expect(located(findings)).toEqual([
      { code: LintCode.CILIUM_CIDR_COVERS_PODS, severity: 'warning', subject: 'CiliumNetworkPolicy shop/deny-pods', field: 'spec.ingressDeny[0]' },
    ]);
    expect(findings[0].message).toContain('lies in the pod CIDR 10.244.0.0/16');
  });

  test('cannot find a CIDR outside the pod CIDRs, or one whose except takes them out', () => {
    const outside = cilium('shop', 'internet', { endpointSelector: API_SELECTOR, egress: [{ toCIDRSet: [{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] }] }] });
    const host = cilium('shop', 'host', { endpointSelector: API_SELECTOR, egress: [{ toCIDR: ['203.0.113.0/24'] }] });
    expect(ciliumCidrCoversPods.check(cluster({ policies: [outside, host] }))).toEqual([]);
  });

  test('does not apply to policies without CIDR rules', () => {
    expect(ciliumCidrCoversPods.check(cluster({ policies: [cilium('shop', 'a', { endpointSelector: {}, ingress: [{ fromEntities: ['cluster'] }] })] }))).toEqual([]);
  });
});

describe('CILIUM_CLUSTERWIDE_L7', () => {
  test('can find an HTTP rule and a toFQDNs rule in a CiliumClusterwideNetworkPolicy', () => {
    const policy = cilium(undefined, 'l7', {
      endpointSelector: {},
      ingress: [{ fromEntities: ['cluster'], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{ method: 'GET' }] } }] }],
      egress: [DNS_PROXY_RULE, TO_FQDN],
    });
    const findings = ciliumClusterwideL7.check(cluster({ policies: [policy] }));
    expect(located(findings)).toEqual([
      { code: LintCode.CILIUM_CLUSTERWIDE_L7, severity: 'error', subject: 'CiliumClusterwideNetworkPolicy l7', field: 'spec.ingress[0]' },
      { code: LintCode.CILIUM_CLUSTERWIDE_L7, severity: 'error', subject: 'CiliumClusterwideNetworkPolicy l7', field: 'spec.egress[0]' },
      { code: LintCode.CILIUM_CLUSTERWIDE_L7, severity: 'error', subject: 'CiliumClusterwideNetworkPolicy l7', field: 'spec.egress[1]' },
    ]);
    expect(findings[0].message).toContain('L7 rules (http GET *)');
    expect(findings[2].message).toContain('toFQDNs (api.example.com)');
  });

  test('cannot find L7 rules in a namespaced CiliumNetworkPolicy', () => {
    const policy = cilium('shop', 'l7', { endpointSelector: API_SELECTOR, egress: [DNS_PROXY_RULE, TO_FQDN] });
    expect(ciliumClusterwideL7.check(cluster({ policies: [policy] }))).toEqual([]);
  });

  test('does not apply to a clusterwide policy with L3/L4 rules only', () => {
    const policy = cilium(undefined, 'l4', { endpointSelector: {}, ingress: [{ fromEntities: ['cluster'], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }] });
    expect(ciliumClusterwideL7.check(cluster({ policies: [policy] }))).toEqual([]);
  });
});

describe('CILIUM_FQDN_WITHOUT_DNS_RULE', () => {
  test('can find toFQDNs for pods no rule set sends DNS through the proxy for', () => {
    const policy = cilium('shop', 'to-partner', { endpointSelector: API_SELECTOR, egress: [TO_FQDN] });
    const findings = ciliumFqdnWithoutDnsRule.check(cluster({ endpoints: [API, WEB], policies: [policy] }));
    expect(located(findings)).toEqual([
      { code: LintCode.CILIUM_FQDN_WITHOUT_DNS_RULE, severity: 'error', subject: 'CiliumNetworkPolicy shop/to-partner', field: 'spec.egress[0]' },
    ]);
    expect(findings[0].message).toContain('no egress rule for shop/Deployment/api sends DNS');
  });

  test('can find it without pods in the model when the policy holds no DNS rule; a DNS rule without rules.dns does not count', () => {
    const plainDns = { toEndpoints: DNS_PROXY_RULE.toEndpoints, toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }] }] };
    const policy = cilium('shop', 'to-partner', { endpointSelector: API_SELECTOR, egress: [plainDns, TO_FQDN] });
    expect(located(ciliumFqdnWithoutDnsRule.check(cluster({ policies: [policy] })))).toEqual([
      { code: LintCode.CILIUM_FQDN_WITHOUT_DNS_RULE, severity: 'error', subject: 'CiliumNetworkPolicy shop/to-partner', field: 'spec.egress[1]' },
    ]);
  });

  test('cannot find toFQDNs with a DNS rule, in the same policy or in another selecting the pods', () => {
    const same = cilium('shop', 'same', { endpointSelector: API_SELECTOR, egress: [DNS_PROXY_RULE, TO_FQDN] });
    expect(ciliumFqdnWithoutDnsRule.check(cluster({ endpoints: [API], policies: [same] }))).toEqual([]);
    const dnsForAll = cilium(undefined, 'dns', { endpointSelector: {}, egress: [DNS_PROXY_RULE] });
    const fqdn = cilium('shop', 'fqdn', { endpointSelector: API_SELECTOR, egress: [TO_FQDN] });
    expect(ciliumFqdnWithoutDnsRule.check(cluster({ endpoints: [API], policies: [dnsForAll, fqdn] }))).toEqual([]);
  });

  test('does not apply without toFQDNs', () => {
    expect(ciliumFqdnWithoutDnsRule.check(cluster({ endpoints: [API], policies: [cilium('shop', 'dns', { endpointSelector: {}, egress: [DNS_PROXY_RULE] })] }))).toEqual([]);
  });
});
