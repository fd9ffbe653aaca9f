// One valid manifest of every kind the loader checks against its schema, using many of the kind's fields,
// so that mutating them reaches many corners of the schema. Each is valid for the official schemas and
// rules (test/support/kube-validator.ts) and accepted by the loader: api-fuzz.test.ts checks both first.

const selector = (labels: Record<string, string>) => ({ matchLabels: labels, matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'web'] }] });

export const NETWORK_POLICY = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'api', namespace: 'prod' },
  spec: {
    podSelector: selector({ app: 'api' }),
    policyTypes: ['Ingress', 'Egress'],
    ingress: [{
      from: [
        { podSelector: { matchLabels: { app: 'web' } } },
        { namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: {} },
        { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.0.0/16'] } },
      ],
      ports: [{ port: 8080, protocol: 'TCP' }, { port: 'http' }, { port: 30000, endPort: 30100, protocol: 'UDP' }],
    }],
    egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 53, protocol: 'UDP' }] }],
  },
};

export const ADMIN_NETWORK_POLICY = {
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  kind: 'AdminNetworkPolicy',
  metadata: { name: 'db' },
  spec: {
    priority: 10,
    subject: { pods: { namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: { matchLabels: { app: 'db' } } } },
    ingress: [{
      name: 'allow-api',
      action: 'Allow',
      from: [{ namespaces: { matchLabels: { team: 'a' } } }, { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'api' } } } }],
      ports: [{ portNumber: { port: 5432, protocol: 'TCP' } }, { portRange: { start: 8000, end: 8080, protocol: 'TCP' } }],
    }],
    egress: [
      { action: 'Deny', to: [{ networks: ['10.0.0.0/8', '192.168.0.0/16'] }], ports: [{ portNumber: { port: 443, protocol: 'TCP' } }] },
      { action: 'Pass', to: [{ namespaces: {} }] },
    ],
  },
};

export const BASELINE_ADMIN_NETWORK_POLICY = {
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  kind: 'BaselineAdminNetworkPolicy',
  metadata: { name: 'default' },
  spec: {
    subject: { namespaces: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] } },
    ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }],
    egress: [{ action: 'Allow', to: [{ pods: { namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: {} } }], ports: [{ portRange: { start: 1000, end: 2000 } }] }],
  },
};

export const CLUSTER_NETWORK_POLICY = {
  apiVersion: 'policy.networking.k8s.io/v1alpha2',
  kind: 'ClusterNetworkPolicy',
  metadata: { name: 'db' },
  spec: {
    tier: 'Admin',
    priority: 10,
    subject: { namespaces: { matchLabels: { team: 'a' } } },
    ingress: [{
      name: 'db',
      action: 'Accept',
      from: [{ namespaces: {} }, { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'api' } } } }],
      protocols: [{ tcp: { destinationPort: { number: 5432 } } }, { udp: { destinationPort: { range: { start: 1000, end: 2000 } } } }, { destinationNamedPort: 'http' }],
    }],
    egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }], protocols: [{ sctp: { destinationPort: { number: 9000 } } }] }],
  },
};

const calicoPolicySpec = {
  selector: "app == 'api'",
  types: ['Ingress', 'Egress'],
  order: 100,
  ingress: [{ action: 'Allow', protocol: 'TCP', source: { selector: "app == 'web'", nets: ['10.0.0.0/8'] }, destination: { ports: [8080, 'http', '9000:9100'] } }],
  egress: [{ action: 'Deny', protocol: 'UDP', destination: { nets: ['0.0.0.0/0'], ports: [53] } }, { action: 'Pass' }],
};

export const CALICO_NETWORK_POLICIES = ['projectcalico.org/v3', 'crd.projectcalico.org/v1'].map(apiVersion => ({
  apiVersion,
  kind: 'NetworkPolicy',
  metadata: { name: 'api', namespace: 'prod' },
  spec: calicoPolicySpec,
}));

export const CALICO_GLOBAL_NETWORK_POLICIES = ['projectcalico.org/v3', 'crd.projectcalico.org/v1'].map(apiVersion => ({
  apiVersion,
  kind: 'GlobalNetworkPolicy',
  metadata: { name: 'deny-ping' },
  spec: {
    selector: 'all()',
    namespaceSelector: "team == 'a'",
    order: 10,
    types: ['Ingress'],
    ingress: [{ action: 'Deny', protocol: 'ICMP', icmp: { type: 8, code: 0 } }, { action: 'Log', source: { notSelector: "app == 'scanner'" } }],
  },
}));

export const CALICO_TIERS = ['projectcalico.org/v3', 'crd.projectcalico.org/v1'].map(apiVersion => ({
  apiVersion,
  kind: 'Tier',
  metadata: { name: 'security' },
  spec: { order: 100, defaultAction: 'Pass' },
}));

export const CALICO_NETWORK_SETS = ['projectcalico.org/v3', 'crd.projectcalico.org/v1'].flatMap(apiVersion => [
  { apiVersion, kind: 'NetworkSet', metadata: { name: 'partners', namespace: 'prod' }, spec: { nets: ['10.0.0.0/8', '192.168.0.0/16'] } },
  { apiVersion, kind: 'GlobalNetworkSet', metadata: { name: 'partners' }, spec: { nets: ['203.0.113.0/24'] } },
]);

const ciliumRule = {
  endpointSelector: { matchLabels: { app: 'api' } },
  ingress: [{
    fromEndpoints: [{ matchLabels: { app: 'web' } }],
    toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }], rules: { http: [{ method: 'GET', path: '/api' }] } }],
  }],
  egress: [
    { toCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }] },
    { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }] }] },
  ],
  egressDeny: [{ toEntities: ['world'] }],
};

export const CILIUM_NETWORK_POLICY = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'api', namespace: 'prod' }, spec: ciliumRule };

export const CILIUM_CLUSTERWIDE_NETWORK_POLICY = {
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumClusterwideNetworkPolicy',
  metadata: { name: 'no-world' },
  spec: { endpointSelector: {}, ingressDeny: [{ fromEntities: ['world'] }] },
  specs: [ciliumRule],
};

/** A second policy of the richer kinds, for the fields the first leaves out. */
export const MORE_MANIFESTS: readonly any[] = [
  {
    apiVersion: 'projectcalico.org/v3',
    kind: 'NetworkPolicy',
    metadata: { name: 'web', namespace: 'prod' },
    spec: {
      selector: "app == 'web'",
      serviceAccountSelector: "role == 'frontend'",
      ingress: [
        { action: 'Allow', protocol: 'TCP', http: { methods: ['GET'], paths: [{ prefix: '/api' }] }, source: { serviceAccounts: { names: ['gateway'] } } },
        { action: 'Allow', protocol: 'ICMPv6', ipVersion: 6, icmp: { type: 128 }, notICMP: { type: 1, code: 0 } },
      ],
      egress: [
        { action: 'Allow', destination: { services: { name: 'db', namespace: 'prod' } } },
        { action: 'Allow', protocol: 'TCP', notProtocol: 'UDP', destination: { notNets: ['10.0.0.0/8'], notPorts: ['metrics'], namespaceSelector: 'all()' } },
      ],
    },
  },
  {
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkPolicy',
    metadata: { name: 'host' },
    spec: { selector: 'has(host)', doNotTrack: true, applyOnForward: true, types: ['Ingress'], ingress: [{ action: 'Allow', protocol: 'UDP', destination: { ports: ['1000:2000'] } }] },
  },
  {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name: 'dns', namespace: 'prod' },
    spec: {
      endpointSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
      enableDefaultDeny: { ingress: false, egress: true },
      egress: [
        { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*.example.com' }] } }] },
        { toFQDNs: [{ matchName: 'api.example.com' }, { matchPattern: '*.example.org' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
        { toCIDR: ['192.0.2.0/24'], toPorts: [{ ports: [{ port: '8000', endPort: 8100, protocol: 'TCP' }] }] },
        { toEntities: ['kube-apiserver'], icmps: [{ fields: [{ type: 8, family: 'IPv4' }] }] },
      ],
      ingressDeny: [{ fromCIDRSet: [{ cidr: '10.0.0.0/8' }], toPorts: [{ ports: [{ port: '22', protocol: 'TCP' }] }] }],
    },
  },
  {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumClusterwideNetworkPolicy',
    metadata: { name: 'hosts' },
    spec: { nodeSelector: { matchLabels: { role: 'worker' } }, ingress: [{ fromEntities: ['cluster'], toPorts: [{ ports: [{ port: '10250', protocol: 'TCP' }] }] }] },
  },
  {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name: 'baseline' },
    spec: {
      tier: 'Baseline',
      priority: 0,
      subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'web' } } } },
      egress: [{ action: 'Pass', to: [{ pods: { namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: {} } }, { namespaces: {} }] }],
    },
  },
];

export const VALID_MANIFESTS: readonly any[] = [
  NETWORK_POLICY,
  ADMIN_NETWORK_POLICY,
  BASELINE_ADMIN_NETWORK_POLICY,
  CLUSTER_NETWORK_POLICY,
  ...CALICO_NETWORK_POLICIES,
  ...CALICO_GLOBAL_NETWORK_POLICIES,
  ...CALICO_TIERS,
  ...CALICO_NETWORK_SETS,
  CILIUM_NETWORK_POLICY,
  CILIUM_CLUSTERWIDE_NETWORK_POLICY,
  ...MORE_MANIFESTS,
];
