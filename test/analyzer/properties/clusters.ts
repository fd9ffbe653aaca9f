import * as fc from 'fast-check';
import { refPolicyTypes } from './reference';
import { kubernetesEvaluator } from '../../../lib/analyzer/kubernetes/evaluator';
import { buildCluster } from '../../../lib/analyzer/load';
import { Cluster, Endpoint, FlowPeer, Protocol, Verdict } from '../../../lib/analyzer/types';

// Random small clusters (2-3 namespaces, 2-4 pods, random labels, named container ports) and random
// NetworkPolicies over them, as raw manifests, for the property tests.

/** Container ports a pod may declare (names unique per pod, as Kubernetes requires; `http` is 80 or 8080). */
const containerPortsArb = fc.tuple(fc.constantFrom(80, 8080), fc.subarray(['http', 'metrics', 'dns'], { minLength: 1 }))
  .map(([httpPort, names]) => names.map(name => (name === 'http' ? { name, containerPort: httpPort, protocol: 'TCP' }
    : name === 'metrics' ? { name, containerPort: 81, protocol: 'TCP' } : { name, containerPort: 53, protocol: 'UDP' })));

/** The probed ports: declared ones, a TCP/UDP twin, and one nobody declares. */
export const PROBES: readonly (readonly [number, Protocol])[] = [[80, 'TCP'], [81, 'TCP'], [53, 'UDP'], [80, 'UDP'], [8080, 'TCP']];

/** Addresses outside the pods: one inside the pod range's /24, one far away. */
export const OUTSIDE = ['10.0.0.200', '192.168.1.1'];

const NS = ['ns0', 'ns1', 'ns2'];
const POD_LABELS = { app: ['web', 'db'], tier: ['fe', 'be'] };
const NS_LABELS = { team: ['red', 'blue'] };

const labelsArb = (choices: Record<string, string[]>): fc.Arbitrary<Record<string, string>> =>
  fc.record(Object.fromEntries(Object.entries(choices).map(([k, vs]) => [k, fc.option(fc.constantFrom(...vs), { nil: undefined })])))
    .map(r => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, string>);

/** A label selector over the given label choices: often `{}`, one label or one expression, sometimes more. */
export const selectorArb = (choices: Record<string, string[]>): fc.Arbitrary<any> => {
  const keys = Object.keys(choices);
  const expr = fc.oneof(
    fc.constantFrom(...keys).chain(key => fc.record({
      key: fc.constant(key), operator: fc.constantFrom('In', 'NotIn'), values: fc.subarray(choices[key], { minLength: 1 }),
    })),
    fc.record({ key: fc.constantFrom(...keys), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
  );
  const one = fc.constantFrom(...keys).chain(key => fc.constantFrom(...choices[key]).map(v => ({ matchLabels: { [key]: v } })));
  const mixed = fc.record({
    matchLabels: fc.option(labelsArb(choices).filter(l => Object.keys(l).length > 0), { nil: undefined }),
    matchExpressions: fc.option(fc.array(expr, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  }).map(s => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)));
  return fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 3, arbitrary: one },
    { weight: 2, arbitrary: expr.map(e => ({ matchExpressions: [e] })) }, { weight: 1, arbitrary: mixed });
};

/** A cluster's Namespace and Pod manifests. */
export const clusterArb: fc.Arbitrary<any[]> = fc.tuple(
  fc.integer({ min: 2, max: 3 }),
  fc.array(fc.tuple(fc.nat(2), labelsArb(POD_LABELS), containerPortsArb), { minLength: 2, maxLength: 4 }),
  fc.array(labelsArb(NS_LABELS), { minLength: 3, maxLength: 3 }),
).map(([nsCount, pods, nsLabels]) => [
  ...NS.slice(0, nsCount).map((name, i) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: nsLabels[i] } })),
  ...pods.map(([ns, labels, ports], i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p${i}`, namespace: NS[ns % nsCount], labels },
    spec: { containers: [{ name: 'c', image: 'img', ports }] },
    status: { podIP: `10.0.0.${i + 1}` },
  })),
]);

const peerArb: fc.Arbitrary<any> = fc.oneof(
  selectorArb(POD_LABELS).map(podSelector => ({ podSelector })),
  selectorArb(NS_LABELS).map(namespaceSelector => ({ namespaceSelector })),
  fc.tuple(selectorArb(POD_LABELS), fc.oneof(selectorArb(NS_LABELS), fc.constantFrom(...NS).map(n => ({ matchLabels: { 'kubernetes.io/metadata.name': n } }))))
    .map(([podSelector, namespaceSelector]) => ({ podSelector, namespaceSelector })),
  fc.constantFrom(
    { ipBlock: { cidr: '10.0.0.0/24' } },
    { ipBlock: { cidr: '10.0.0.0/24', except: ['10.0.0.0/30'] } },
    { ipBlock: { cidr: '10.0.0.2/32' } },
    { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } },
    { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.1/32', '10.0.0.4/31'] } },
    { ipBlock: { cidr: '192.168.0.0/16' } },
  ),
);

// Named ports, mostly with the protocol of the container port they name; `{ port: dns }` (TCP by default) names a
// UDP port and so matches nothing.
const portArb: fc.Arbitrary<any> = fc.oneof(
  fc.record({ protocol: fc.option(fc.constantFrom('TCP', 'UDP'), { nil: undefined }), port: fc.constantFrom(53, 80, 81, 8080) })
    .map(p => (p.protocol === undefined ? { port: p.port } : p)),
  fc.record({ protocol: fc.constantFrom('TCP', 'UDP'), port: fc.constantFrom(53, 79), endPort: fc.constantFrom(81, 8080) }),
  fc.constantFrom({ port: 'http' }, { protocol: 'TCP', port: 'metrics' }, { protocol: 'UDP', port: 'dns' }, { port: 'dns' }, { protocol: 'UDP' }, {}),
);

/** One ingress or egress rule: peers and ports each absent, empty (= all) or a short list. */
export const ruleArb = (direction: 'ingress' | 'egress'): fc.Arbitrary<any> => fc.record({
  peers: fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant([]) },
    { weight: 4, arbitrary: fc.array(peerArb, { minLength: 1, maxLength: 2 }) }),
  ports: fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant([]) },
    { weight: 3, arbitrary: fc.array(portArb, { minLength: 1, maxLength: 2 }) }),
}).map(({ peers, ports }) => {
  const rule: any = {};
  if (peers !== undefined) rule[direction === 'ingress' ? 'from' : 'to'] = peers;
  if (ports !== undefined) rule.ports = ports;
  return rule;
});

const rulesArb = (direction: 'ingress' | 'egress') => fc.oneof(
  fc.constant(undefined), fc.constant([]), fc.array(ruleArb(direction), { minLength: 1, maxLength: 2 }));

/**
 * A NetworkPolicy in one of the namespaces. Rules are only written for directions the policy applies to:
 * what rules outside `policyTypes` mean is not pinned down by the API reference.
 */
export const policyArb = (name: string): fc.Arbitrary<any> => fc.record({
  namespace: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(NS[0], NS[1]) }, { weight: 1, arbitrary: fc.constant(NS[2]) }),
  podSelector: selectorArb(POD_LABELS),
  policyTypes: fc.constantFrom(undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  ingress: rulesArb('ingress'),
  egress: rulesArb('egress'),
}).map(p => {
  const spec: any = { podSelector: p.podSelector };
  if (p.policyTypes) spec.policyTypes = p.policyTypes;
  if (p.ingress !== undefined) spec.ingress = p.ingress;
  if (p.egress !== undefined) spec.egress = p.egress;
  const types = refPolicyTypes(spec);
  if (!types.includes('Ingress')) delete spec.ingress;
  if (!types.includes('Egress')) delete spec.egress;
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: p.namespace }, spec };
});

/** 0..max random policies named np0, np1, ... */
export const policiesArb = (min: number, max: number): fc.Arbitrary<any[]> => fc.integer({ min, max })
  .chain(n => fc.tuple(...Array.from({ length: n }, (_, i) => policyArb(`np${i}`))))
  .map(ps => [...ps]);

/** One probed flow, by reference: `ns/name` for pods, an address for outside peers. */
export interface Probe {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/** Every probe of a cluster: pod to pod (other pods only), pod to outside, outside to pod, on every probed port. */
export function probesOf(docs: readonly any[]): Probe[] {
  const pods = docs.filter(d => d.kind === 'Pod').map(d => `${d.metadata.namespace}/${d.metadata.name}`);
  const pairs: [string, string][] = [
    ...pods.flatMap(a => pods.filter(b => b !== a).map(b => [a, b] as [string, string])),
    ...pods.flatMap(a => OUTSIDE.flatMap(ip => [[a, ip], [ip, a]] as [string, string][])),
  ];
  return pairs.flatMap(([from, to]) => PROBES.map(([port, protocol]) => ({ from, to, port, protocol })));
}

/** The analyzer over raw manifests: verdicts by probe. */
export function analyzerVerdicts(docs: readonly any[]): Map<string, Verdict> {
  const cluster = buildCluster(docs);
  const evaluator = kubernetesEvaluator(cluster);
  const out = new Map<string, Verdict>();
  for (const p of probesOf(docs)) {
    out.set(probeKey(p), evaluator.evaluate({ from: peer(cluster, p.from), to: peer(cluster, p.to), port: p.port, protocol: p.protocol }));
  }
  return out;
}

/** A stable key for a probe. */
export function probeKey(p: Probe): string {
  return `${p.from} -> ${p.to} ${p.port}/${p.protocol}`;
}

function peer(cluster: Cluster, ref: string): FlowPeer {
  if (!ref.includes('/')) return { kind: 'ip', ip: ref };
  const [namespace, name] = ref.split('/');
  const endpoint: Endpoint | undefined = cluster.endpoints.find(e => e.namespace === namespace && e.name === name);
  if (!endpoint) throw new Error(`no endpoint ${ref}`);
  return { kind: 'endpoint', endpoint };
}

/** The manifests as YAML-ish JSON, for failure messages. */
export function show(docs: readonly any[]): string {
  return docs.filter(d => d.kind === 'NetworkPolicy').map(d => JSON.stringify(d)).join('\n');
}
