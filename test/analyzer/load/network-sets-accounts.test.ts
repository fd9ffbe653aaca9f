import { manifestError } from './support';
import { buildCluster, buildClusterWithApiFindings } from '../../../lib/analyzer/load';

// Reading Calico NetworkSets and GlobalNetworkSets (both APIs) and ServiceAccounts: checked as the API server and
// Calico's validator check them (libcalico-go/lib/validator/v3: nets are CIDRs or addresses; the
// projectcalico.org/namespace label is Calico's own), kept with their labels, sorted, their namespaces implied.

const set = (apiVersion: string, kind: 'NetworkSet' | 'GlobalNetworkSet', name: string, spec: any, metadata: any = {}) => ({
  apiVersion, kind, metadata: { name, ...(kind === 'NetworkSet' ? { namespace: 'prod' } : {}), ...metadata }, spec,
});

describe('buildCluster with network sets and service accounts', () => {
  test('can read NetworkSets and GlobalNetworkSets in both APIs, sorted by namespace and name', () => {
    const cluster = buildCluster([
      set('projectcalico.org/v3', 'NetworkSet', 'partners', { nets: ['10.0.0.0/8', '192.0.2.1'] }, { labels: { role: 'partner' } }),
      set('crd.projectcalico.org/v1', 'GlobalNetworkSet', 'blocked', { nets: ['2001:db8::/32'] }),
      set('crd.projectcalico.org/v1', 'NetworkSet', 'empty', {}, { namespace: 'dev' }),
    ]);
    expect(cluster.networkSets).toEqual([
      { name: 'blocked', labels: {}, nets: ['2001:db8::/32'], source: '<input>#2' },
      { namespace: 'dev', name: 'empty', labels: {}, nets: [], source: '<input>#3' },
      { namespace: 'prod', name: 'partners', labels: { role: 'partner' }, nets: ['10.0.0.0/8', '192.0.2.1'], source: '<input>#1' },
    ]);
    expect([...cluster.namespaces.keys()]).toEqual(['dev', 'prod']);
  });

  test('can read ServiceAccounts with their labels', () => {
    const cluster = buildCluster([
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: 'shop', labels: { app: 'web-frontend' } } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api' } },
    ]);
    expect(cluster.serviceAccounts).toEqual([
      { namespace: 'default', name: 'api', labels: {}, source: '<input>#2' },
      { namespace: 'shop', name: 'web', labels: { app: 'web-frontend' }, source: '<input>#1' },
    ]);
  });

  test.each([
    [set('projectcalico.org/v3', 'NetworkSet', 'n', { nets: ['10.0.0.0/33'] }), 'NetworkSet prod/n: spec.nets[0]: must be a CIDR such as 198.51.100.0/28 or an IP address, got the string "10.0.0.0/33"'],
    [set('projectcalico.org/v3', 'GlobalNetworkSet', 'g', { nets: ['example.com'] }), 'GlobalNetworkSet g: spec.nets[0]: must be a CIDR'],
    [set('projectcalico.org/v3', 'GlobalNetworkSet', 'g', { nets: [3] }), '[API_TYPE] GlobalNetworkSet g: spec.nets[0]: must be a string'],
    [set('projectcalico.org/v3', 'NetworkSet', 'n', { cidrs: ['10.0.0.0/8'] }), '[API_UNKNOWN_FIELD] NetworkSet prod/n: spec.cidrs: is not a field of spec'],
    [set('crd.projectcalico.org/v1', 'NetworkSet', 'n', {}, { labels: { 'projectcalico.org/namespace': 'other' } }), 'NetworkSet prod/n: metadata.labels["projectcalico.org/namespace"]: is a label Calico sets itself'],
    [set('projectcalico.org/v3', 'GlobalNetworkSet', 'g', { allowedEgressDomains: 'db.com' }), '[API_TYPE] GlobalNetworkSet g: spec.allowedEgressDomains: must be a list of domain names'],
    [set('projectcalico.org/v2', 'NetworkSet', 'n', {}), 'NetworkSet: apiVersion projectcalico.org/v2 is not supported; use projectcalico.org/v3'],
  ])('throws if a network set is malformed: %#', (doc, message) => {
    expect(manifestError(() => buildCluster([doc])).message).toContain(message);
  });

  test('throws if a network set or service account is defined twice', () => {
    const a = set('projectcalico.org/v3', 'NetworkSet', 'n', {});
    expect(manifestError(() => buildCluster([a, set('crd.projectcalico.org/v1', 'NetworkSet', 'n', {})])).message).toContain('NetworkSet prod/n: defined twice (first at <input>#1)');
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'x', namespace: 'prod' } };
    expect(manifestError(() => buildCluster([sa, sa])).message).toContain('ServiceAccount prod/x: defined twice');
  });

  test('lint mode lists unmodelled objects on the cluster, with no API finding', () => {
    const { cluster, findings } = buildClusterWithApiFindings([
      { apiVersion: 'projectcalico.org/v3', kind: 'HostEndpoint', metadata: { name: 'eth0' }, spec: { node: 'n1' } },
    ]);
    expect(findings).toEqual([]);
    expect(cluster.unmodelled?.map(u => `${u.kind} ${u.name} ${u.source}`)).toEqual(['HostEndpoint eth0 <input>#1']);
  });
});
