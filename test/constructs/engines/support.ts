/**
 * Helpers for the per-engine construct tests: a chart per engine, and synthesis that holds every rendered object
 * to the shared validator (test/support/kube-validator.ts) and reports the warnings recorded on the way.
 */
import { App, Chart, Testing } from 'cdk8s';
import { Diagnostics, Engine, ErrorCode, NetpolErrors } from '../../../lib';
import { EngineName } from '../../../lib/analyzer/evaluators';
import { hasSchema, schemaDir, validateManifest } from '../../support/kube-validator';

/** Every engine, by name (as the analyzer and the matchers' `engine` option name it), for `test.each`. */
export const ENGINES: Array<[EngineName, Engine]> = Engine.all().map(e => [e.name as EngineName, e]);

/** The engines that render namespaced policies: every engine but cluster-network-policy, which is cluster-scoped only. */
export const NAMESPACED_ENGINES: Array<[EngineName, Engine]> = ENGINES.filter(([, e]) => e.capabilities.namespaceScope);

/** The engines that refuse namespaced policies (`ENGINE_NO_NAMESPACE_SCOPE`). */
export const CLUSTER_ONLY_ENGINES: Array<[EngineName, Engine]> = ENGINES.filter(([, e]) => !e.capabilities.namespaceScope);

/**
 * Builds a namespaced construct into a fresh chart and expects it refused at construction with
 * `ENGINE_NO_NAMESPACE_SCOPE` at `test/<path>` (the construct, or its first
 * child policy), a fix that names Engine.KUBERNETES, and nothing rendered instead.
 */
export function expectNamespacedRefused(build: (chart: Chart) => unknown, path: string): void {
  const chart = chartFor('prod');
  let error: any;
  try {
    build(chart);
  } catch (e) {
    error = e;
  }
  expect(NetpolErrors.codeOf(error)).toBe(ErrorCode.ENGINE_NO_NAMESPACE_SCOPE);
  expect(error.path).toBe(`test/${path}`);
  expect(error.fix).toContain('Engine.KUBERNETES');
  expect(error.message).toContain(`Fix: ${error.fix}`);
  expect(Testing.synth(chart)).toEqual([]);
}

/**
 * An App whose synthesis runs each construct's own checks only: these tests hold one construct's rendering and
 * warnings, and a lone construct is often a mistake the whole-app check rightly reports (a DefaultDeny without
 * AllowDns cuts DNS). The whole-app check has its own tests, in test/constructs/whole-app.
 */
export function appWithoutWholeAppCheck(): App {
  const app = Testing.app();
  app.node.setContext(Diagnostics.WHOLE_APP_CHECK_CONTEXT, false);
  return app;
}

/** A chart with a namespace, in its own App. */
export function chartFor(namespace: string): Chart {
  return new Chart(appWithoutWholeAppCheck(), 'test', { namespace });
}

/** A chart without namespace, for cluster-scoped objects (cdk8s would give them the chart's namespace). */
export function clusterChart(app: App = appWithoutWholeAppCheck()): Chart {
  return new Chart(app, 'test');
}

/** What synthesizing a chart produced. */
export interface Synthesized {
  /** `Testing.synth(chart)`: the objects, in order. */
  readonly objects: any[];
  /** `apiVersion/kind namespace/name` of each object, in order. */
  readonly ids: string[];
  /** The codes of `Diagnostics.of(chart)`, in the order recorded. */
  readonly warnings: string[];
  /** What the diagnostics channel printed while synthesizing (once per unacknowledged warning). */
  readonly printed: string[];
}

/**
 * Synthesizes the chart as `Testing.synth` does and expects every object to be of a kind the validator knows and
 * to validate (`validateManifest(obj)` → `[]`). Printed warnings are captured, not shown: callers assert them.
 */
export function synthesize(chart: Chart): Synthesized {
  const printed: string[] = [];
  const spy = jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    printed.push(args.map(String).join(' '));
  });
  let objects: any[];
  try {
    objects = Testing.synth(chart);
  } finally {
    spy.mockRestore();
  }
  expect(objects.filter(o => !hasSchema(o)).map(idOf)).toEqual([]);
  expect(violations(objects)).toEqual([]);
  return { objects, ids: objects.map(idOf), warnings: Diagnostics.of(chart).map(d => d.code), printed };
}

/** `apiVersion/kind namespace/name`, or `apiVersion/kind name` for a cluster-scoped object. */
export function idOf(obj: any): string {
  const ns = obj?.metadata?.namespace;
  return `${obj?.apiVersion}/${obj?.kind} ${ns === undefined ? '' : `${ns}/`}${obj?.metadata?.name}`;
}

/** The violations of the objects, each prefixed with the object; skipped (empty) without the schema folder outside CI. */
export function violations(objects: any[]): string[] {
  if (schemaDir() === undefined) return [];
  return objects.flatMap(obj => validateManifest(obj).map(v => `${idOf(obj)}: ${v}`));
}

/** The one object named `name` (and of `kind`, when given). */
export function objectNamed(objects: any[], name: string, kind?: string): any {
  const found = objects.filter(o => o.metadata?.name === name && (kind === undefined || o.kind === kind));
  if (found.length !== 1) throw new Error(`expected one object named ${name}, found ${found.length} among ${objects.map(idOf).join(', ')}`);
  return found[0];
}

/** The kind each engine renders a namespaced policy as. */
export const NAMESPACED_KIND: Readonly<Record<string, string>> = {
  'kubernetes': 'networking.k8s.io/v1/NetworkPolicy',
  'calico': 'projectcalico.org/v3/NetworkPolicy',
  'calico-crd': 'crd.projectcalico.org/v1/NetworkPolicy',
  'cilium': 'cilium.io/v2/CiliumNetworkPolicy',
};

/** `apiVersion/kind` of an object. */
export function kindOf(obj: any): string {
  return `${obj.apiVersion}/${obj.kind}`;
}

/** The warnings every policy of an engine carries whatever its intent: the managed-Calico notice of calico-crd. */
export function engineWarnings(engine: Engine, policies: number): string[] {
  return engine === Engine.CALICO_CRD ? Array(policies).fill('CALICO_CRD_MANAGED') : [];
}

/** `apiVersion`, `kind` and `spec` of an object: what it means, without the metadata every object shares. */
export function meaningOf(obj: any): { apiVersion: string; kind: string; spec: any } {
  return { apiVersion: obj.apiVersion, kind: obj.kind, spec: obj.spec };
}

/** The labels every rendered object carries. */
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'cdk-netpol' };
