import { Endpoint, Labels } from '../types';

// Cilium matches selectors against an endpoint's security identity: labels that carry a source
// (`k8s:app=web`, `reserved:world`). A selector key without a source is `any:` and matches a label
// of that key from any source (pkg/labels GetExtendedKeyFrom: `foo` -> `any.foo`).

/** `io.kubernetes.pod.namespace`: every pod's identity carries its namespace under this key. */
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
/** `io.cilium.k8s.namespace.labels.<key>`: the pod's namespace labels, copied into its identity. */
export const NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';
/** The pod's service account. */
export const SERVICE_ACCOUNT_LABEL = 'io.cilium.k8s.policy.serviceaccount';
/** The cluster name (Cluster Mesh); `default` unless the agent is configured otherwise. */
export const CLUSTER_LABEL = 'io.cilium.k8s.policy.cluster';
export const CLUSTER_NAME = 'default';

/** One identity label. */
export interface IdentityLabel {
  readonly source: string;
  readonly value: string;
}

/** An identity: labels by key (a key may come from several sources). */
export type Identity = ReadonlyMap<string, readonly IdentityLabel[]>;

/** A selector key split into its source (`any` when none is written) and the label key. */
export interface SelectorKey {
  readonly source: string;
  readonly key: string;
}

/** `k8s:app` -> k8s/app; `app` -> any/app; `$host` -> reserved/host (pkg/labels ParseSource). */
export function parseSelectorKey(raw: string): SelectorKey {
  const text = String(raw);
  if (text.startsWith('$')) return { source: 'reserved', key: text.slice(1) };
  const colon = text.indexOf(':');
  if (colon < 0) return { source: 'any', key: text };
  return { source: text.slice(0, colon) || 'any', key: text.slice(colon + 1) };
}

/** The identity of a pod: its labels, namespace, namespace labels, service account and cluster, all `k8s:`. */
export function podIdentity(endpoint: Endpoint, namespaceLabels: Labels): Identity {
  // A later label of the same key wins, in the place of the first (as an object's keys keep theirs).
  const identity = new Map<string, readonly IdentityLabel[]>();
  const put = (key: string, value: string) => identity.set(key, [{ source: 'k8s', value }]);
  for (const k of Object.keys(endpoint.labels)) put(k, endpoint.labels[k]);
  for (const k of Object.keys(namespaceLabels)) put(`${NAMESPACE_LABELS_PREFIX}${k}`, namespaceLabels[k]);
  put(POD_NAMESPACE_LABEL, endpoint.namespace);
  put(SERVICE_ACCOUNT_LABEL, endpoint.serviceAccount ?? 'default');
  put(CLUSTER_LABEL, CLUSTER_NAME);
  return identity;
}

/** The identity of an address that stands for a reserved entity (`reserved:host`, `reserved:kube-apiserver`...). */
export function entityIdentity(entity: string): Identity {
  return new Map([[entity, [{ source: 'reserved', value: '' }]]]);
}

/** The identity of an address outside the cluster: `reserved:world` (and `world-ipv4`/`world-ipv6`). */
export function worldIdentity(family: 'ipv4' | 'ipv6'): Identity {
  return new Map([
    ['world', [{ source: 'reserved', value: '' }]],
    [`world-${family}`, [{ source: 'reserved', value: '' }]],
  ]);
}

/** The operators a Cilium endpoint selector accepts (Kubernetes LabelSelector). */
export const SELECTOR_OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** Parts of a selector that cannot be read; empty when it is well-formed. */
export function selectorProblems(selector: unknown): string[] {
  if (selector === undefined || selector === null) return [];
  if (typeof selector !== 'object' || Array.isArray(selector)) return ['not a label selector mapping'];
  const s = selector as Record<string, any>;
  const problems: string[] = [];
  if (s.matchLabels !== undefined && s.matchLabels !== null) {
    if (typeof s.matchLabels !== 'object' || Array.isArray(s.matchLabels)) problems.push('matchLabels is not a mapping');
    else if (Object.values(s.matchLabels).some(v => typeof v !== 'string')) problems.push('a matchLabels value is not a string');
  }
  if (s.matchExpressions !== undefined && s.matchExpressions !== null) {
    if (!Array.isArray(s.matchExpressions)) {
      problems.push('matchExpressions is not a list');
    } else {
      s.matchExpressions.forEach((e: any, i: number) => {
        if (typeof e?.key !== 'string' || e.key === '') {problems.push(`matchExpressions[${i}] has no key`);} else if (!SELECTOR_OPERATORS.includes(e.operator)) {problems.push(`matchExpressions[${i}] has unknown operator ${JSON.stringify(e?.operator)}`);} else if (e.values !== undefined && e.values !== null && (!Array.isArray(e.values) || e.values.some((v: unknown) => typeof v !== 'string'))) {
          problems.push(`matchExpressions[${i}].values is not a list of strings`);
        }
      });
    }
  }
  return problems;
}

/**
 * Kubernetes LabelSelector semantics over a source-aware identity: `{}` matches everything, matchLabels
 * and every matchExpression must hold. A matchLabels key `reserved:all` matches every identity
 * (pkg/policy/api EndpointSelector.Matches). An unreadable selector matches nothing.
 */
export function matchesCiliumSelector(selector: any, identity: Identity): boolean {
  if (selector === undefined || selector === null) return true;
  if (selectorProblems(selector).length > 0) return false;
  const matchLabels: Record<string, string> = selector.matchLabels ?? {};
  for (const raw of Object.keys(matchLabels)) {
    const k = parseSelectorKey(raw);
    if (k.source === 'reserved' && k.key === 'all') return true;
  }
  const valuesOf = (raw: string): string[] => {
    const k = parseSelectorKey(raw);
    return (identity.get(k.key) ?? []).filter(l => k.source === 'any' || l.source === k.source).map(l => l.value);
  };
  for (const [raw, want] of Object.entries(matchLabels)) {
    if (!valuesOf(raw).includes(want)) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const values = valuesOf(e.key);
    const wanted: string[] = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!values.some(v => wanted.includes(v))) return false;
        break;
      case 'NotIn':
        if (values.some(v => wanted.includes(v))) return false;
        break;
      case 'Exists':
        if (values.length === 0) return false;
        break;
      default: // DoesNotExist
        if (values.length > 0) return false;
    }
  }
  return true;
}

/** Every selector key (source prefix kept) a selector reads. */
export function selectorKeysOf(selector: any): SelectorKey[] {
  if (!selector || typeof selector !== 'object') return [];
  const keys = [
    ...Object.keys(selector.matchLabels ?? {}),
    ...(Array.isArray(selector.matchExpressions) ? selector.matchExpressions.map((e: any) => String(e?.key)) : []),
  ];
  return keys.map(parseSelectorKey);
}

/** True when the selector reads a key (from a `k8s:` or `any:` source) that satisfies `test`. */
export function readsKey(selector: any, test: (key: string) => boolean): boolean {
  return selectorKeysOf(selector).some(k => (k.source === 'k8s' || k.source === 'any') && test(k.key));
}

/** True when the selector reads a `reserved:` key. */
export function readsReserved(selector: any): boolean {
  return selectorKeysOf(selector).some(k => k.source === 'reserved');
}
