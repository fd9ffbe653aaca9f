import { Cluster } from '../types';
import { LintCode } from './codes';
import { EVERY_ENGINE } from './engines';
import { Finding, LintRule, LintRuleInfo, findingOf } from './finding';

// Source: docs/engines.md "What the analyzer models, and what it does not" (lib/engines/capability-doc.ts): objects
// such as Calico HostEndpoints, staged policies and Profiles, CiliumCIDRGroups and Nodes are read but not modelled.

const info: LintRuleInfo = {
  code: LintCode.KIND_NOT_MODELLED,
  severity: 'warning',
  title: 'An object the analyzer reads but does not model (host endpoints, staged policies, CIDR groups, nodes...)',
  why: 'Policies may refer to it (a selector on a host endpoint, a CIDR group), so verdicts about the flows it takes part in are not proved.',
  engines: EVERY_ENGINE,
};

/** KIND_NOT_MODELLED: one warning per object of a kind a policy could refer to but the analyzer does not model. */
export const kindNotModelled: LintRule = { ...info, check };

function check(cluster: Cluster): Finding[] {
  return (cluster.unmodelled ?? []).map(o => findingOf(info, `${o.kind} ${o.namespace === undefined ? '' : `${o.namespace}/`}${o.name}`, {
    problem: `${o.apiVersion} ${o.kind} is read but not modelled: ${o.why}${o.source ? ` (${o.source})` : ''}`,
    fix: 'check the flows it takes part in by other means, or acknowledge this finding',
  }));
}
