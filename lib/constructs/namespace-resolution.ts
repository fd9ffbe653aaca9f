import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { terraformStackOf } from './host';
import { PropChecks } from './prop-checks';
import { namespaceConflict, namespaceRequired } from '../model/messages';
import { checkNamespaceName } from '../model/syntax';

/**
 * The namespace a policy lives in: the construct's `namespaceName` prop, else the subject's namespace, else the
 * enclosing Chart's namespace. Disagreement, absence or a bad name is recorded in `checks` under `field`, and then
 * no namespace is returned. A subject's own namespace is the subject's to check.
 */
export function resolveNamespace(checks: PropChecks, explicit?: string, fromSubject?: string, field: string = 'namespaceName'): string | undefined {
  const scope = checks.scope;
  if (explicit !== undefined && fromSubject !== undefined && explicit !== fromSubject) {
    checks.add(field, [namespaceConflict('', explicit, fromSubject)]);
    return undefined;
  }
  if (fromSubject !== undefined) return fromSubject;
  const namespaceName = explicit ?? chartNamespace(scope);
  if (namespaceName === undefined) {
    checks.add(field, [namespaceRequired('', field, terraformStackOf(scope) !== undefined)]);
    return undefined;
  }
  return checks.add(field, checkNamespaceName(namespaceName)) ? namespaceName : undefined;
}

// How cdk8s marks its Charts (`Chart.isChart`). Checked here rather than through `Chart.of`: `Chart.isChart` is what
// cdk8s asks of every construct of the app once per Chart at synthesis, and asking it about every intent construct
// (of many classes) first would make that check slower for the whole synthesis.
const CHART = Symbol.for('cdk8s.Chart');

function chartNamespace(scope: IConstruct): string | undefined {
  if (terraformStackOf(scope) !== undefined) return undefined;
  // The nearest Chart at or above the scope, as `Chart.of` finds it.
  for (let s: IConstruct | undefined = scope; s !== undefined; s = s.node.scope) {
    if (typeof s === 'object' && s !== null && CHART in s) return (s as unknown as Chart).namespace;
  }
  return undefined;
}
