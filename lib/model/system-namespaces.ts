import { frozen } from './frozen';

// Sources: learn.microsoft.com/azure/aks (concepts-clusters-workloads; command-invoke troubleshooting; app-routing;
// istio-deploy-addon, istio-deploy-ingress); Azure/AKS#3845 (calico-system and tigera-operator on AKS-managed Calico);
// docs.tigera.io (calico-apiserver, where the Calico API server is installed: not on AKS).

/**
 * The namespaces AKS and its add-ons create and manage: kube-system, kube-public, kube-node-lease (every cluster);
 * gatekeeper-system (Azure Policy); aks-command (`az aks command invoke`); app-routing-system (application routing);
 * calico-system, tigera-operator (AKS-managed Calico); aks-istio-system, aks-istio-ingress, aks-istio-egress (Istio).
 */
export const AKS_SYSTEM_NAMESPACES: string[] = frozen([
  'kube-system', 'kube-public', 'kube-node-lease',
  'gatekeeper-system', 'aks-command', 'app-routing-system',
  'calico-system', 'tigera-operator',
  'aks-istio-system', 'aks-istio-ingress', 'aks-istio-egress',
]);

/** System namespaces of common distributions: AKS's, and calico-apiserver where the Calico API server runs. */
export const SYSTEM_NAMESPACES: string[] = frozen([...AKS_SYSTEM_NAMESPACES, 'calico-apiserver']);
