import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { LabelExpression, LabelOperator, Problem, Selector } from '../model';
import { workloadWithoutSelector } from '../model/messages';

/** The pods a workload construct runs, as read from the construct. */
export interface WorkloadPods {
  readonly selector: Selector;
  readonly namespaceName?: string;
  readonly name?: string;
}

/**
 * Reads the pod selector, namespace and name of a cdk8s-plus workload (anything with
 * `toPodSelectorConfig()`) or of a cdk8s ApiObject that selects or is a pod.
 * Duck-typed, so cdk8s-plus stays out of our dependencies.
 */
export function readWorkload(workload: IConstruct): WorkloadPods | Problem {
  const anyWorkload = workload as any;
  if (typeof anyWorkload.toPodSelectorConfig === 'function') return readPodSelector(workload, anyWorkload);
  if (ApiObject.isApiObject(workload)) return readApiObject(workload);
  return unreadable(workload, 'it is neither a cdk8s-plus workload nor a cdk8s ApiObject');
}

function readPodSelector(workload: IConstruct, selectable: any): WorkloadPods | Problem {
  const config = selectable.toPodSelectorConfig();
  const kube = typeof config?.labelSelector?._toKube === 'function' ? config.labelSelector._toKube() : undefined;
  const names: string[] | undefined = config?.namespaces?.names;
  if (!kube || config?.namespaces?.labelSelector || (names && names.length > 1)) {
    return unreadable(workload, 'its pod selector spans several namespaces or cannot be read');
  }
  // A workload's own selector is what it selects (readable labels after `select(...)`); pods have only their address label.
  const own = selectable.matchLabels !== undefined
    ? { matchLabels: selectable.matchLabels, matchExpressions: selectable.matchExpressions }
    : undefined;
  return {
    selector: fromKube(own ?? kube),
    namespaceName: names?.[0] ?? selectable.metadata?.namespace,
    name: selectable.metadata?.name ?? selectable.name,
  };
}

function readApiObject(obj: ApiObject): WorkloadPods | Problem {
  const json = obj.toJson();
  const spec = json.spec ?? {};
  const template = json.kind === 'CronJob' ? spec.jobTemplate?.spec?.template : spec.template;
  let kube: any;
  if (json.kind === 'Pod') kube = { matchLabels: json.metadata?.labels };
  else if (json.kind === 'Service' || json.kind === 'ReplicationController') kube = { matchLabels: spec.selector ?? template?.metadata?.labels };
  else if (spec.selector?.matchLabels || spec.selector?.matchExpressions) kube = spec.selector;
  else kube = { matchLabels: template?.metadata?.labels };
  const selector = fromKube(kube);
  if (selector.isEmpty) return unreadable(obj, `the ${json.kind} has no pod labels or selector`);
  return { selector, namespaceName: json.metadata?.namespace, name: json.metadata?.name };
}

function fromKube(kube: any): Selector {
  const expressions = (kube.matchExpressions ?? []).map((e: any) => {
    switch (e.operator) {
      case LabelOperator.IN: return LabelExpression.isIn(e.key, e.values ?? []);
      case LabelOperator.NOT_IN: return LabelExpression.notIn(e.key, e.values ?? []);
      case LabelOperator.EXISTS: return LabelExpression.exists(e.key);
      default: return LabelExpression.doesNotExist(e.key);
    }
  });
  return Selector.of({ matchLabels: kube.matchLabels ?? {}, matchExpressions: expressions });
}

function unreadable(workload: IConstruct, why: string): Problem {
  return workloadWithoutSelector('', workload.node.path, why);
}
