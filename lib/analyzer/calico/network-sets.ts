import { ParsedCidr, parseCidr } from '../ip-match';
import { Labels, NetworkSet } from '../types';
import { CALICO_NAMESPACE_LABEL } from './labels';
import { CalicoSelector, matchesCalicoSelector } from './selector';

// Calico's NetworkSets and GlobalNetworkSets as its rule selectors see them. A rule's selector is one expression
// over every labelled thing felix knows: workload endpoints, host endpoints and network sets
// (felix/labelindex/named_port_index.go indexes all three alike), so an address in a matching set is selected as a
// pod is. The expression is the rule's as updateprocessors/rules.go `GetEntityRuleSelector` builds it.

/** A network set with the labels Calico's selectors read on it and its nets parsed (unreadable ones left out). */
export interface CalicoNetworkSetView {
  /** `NetworkSet staging/external-database`, `GlobalNetworkSet ip-protect`. */
  readonly id: string;
  readonly set: NetworkSet;
  readonly labels: Labels;
  readonly cidrs: readonly ParsedCidr[];
}

/**
 * Every network set as Calico's selectors see it. A NetworkSet carries `projectcalico.org/namespace` and the labels
 * of its namespace's profile (`pcns.<key>`, `pcns.projectcalico.org/name`: updateprocessors/networksetprocessor.go
 * gives it the profile `kns.<namespace>`); its own labels win. A GlobalNetworkSet carries its own labels only.
 *
 * @param namespaceLabels a namespace's labels as a namespaceSelector reads them (with `projectcalico.org/name`)
 */
export function networkSetViews(sets: readonly NetworkSet[], namespaceLabels: (namespace: string) => Labels): CalicoNetworkSetView[] {
  return sets.map(set => {
    const inherited: Record<string, string> = {};
    if (set.namespace !== undefined) for (const [k, v] of Object.entries(namespaceLabels(set.namespace))) inherited[`pcns.${k}`] = v;
    const labels = set.namespace === undefined ? set.labels : { ...inherited, ...set.labels, [CALICO_NAMESPACE_LABEL]: set.namespace };
    const cidrs = set.nets.map(n => parseCidr(n.includes('/') ? n : `${n}/${n.includes(':') ? 128 : 32}`)).filter((c): c is ParsedCidr => c !== undefined);
    return { id: set.namespace === undefined ? `GlobalNetworkSet ${set.name}` : `NetworkSet ${set.namespace}/${set.name}`, set, labels, cidrs };
  });
}

/** The parts of an EntityRule that choose what its selector expression matches. */
export interface EntitySelectors {
  readonly selector?: CalicoSelector;
  readonly notSelector?: CalicoSelector;
  readonly namespaceSelector?: CalicoSelector;
  readonly serviceAccounts?: { readonly names: readonly string[]; readonly selector?: CalicoSelector };
}

/**
 * The network sets an EntityRule selects: those its positive expression (`selector`, `serviceAccounts`, scoped to
 * the `namespaceSelector`'s namespaces or, in a namespaced policy, to the policy's namespace as soon as any selector
 * field is set) matches; undefined when the rule has no positive expression (it then selects by address alone).
 * `namespaceSelector` reads a NetworkSet's namespace as it reads a pod's; Calico rewrites its `all()` to "has a
 * namespace" and `global()` to "has none", so on a GlobalNetworkSet only `global()` holds. Service accounts are
 * pods': `names` never match a set, and a service account selector reads no label on one.
 *
 * @param namespace the policy's namespace; undefined for a GlobalNetworkPolicy
 */
export function selectedSets(
  entity: EntitySelectors, namespace: string | undefined, sets: readonly CalicoNetworkSetView[], namespaceLabels: (namespace: string) => Labels,
): CalicoNetworkSetView[] | undefined {
  const { selector, notSelector, namespaceSelector, serviceAccounts } = entity;
  const scoped = (namespaceSelector !== undefined || namespace !== undefined)
    && (selector !== undefined || serviceAccounts !== undefined || notSelector !== undefined || namespaceSelector !== undefined);
  if (!scoped && selector === undefined && serviceAccounts === undefined) return undefined;
  const inScope = (view: CalicoNetworkSetView): boolean => {
    if (!scoped) return true;
    const setNamespace = view.set.namespace;
    if (namespaceSelector === undefined) return setNamespace === namespace;
    return setNamespace === undefined
      ? matchesCalicoSelector(asGlobal(namespaceSelector), {})
      : matchesCalicoSelector(namespaceSelector, namespaceLabels(setNamespace), { namespaces: true });
  };
  const accounts = (): boolean => serviceAccounts === undefined
    || (serviceAccounts.names.length === 0 && (serviceAccounts.selector === undefined || matchesCalicoSelector(serviceAccounts.selector, {})));
  return sets.filter(view => inScope(view) && accounts() && (selector === undefined || matchesCalicoSelector(selector, view.labels)));
}

/** The network sets a `notSelector` matches (it is not scoped to namespaces); undefined without one. */
export function notSelectedSets(notSelector: CalicoSelector | undefined, sets: readonly CalicoNetworkSetView[]): CalicoNetworkSetView[] | undefined {
  return notSelector === undefined ? undefined : sets.filter(view => matchesCalicoSelector(notSelector, view.labels));
}

/** A namespaceSelector as it reads on something without a namespace: `all()` holds for none, `global()` for all. */
function asGlobal(selector: CalicoSelector): CalicoSelector {
  switch (selector.op) {
    case 'all': return { op: '!', operand: { op: 'all' } };
    case 'global': return { op: 'all' };
    case '!': return { op: '!', operand: asGlobal(selector.operand) };
    case '&&':
    case '||': return { op: selector.op, operands: selector.operands.map(asGlobal) };
    default: return selector;
  }
}
