import { brief, cluster, netpol } from './fixtures';
import { LintCode } from '../../../lib/analyzer/lints';
import { npSeparatePeersLikelyAnd } from '../../../lib/analyzer/lints/kubernetes/separate-peers-likely-and';

const NAMESPACES = { namespaceSelector: { matchLabels: { team: 'ops' } } };
const PODS = { podSelector: { matchLabels: { app: 'prometheus' } } };

describe('NP_SEPARATE_PEERS_LIKELY_AND', () => {
  test('can find `- namespaceSelector` / `- podSelector` as separate peers', () => {
    const c = cluster({ policies: [netpol('prod', 'allow-scrape', { podSelector: {}, ingress: [{ from: [NAMESPACES, PODS] }] })] });
    const findings = npSeparatePeersLikelyAnd.check(c);
    expect(brief(findings)).toEqual([{ code: LintCode.NP_SEPARATE_PEERS_LIKELY_AND, severity: 'warning', subject: 'NetworkPolicy prod/allow-scrape' }]);
    expect(findings[0].message).toContain('spec.ingress[0].from');
  });

  test('cannot find anything when both selectors are in one peer', () => {
    const c = cluster({ policies: [netpol('prod', 'allow-scrape', { podSelector: {}, ingress: [{ from: [{ ...NAMESPACES, ...PODS }] }] })] });
    expect(npSeparatePeersLikelyAnd.check(c)).toEqual([]);
  });

  test('can find the pattern in egress; cannot in separate rules or next to an ipBlock', () => {
    const c = cluster({
      policies: [
        netpol('prod', 'egress', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [PODS, NAMESPACES] }] }),
        netpol('prod', 'separate-rules', { podSelector: {}, ingress: [{ from: [NAMESPACES] }, { from: [PODS] }] }),
        netpol('prod', 'ip-block', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }, PODS] }] }),
      ],
    });
    const findings = npSeparatePeersLikelyAnd.check(c);
    expect(brief(findings)).toEqual([{ code: LintCode.NP_SEPARATE_PEERS_LIKELY_AND, severity: 'warning', subject: 'NetworkPolicy prod/egress' }]);
    expect(findings[0].message).toContain('spec.egress[0].to');
  });
});
