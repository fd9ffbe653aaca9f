import { brief, cluster, defaultDeny, deployment, netpol } from './fixtures';
import { LintCode } from '../../../lib/analyzer/lints';
import { npPodNotIsolated } from '../../../lib/analyzer/lints/kubernetes/pod-not-isolated';

const WEB = deployment('prod', 'web', { app: 'web' });
const DB = deployment('prod', 'db', { app: 'db' });

describe('NP_POD_NOT_ISOLATED', () => {
  test('can find an endpoint no NetworkPolicy selects', () => {
    const c = cluster({ endpoints: [WEB, DB], policies: [netpol('prod', 'db', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Egress'] })] });
    expect(brief(npPodNotIsolated.check(c))).toEqual([{ code: LintCode.NP_POD_NOT_ISOLATED, severity: 'info', subject: 'prod/Deployment/web' }]);
  });

  test('cannot find anything when a default deny isolates every endpoint', () => {
    expect(npPodNotIsolated.check(cluster({ endpoints: [WEB, DB], policies: [defaultDeny('prod', 'Ingress')] }))).toEqual([]);
  });

  test('can find an endpoint whose only policy lives in another namespace', () => {
    const c = cluster({ endpoints: [WEB], policies: [defaultDeny('staging', 'Ingress', 'Egress')] });
    expect(brief(npPodNotIsolated.check(c))).toEqual([{ code: LintCode.NP_POD_NOT_ISOLATED, severity: 'info', subject: 'prod/Deployment/web' }]);
  });
});
