import { brief, cluster, deployment, netpol } from './fixtures';
import { LintCode } from '../../../lib/analyzer/lints';
import { npSelectorMatchesNothing } from '../../../lib/analyzer/lints/kubernetes/selector-matches-nothing';

const WEB = deployment('prod', 'web', { app: 'web' });
const API = deployment('backend', 'api', { app: 'api' });

function warning(subject: string) {
  return { code: LintCode.NP_SELECTOR_MATCHES_NOTHING, severity: 'warning', subject };
}

describe('NP_SELECTOR_MATCHES_NOTHING', () => {
  test('can find a policy podSelector with a typo', () => {
    const c = cluster({ endpoints: [WEB], policies: [netpol('prod', 'web', { podSelector: { matchLabels: { app: 'wbe' } } })] });
    const findings = npSelectorMatchesNothing.check(c);
    expect(brief(findings)).toEqual([warning('NetworkPolicy prod/web')]);
    expect(findings[0].message).toContain('spec.podSelector app=wbe');
  });

  test('cannot find anything when the podSelector matches', () => {
    const c = cluster({ endpoints: [WEB], policies: [netpol('prod', 'web', { podSelector: { matchLabels: { app: 'web' } } })] });
    expect(npSelectorMatchesNothing.check(c)).toEqual([]);
  });

  test('can find a peer podSelector looking in the policy\'s namespace for pods of another', () => {
    const c = cluster({
      endpoints: [WEB, API],
      policies: [netpol('prod', 'web', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }] }] })],
    });
    const findings = npSelectorMatchesNothing.check(c);
    expect(brief(findings)).toEqual([warning('NetworkPolicy prod/web')]);
    expect(findings[0].message).toContain('spec.egress[0].to[0].podSelector app=api matches no endpoint in namespace prod');
  });

  test('cannot find anything when the peer also selects the namespace', () => {
    const peer = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'backend' } }, podSelector: { matchLabels: { app: 'api' } } };
    const c = cluster({ endpoints: [WEB, API], policies: [netpol('prod', 'web', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [peer] }] })] });
    expect(npSelectorMatchesNothing.check(c)).toEqual([]);
  });

  test('can find a peer whose namespace scope holds no matching pod', () => {
    const peer = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prod' } }, podSelector: { matchLabels: { app: 'api' } } };
    const c = cluster({ endpoints: [WEB, API], policies: [netpol('prod', 'web', { podSelector: {}, ingress: [{ from: [peer] }] })] });
    const findings = npSelectorMatchesNothing.check(c);
    expect(brief(findings)).toEqual([warning('NetworkPolicy prod/web')]);
    expect(findings[0].message).toContain('namespaces matching kubernetes.io/metadata.name=prod');
  });

  test('cannot report empty selectors, nor anything when the model has no endpoints', () => {
    const empty = netpol('staging', 'all', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] });
    const typo = netpol('prod', 'web', { podSelector: { matchLabels: { app: 'wbe' } } });
    expect(npSelectorMatchesNothing.check(cluster({ endpoints: [WEB], policies: [empty] }))).toEqual([]);
    expect(npSelectorMatchesNothing.check(cluster({ policies: [typo] }))).toEqual([]);
  });
});
