/** The entities Cilium knows (pkg/policy/api EntitySelectorMapping) that the analyzer reads. */
export const KNOWN_ENTITIES: readonly string[] = [
  'all', 'world', 'world-ipv4', 'world-ipv6', 'cluster', 'host', 'remote-node', 'kube-apiserver', 'ingress', 'health', 'init', 'unmanaged', 'none',
];

/** Entities standing for peers the analyzer has no flows for (nodes, the API server, Cilium's own endpoints). */
export const UNMODELED_ENTITIES: readonly string[] = ['host', 'remote-node', 'kube-apiserver', 'ingress', 'health', 'init', 'unmanaged'];
