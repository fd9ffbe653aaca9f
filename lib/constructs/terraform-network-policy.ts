import type { NetworkPolicyV1Config } from '@cdktf/provider-kubernetes/lib/network-policy-v1';

/** Whether the kubernetes provider has a resource of its own for `manifest`, `kubernetes_network_policy_v1`: a native NetworkPolicy. */
export function isNetworkPolicyV1(manifest: any): boolean {
  return manifest.apiVersion === 'networking.k8s.io/v1' && manifest.kind === 'NetworkPolicy';
}

/**
 * The `kubernetes_network_policy_v1` arguments for a rendered `networking.k8s.io/v1` NetworkPolicy.
 * The provider builds the object from these blocks (kubernetes/structure_network_policy.go): an empty
 * rule block is a rule that matches everything, an empty selector block selects everything, and a
 * port is a string it parses back to a number when it is one. So every empty value is kept as an
 * empty block, never dropped: a dropped selector would change which peers a rule names.
 */
export function networkPolicyV1Config(manifest: any): NetworkPolicyV1Config {
  const { metadata, spec } = manifest;
  return {
    metadata: {
      name: metadata.name,
      namespace: metadata.namespace,
      ...(metadata.labels !== undefined ? { labels: { ...metadata.labels } } : {}),
      ...(metadata.annotations !== undefined ? { annotations: { ...metadata.annotations } } : {}),
    },
    spec: {
      podSelector: labelSelector(spec.podSelector),
      policyTypes: [...spec.policyTypes],
      ...(spec.ingress !== undefined ? { ingress: spec.ingress.map((rule: any) => ({ ...peers('from', rule.from), ...ports(rule.ports) })) } : {}),
      ...(spec.egress !== undefined ? { egress: spec.egress.map((rule: any) => ({ ...peers('to', rule.to), ...ports(rule.ports) })) } : {}),
    },
  };
}

function peers(key: 'from' | 'to', list: any[] | undefined): any {
  if (list === undefined) return {};
  return {
    [key]: list.map(peer => ({
      ...(peer.ipBlock !== undefined ? { ipBlock: ipBlock(peer.ipBlock) } : {}),
      ...(peer.namespaceSelector !== undefined ? { namespaceSelector: labelSelector(peer.namespaceSelector) } : {}),
      ...(peer.podSelector !== undefined ? { podSelector: labelSelector(peer.podSelector) } : {}),
    })),
  };
}

function ipBlock(block: any): any {
  return { cidr: block.cidr, ...(block.except !== undefined ? { except: [...block.except] } : {}) };
}

function ports(list: any[] | undefined): any {
  if (list === undefined) return {};
  return {
    ports: list.map(port => ({
      ...(port.port !== undefined ? { port: String(port.port) } : {}),
      ...(port.endPort !== undefined ? { endPort: port.endPort } : {}),
      ...(port.protocol !== undefined ? { protocol: port.protocol } : {}),
    })),
  };
}

function labelSelector(selector: any): any {
  return {
    ...(selector.matchLabels !== undefined ? { matchLabels: { ...selector.matchLabels } } : {}),
    ...(selector.matchExpressions !== undefined ? {
      matchExpressions: selector.matchExpressions.map((e: any) => ({
        key: e.key,
        operator: e.operator,
        ...(e.values !== undefined ? { values: [...e.values] } : {}),
      })),
    } : {}),
  };
}

/**
 * A resource's Terraform name from the intent, `<prefix>_<namespace>_<name>` (the namespace when the object has one):
 * Kubernetes names are DNS labels or subdomains, so only dots need replacing.
 */
export function terraformName(prefix: readonly string[], metadata: { readonly name: string; readonly namespace?: string }): string {
  const parts = [...prefix, ...(metadata.namespace !== undefined ? [metadata.namespace] : []), metadata.name];
  const name = parts.join('_').replace(/\./g, '_');
  // Terraform names start with a letter or underscore; Kubernetes names may start with a digit.
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
