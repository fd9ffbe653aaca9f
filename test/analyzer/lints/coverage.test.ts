import { cluster, deployment, netpol } from './fixtures';
import { coverageReport } from '../../../lib/analyzer/lints';

const WEB = deployment('prod', 'web', { app: 'web' });
const DB = deployment('prod', 'db', { app: 'db' });
const OTHER = deployment('staging', 'web', { app: 'web' });

describe('coverageReport', () => {
  test('can default policyTypes to Ingress, plus Egress when egress rules exist', () => {
    const c = cluster({
      endpoints: [WEB, DB, OTHER],
      policies: [
        netpol('prod', 'web', { podSelector: { matchLabels: { app: 'web' } }, egress: [{}] }),
        netpol('prod', 'db', { podSelector: { matchLabels: { app: 'db' } }, egress: [] }),
      ],
    });
    expect(coverageReport(c)).toEqual([
      { endpoint: 'prod/Deployment/db', ingressIsolated: true, egressIsolated: false },
      { endpoint: 'prod/Deployment/web', ingressIsolated: true, egressIsolated: true },
      { endpoint: 'staging/Deployment/web', ingressIsolated: false, egressIsolated: false },
    ]);
  });

  test('can follow explicit policyTypes, even against the rules present', () => {
    const c = cluster({
      endpoints: [WEB, DB],
      policies: [
        netpol('prod', 'egress-only', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], ingress: [{}] }),
        netpol('prod', 'match-expressions', {
          podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }] },
          policyTypes: ['Ingress', 'Egress'],
        }),
      ],
    });
    expect(coverageReport(c)).toEqual([
      { endpoint: 'prod/Deployment/db', ingressIsolated: true, egressIsolated: true },
      { endpoint: 'prod/Deployment/web', ingressIsolated: false, egressIsolated: true },
    ]);
  });

  test('can ignore admin-tier policies', () => {
    const anp = { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy' as const, name: 'deny', spec: { subject: { namespaces: {} } } };
    expect(coverageReport(cluster({ endpoints: [WEB], policies: [anp] }))).toEqual([
      { endpoint: 'prod/Deployment/web', ingressIsolated: false, egressIsolated: false },
    ]);
  });
});
