// The namespaces a cluster's platform owns: the one list ClusterDefaultDeny exempts by default (model/system-namespaces).
import { SYSTEM_NAMESPACES } from '../../model/system-namespaces';

export { SYSTEM_NAMESPACES };

/** The namespaces every Kubernetes cluster has, whether the manifests declare them or not. */
export const ALWAYS_PRESENT_NAMESPACES: readonly string[] = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Whether the platform owns the namespace. */
export function isSystemNamespace(namespace: string): boolean {
  return SYSTEM_NAMESPACES.includes(namespace);
}
