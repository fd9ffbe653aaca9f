/**
 * The network policy engine of an AKS cluster: the value of `az aks create --network-policy`
 * (`network_profile.network_policy` in Terraform's `azurerm_kubernetes_cluster`).
 */
export enum AksNetworkPolicy {
  /**
   * Azure Network Policy Manager: native `networking.k8s.io/v1` NetworkPolicy only, no cluster-wide policy
   * (rendered with `Engine.KUBERNETES`).
   */
  AZURE = 'azure',
  /**
   * AKS-managed Calico: no Calico API server, so only raw `crd.projectcalico.org/v1` objects with explicit
   * `types` (rendered with `Engine.CALICO_CRD`).
   */
  CALICO = 'calico',
  /**
   * Azure CNI powered by Cilium: CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy, L3/L4 only; FQDN and
   * L7 rules need Advanced Container Networking Services (rendered with `Engine.CILIUM`, never with L7 rules).
   */
  CILIUM = 'cilium',
}
