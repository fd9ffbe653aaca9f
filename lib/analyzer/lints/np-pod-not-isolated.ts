import { Cluster } from '../types';
import { LintCode } from './codes';
import { coverageReport } from './coverage';
import { Finding, LintRule, LintRuleInfo, findingOf } from './finding';

const info: LintRuleInfo = {
  code: LintCode.NP_POD_NOT_ISOLATED,
  severity: 'info',
  title: 'An endpoint is isolated in neither direction: no NetworkPolicy selects it',
  why: 'Pods no NetworkPolicy selects accept and send any traffic; policies elsewhere do not constrain them.',
};

export const npPodNotIsolated: LintRule = { ...info, check };

function check(cluster: Cluster): Finding[] {
  return coverageReport(cluster)
    .filter(c => !c.ingressIsolated && !c.egressIsolated)
    .map(c => findingOf(info, c.endpoint,
      `no NetworkPolicy selects ${c.endpoint}, so all its ingress and egress is allowed; add a default deny for its namespace or a policy selecting it`));
}
