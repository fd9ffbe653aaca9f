import { compareStrings } from '../../../model/canonical-order';
import { NAMESPACE_NAME_LABEL } from '../../compile/defaults';
import { NetworkPolicyForm } from '../../compile/form';
import { Cluster } from '../../types';
import { LintCode } from '../codes';
import { EVERY_ENGINE } from '../engines';
import { Finding, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DIRECTIONS, PEERS_FIELD, networkPolicies } from './policies';
import { namespaceLabels } from '../scope';
import { ALWAYS_PRESENT_NAMESPACES } from '../system-namespaces';

const info: LintRuleInfo = {
  code: LintCode.NP_NAMESPACE_LABEL_UNSET,
  severity: 'warning',
  title: 'A namespaceSelector requires a label no declared Namespace carries (info when no Namespace is declared: cannot be checked)',
  why: 'A namespaceSelector matches namespace labels only; a label no namespace carries (often `name` instead of `kubernetes.io/metadata.name`) silently matches nothing.',
  engines: EVERY_ENGINE,
};

// Source: kubernetes.io/docs/concepts/services-networking/network-policies ("Targeting a Namespace by its name"): a
// namespaceSelector matches namespace labels only; the API server sets kubernetes.io/metadata.name on every namespace.

export const npNamespaceLabelUnset: LintRule = { ...info, check };

/** One label a namespaceSelector requires: `key` with one of `values` (any value when undefined). */
interface Requirement {
  readonly policy: NetworkPolicyForm;
  readonly field: string;
  readonly key: string;
  readonly values?: readonly string[];
}

function check(cluster: Cluster): Finding[] {
  const requirements = networkPolicies(cluster).flatMap(requirementsOf);
  const declared = [...cluster.namespaces.values()].some(n => n.declared);
  if (!declared) return cannotCheck(requirements.filter(r => r.key !== NAMESPACE_NAME_LABEL));
  const names = knownNamespaces(cluster);
  const labelSets = names.map(n => namespaceLabels(cluster, n));
  const carried = (r: Requirement) => labelSets.some(labels =>
    Object.prototype.hasOwnProperty.call(labels, r.key) && (r.values === undefined || r.values.includes(labels[r.key])));
  return requirements
    .filter(r => !carried(r))
    .map(r => findingOf(info, r.policy.id, {
      field: r.field,
      problem: `${r.field} requires namespace label ${requirementText(r)}, which no declared Namespace carries`,
      fix: fixFor(r, names),
    }));
}

/** The labels every namespaceSelector of the policy's peers requires (matchLabels, `In` and `Exists` expressions). */
function requirementsOf(policy: NetworkPolicyForm): Requirement[] {
  const found: Requirement[] = [];
  for (const direction of DIRECTIONS) {
    policy[direction].forEach((rule, i) => (rule.peers ?? []).forEach((peer, j) => {
      const selector = peer.kind === 'pods' ? peer.namespaceSelector : undefined;
      if (selector === undefined) return;
      const field = `spec.${direction}[${i}].${PEERS_FIELD[direction]}[${j}].namespaceSelector`;
      for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
        found.push({ policy, field: `${field}.matchLabels.${key}`, key, values: [String(value)] });
      }
      (selector.matchExpressions ?? []).forEach((e, k) => {
        const expressionField = `${field}.matchExpressions[${k}]`;
        if (e?.operator === 'In') found.push({ policy, field: expressionField, key: String(e.key), values: (e.values ?? []).map(String) });
        if (e?.operator === 'Exists') found.push({ policy, field: expressionField, key: String(e.key) });
      });
    }));
  }
  return found;
}

/** Without Namespace manifests the labels are unknown: say so once rather than guess. */
function cannotCheck(requirements: readonly Requirement[]): Finding[] {
  if (requirements.length === 0) return [];
  const first = [...requirements].sort((a, b) => compareStrings(a.policy.id, b.policy.id))[0];
  return [findingOf(info, first.policy.id, {
    field: first.field,
    problem: `${requirements.length} namespaceSelector label requirement(s) cannot be checked (first: ${first.field} ${requirementText(first)}) ` +
      'because no Namespace is declared',
    fix: 'load the Namespace manifests to check them',
    severity: 'info',
  })];
}

/**
 * Every namespace the model knows of: declared, implied, or holding endpoints or policies, and those every cluster
 * has (kube-system...), whose name label a selector may name without the manifests declaring them.
 */
function knownNamespaces(cluster: Cluster): string[] {
  const names = new Set<string>([...cluster.namespaces.keys(), ...ALWAYS_PRESENT_NAMESPACES]);
  cluster.endpoints.forEach(e => names.add(e.namespace));
  cluster.policies.forEach(p => p.namespace !== undefined && names.add(p.namespace));
  return [...names].sort(compareStrings);
}

function requirementText(r: Requirement): string {
  if (r.values === undefined) return r.key;
  return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`;
}

function fixFor(r: Requirement, namespaces: readonly string[]): string {
  const byName = r.key !== NAMESPACE_NAME_LABEL && r.values !== undefined && r.values.length > 0 && r.values.every(v => namespaces.includes(v));
  if (!byName) return 'label the Namespace or fix the selector';
  const values = r.values!;
  const wanted = values.length === 1 ? `${NAMESPACE_NAME_LABEL}: ${values[0]}` : `${NAMESPACE_NAME_LABEL} In (${values.join(',')})`;
  return `select by name with ${wanted} (set on every namespace automatically)`;
}
