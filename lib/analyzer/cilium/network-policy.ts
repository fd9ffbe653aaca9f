import { cidrText } from '../compile/cilium';
import { Direction, NetworkPolicyForm, PeerForm } from '../compile/form';
import { PEERS_FIELD } from '../compile/read';
import { ipInCidr, parseIp } from '../ip-match';
import { podsPeerText } from '../peers';
import { matchesLabelSelector } from '../selectors';
import { CiliumPolicy, CiliumRule } from './compiled';
import { NAMESPACE_LABELS_PREFIX, POD_NAMESPACE_LABEL } from './labels';
import { CiliumPeer, IdentityOf, selectorPeer, unreadablePeer } from './peers';
import { networkPolicyPort } from './ports';

/**
 * A normalized `networking.k8s.io/v1` NetworkPolicy as Cilium enforces it (pkg/k8s ParseNetworkPolicy): allow rules
 * with default deny for each direction that has rules, or that `policyTypes` names with no rules
 * (Cilium adds an empty rule `{}`). Differences from Kubernetes that follow from the translation:
 * - an empty `from`/`to` is Cilium's wildcard selector: every peer, outside addresses included;
 * - an `ipBlock` is a CIDR rule, which never matches a pod (Cilium matches pods by identity);
 * - rules of a direction that `policyTypes` leaves out are still enforced (cilium/cilium#48703).
 */
export function compileNetworkPolicyForCilium(form: NetworkPolicyForm, identityOf: IdentityOf): CiliumPolicy {
  const { namespace, podSelector } = form;
  const problems: string[] = [];
  for (const [direction, type] of [['ingress', 'Ingress'], ['egress', 'Egress']] as const) {
    if (form[direction].length > 0 && !form.isolates[direction]) {
      problems.push(`${direction}: policyTypes leaves ${type} out, but Cilium enforces these rules anyway (cilium/cilium#48703)`);
    }
  }
  const compileRules = (direction: Direction): CiliumRule[] => form[direction].map(rule => {
    const key = PEERS_FIELD[direction];
    const peers = rule.peers?.map((p, j) => compilePeer(p, namespace, identityOf, m => problems.push(`${rule.label}.${key}[${j}]: ${m}`)));
    const ports = rule.ports?.map((p, j) => {
      if (p.kind === 'unreadable') problems.push(`${rule.label}.ports[${j}]: ${p.problem}`);
      return networkPolicyPort(p);
    });
    return { label: rule.label, action: 'Allow', ...(peers ? { peers } : {}), ...(ports ? { ports } : {}) };
  });
  const ingress = compileRules('ingress');
  const egress = compileRules('egress');
  const hasIngress = ingress.length > 0 || form.isolates.ingress;
  const hasEgress = egress.length > 0 || form.isolates.egress;
  return {
    id: form.id,
    tier: 'NetworkPolicy',
    namespace,
    selects: e => e.namespace === namespace && matchesLabelSelector(podSelector, e.labels),
    subjectSelector: podSelector,
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
function compilePeer(peer: PeerForm, namespace: string, identityOf: IdentityOf, problem: (p: string) => void): CiliumPeer {
  switch (peer.kind) {
    case 'ipBlock': {
      const text = cidrText(peer.cidr, peer.except);
      const range = peer.range;
      if (range === undefined) {
        problem(`unreadable CIDR in ${text}`);
        return unreadablePeer(text, false);
      }
      return {
        kind: 'cidr',
        text,
        // A CIDR rule matches only addresses outside the cluster.
        matches(other) {
          if (other.kind !== 'ip') return false;
          const ip = parseIp(other.ip);
          return ip !== undefined && ipInCidr(ip, range.cidr) && !range.except.some(x => ipInCidr(ip, x));
        },
      };
    }
    case 'pods': {
      const podPart = prefixed(peer.podSelector, 'k8s:');
      let selector: any;
      if (peer.namespaceSelector !== undefined) {
        const nsPart = prefixed(peer.namespaceSelector, `k8s:${NAMESPACE_LABELS_PREFIX}`);
        const emptyNs = nsPart.matchExpressions.length === 0 && Object.keys(nsPart.matchLabels).length === 0;
        selector = {
          matchLabels: { ...nsPart.matchLabels, ...podPart.matchLabels },
          matchExpressions: [...(emptyNs ? [{ key: `k8s:${POD_NAMESPACE_LABEL}`, operator: 'Exists' }] : nsPart.matchExpressions), ...podPart.matchExpressions],
        };
      } else {
        selector = { matchLabels: { ...podPart.matchLabels, [`k8s:${POD_NAMESPACE_LABEL}`]: namespace }, matchExpressions: podPart.matchExpressions };
      }
      const text = podsPeerText(peer);
      return selectorPeer(peer.namespaceSelector !== undefined ? text : `${text} in ${namespace}`, selector, identityOf);
    }
    case 'unreadable':
    case 'networks':
      problem(peer.kind === 'unreadable' ? peer.problem : 'not a NetworkPolicy peer; it matches nothing');
      return { kind: 'unsupported', text: 'nothing', matches: () => false };
  }
}
