import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { objectsOfStack, terraformStacksIn } from './from-terraform';
import { buildClusterFrom } from './loading/build-cluster';
import { flattenObjects, SourcedObject } from './loading/objects';
import { originOf } from './loading/origin';
import { Cluster } from './types';

/**
 * The cluster that a cdk8s App (all its charts) or a Chart (and the charts inside it) would create,
 * or a cdktf App or stack (its kubernetes_network_policy_v1 and kubernetes_manifest resources, read as the provider reads them),
 * plus `extraDocs`: the workloads that a policy-only chart is judged against. Objects are synthesized
 * as `Testing.synth` does (`chart.toJson()`), so cdk8s-plus workloads and JSON patches count; each
 * one's `source` is its construct path.
 *
 * Charts and ApiObjects are recognised by cdk8s's `Symbol.for` brands, so a second copy of cdk8s
 * in node_modules works too.
 */
export function clusterFromConstruct(scope: IConstruct, extraDocs: readonly any[] = []): Cluster {
  const objects: SourcedObject[] = [];
  for (const chart of chartsOf(scope)) {
    const paths = constructPaths(chart);
    chart.toJson().forEach((doc: any, i: number) => {
      const path = paths.get(objectKey(doc));
      flattenObjects(doc, path ? { file: path } : { file: chart.node.path || '<app>', document: i + 1 }, o => objects.push(o));
    });
  }
  for (const stack of terraformStacksIn(scope)) {
    objectsOfStack(stack).forEach((doc, i) => flattenObjects(doc, { file: stack.node.path, document: i + 1 }, o => objects.push(o)));
  }
  extraDocs.forEach((doc, i) => flattenObjects(doc, originOf(doc) ?? { file: 'extraDocs', document: i + 1 }, o => objects.push(o)));
  return buildClusterFrom(objects);
}

function chartsOf(scope: IConstruct): Chart[] {
  const charts = scope.node.findAll().filter((c): c is Chart => Chart.isChart(c));
  if (charts.length === 0 && terraformStacksIn(scope).length === 0 && scope.node.scope !== undefined) {
    throw new Error(`expected a cdk8s App or Chart or a cdktf stack, but ${scope.node.path} is neither and holds none`);
  }
  return charts;
}

// apiVersion/kind/name -> construct path of the chart's ApiObjects; undefined when two share a key.
function constructPaths(chart: Chart): Map<string, string | undefined> {
  const paths = new Map<string, string | undefined>();
  for (const c of chart.node.findAll()) {
    if (!ApiObject.isApiObject(c) || Chart.of(c) !== chart) continue;
    const key = objectKey({ apiVersion: c.apiVersion, kind: c.kind, metadata: { name: c.name } });
    paths.set(key, paths.has(key) ? undefined : c.node.path);
  }
  return paths;
}

function objectKey(doc: any): string {
  return JSON.stringify([doc?.apiVersion, doc?.kind, doc?.metadata?.name]);
}
