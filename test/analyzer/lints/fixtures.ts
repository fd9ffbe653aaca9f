import { Finding } from '../../../lib/analyzer/lints';
import { Cluster, ContainerPort, Endpoint, Namespace, PolicyDocument, Service } from '../../../lib/analyzer/types';

/** A declared Namespace with the label Kubernetes sets on it. */
export function ns(name: string, labels: Record<string, string> = {}, declared = true): Namespace {
  return { name, labels: { 'kubernetes.io/metadata.name': name, ...labels }, declared };
}

/** A cluster literal; namespaces of endpoints and policies are implied (name label only) unless given. */
export function cluster(parts: {
  namespaces?: Namespace[];
  endpoints?: Endpoint[];
  services?: Service[];
  policies?: PolicyDocument[];
}): Cluster {
  const namespaces = new Map<string, Namespace>();
  for (const e of parts.endpoints ?? []) namespaces.set(e.namespace, ns(e.namespace, {}, false));
  for (const p of parts.policies ?? []) if (p.namespace) namespaces.set(p.namespace, ns(p.namespace, {}, false));
  for (const n of parts.namespaces ?? []) namespaces.set(n.name, n);
  return { namespaces, endpoints: parts.endpoints ?? [], services: parts.services ?? [], policies: parts.policies ?? [] };
}

/** A Deployment's pod template. */
export function deployment(namespace: string, name: string, labels: Record<string, string>, ports: ContainerPort[] = []): Endpoint {
  return { kind: 'Deployment', name, namespace, labels, ips: [], ports };
}

/** A networking.k8s.io/v1 NetworkPolicy. */
export function netpol(namespace: string, name: string, spec: any): PolicyDocument {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', name, namespace, spec };
}

/** A Service with a selector. */
export function service(namespace: string, name: string, selector: Record<string, string>, ports: Service['ports']): Service {
  return { name, namespace, selector, ports };
}

/** The cluster DNS as kubeadm/AKS deploy it. */
export const COREDNS = deployment('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [
  { name: 'dns', port: 53, protocol: 'UDP' },
  { name: 'dns-tcp', port: 53, protocol: 'TCP' },
  { name: 'metrics', port: 9153, protocol: 'TCP' },
]);

/** `podSelector: {}` isolating the given directions, with no rules: a default deny. */
export function defaultDeny(namespace: string, ...policyTypes: string[]): PolicyDocument {
  return netpol(namespace, 'default-deny', { podSelector: {}, policyTypes });
}

/** What tests assert: code, severity and subject, never the prose. */
export function brief(findings: readonly Finding[]): { code: string; severity: string; subject: string }[] {
  return findings.map(f => ({ code: f.code, severity: f.severity, subject: f.subject }));
}

/** What tests assert for a rule's finding: code, severity, subject and field, never the prose. */
export function located(findings: readonly Finding[]): { code: string; severity: string; subject: string; field?: string }[] {
  return findings.map(f => ({ code: f.code, severity: f.severity, subject: f.subject, ...(f.field === undefined ? {} : { field: f.field }) }));
}

/** A Calico GlobalNetworkPolicy (projectcalico.org/v3 unless another group is given). */
export function gnp(name: string, spec: any, apiVersion = 'projectcalico.org/v3'): PolicyDocument {
  return { apiVersion, kind: 'GlobalNetworkPolicy', name, spec };
}

/** A Calico namespaced NetworkPolicy (projectcalico.org/v3 unless another group is given). */
export function calicoNetpol(namespace: string, name: string, spec: any, apiVersion = 'projectcalico.org/v3'): PolicyDocument {
  return { apiVersion, kind: 'NetworkPolicy', name, namespace, spec };
}

/** A CiliumNetworkPolicy in `namespace`, or a CiliumClusterwideNetworkPolicy when `namespace` is undefined; `spec` is its rule. */
export function cilium(namespace: string | undefined, name: string, spec: any): PolicyDocument {
  return namespace === undefined
    ? { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', name, spec }
    : { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', name, namespace, spec };
}

/** A policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy. */
export function clusterNetworkPolicy(name: string, spec: any): PolicyDocument {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', name, spec };
}

/** The cluster DNS egress of a Calico policy: UDP and TCP 53 to kube-system's k8s-app=kube-dns pods. */
export const CALICO_DNS_EGRESS = ['UDP', 'TCP'].map(protocol => ({
  action: 'Allow',
  protocol,
  destination: { namespaceSelector: "kubernetes.io/metadata.name == 'kube-system'", selector: "k8s-app == 'kube-dns'", ports: [53] },
}));
