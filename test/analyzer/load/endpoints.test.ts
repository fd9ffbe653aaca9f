import * as fc from 'fast-check';
import { endpointId, endpointRef, findEndpoint, LookupError, parseFlowPeer } from '../../../lib/analyzer/endpoints';
import { buildCluster } from '../../../lib/analyzer/load';
import { Cluster, Endpoint } from '../../../lib/analyzer/types';

const endpoint = (namespace: string, kind: string, name: string): Endpoint => ({ kind, name, namespace, labels: {}, ips: [], ports: [] });
const clusterOf = (endpoints: Endpoint[]): Cluster => ({ namespaces: new Map(), endpoints, services: [], policies: [] });

function lookupError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof LookupError) return e.message;
    throw e;
  }
  throw new Error('expected a LookupError, but nothing was thrown');
}

const shop = buildCluster([
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'prod' }, spec: { template: {} } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'prod' } },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'prod' }, spec: { template: {} } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'jobs' }, spec: { jobTemplate: { spec: { template: {} } } } },
]);

describe('findEndpoint', () => {
  test('can find an endpoint by namespace and name', () => {
    expect(endpointId(findEndpoint(shop, 'prod/db'))).toBe('prod/StatefulSet/db');
    expect(endpointId(findEndpoint(shop, 'jobs/report'))).toBe('jobs/CronJob/report');
  });

  test('can find an endpoint by namespace, kind in any case, and name', () => {
    expect(endpointId(findEndpoint(shop, 'prod/Deployment/web'))).toBe('prod/Deployment/web');
    expect(endpointId(findEndpoint(shop, 'prod/pod/web'))).toBe('prod/Pod/web');
    expect(endpointId(findEndpoint(shop, 'jobs/CRONJOB/report'))).toBe('jobs/CronJob/report');
  });

  test('throws if a name is shared by several kinds, listing the candidates', () => {
    expect(lookupError(() => findEndpoint(shop, 'prod/web'))).toBe('"prod/web" is ambiguous: it names prod/Deployment/web, prod/Pod/web; use one of these');
  });

  test('throws if nothing has the name, listing the namespace\'s endpoints', () => {
    expect(lookupError(() => findEndpoint(shop, 'prod/api'))).toBe('no endpoint "prod/api": namespace "prod" has prod/Deployment/web, prod/Pod/web, prod/db');
    expect(lookupError(() => findEndpoint(shop, 'jobs/Deployment/report'))).toBe('no endpoint "jobs/Deployment/report": namespace "jobs" has jobs/report');
    expect(lookupError(() => findEndpoint(shop, 'dev/web'))).toBe('no endpoint "dev/web": namespace "dev" has no workloads; namespaces with workloads: jobs, prod');
    expect(lookupError(() => findEndpoint(clusterOf([]), 'dev/web'))).toBe('no endpoint "dev/web": the manifests declare no workloads');
  });

  test('throws listing at most 10 names of a large namespace', () => {
    const big = clusterOf(Array.from({ length: 13 }, (_, i) => endpoint('big', 'Pod', `p${String(i).padStart(2, '0')}`)));
    expect(lookupError(() => findEndpoint(big, 'big/x')))
      .toBe('no endpoint "big/x": namespace "big" has big/p00, big/p01, big/p02, big/p03, big/p04, big/p05, big/p06, big/p07, big/p08, big/p09 and 3 more');
  });

  test.each(['web', 'prod/', '/web', 'a/b/c/d', 'prod//web', ''])('throws if the reference "%s" is malformed', ref => {
    expect(lookupError(() => findEndpoint(shop, ref))).toBe(`"${ref}" is not an endpoint reference: use "namespace/name" or "namespace/Kind/name"`);
  });

  test('throws if the kind is not a workload kind', () => {
    expect(lookupError(() => findEndpoint(shop, 'prod/Service/web')))
      .toBe('"prod/Service/web": "Service" is not a workload kind; use one of Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob');
  });
});

describe('endpointRef', () => {
  test('can name an endpoint by namespace and name, with its kind when the name is shared', () => {
    const [deployment, pod, db] = ['prod/Deployment/web', 'prod/Pod/web', 'prod/db'].map(ref => findEndpoint(shop, ref));
    expect(endpointRef(deployment)).toBe('prod/web');
    expect(endpointRef(deployment, shop)).toBe('prod/Deployment/web');
    expect(endpointRef(pod, shop)).toBe('prod/Pod/web');
    expect(endpointRef(db, shop)).toBe('prod/db');
    expect(endpointId(db)).toBe('prod/StatefulSet/db');
  });

  test('can be read back by findEndpoint, for every endpoint of any cluster', () => {
    const kinds = ['Pod', 'Deployment', 'StatefulSet', 'CronJob'];
    const arbitraryEndpoint = fc.tuple(fc.constantFrom('a', 'b'), fc.constantFrom(...kinds), fc.constantFrom('x', 'y', 'z'));
    fc.assert(fc.property(fc.uniqueArray(arbitraryEndpoint, { selector: t => t.join('/') }), tuples => {
      const cluster = clusterOf(tuples.map(([ns, kind, name]) => endpoint(ns, kind, name)));
      for (const e of cluster.endpoints) {
        expect(findEndpoint(cluster, endpointRef(e, cluster))).toBe(e);
        expect(findEndpoint(cluster, endpointId(e))).toBe(e);
      }
    }));
  });
});

describe('parseFlowPeer', () => {
  test('can read IPv4 and IPv6 addresses, in canonical form', () => {
    expect(parseFlowPeer(shop, '10.0.0.1')).toEqual({ kind: 'ip', ip: '10.0.0.1' });
    expect(parseFlowPeer(shop, '2001:DB8:0:0::1')).toEqual({ kind: 'ip', ip: '2001:db8::1' });
    expect(parseFlowPeer(shop, '::1')).toEqual({ kind: 'ip', ip: '::1' });
  });

  test('can read an endpoint reference', () => {
    expect(parseFlowPeer(shop, 'prod/db')).toEqual({ kind: 'endpoint', endpoint: findEndpoint(shop, 'prod/db') });
  });

  test.each([
    ['10.0.0.0/8', '"10.0.0.0/8" is a network: a flow goes to one address, e.g. "10.0.0.0"'],
    ['2001:db8::/32', '"2001:db8::/32" is a network: a flow goes to one address, e.g. "2001:db8::"'],
    ['10.0.0', '"10.0.0" is not an IPv4 address: write four decimal numbers from 0 to 255, e.g. "10.0.0.1"'],
    ['010.0.0.1', '"010.0.0.1" is not an IPv4 address: write four decimal numbers from 0 to 255, e.g. "10.0.0.1"'],
    ['10.0.0.256', '"10.0.0.256" is not an IPv4 address: write four decimal numbers from 0 to 255, e.g. "10.0.0.1"'],
    ['fe80::1%eth0', '"fe80::1%eth0" is not an IPv6 address'],
    ['::ffff:10.0.0.1', '"::ffff:10.0.0.1" is an IPv4-mapped IPv6 address, which Kubernetes does not accept: write the IPv4 address'],
    ['prod/nothing', 'no endpoint "prod/nothing": namespace "prod" has prod/Deployment/web, prod/Pod/web, prod/db'],
  ])('throws if "%s" names no address or endpoint', (ref, message) => {
    expect(lookupError(() => parseFlowPeer(shop, ref))).toBe(message);
  });
});
