/**
 * Helpers for the ClusterNetworkPolicy renderer tests: render through the engine, hold every manifest to the CRD schema
 * and its CEL rules (test/support/kube-validator.ts), and evaluate rendered manifests with the analyzer.
 */
import { Engine, Policy } from '../../../lib';
import { parseFlowPeer } from '../../../lib/analyzer';
import { evaluatorFor } from '../../../lib/analyzer/evaluators';
import { buildCluster } from '../../../lib/analyzer/load';
import { Protocol, Verdict } from '../../../lib/analyzer/types';
import { netpolError } from '../../support/helpers';
import { hasSchema, schemaDir, validateManifest } from '../../support/kube-validator';

export const CNP = Engine.CLUSTER_NETWORK_POLICY;

/** The metadata of every rendered ClusterNetworkPolicy: no namespace (cluster-scoped). */
export const metadataOf = (name: string) => ({ labels: { 'app.kubernetes.io/managed-by': 'cdk-netpol' }, name });

/** Renders `policy` with Engine.CLUSTER_NETWORK_POLICY and expects the manifest to be valid. */
export function render(policy: Policy): any {
  const manifest = CNP.render(policy);
  expect(violations(manifest)).toEqual([]);
  return manifest;
}

/** The violations of a manifest; skipped (empty) without the schema folder outside CI, as every validator test. */
export function violations(manifest: any): string[] {
  expect(hasSchema(manifest)).toBe(true);
  if (schemaDir() === undefined) return [];
  return validateManifest(manifest);
}

/** The coded refusal of `policy`: what `render` throws, which is the first of `problems`. */
export function refusal(policy: Policy): { code: string; field: string; value: string; fix: string; message: string } {
  const error = netpolError(() => CNP.render(policy));
  expect(CNP.problems(policy)[0].code).toBe(error.code);
  return { code: error.code, field: error.field, value: error.value, fix: error.fix, message: error.message };
}

export function namespace(name: string, labels: Record<string, string> = {}): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { ...labels, 'kubernetes.io/metadata.name': name } } };
}

/** A container port of `pod`. */
export interface PodPort {
  readonly port: number;
  readonly protocol?: string;
  readonly name?: string;
}

export function pod(ns: string, name: string, labels: Record<string, string>, ip: string, ports: PodPort[] = []): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: { containers: [{ name: 'main', image: 'app', ports: ports.map(p => ({ containerPort: p.port, protocol: p.protocol ?? 'TCP', ...(p.name ? { name: p.name } : {}) })) }] },
    status: { podIP: ip, podIPs: [{ ip }] },
  };
}

/** The verdict of `from` -> `to` (`ns/name` or an IP) on `port` under cluster-network-policy semantics, given these manifests. */
export function verdict(docs: readonly any[], from: string, to: string, port: number, protocol: Protocol = 'TCP'): Verdict {
  const cluster = buildCluster([...docs]);
  return evaluatorFor('cluster-network-policy', cluster).evaluate({ from: parseFlowPeer(cluster, from), to: parseFlowPeer(cluster, to), port, protocol });
}

/** True when every object of `value` has its keys in code-unit order. */
export function keysSorted(value: any): boolean {
  if (Array.isArray(value)) return value.every(keysSorted);
  if (value === null || typeof value !== 'object') return true;
  const keys = Object.keys(value);
  return keys.every((k, i) => i === 0 || keys[i - 1] < k) && keys.every(k => keysSorted(value[k]));
}
