import { Policy } from '../model';

/** The label every rendered object carries, so `kubectl get -l` finds what cdk-netpol manages. */
export const MANAGED_BY_LABELS = { 'app.kubernetes.io/managed-by': 'cdk-netpol' };

/** A rendered policy's metadata: the managed-by label, its name, and its namespace unless it is cluster-scoped. */
export function policyMetadata(policy: Policy): { labels: Record<string, string>; name: string; namespace?: string } {
  // Whole literals: a key added later would put the object's fields in a second, separately allocated array.
  return policy.namespaceName !== undefined
    ? { labels: { ...MANAGED_BY_LABELS }, name: policy.name, namespace: policy.namespaceName }
    : { labels: { ...MANAGED_BY_LABELS }, name: policy.name };
}
