// The namespaces a cluster's platform owns. Copied from lib/constructs `ClusterDefaultDeny.SYSTEM_NAMESPACES` (the
// analyzer may not import constructs; test/analyzer/lints/system-namespaces.test.ts keeps the two lists equal).

/** System namespaces of common distributions, AKS included: never told to add a default deny. */
export const SYSTEM_NAMESPACES: readonly string[] = [
  'kube-system', 'kube-public', 'kube-node-lease',
  'calico-system', 'calico-apiserver', 'tigera-operator',
  'gatekeeper-system', 'aks-command', 'app-routing-system',
];

/** The namespaces every Kubernetes cluster has, whether the manifests declare them or not. */
export const ALWAYS_PRESENT_NAMESPACES: readonly string[] = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Whether the platform owns the namespace. */
export function isSystemNamespace(namespace: string): boolean {
  return SYSTEM_NAMESPACES.includes(namespace);
}
