import { parseAllDocuments } from 'yaml';
import { ciliumEvaluator, CiliumEvaluator } from '../../../lib/analyzer/cilium';
import { explainText } from '../../../lib/analyzer/explain';
import { kubernetesEvaluator } from '../../../lib/analyzer/kubernetes/evaluator';
import { Cluster, Endpoint, Evaluator, Flow, FlowPeer, Namespace, PolicyDocument, PolicyKind, Protocol, Verdict } from '../../../lib/analyzer/types';

// Cluster literals for the Cilium evaluator's tests (the loader does not read Cilium kinds yet).

/**
 * An egress rule of a Cilium rule set (indented for an `egress:` list at two spaces): DNS to kube-dns on 53 through
 * Cilium's DNS proxy, which `toFQDNs` rules need (docs "DNS based").
 */
export const DNS_EGRESS_RULE = `
    - toEndpoints:
      - matchLabels:
          "k8s:io.kubernetes.pod.namespace": kube-system
          "k8s:k8s-app": kube-dns
      toPorts:
        - ports:
           - port: "53"
             protocol: ANY
          rules:
            dns:
              - matchPattern: "*"`;

/** A CiliumNetworkPolicy for the `prod` pods labelled `app: api`: DNS egress (`DNS_EGRESS_RULE`), then `egressRules`. */
export function apiEgressPolicy(name: string, egressRules: string): string {
  return `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: ${name}
  namespace: prod
spec:
  endpointSelector:
    matchLabels:
      app: api
  egress:${DNS_EGRESS_RULE}
${egressRules}`;
}

/** Options of a test pod. Ports are `80` (TCP), `[53, 'UDP']` or `[8080, 'TCP', 'http']`. */
export interface PodOptions {
  readonly ports?: ReadonlyArray<number | readonly [number, Protocol, string?]>;
  readonly ips?: readonly string[];
  readonly serviceAccount?: string;
}

/** A Pod endpoint `ns/name`. */
export function pod(ref: string, labels: Record<string, string>, options: PodOptions = {}): Endpoint {
  const [namespace, name] = ref.split('/');
  const ports = (options.ports ?? [80]).map(p => typeof p === 'number'
    ? { port: p, protocol: 'TCP' as const }
    : { port: p[0], protocol: p[1], ...(p[2] ? { name: p[2] } : {}) });
  return { kind: 'Pod', namespace, name, labels, ips: options.ips ?? [], ports, serviceAccount: options.serviceAccount ?? 'default' };
}

/** Policy documents from manifests (multi-document YAML): CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, NetworkPolicy. */
export function policies(yaml: string): PolicyDocument[] {
  return parseAllDocuments(yaml).map(d => d.toJSON()).filter(Boolean).map((m: any) => {
    const kind = m.kind as PolicyKind;
    const namespaced = kind === 'NetworkPolicy' || kind === 'CiliumNetworkPolicy';
    // A Cilium policy with `specs` is handed over as `{ spec?, specs }`; otherwise its `spec` is the rule.
    const spec = kind.startsWith('Cilium') && m.specs !== undefined ? { spec: m.spec, specs: m.specs } : m.spec;
    return {
      apiVersion: m.apiVersion,
      kind,
      name: m.metadata.name,
      ...(namespaced ? { namespace: m.metadata.namespace ?? 'default' } : {}),
      spec,
    };
  });
}

/** A cluster of pods, namespaces (with their labels; each gets `kubernetes.io/metadata.name`) and policies. */
export function clusterOf(
  pods: readonly Endpoint[], policyDocs: readonly PolicyDocument[], namespaceLabels: Record<string, Record<string, string>> = {},
): Cluster {
  const names = new Set([...pods.map(p => p.namespace), ...Object.keys(namespaceLabels)]);
  const namespaces = new Map<string, Namespace>([...names].sort().map(n => [n, {
    name: n,
    labels: { 'kubernetes.io/metadata.name': n, ...namespaceLabels[n] },
    declared: true,
  }]));
  return { namespaces, endpoints: pods, services: [], policies: policyDocs };
}

/** A cluster with both evaluators compiled over it. */
export interface Analyzed {
  readonly cluster: Cluster;
  readonly cilium: CiliumEvaluator;
  readonly kubernetes: Evaluator;
}

export function analyze(pods: readonly Endpoint[], yaml: string, namespaceLabels: Record<string, Record<string, string>> = {}): Analyzed {
  const cluster = clusterOf(pods, policies(yaml), namespaceLabels);
  return { cluster, cilium: ciliumEvaluator(cluster), kubernetes: kubernetesEvaluator(cluster) };
}

function peerOf(cluster: Cluster, ref: string): FlowPeer {
  if (!ref.includes('/') || /^[0-9a-f:.]+\/\d+$/i.test(ref)) return { kind: 'ip', ip: ref };
  const [namespace, name] = ref.split('/');
  const found = cluster.endpoints.filter(e => e.namespace === namespace && e.name === name);
  if (found.length !== 1) throw new Error(`expected one endpoint ${ref}, found ${found.length}`);
  return { kind: 'endpoint', endpoint: found[0] };
}

/** The flow `from -> to port/protocol` (`ns/name` or an address). */
export function flow(cluster: Cluster, from: string, to: string, port: number, protocol: Protocol = 'TCP'): Flow {
  return { from: peerOf(cluster, from), to: peerOf(cluster, to), port, protocol };
}

/** The verdict of an evaluator (Cilium unless told) for one flow. */
export function verdict(a: Analyzed, from: string, to: string, port: number, protocol: Protocol = 'TCP', evaluator: Evaluator = a.cilium): Verdict {
  return evaluator.evaluate(flow(a.cluster, from, to, port, protocol));
}

/** The explanation text of a flow under Cilium. */
export function explain(a: Analyzed, from: string, to: string, port: number, protocol: Protocol = 'TCP'): string {
  const f = flow(a.cluster, from, to, port, protocol);
  return explainText(f, a.cilium.evaluate(f));
}

/**
 * Checks flows written one per line as `<from> -> <to> <port>/<protocol> <mark>` (`.` allowed, `X` denied)
 * under an evaluator (Cilium unless told). On a mismatch, jest shows the whole list both ways.
 */
export function expectFlows(a: Analyzed, flows: string, evaluator: Evaluator = a.cilium): void {
  const want: string[] = [];
  const got: string[] = [];
  for (const line of flows.trim().split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('#'))) {
    const m = /^(\S+)\s+->\s+(\S+)\s+(\d+)\/(TCP|UDP|SCTP)\s+([.X])$/.exec(line);
    if (!m) throw new Error(`cannot read flow line: ${line}`);
    const [, from, to, port, protocol, mark] = m;
    const text = `${from} -> ${to} ${port}/${protocol}`;
    want.push(`${text} ${mark}`);
    got.push(`${text} ${verdict(a, from, to, Number(port), protocol as Protocol, evaluator).allowed ? '.' : 'X'}`);
  }
  expect(got.join('\n')).toBe(want.join('\n'));
}
