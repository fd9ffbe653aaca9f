import { EngineName, evaluatorFor } from '../../../lib/analyzer/evaluators';
import { buildCluster, parseManifests } from '../../../lib/analyzer/load';
import { Cluster, FlowPeer, Verdict } from '../../../lib/analyzer/types';

// Small clusters for the pod-address tests: pods written `ns/name` with optional IPs, policies as YAML.

/** A Pod manifest; `ips` become its status (unknown when empty, as for pods of a cdk8s app). */
export function pod(ref: string, labels: Record<string, string>, ips: readonly string[] = [], ports: readonly number[] = [5432]): any {
  const [namespace, name] = ref.split('/');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { containers: [{ name: 'c', image: 'i', ports: ports.map(containerPort => ({ containerPort })) }] },
    ...(ips.length ? { status: { podIP: ips[0], podIPs: ips.map(ip => ({ ip })) } } : {}),
  };
}

/** Pods and policies (YAML) as a cluster, with the pod CIDRs when given. */
export function clusterOf(pods: readonly any[], policiesYaml: string, podCidrs?: readonly string[]): Cluster {
  const cluster = buildCluster([...pods, ...parseManifests(policiesYaml, 'policies.yaml')]);
  return podCidrs === undefined ? cluster : { ...cluster, podCidrs };
}

/** Evaluates `from -> to` (refs `ns/name` or IPs) on TCP under `engine`, with the evaluator the CLI and matchers use. */
export function judge(cluster: Cluster, engine: EngineName, from: string, to: string, port = 5432): Verdict {
  const peer = (ref: string): FlowPeer => {
    if (!ref.includes('/')) return { kind: 'ip', ip: ref };
    const [namespace, name] = ref.split('/');
    return { kind: 'endpoint', endpoint: cluster.endpoints.find(e => e.namespace === namespace && e.name === name)! };
  };
  return evaluatorFor(engine, cluster).evaluate({ from: peer(from), to: peer(to), port, protocol: 'TCP' });
}

/** `ALLOW`, `DENY`, or `UNCERTAIN (DENY)` with the verdict for a pod that matches no address peer. */
export function outcome(v: Verdict): string {
  const word = v.allowed ? 'ALLOW' : 'DENY';
  return v.certain ? word : `UNCERTAIN (${word})`;
}

/** Default deny for ingress in `namespace`. */
export const denyIngress = (namespace: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress, namespace: ${namespace}}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;
