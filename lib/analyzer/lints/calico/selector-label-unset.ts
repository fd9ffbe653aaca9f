import { calicoPolicies, ruleField } from './policies';
import { CalicoSelector, calicoSelectorText } from '../../../engines/calico/selector-language';
import { compareStrings } from '../../../model/canonical-order';
import { CALICO_NAMESPACE_LABEL, calicoLabels } from '../../calico/labels';
import { CalicoEntityForm, CalicoPolicyForm } from '../../compile/form';
import { Cluster, Labels } from '../../types';
import { LintCode } from '../codes';
import { CALICO_ENGINES } from '../engines';
import { Finding, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DIRECTIONS } from '../kubernetes/policies';
import { knownNamespaces } from '../representatives';
import { ALWAYS_PRESENT_NAMESPACES } from '../system-namespaces';

// Source: docs.tigera.io/calico/latest/reference/resources/globalnetworkpolicy (namespaceSelector selects namespaces by
// their labels; "projectcalico.org/namespace" in a selector names the namespace) and .../resources/networkpolicy,
// .../reference/resources/profile (each namespace is a profile kns.<name> whose labels every pod inherits as
// `pcns.<label>`, with projectcalico.org/name added). Kubernetes sets kubernetes.io/metadata.name on every namespace
// and no `name` label (kubernetes.io/docs/reference/labels-annotations-taints).

const PCNS = 'pcns.';

const info: LintRuleInfo = {
  code: LintCode.CALICO_SELECTOR_LABEL_UNSET,
  severity: 'warning',
  title: 'A Calico selector reads a namespace label no declared Namespace carries (namespaceSelector, pcns.<label>), such as name == \'kube-system\'',
  why: 'A label no namespace carries makes the expression on it match no namespace, or, negated, exclude none: a namespace meant to be exempt (kube-system) is not.',
  engines: CALICO_ENGINES,
};

export const calicoSelectorLabelUnset: LintRule = { ...info, check };

/** One comparison of a selector on a namespace label, and whether it stands under an odd number of negations. */
interface Leaf {
  readonly key: string;
  readonly values?: readonly string[];
  readonly negated: boolean;
  readonly text: string;
}

/** A selector of a policy with its field. */
interface Located {
  readonly policy: CalicoPolicyForm;
  readonly field: string;
  readonly selector: CalicoSelector;
  /** A namespaceSelector reads namespace labels; a selector reads them through `pcns.`. */
  readonly namespaces: boolean;
}

/**
 * Applies when some Namespace is declared (else labels are unknown: one info finding says so, as
 * NP_NAMESPACE_LABEL_UNSET does). A key no known namespace carries is reported; so is a value of a declared label no
 * namespace has. Values of the name labels are not checked: a namespace may exist without being in the manifests.
 */
function check(cluster: Cluster): Finding[] {
  const located = calicoPolicies(cluster).flatMap(selectorsOf);
  const labels = calicoLabels(cluster);
  const namespaces = [...new Set([...knownNamespaces(cluster), ...ALWAYS_PRESENT_NAMESPACES])].sort(compareStrings);
  const labelSets = namespaces.map(n => labels.namespace(n));
  // Labels every namespace has whether declared or not (kubernetes.io/metadata.name, projectcalico.org/name).
  const automatic = Object.keys(labels.namespace('<undeclared>'));
  const declared = [...cluster.namespaces.values()].some(n => n.declared);
  const problems = located.flatMap(l => leavesOf(l).map(leaf => ({ located: l, leaf, problem: problemOf(leaf, labelSets, automatic) })))
    .filter(p => (!declared ? !automatic.includes(p.leaf.key) : p.problem !== undefined));
  if (!declared) return cannotCheck(problems.map(p => ({ located: p.located, leaf: p.leaf })));
  return problems.map(({ located: l, leaf, problem }) => findingOf(info, l.policy.id, {
    field: l.field,
    problem: `${l.field} ${selectorPart(l, leaf)} reads namespace label ${leaf.key}, ${problem}`,
    fix: fixOf(leaf, l.namespaces, namespaces),
  }));
}

function selectorsOf(policy: CalicoPolicyForm): Located[] {
  const found: Located[] = [];
  const add = (field: string, selector: CalicoSelector | undefined, namespaces: boolean) => {
    if (selector !== undefined) found.push({ policy, field, selector, namespaces });
  };
  if (policy.subject.kind === 'endpoints') {
    add('spec.selector', policy.subject.selector, false);
    add('spec.namespaceSelector', policy.subject.namespaceSelector, true);
  }
  for (const direction of DIRECTIONS) {
    for (const rule of policy[direction]) {
      for (const end of ['source', 'destination'] as const) {
        const entity: CalicoEntityForm = rule[end];
        const at = `${ruleField(rule.label)}.${end}`;
        add(`${at}.selector`, entity.selector, false);
        add(`${at}.notSelector`, entity.notSelector, false);
        add(`${at}.namespaceSelector`, entity.namespaceSelector, true);
      }
    }
  }
  return found;
}

/** The comparisons on namespace labels: every key of a namespaceSelector, `pcns.<key>` of a selector (key without prefix). */
function leavesOf(l: Located): Leaf[] {
  const walk = (s: CalicoSelector, negated: boolean): Leaf[] => {
    switch (s.op) {
      case 'all':
      case 'global': return [];
      case '!': return walk(s.operand, !negated);
      case '&&':
      case '||': return s.operands.flatMap(o => walk(o, negated));
      default: {
        // In a selector, only `pcns.<key>` reads a namespace label (projectcalico.org/namespace names it: always set).
        const key = l.namespaces ? s.key : s.key.startsWith(PCNS) ? s.key.slice(PCNS.length) : undefined;
        if (key === undefined) return [];
        const text = calicoSelectorText(s);
        if (s.op === 'has') return [{ key, negated, text }];
        if (s.op === 'in' || s.op === 'not in') return [{ key, values: s.values, negated: negated !== (s.op === 'not in'), text }];
        if (s.op === '==' || s.op === '!=') return [{ key, values: [s.value], negated: negated !== (s.op === '!='), text }];
        return [{ key, negated, text }];
      }
    }
  };
  return walk(l.selector, false);
}

/** What is wrong with a comparison, or undefined when some namespace carries what it reads. */
function problemOf(leaf: Leaf, labelSets: readonly Labels[], automatic: readonly string[]): string | undefined {
  const carriers = labelSets.filter(labels => Object.prototype.hasOwnProperty.call(labels, leaf.key));
  if (carriers.length === 0) {
    return leaf.negated
      ? 'which no namespace carries, so the negation holds for every namespace: it excludes none'
      : 'which no namespace carries, so it matches no namespace';
  }
  if (leaf.values === undefined || automatic.includes(leaf.key)) return undefined;
  if (carriers.some(labels => leaf.values!.includes(labels[leaf.key]))) return undefined;
  const values = leaf.values.join(', ');
  return leaf.negated
    ? `and no declared Namespace has it set to ${values}, so it excludes none`
    : `and no declared Namespace has it set to ${values}, so it matches no namespace`;
}

/** `name != "kube-system"`, or `(a && b): a` when the comparison is part of a larger selector. */
function selectorPart(l: Located, leaf: Leaf): string {
  const whole = calicoSelectorText(l.selector);
  return whole === leaf.text ? whole : `${whole}: ${leaf.text}`;
}

/** The fix: the name label when the values name namespaces, else label the Namespaces or fix the selector. */
function fixOf(leaf: Leaf, namespaceSelector: boolean, namespaces: readonly string[]): string {
  const byName = leaf.values !== undefined && leaf.values.length > 0 && leaf.values.every(v => namespaces.includes(v));
  if (!byName) return 'label the Namespaces, or fix the selector';
  const quoted = leaf.values!.map(v => `'${v}'`);
  const op = leaf.values!.length === 1 ? (leaf.negated ? `!= ${quoted[0]}` : `== ${quoted[0]}`) : `${leaf.negated ? 'not in' : 'in'} {${quoted.join(', ')}}`;
  return namespaceSelector
    ? `select by name with kubernetes.io/metadata.name ${op} (set on every namespace)`
    : `select by namespace with ${CALICO_NAMESPACE_LABEL} ${op} (set on every pod)`;
}

/** Without Namespace manifests the labels are unknown: say so once rather than guess. */
function cannotCheck(found: readonly { located: Located; leaf: Leaf }[]): Finding[] {
  if (found.length === 0) return [];
  const first = [...found].sort((a, b) => compareStrings(a.located.policy.id, b.located.policy.id))[0];
  return [findingOf(info, first.located.policy.id, {
    field: first.located.field,
    problem: `${found.length} selector comparison(s) on namespace labels cannot be checked (first: ${first.located.field} ${first.leaf.text}) ` +
      'because no Namespace is declared',
    fix: 'load the Namespace manifests to check them',
    severity: 'info',
  })];
}
