/**
 * The small cluster the property tests judge intents on: two labelled team namespaces, generated pods with the same
 * four ports, two addresses outside the cluster, and every flow between them (pod to pod, pod to address, address to pod).
 */
import { IntentFlow, Pod } from './intent-semantics';
import { Cluster, Endpoint, Flow, Protocol } from '../../lib/analyzer/types';

export const NAMESPACES: Record<string, Record<string, string>> = { 'team-a': { team: 'a' }, 'team-b': { team: 'b' } };
export const labelsOf = (ns: string) => NAMESPACES[ns] ?? {};
export const EXTERNAL_IPS = ['203.0.113.10', '198.51.100.7'];

const POD_PORTS: Pod['ports'] = [{ name: 'http', port: 80, protocol: 'TCP' }, { port: 8080, protocol: 'TCP' }, { port: 8050, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }];
const FLOW_PORTS: Array<[number, string]> = [[80, 'TCP'], [8080, 'TCP'], [8050, 'TCP'], [53, 'UDP']];

/** Pods `pod-<i>` of the given namespaces and labels, each with the four ports. */
export function podsOf(shapes: ReadonlyArray<{ namespace: string; labels: Record<string, string> }>): Pod[] {
  return shapes.map((p, i) => ({ namespace: p.namespace, name: `pod-${i}`, labels: p.labels, ports: POD_PORTS }));
}

/** The Namespace and Pod manifests of the cluster. */
export function workloadManifests(pods: readonly Pod[]): any[] {
  return [
    ...Object.entries(NAMESPACES).map(([name, labels]) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } })),
    ...pods.map(p => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
      spec: { containers: [{ name: 'main', image: 'x', ports: p.ports.map(q => ({ containerPort: q.port, protocol: q.protocol, ...(q.name ? { name: q.name } : {}) })) }] },
    })),
  ];
}

/** Every flow on the four ports between two pods, or a pod and an outside address. */
export function intentFlows(pods: readonly Pod[]): IntentFlow[] {
  const sides = [...pods.map(pod => ({ pod })), ...EXTERNAL_IPS.map(ip => ({ ip }))];
  return sides.flatMap(from => sides.filter(to => to !== from && ('pod' in from || 'pod' in to))
    .flatMap(to => FLOW_PORTS.map(([port, protocol]) => ({ from, to, port, protocol }))));
}

/** An intent flow as the analyzer's flow over `cluster`. */
export function toFlow(flow: IntentFlow, cluster: Cluster): Flow {
  const side = (s: IntentFlow['from']) => ('pod' in s
    ? { kind: 'endpoint' as const, endpoint: cluster.endpoints.find((e: Endpoint) => e.namespace === s.pod.namespace && e.name === s.pod.name)! }
    : { kind: 'ip' as const, ip: s.ip });
  return { from: side(flow.from), to: side(flow.to), port: flow.port, protocol: flow.protocol as Protocol };
}
