import { brief, cluster, netpol } from './fixtures';
import { LintCode } from '../../../lib/analyzer/lints';
import { npRulesOutsidePolicyTypes } from '../../../lib/analyzer/lints/kubernetes/rules-outside-policy-types';

const INGRESS = [{ from: [{ podSelector: {} }] }];
const EGRESS = [{ to: [{ podSelector: {} }] }];

function error(subject: string) {
  return { code: LintCode.NP_RULES_OUTSIDE_POLICY_TYPES, severity: 'error', subject };
}

describe('NP_RULES_OUTSIDE_POLICY_TYPES', () => {
  test('can find ingress rules with policyTypes [Egress]', () => {
    const c = cluster({ policies: [netpol('prod', 'p', { podSelector: {}, policyTypes: ['Egress'], ingress: INGRESS, egress: EGRESS })] });
    const findings = npRulesOutsidePolicyTypes.check(c);
    expect(brief(findings)).toEqual([error('NetworkPolicy prod/p')]);
    expect(findings[0].message).toContain('lacks Ingress');
  });

  test('cannot find anything with policyTypes [Ingress, Egress]', () => {
    const c = cluster({ policies: [netpol('prod', 'p', { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: INGRESS, egress: EGRESS })] });
    expect(npRulesOutsidePolicyTypes.check(c)).toEqual([]);
  });

  test('can find egress rules with policyTypes [Ingress]', () => {
    const c = cluster({ policies: [netpol('prod', 'p', { podSelector: {}, policyTypes: ['Ingress'], egress: EGRESS })] });
    const findings = npRulesOutsidePolicyTypes.check(c);
    expect(brief(findings)).toEqual([error('NetworkPolicy prod/p')]);
    expect(findings[0].message).toContain('lacks Egress');
  });

  test('cannot find anything when policyTypes is absent or empty (defaulted from the rules)', () => {
    const c = cluster({
      policies: [
        netpol('prod', 'absent', { podSelector: {}, ingress: INGRESS, egress: EGRESS }),
        netpol('prod', 'empty', { podSelector: {}, policyTypes: [], egress: EGRESS }),
        netpol('prod', 'no-rules', { podSelector: {}, policyTypes: ['Egress'], ingress: [] }),
      ],
    });
    expect(npRulesOutsidePolicyTypes.check(c)).toEqual([]);
  });
});
