import { Policy } from '../model';

/** The label every rendered object carries, so `kubectl get -l` finds what cdk-netpol manages. */
export const MANAGED_BY_LABELS = { 'app.kubernetes.io/managed-by': 'cdk-netpol' };

/** A rendered policy's metadata: the managed-by label, its name, and its namespace unless it is cluster-scoped. */
export function policyMetadata(policy: Policy): { labels: Record<string, string>; name: string; namespace?: string } {
  const metadata: { labels: Record<string, string>; name: string; namespace?: string } = { labels: { ...MANAGED_BY_LABELS }, name: policy.name };
  if (policy.namespaceName !== undefined) metadata.namespace = policy.namespaceName;
  return metadata;
}
