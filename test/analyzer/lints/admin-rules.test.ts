import { COREDNS, cluster, clusterNetworkPolicy, defaultDeny, deployment, located, ns } from './fixtures';
import { LintCode } from '../../../lib/analyzer/lints';
import { adminDenyCutsDns } from '../../../lib/analyzer/lints/cluster-network-policy/deny-cuts-dns';
import { adminPassUndecided } from '../../../lib/analyzer/lints/cluster-network-policy/pass-undecided';
import { PolicyDocument } from '../../../lib/analyzer/types';

const WEB = deployment('shop', 'web', { app: 'web' });
const NAMESPACES = [ns('shop'), ns('sandbox'), ns('kube-system')];
const KUBE_SYSTEM = { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } };

function admin(name: string, spec: any): PolicyDocument {
  return clusterNetworkPolicy(name, { tier: 'Admin', priority: 10, ...spec });
}

describe('ADMIN_DENY_CUTS_DNS', () => {
  test('can find an Admin-tier Deny of all egress to the cluster that cuts DNS', () => {
    const policy = admin('lockdown', {
      subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'sandbox' } } },
      egress: [{ name: 'deny-pods', action: 'Deny', to: [{ namespaces: {} }] }],
    });
    const findings = adminDenyCutsDns.check(cluster({ namespaces: NAMESPACES, endpoints: [WEB, COREDNS], policies: [policy] }), { engine: 'kubernetes' });
    expect(located(findings)).toEqual([
      { code: LintCode.ADMIN_DENY_CUTS_DNS, severity: 'error', subject: 'ClusterNetworkPolicy lockdown', field: 'spec.egress[0]' },
    ]);
    expect(findings[0].message).toContain('egress of a new pod in namespace sandbox');
    expect(findings[0].message).toContain('53/UDP and 53/TCP');
  });

  test('can find an Admin-tier Deny on the DNS pods\' ingress, judged against a representative CoreDNS pod', () => {
    const policy = admin('protect-kube-system', {
      subject: KUBE_SYSTEM,
      ingress: [{ name: 'deny-tenants', action: 'Deny', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }] }],
    });
    const findings = adminDenyCutsDns.check(cluster({ namespaces: NAMESPACES, endpoints: [WEB], policies: [policy] }), { engine: 'cluster-network-policy' });
    expect(located(findings)).toEqual([
      { code: LintCode.ADMIN_DENY_CUTS_DNS, severity: 'error', subject: 'ClusterNetworkPolicy protect-kube-system', field: 'spec.ingress[0]' },
    ]);
    expect(findings[0].message).toContain('ingress of a CoreDNS pod in kube-system');
  });

  test('cannot find a Deny that comes after an Allow for DNS', () => {
    const policy = admin('lockdown', {
      subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'sandbox' } } },
      egress: [
        {
          name: 'allow-dns',
          action: 'Accept',
          to: [{ pods: { namespaceSelector: KUBE_SYSTEM.namespaces, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } } }],
          protocols: [{ udp: { destinationPort: { number: 53 } } }, { tcp: { destinationPort: { number: 53 } } }],
        },
        { name: 'deny-pods', action: 'Deny', to: [{ namespaces: {} }] },
      ],
    });
    expect(adminDenyCutsDns.check(cluster({ namespaces: NAMESPACES, endpoints: [WEB, COREDNS], policies: [policy] }), { engine: 'kubernetes' })).toEqual([]);
  });

  test('does not apply to Baseline-tier denies, which NetworkPolicies can override, nor without admin policies', () => {
    const baseline = clusterNetworkPolicy('baseline', { tier: 'Baseline', priority: 1000, subject: { namespaces: {} }, egress: [{ name: 'deny', action: 'Deny', to: [{ namespaces: {} }] }] });
    expect(adminDenyCutsDns.check(cluster({ namespaces: NAMESPACES, endpoints: [WEB, COREDNS], policies: [baseline] }), { engine: 'kubernetes' })).toEqual([]);
    expect(adminDenyCutsDns.check(cluster({ endpoints: [WEB, COREDNS], policies: [defaultDeny('shop', 'Egress')] }), { engine: 'kubernetes' })).toEqual([]);
  });
});

describe('ADMIN_PASS_UNDECIDED', () => {
  const passMonitoring = admin('pass-monitoring', {
    subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } },
    ingress: [{ name: 'monitoring', action: 'Pass', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] }],
  });

  test('can find a Pass for pods no NetworkPolicy selects in that direction', () => {
    const findings = adminPassUndecided.check(cluster({ namespaces: NAMESPACES, endpoints: [WEB], policies: [passMonitoring] }), { engine: 'kubernetes' });
    expect(located(findings)).toEqual([
      { code: LintCode.ADMIN_PASS_UNDECIDED, severity: 'warning', subject: 'ClusterNetworkPolicy pass-monitoring', field: 'spec.ingress[0]' },
    ]);
    expect(findings[0].message).toContain('hands ingress of shop/Deployment/web to the NetworkPolicy tier');
  });

  test('cannot find a Pass whose pods a NetworkPolicy isolates in that direction', () => {
    const c = cluster({ namespaces: NAMESPACES, endpoints: [WEB], policies: [passMonitoring, defaultDeny('shop', 'Ingress')] });
    expect(adminPassUndecided.check(c, { engine: 'kubernetes' })).toEqual([]);
  });

  test('does not apply to admin policies without Pass rules', () => {
    const deny = admin('deny', { subject: { namespaces: {} }, ingress: [{ name: 'x', action: 'Deny', from: [{ namespaces: { matchLabels: { a: 'b' } } }] }] });
    expect(adminPassUndecided.check(cluster({ namespaces: NAMESPACES, endpoints: [WEB], policies: [deny] }), { engine: 'kubernetes' })).toEqual([]);
  });
});
