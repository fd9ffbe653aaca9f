import { brief, cluster, defaultDeny, deployment, netpol } from './fixtures';
import { LintCode } from '../../../lib/analyzer/lints';
import { npNamespaceWithoutDefaultDeny } from '../../../lib/analyzer/lints/kubernetes/namespace-without-default-deny';

const WEB = deployment('prod', 'web', { app: 'web' });

function warning(subject: string) {
  return { code: LintCode.NP_NAMESPACE_WITHOUT_DEFAULT_DENY, severity: 'warning', subject };
}

describe('NP_NAMESPACE_WITHOUT_DEFAULT_DENY', () => {
  test('can find a namespace without a default deny, once per direction', () => {
    const findings = npNamespaceWithoutDefaultDeny.check(cluster({ endpoints: [WEB] }));
    expect(brief(findings)).toEqual([warning('Namespace prod'), warning('Namespace prod')]);
    expect(findings[0].message).toContain('ingress');
    expect(findings[1].message).toContain('egress');
  });

  test('cannot find anything with a default deny for both directions', () => {
    expect(npNamespaceWithoutDefaultDeny.check(cluster({ endpoints: [WEB], policies: [defaultDeny('prod', 'Ingress', 'Egress')] }))).toEqual([]);
  });

  test('can find the missing egress default deny when only ingress is denied by default', () => {
    const findings = npNamespaceWithoutDefaultDeny.check(cluster({ endpoints: [WEB], policies: [defaultDeny('prod', 'Ingress')] }));
    expect(brief(findings)).toEqual([warning('Namespace prod')]);
    expect(findings[0].message).toContain('policyTypes: [Egress]');
  });

  test('cannot count an all-pods policy with rules, a selective policy, or another namespace\'s deny', () => {
    const allowAll = netpol('prod', 'allow-all', { podSelector: {}, ingress: [{}] });
    const selective = netpol('prod', 'web-only', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'] });
    const findings = npNamespaceWithoutDefaultDeny.check(cluster({ endpoints: [WEB], policies: [allowAll, selective, defaultDeny('staging', 'Ingress', 'Egress')] }));
    expect(brief(findings)).toEqual([warning('Namespace prod'), warning('Namespace prod')]);
  });

  test('can count a default deny with absent policyTypes as ingress only', () => {
    const findings = npNamespaceWithoutDefaultDeny.check(cluster({ endpoints: [WEB], policies: [netpol('prod', 'deny', { podSelector: {} })] }));
    expect(brief(findings)).toEqual([warning('Namespace prod')]);
    expect(findings[0].message).toContain('egress');
  });
});
