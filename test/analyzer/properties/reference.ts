// An independent, deliberately naive model of networking.k8s.io/v1 NetworkPolicy semantics, written from
// the API reference and https://kubernetes.io/docs/concepts/services-networking/network-policies/ only.
// It shares no code with lib/ (own selector matching, own IP parsing): the property tests compare the
// analyzer against it, and the semantics tests use it to double-check hand-written truth tables.
// NetworkPolicy only: admin tiers are covered by hand-written cases.

/** A pod as the reference sees it. */
export interface RefPod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly ip?: string;
  readonly ports: readonly { readonly name?: string; readonly port: number; readonly protocol: string }[];
}

/** Namespaces (with their labels), pods and NetworkPolicies read from raw manifests. */
export interface RefModel {
  readonly namespaceLabels: ReadonlyMap<string, Record<string, string>>;
  readonly pods: readonly RefPod[];
  readonly policies: readonly any[];
}

/** One side of a flow. */
export type RefPeer = { readonly pod: RefPod } | { readonly ip: string };

/** The reference verdict. */
export interface RefVerdict {
  readonly egress: boolean;
  readonly ingress: boolean;
  readonly allowed: boolean;
}

const NAME_LABEL = 'kubernetes.io/metadata.name';

/** Reads Namespace, Pod and NetworkPolicy objects; namespaces get their name label, as the API server does. */
export function refModel(docs: readonly any[]): RefModel {
  const namespaceLabels = new Map<string, Record<string, string>>();
  const pods: RefPod[] = [];
  const policies: any[] = [];
  const ensure = (ns: string) => {
    if (!namespaceLabels.has(ns)) namespaceLabels.set(ns, { [NAME_LABEL]: ns });
  };
  for (const d of docs) {
    if (d.kind === 'Namespace') {
      namespaceLabels.set(d.metadata.name, { ...(d.metadata.labels ?? {}), [NAME_LABEL]: d.metadata.name });
    }
  }
  for (const d of docs) {
    if (d.kind === 'Pod') {
      const namespace = d.metadata.namespace ?? 'default';
      ensure(namespace);
      const ports = (d.spec?.containers ?? []).flatMap((c: any) => (c.ports ?? []).map((p: any) => ({
        name: p.name, port: p.containerPort, protocol: p.protocol ?? 'TCP',
      })));
      pods.push({ namespace, name: d.metadata.name, labels: d.metadata.labels ?? {}, ip: d.status?.podIP, ports });
    } else if (d.kind === 'NetworkPolicy') {
      ensure(d.metadata.namespace ?? 'default');
      policies.push({ ...d, metadata: { ...d.metadata, namespace: d.metadata.namespace ?? 'default' } });
    }
  }
  return { namespaceLabels, pods, policies };
}

/** The pod named `ns/name`. */
export function refPod(model: RefModel, ref: string): RefPod {
  const [namespace, name] = ref.split('/');
  const pod = model.pods.find(p => p.namespace === namespace && p.name === name);
  if (!pod) throw new Error(`no pod ${ref}`);
  return pod;
}

/** Is the flow allowed? Egress is judged on the source pod, ingress on the destination pod. */
export function refEvaluate(model: RefModel, from: RefPeer, to: RefPeer, port: number, protocol: string): RefVerdict {
  const egress = 'pod' in from ? sideAllows(model, from.pod, 'Egress', to, to, port, protocol) : true;
  const ingress = 'pod' in to ? sideAllows(model, to.pod, 'Ingress', from, to, port, protocol) : true;
  return { egress, ingress, allowed: egress && ingress };
}

/** The policy types in effect: the explicit list, else Ingress plus Egress when there are egress rules. */
export function refPolicyTypes(spec: any): string[] {
  if (Array.isArray(spec?.policyTypes) && spec.policyTypes.length > 0) return spec.policyTypes;
  return (spec?.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The policies that select `pod` for `direction`. */
export function refSelecting(model: RefModel, pod: RefPod, direction: 'Ingress' | 'Egress'): any[] {
  return model.policies.filter(p => p.metadata.namespace === pod.namespace
    && refSelectorMatches(p.spec?.podSelector ?? {}, pod.labels)
    && refPolicyTypes(p.spec).includes(direction));
}

function sideAllows(model: RefModel, pod: RefPod, direction: 'Ingress' | 'Egress', peer: RefPeer, destination: RefPeer, port: number, protocol: string): boolean {
  const selecting = refSelecting(model, pod, direction);
  if (selecting.length === 0) return true;
  return selecting.some(policy => {
    const rules: any[] = (direction === 'Ingress' ? policy.spec.ingress : policy.spec.egress) ?? [];
    return rules.some(rule => {
      const peers: any[] | undefined = direction === 'Ingress' ? rule.from : rule.to;
      const peerOk = !peers || peers.length === 0 || peers.some(p => peerMatches(model, policy.metadata.namespace, p, peer));
      const ports: any[] | undefined = rule.ports;
      const portOk = !ports || ports.length === 0 || ports.some(p => portMatches(p, destination, port, protocol));
      return peerOk && portOk;
    });
  });
}

function peerMatches(model: RefModel, policyNamespace: string, p: any, peer: RefPeer): boolean {
  if (p.ipBlock) {
    const ip = 'pod' in peer ? peer.pod.ip : peer.ip;
    if (!ip) return false;
    return refCidrContainsIp(p.ipBlock.cidr, ip) && !(p.ipBlock.except ?? []).some((e: string) => refCidrContainsIp(e, ip));
  }
  if (!('pod' in peer)) return false;
  if (!p.podSelector && !p.namespaceSelector) return false;
  const nsOk = p.namespaceSelector
    ? refSelectorMatches(p.namespaceSelector, model.namespaceLabels.get(peer.pod.namespace) ?? {})
    : peer.pod.namespace === policyNamespace;
  const podOk = p.podSelector ? refSelectorMatches(p.podSelector, peer.pod.labels) : true;
  return nsOk && podOk;
}

function portMatches(p: any, destination: RefPeer, port: number, protocol: string): boolean {
  if ((p.protocol ?? 'TCP') !== protocol) return false;
  if (p.port === undefined || p.port === null) return true;
  if (typeof p.port === 'string') {
    // A named port is the destination pod's container port of that name (and protocol).
    if (!('pod' in destination)) return false;
    return destination.pod.ports.some(cp => cp.name === p.port && cp.port === port && cp.protocol === protocol);
  }
  return p.endPort !== undefined ? p.port <= port && port <= p.endPort : p.port === port;
}

/** Kubernetes LabelSelector semantics, written out by hand. */
export function refSelectorMatches(selector: any, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) {
    if (!(k in labels) || labels[k] !== v) return false;
  }
  for (const e of selector?.matchExpressions ?? []) {
    const present = Object.keys(labels).includes(e.key);
    const value = present ? labels[e.key] : undefined;
    const inValues = present && (e.values ?? []).some((x: string) => x === value);
    let ok: boolean;
    if (e.operator === 'In') ok = inValues;
    else if (e.operator === 'NotIn') ok = !inValues;
    else if (e.operator === 'Exists') ok = present;
    else if (e.operator === 'DoesNotExist') ok = !present;
    else ok = false;
    if (!ok) return false;
  }
  return true;
}

/** An IPv4 or IPv6 address as a number, and its width in bits; parsed by hand. */
export function refParseIp(text: string): { value: bigint; bits: number } {
  if (text.includes(':')) {
    const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
    const h = head ? head.split(':') : [];
    const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
    const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
    if (groups.length !== 8) throw new Error(`bad IPv6 ${text}`);
    return { value: groups.reduce((acc, g) => acc * 65536n + BigInt(parseInt(g, 16)), 0n), bits: 128 };
  }
  const octets = text.split('.').map(Number);
  if (octets.length !== 4) throw new Error(`bad IPv4 ${text}`);
  return { value: octets.reduce((acc, o) => acc * 256n + BigInt(o), 0n), bits: 32 };
}

/** `ip` lies in `cidr` (same family, same leading prefix bits). */
export function refCidrContainsIp(cidr: string, ip: string): boolean {
  const [net, len] = cidr.split('/');
  const n = refParseIp(net);
  const a = refParseIp(ip);
  if (n.bits !== a.bits) return false;
  // Same leading `len` bits: the same quotient by 2^(bits - len).
  const hostSpan = 2n ** BigInt(n.bits - Number(len));
  return n.value / hostSpan === a.value / hostSpan;
}
