import { brief, cluster, deployment, netpol, ns } from './fixtures';
import { LintCode } from '../../../lib/analyzer/lints';
import { npNamespaceLabelUnset } from '../../../lib/analyzer/lints/kubernetes/namespace-label-unset';

const NAMESPACES = [ns('prod'), ns('monitoring', { team: 'ops' })];
const WEB = deployment('prod', 'web', { app: 'web' });

function fromNamespaces(name: string, namespaceSelector: any) {
  return netpol('prod', name, { podSelector: {}, ingress: [{ from: [{ namespaceSelector }] }] });
}

describe('NP_NAMESPACE_LABEL_UNSET', () => {
  test('can find `name: monitoring` and suggest kubernetes.io/metadata.name', () => {
    // GIVEN
    const c = cluster({ namespaces: NAMESPACES, endpoints: [WEB], policies: [fromNamespaces('allow-monitoring', { matchLabels: { name: 'monitoring' } })] });
    // WHEN
    const findings = npNamespaceLabelUnset.check(c);
    // THEN
    expect(brief(findings)).toEqual([{ code: LintCode.NP_NAMESPACE_LABEL_UNSET, severity: 'warning', subject: 'NetworkPolicy prod/allow-monitoring' }]);
    expect(findings[0].message).toContain('spec.ingress[0].from[0].namespaceSelector.matchLabels.name');
    expect(findings[0].message).toContain('kubernetes.io/metadata.name: monitoring');
  });

  test('cannot find anything for kubernetes.io/metadata.name: monitoring', () => {
    const c = cluster({
      namespaces: NAMESPACES,
      endpoints: [WEB],
      policies: [fromNamespaces('allow-monitoring', { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } })],
    });
    expect(npNamespaceLabelUnset.check(c)).toEqual([]);
  });

  test('can check declared labels and expressions (In, Exists) without suggesting the name label', () => {
    const c = cluster({
      namespaces: NAMESPACES,
      policies: [
        fromNamespaces('carried', { matchLabels: { team: 'ops' }, matchExpressions: [{ key: 'team', operator: 'Exists' }] }),
        fromNamespaces('wrong-value', { matchLabels: { team: 'dev' } }),
        fromNamespaces('wrong-key', { matchExpressions: [{ key: 'owner', operator: 'Exists' }, { key: 'team', operator: 'In', values: ['a', 'b'] }] }),
        fromNamespaces('not-in', { matchExpressions: [{ key: 'owner', operator: 'NotIn', values: ['x'] }] }),
      ],
    });
    const findings = npNamespaceLabelUnset.check(c);
    expect(brief(findings)).toEqual([
      { code: LintCode.NP_NAMESPACE_LABEL_UNSET, severity: 'warning', subject: 'NetworkPolicy prod/wrong-value' },
      { code: LintCode.NP_NAMESPACE_LABEL_UNSET, severity: 'warning', subject: 'NetworkPolicy prod/wrong-key' },
      { code: LintCode.NP_NAMESPACE_LABEL_UNSET, severity: 'warning', subject: 'NetworkPolicy prod/wrong-key' },
    ]);
    expect(findings.map(f => f.message).join('\n')).not.toContain('kubernetes.io/metadata.name');
  });

  test('can find a label in an egress peer that also has a podSelector', () => {
    const p = netpol('prod', 'to-db', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { name: 'prod' } }, podSelector: { matchLabels: { app: 'db' } } }] }],
    });
    const findings = npNamespaceLabelUnset.check(cluster({ namespaces: NAMESPACES, policies: [p] }));
    expect(brief(findings)).toEqual([{ code: LintCode.NP_NAMESPACE_LABEL_UNSET, severity: 'warning', subject: 'NetworkPolicy prod/to-db' }]);
    expect(findings[0].message).toContain('spec.egress[0].to[0].namespaceSelector.matchLabels.name');
  });

  test('can say once, as info, that labels cannot be checked when no Namespace is declared', () => {
    const c = cluster({
      endpoints: [WEB],
      policies: [fromNamespaces('b', { matchLabels: { name: 'monitoring' } }), fromNamespaces('a', { matchLabels: { team: 'ops' } })],
    });
    expect(brief(npNamespaceLabelUnset.check(c))).toEqual([
      { code: LintCode.NP_NAMESPACE_LABEL_UNSET, severity: 'info', subject: 'NetworkPolicy prod/a' },
    ]);
  });

  test('cannot find anything without declared Namespaces when selectors use only the name label', () => {
    const c = cluster({ policies: [fromNamespaces('a', { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } })] });
    expect(npNamespaceLabelUnset.check(c)).toEqual([]);
  });
});
