import { Cluster } from '../../types';
import { LintCode } from '../codes';
import { coverageReport } from '../coverage';
import { EVERY_ENGINE, engineOf } from '../engines';
import { Finding, LintContext, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DIRECTIONS } from './policies';
import { otherPolicyDefaultDeny } from '../other-policies';
import { endpointSubject } from '../subjects';
import { isSystemNamespace } from '../system-namespaces';

// Source: kubernetes.io/docs/concepts/services-networking/network-policies ("The two sorts of pod isolation"): a pod
// no policy selects for a direction is non-isolated for it, and all its traffic in that direction is allowed.

const info: LintRuleInfo = {
  code: LintCode.NP_POD_NOT_ISOLATED,
  severity: 'info',
  title: 'An endpoint is isolated in neither direction: no NetworkPolicy (nor policy of another kind) selects it',
  why: 'Pods no NetworkPolicy selects accept and send any traffic; policies elsewhere do not constrain them.',
  engines: EVERY_ENGINE,
};

export const npPodNotIsolated: LintRule = { ...info, check };

/** Pods of system namespaces (kube-system...) belong to the platform; pods another kind of policy isolates are isolated. */
function check(cluster: Cluster, context?: LintContext): Finding[] {
  const others = otherPolicyDefaultDeny(cluster, engineOf(cluster, context));
  const byId = new Map(cluster.endpoints.map(e => [endpointSubject(e), e]));
  return coverageReport(cluster)
    .filter(c => !c.ingressIsolated && !c.egressIsolated)
    .filter(c => {
      const endpoint = byId.get(c.endpoint);
      return endpoint === undefined || (!isSystemNamespace(endpoint.namespace) && !DIRECTIONS.some(d => others.denies(endpoint, d)));
    })
    .map(c => findingOf(info, c.endpoint, {
      problem: `no NetworkPolicy selects ${c.endpoint}, so all its ingress and egress is allowed`,
      fix: 'add a default deny for its namespace or a policy selecting it',
    }));
}
