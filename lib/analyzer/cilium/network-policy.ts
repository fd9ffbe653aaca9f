import { selectorText } from '../selector-text';
import { matchesLabelSelector } from '../selectors';
import { PolicyDocument } from '../types';
import { CiliumPolicy, CiliumRule } from './compiled';
import { NAMESPACE_LABELS_PREFIX, POD_NAMESPACE_LABEL } from './labels';
import { CiliumPeer, IdentityOf, cidrPeer, selectorPeer } from './peers';
import { networkPolicyPort } from './ports';

type Direction = 'ingress' | 'egress';

/**
 * A `networking.k8s.io/v1` NetworkPolicy as Cilium enforces it (pkg/k8s ParseNetworkPolicy): allow rules
 * with default deny for each direction that has rules, or that `policyTypes` names with no rules
 * (Cilium adds an empty rule `{}`). Differences from Kubernetes that follow from the translation:
 * - an empty `from`/`to` is Cilium's wildcard selector: every peer, outside addresses included;
 * - an `ipBlock` is a CIDR rule, which never matches a pod (Cilium matches pods by identity);
 * - rules of a direction that `policyTypes` leaves out are still enforced (cilium/cilium#48703).
 */
export function compileNetworkPolicyForCilium(doc: PolicyDocument, identityOf: IdentityOf): CiliumPolicy {
  const namespace = doc.namespace ?? 'default';
  const spec = doc.spec ?? {};
  const problems: string[] = [];
  const ingressRules: any[] = Array.isArray(spec.ingress) ? spec.ingress : [];
  const egressRules: any[] = Array.isArray(spec.egress) ? spec.egress : [];
  // API server defaulting: Ingress always, Egress when egress rules exist.
  const explicitTypes = Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0;
  const types: string[] = explicitTypes ? spec.policyTypes : ['Ingress', ...(egressRules.length > 0 ? ['Egress'] : [])];
  for (const [rules, type] of [[ingressRules, 'Ingress'], [egressRules, 'Egress']] as const) {
    if (rules.length > 0 && !types.includes(type)) {
      problems.push(`${type.toLowerCase()}: policyTypes leaves ${type} out, but Cilium enforces these rules anyway (cilium/cilium#48703)`);
    }
  }
  const compileRules = (rules: any[], direction: Direction): CiliumRule[] => rules.map((rule, i) => {
    const label = `${direction}[${i}]`;
    const key = direction === 'ingress' ? 'from' : 'to';
    const peerList = rule?.[key];
    const peers = Array.isArray(peerList) && peerList.length > 0
      ? peerList.map((p: any, j: number) => compilePeer(p, namespace, identityOf, m => problems.push(`${label}.${key}[${j}]: ${m}`)))
      : undefined;
    const ports = Array.isArray(rule?.ports) && rule.ports.length > 0
      ? rule.ports.map((p: any, j: number) => networkPolicyPort(p, m => problems.push(`${label}.ports[${j}]: ${m}`)))
      : undefined;
    return { label, action: 'Allow', ...(peers ? { peers } : {}), ...(ports ? { ports } : {}) };
  });
  const ingress = compileRules(ingressRules, 'ingress');
  const egress = compileRules(egressRules, 'egress');
  const hasIngress = ingress.length > 0 || types.includes('Ingress');
  const hasEgress = egress.length > 0 || types.includes('Egress');
  const podSelector = spec.podSelector ?? {};
  return {
    id: `NetworkPolicy ${namespace}/${doc.name}`,
    tier: 'NetworkPolicy',
    namespace,
    selects: e => e.namespace === namespace && matchesLabelSelector(podSelector, e.labels),
    isolatesIngress: hasIngress,
    isolatesEgress: hasEgress,
    hasIngress,
    hasEgress,
    ingress,
    egress,
    requires: { ingress: [], egress: [] },
    problems,
  };
}

/** Prefixes a Kubernetes selector's keys, as Cilium does when it turns a NetworkPolicy peer into an endpoint selector. */
function prefixed(selector: any, prefix: string): any {
  const matchLabels = Object.fromEntries(Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => [`${prefix}${k}`, v]));
  const matchExpressions = (selector?.matchExpressions ?? []).map((e: any) => ({ ...e, key: `${prefix}${e?.key}` }));
  return { matchLabels, matchExpressions };
}

/** A NetworkPolicy peer (pkg/k8s parseNetworkPolicyPeer): namespace labels become `io.cilium.k8s.namespace.labels.*`. */
function compilePeer(peer: any, namespace: string, identityOf: IdentityOf, problem: (p: string) => void): CiliumPeer {
  if (peer?.ipBlock) {
    const except: unknown[] = Array.isArray(peer.ipBlock.except) ? peer.ipBlock.except : [];
    return cidrPeer(peer.ipBlock.cidr, except, false, false, problem);
  }
  const pods = peer?.podSelector;
  const namespaces = peer?.namespaceSelector;
  if (pods === undefined && namespaces === undefined) {
    problem('empty peer; it matches nothing');
    return { kind: 'unsupported', text: 'nothing', matches: () => false };
  }
  const podPart = prefixed(pods, 'k8s:');
  let selector: any;
  if (namespaces !== undefined && namespaces !== null) {
    const nsPart = prefixed(namespaces, `k8s:${NAMESPACE_LABELS_PREFIX}`);
    const emptyNs = nsPart.matchExpressions.length === 0 && Object.keys(nsPart.matchLabels).length === 0;
    selector = {
      matchLabels: { ...nsPart.matchLabels, ...podPart.matchLabels },
      matchExpressions: [...(emptyNs ? [{ key: `k8s:${POD_NAMESPACE_LABEL}`, operator: 'Exists' }] : nsPart.matchExpressions), ...podPart.matchExpressions],
    };
  } else {
    selector = { matchLabels: { ...podPart.matchLabels, [`k8s:${POD_NAMESPACE_LABEL}`]: namespace }, matchExpressions: podPart.matchExpressions };
  }
  const text = [
    namespaces !== undefined && namespaces !== null ? `namespaces(${selectorText(namespaces)})` : undefined,
    pods !== undefined && pods !== null ? `pods(${selectorText(pods)})` : undefined,
  ].filter(Boolean).join('/');
  return selectorPeer(namespaces !== undefined && namespaces !== null ? text : `${text} in ${namespace}`, selector, identityOf);
}
