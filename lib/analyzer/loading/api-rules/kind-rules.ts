import { adminPolicyProblems } from './admin-policies';
import { calicoProblems } from './calico';
import { networkPolicyProblems } from './network-policy';
import { groupOf } from '../../policy-family';
import { ApiProblem } from '../api-problem';

/**
 * The rules of a kind's validation that its schema does not carry, for an object its schema accepts.
 * Cilium's are in ../../cilium/check-spec.ts (the agent's checks, run when the policy is read).
 */
export function kindRuleProblems(doc: Record<string, any>): ApiProblem[] {
  const group = groupOf(doc.apiVersion);
  switch (group) {
    case 'networking.k8s.io':
      return doc.kind === 'NetworkPolicy' ? networkPolicyProblems(doc.spec) : [];
    case 'policy.networking.k8s.io':
      return adminPolicyProblems(doc.kind, doc);
    case 'projectcalico.org':
    case 'crd.projectcalico.org':
      return calicoProblems(doc.kind, doc);
    default:
      return [];
  }
}
