import { registerIfSchemas, validateManifest } from './kube-validator';

const namespaceNamed = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });

/** An AdminNetworkPolicy as a renderer would emit it. */
function goodAdmin(): any {
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'AdminNetworkPolicy',
    metadata: { name: 'cluster-baseline', labels: { 'app.kubernetes.io/managed-by': 'cdk-netpol' } },
    spec: {
      priority: 10,
      subject: { namespaces: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] } },
      ingress: [
        { name: 'allow-monitoring', action: 'Allow', from: [{ namespaces: namespaceNamed('monitoring') }], ports: [{ portNumber: { port: 9090, protocol: 'TCP' } }] },
        { action: 'Pass', from: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'scanner' } } } }] },
      ],
      egress: [
        { action: 'Allow', to: [{ pods: { namespaceSelector: namespaceNamed('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } } }], ports: [{ portNumber: { port: 53, protocol: 'UDP' } }, { portRange: { start: 30000, end: 32767 } }] },
        { action: 'Deny', to: [{ networks: ['169.254.169.254/32', 'fd00:ec2::254/128'] }] },
      ],
    },
  };
}

function goodBaseline(): any {
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'BaselineAdminNetworkPolicy',
    metadata: { name: 'default' },
    spec: {
      subject: { namespaces: {} },
      ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }],
      egress: [{ action: 'Allow', to: [{ networks: ['0.0.0.0/0', '::/0'] }] }],
    },
  };
}

/** A v1alpha2 ClusterNetworkPolicy (the successor of both), in the Admin tier. */
function goodCluster(): any {
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name: 'platform-dns' },
    spec: {
      tier: 'Admin',
      priority: 5,
      subject: { pods: { podSelector: { matchLabels: { app: 'web' } } } },
      ingress: [{ action: 'Accept', from: [{ namespaces: namespaceNamed('ingress') }], protocols: [{ tcp: { destinationPort: { number: 8080 } } }, { destinationNamedPort: 'http' }] }],
      egress: [
        { name: 'dns', action: 'Accept', to: [{ pods: { namespaceSelector: namespaceNamed('kube-system'), podSelector: {} } }], protocols: [{ udp: { destinationPort: { number: 53 } } }, { tcp: { destinationPort: { range: { start: 53, end: 54 } } } }] },
        { action: 'Pass', to: [{ networks: ['10.0.0.0/8'] }] },
        { action: 'Deny', to: [{ namespaces: {} }] },
      ],
    },
  };
}

function edited(make: () => any, edit: (p: any) => void): any {
  const p = make();
  edit(p);
  return p;
}

describe('network-policy-api validator', () => {
  registerIfSchemas(() => {
    describe('valid manifests', () => {
      test('can pass an AdminNetworkPolicy, the BaselineAdminNetworkPolicy and a ClusterNetworkPolicy', () => {
        expect(validateManifest(goodAdmin())).toEqual([]);
        expect(validateManifest(goodBaseline())).toEqual([]);
        expect(validateManifest(goodCluster())).toEqual([]);
        expect(validateManifest(edited(goodCluster, p => p.spec.tier = 'Baseline'))).toEqual([]);
      });
    });

    describe('schema (strict)', () => {
      test('throws if a field is unknown (experimental-channel fields included)', () => {
        expect(validateManifest(edited(goodAdmin, p => {
          p.spec.priorty = 1;
          p.spec.ingress[0].ports.push({ namedPort: 'http' });
          p.spec.egress[1].to.push({ nodes: {} });
        }))).toEqual([
          'unknown field "spec.priorty"',
          'unknown field "spec.egress[1].to[1].nodes"',
          'unknown field "spec.ingress[0].ports[1].namedPort"',
        ]);
        expect(validateManifest(edited(goodCluster, p => p.spec.egress[2].to = [{ domainNames: ['example.com'] }]))).toEqual([
          'unknown field "spec.egress[2].to[0].domainNames"',
        ]);
      });

      test('throws if an enum value is wrong (actions differ between versions)', () => {
        expect(validateManifest(edited(goodAdmin, p => p.spec.ingress[0].action = 'Accept'))).toEqual([
          'spec.ingress[0].action: Unsupported value: "Accept": supported values: "Allow", "Deny", "Pass"',
        ]);
        expect(validateManifest(edited(goodCluster, p => p.spec.egress[0].action = 'Allow'))).toEqual([
          'spec.egress[0].action: Unsupported value: "Allow": supported values: "Accept", "Deny", "Pass"',
        ]);
        expect(validateManifest(edited(goodCluster, p => p.spec.tier = 'Developer'))).toEqual([
          'spec.tier: Unsupported value: "Developer": supported values: "Admin", "Baseline"',
        ]);
      });

      test('throws if a type or a bound is wrong', () => {
        expect(validateManifest(edited(goodAdmin, p => p.spec.priority = '10'))).toEqual(['spec.priority: must be integer']);
        expect(validateManifest(edited(goodAdmin, p => p.spec.priority = 1001))).toEqual(['spec.priority: Invalid value: 1001: must be less than or equal to 1000']);
        expect(validateManifest(edited(goodAdmin, p => p.spec.ingress[0].ports[0].portNumber.port = 0))).toEqual([
          'spec.ingress[0].ports[0].portNumber.port: Invalid value: 0: must be greater than or equal to 1',
        ]);
        expect(validateManifest(edited(goodAdmin, p => p.spec.ingress[0].name = 'x'.repeat(101)))).toEqual([
          'spec.ingress[0].name: Too long: may not be more than 100 characters',
        ]);
      });

      test('throws if a required field is missing', () => {
        expect(validateManifest(edited(goodAdmin, p => delete p.spec.priority))).toEqual(['spec.priority: Required value: required by the schema']);
        expect(validateManifest(edited(goodCluster, p => delete p.spec.tier))).toEqual(['spec.tier: Required value: required by the schema']);
        expect(validateManifest(edited(goodBaseline, p => delete p.spec.egress[0].to))).toEqual(['spec.egress[0].to: Required value: required by the schema']);
        expect(validateManifest(edited(goodAdmin, p => delete p.spec))).toEqual(['spec: Required value: required by the schema']);
      });

      test('throws if a subject or peer sets none or more than one member', () => {
        expect(validateManifest(edited(goodAdmin, p => p.spec.subject = {}))).toEqual([
          'spec.subject: Required value: must specify exactly one of "namespaces", "pods"',
        ]);
        expect(validateManifest(edited(goodBaseline, p => p.spec.egress[0].to[0].namespaces = {}))).toEqual([
          'spec.egress[0].to[0]: Forbidden: may specify only one of "namespaces", "networks", "pods" (found "networks", "namespaces")',
        ]);
        expect(validateManifest(edited(goodCluster, p => p.spec.ingress[0].protocols[0].tcp = {}))).toEqual([
          'spec.ingress[0].protocols[0].tcp: Required value: must specify at least one of "destinationPort"',
        ]);
      });

      test('throws if a list is empty where the schema needs items', () => {
        expect(validateManifest(edited(goodAdmin, p => p.spec.egress[1].to[0].networks = []))).toEqual([
          'spec.egress[1].to[0].networks: Invalid value: []: must have at least 1 item',
        ]);
      });
    });

    describe('metadata', () => {
      test('throws if a cluster-scoped kind has a namespace', () => {
        const forbidden = 'metadata.namespace: Forbidden: not allowed on this type (the kind is cluster-scoped)';
        expect(validateManifest(edited(goodAdmin, p => p.metadata.namespace = 'prod'))).toEqual([forbidden]);
        expect(validateManifest(edited(goodBaseline, p => p.metadata.namespace = 'prod'))).toEqual([forbidden]);
        expect(validateManifest(edited(goodCluster, p => p.metadata.namespace = 'prod'))).toEqual([forbidden]);
      });

      test('throws if the BaselineAdminNetworkPolicy is not named default (CEL)', () => {
        expect(validateManifest(edited(goodBaseline, p => p.metadata.name = 'baseline'))).toEqual([
          'metadata.name: Invalid value: "baseline": Only one baseline admin network policy with metadata.name="default" can be created in the cluster',
        ]);
      });
    });

    describe('rules the schema cannot carry', () => {
      test('throws if a network is not a CIDR (CEL isCIDR) or not in strict form', () => {
        const at = 'spec.egress[1].to[0].networks';
        expect(validateManifest(edited(goodAdmin, p => p.spec.egress[1].to[0].networks = ['10.0.0.0', '10.0.0.1/8', '2001:DB8::/32']))).toEqual([
          `${at}[0]: Invalid value: "10.0.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)`,
          `${at}[1]: Invalid value: "10.0.0.1/8": must not have bits set beyond the prefix length`,
          `${at}[2]: Invalid value: "2001:DB8::/32": should be in RFC 5952 canonical format ("2001:db8::/32")`,
        ]);
        expect(validateManifest(edited(goodCluster, p => p.spec.egress[1].to[0].networks = ['10.0.0.0/8', '10.0.0.0/8']))).toEqual([
          'spec.egress[1].to[0].networks[1]: Duplicate value: "10.0.0.0/8"',
        ]);
      });

      test('throws if a port range is empty or reversed', () => {
        expect(validateManifest(edited(goodCluster, p => p.spec.egress[0].protocols[1].tcp.destinationPort.range = { start: 53, end: 53 }))).toEqual([
          'spec.egress[0].protocols[1].tcp.destinationPort.range: Invalid value: {"start":53,"end":53}: Start port must be less than End port',
        ]);
        expect(validateManifest(edited(goodAdmin, p => p.spec.egress[0].ports[1].portRange = { start: 32767, end: 30000, protocol: 'TCP' }))).toEqual([
          'spec.egress[0].ports[1].portRange: Invalid value: {"start":32767,"end":30000,"protocol":"TCP"}: Start port must be less than End port',
        ]);
      });

      test('throws if a v1alpha1 port protocol is not TCP, UDP or SCTP', () => {
        expect(validateManifest(edited(goodAdmin, p => p.spec.ingress[0].ports[0].portNumber.protocol = 'tcp'))).toEqual([
          'spec.ingress[0].ports[0].portNumber.protocol: Unsupported value: "tcp": supported values: "TCP", "UDP", "SCTP"',
        ]);
      });

      test('throws if a named port is not a port name', () => {
        expect(validateManifest(edited(goodCluster, p => p.spec.ingress[0].protocols[1].destinationNamedPort = 'HTTP'))).toEqual([
          'spec.ingress[0].protocols[1].destinationNamedPort: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
          'spec.ingress[0].protocols[1].destinationNamedPort: Invalid value: "HTTP": must contain at least one letter (a-z)',
        ]);
      });

      test('throws if a label selector is malformed', () => {
        expect(validateManifest(edited(goodAdmin, p => p.spec.subject.namespaces.matchExpressions[0].operator = 'Equals'))).toEqual([
          'spec.subject.namespaces.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
        ]);
        expect(validateManifest(edited(goodCluster, p => p.spec.subject.pods.podSelector.matchLabels = { 'app name': 'web' }))).toEqual([
          'spec.subject.pods.podSelector.matchLabels: Invalid value: "app name": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character',
        ]);
      });
    });
  });
});
