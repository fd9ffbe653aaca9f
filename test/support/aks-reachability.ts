/**
 * The sample cluster the AKS baseline is judged on, and its whole reachability matrix under one engine.
 */
import { Cluster, FlowPeer, Protocol, buildCluster, parseFlowPeer } from '../../lib/analyzer';
import { EngineName, evaluatorFor } from '../../lib/analyzer/evaluators';
import { WorkloadSpec } from '../../lib/testing';
import { workloadManifest } from '../../lib/testing/workloads';

/** Team namespaces without policies of their own, kube-system with CoreDNS and metrics-server. */
export const AKS_WORKLOADS: WorkloadSpec[] = [
  { namespace: 'team-a', name: 'web', labels: { app: 'web' }, ports: [{ port: 8080 }] },
  { namespace: 'team-a', name: 'api', labels: { app: 'api' }, ports: [{ port: 8080 }, { port: 443 }] },
  { namespace: 'team-b', name: 'worker', labels: { app: 'worker' }, ports: [{ port: 8080 }] },
  {
    namespace: 'kube-system',
    name: 'coredns',
    kind: 'Deployment',
    labels: { 'k8s-app': 'kube-dns' },
    ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'metrics', port: 9153 }],
  },
  { namespace: 'kube-system', name: 'metrics-server', labels: { 'k8s-app': 'metrics-server' }, ports: [{ port: 443 }, { port: 8080 }] },
];
/** An address outside the cluster (TEST-NET-3). */
export const EXTERNAL = '203.0.113.10';
export const COREDNS = 'kube-system/coredns';
export const TEAM_PODS = ['team-a/web', 'team-a/api', 'team-b/worker'];
export const KUBE_SYSTEM_PODS = [COREDNS, 'kube-system/metrics-server'];
export const SIDES = [...TEAM_PODS, ...KUBE_SYSTEM_PODS, EXTERNAL];
/** DNS both ways, and two application ports. */
export const PORTS: ReadonlyArray<{ port: number; protocol: Protocol }> = [
  { port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }, { port: 8080, protocol: 'TCP' }, { port: 443, protocol: 'TCP' },
];

/** The manifests of the sample workloads. */
export function workloadManifests(): any[] {
  return AKS_WORKLOADS.map(workloadManifest);
}

/** The cluster of `policies` (plain manifests) and the sample workloads. */
export function sampleCluster(policies: readonly any[]): Cluster {
  return buildCluster([...workloadManifests(), ...policies]);
}

/** `"from -> to port/PROTOCOL": allowed` for every pair of sides (not two addresses) and every port. */
export function reachability(cluster: Cluster, engine: EngineName): Record<string, boolean> {
  const evaluator = evaluatorFor(engine, cluster);
  const peer = (ref: string): FlowPeer => parseFlowPeer(cluster, ref);
  const matrix: Record<string, boolean> = {};
  for (const from of SIDES) {
    for (const to of SIDES) {
      if (from === EXTERNAL && to === EXTERNAL) continue;
      for (const { port, protocol } of PORTS) {
        matrix[`${from} -> ${to} ${port}/${protocol}`] = evaluator.evaluate({ from: peer(from), to: peer(to), port, protocol }).allowed;
      }
    }
  }
  return matrix;
}

/**
 * What the baseline with default deny must mean: nothing reaches the team pods; the team pods reach CoreDNS on
 * 53 UDP and TCP and nothing else; every other flow (kube-system and the outside) is as without policy.
 */
export function expectedWithDefaultDeny(): Record<string, boolean> {
  const matrix: Record<string, boolean> = {};
  for (const from of SIDES) {
    for (const to of SIDES) {
      if (from === EXTERNAL && to === EXTERNAL) continue;
      for (const { port, protocol } of PORTS) {
        const allowed = TEAM_PODS.includes(to) ? false : TEAM_PODS.includes(from) ? to === COREDNS && port === 53 : true;
        matrix[`${from} -> ${to} ${port}/${protocol}`] = allowed;
      }
    }
  }
  return matrix;
}
