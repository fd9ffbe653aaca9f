import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AppFinding, AppIntent, appIntentsOf } from './app-intents';
import { Diagnostics } from './diagnostics';
import { terraformStackOf } from './host';
import { declaredManifestsOf, declaredPodCidrsOf, declaredWorkloadsOf } from '../analyzer/declared';
import { checkIntents } from '../analyzer/intent-check';
import { buildClusterFrom } from '../analyzer/loading/build-cluster';
import { kindInfo } from '../analyzer/loading/kinds';
import { SourcedObject, flattenObjects } from '../analyzer/loading/objects';
import { Cluster } from '../analyzer/types';
import { appCheckSkipped } from '../model/messages';

const WHOLE_APP_CHECK_CONTEXT = Diagnostics.WHOLE_APP_CHECK_CONTEXT;

// Hosts whose synthesis runs the check: the cdk8s App, or each cdktf stack (cdktf validates stacks, not its App).
const registered = new WeakSet<IConstruct>();
// The last result per app root, with what it was computed from: an app that did not change is not checked again.
const cache = new WeakMap<IConstruct, { readonly fingerprint: string; readonly findings: readonly AppFinding[] }>();
// cdk8s validates the whole app once per Chart it synthesizes (cdktf once per stack), and no construct is added while
// it does: within one synchronous run of synthesis, a result whose intents and declarations are unchanged still holds,
// so the tree is not walked again for each Chart.
const synthesisRun = new WeakMap<IConstruct, { readonly intents: string; readonly findings: readonly AppFinding[] }>();

/** Makes the synthesis of the app of `intent` run the whole-app check once and report through Diagnostics. */
export function registerWholeAppCheck(
  intent: IConstruct, host: IConstruct = terraformStackOf(intent) ?? intent.node.root, root: IConstruct = intent.node.root,
): void {
  if (registered.has(host)) return;
  Diagnostics._setAppCheck(root, wholeAppFindings);
  registered.add(host);
  host.node.addValidation({
    validate: () => {
      Diagnostics._reportAppFindings(host.node.root, true);
      return [];
    },
  });
}

/**
 * Analyzes every policy the app emitted, with every workload it shows (cdk8s ApiObjects with pod templates, Pods,
 * Namespaces, Services, hand-written policies, and `declareWorkloads`), and returns the findings per intent.
 */
function wholeAppFindings(root: IConstruct, synthesis: boolean): readonly AppFinding[] {
  if (!wholeAppCheckIsOn(root)) return [];
  const intents = appIntentsOf(root);
  const cheap = `${intents.length}/${declaredWorkloadsOf(root).length}`;
  const run = synthesis ? synthesisRun.get(root) : undefined;
  if (run?.intents === cheap) return run.findings;
  const findings = checkedFindings(root, intents);
  if (synthesis) {
    synthesisRun.set(root, { intents: cheap, findings });
    queueMicrotask(() => synthesisRun.delete(root));
  }
  return findings;
}

function checkedFindings(root: IConstruct, intents: readonly AppIntent[]): readonly AppFinding[] {
  const declared = declaredManifestsOf(root);
  const all = root.node.findAll();
  const others = otherObjects(all, intents);
  const fingerprint = `${intents.length}/${others.length}/${declared.length}/${all.length}`;
  const cached = cache.get(root);
  if (cached?.fingerprint === fingerprint) return cached.findings;

  let cluster: Cluster;
  try {
    const podCidrs = declaredPodCidrsOf(root);
    cluster = { ...buildClusterFrom(sourced(intents, others, declared)), ...(podCidrs ? { podCidrs } : {}) };
  } catch (error) {
    // Objects the analyzer refuses (a Calico tier no object declares, two objects of one name): say the check did not run.
    const findings = [skipped(root, error)];
    cache.set(root, { fingerprint, findings });
    return findings;
  }
  const findings = checkIntents({ cluster, intents: intents.map(i => ({ policy: i.policy, engine: i.engine.name })) })
    .map(({ intent, problem }) => ({ scope: intents[intent].emitted, problem }));
  cache.set(root, { fingerprint, findings });
  return findings;
}

/**
 * Whether the app at `root` runs the whole-app check. The App's context cannot change once a construct is added to it,
 * so the answer read while rendering an intent still holds at synthesis.
 */
export function wholeAppCheckIsOn(root: IConstruct): boolean {
  const value = root.node.tryGetContext(WHOLE_APP_CHECK_CONTEXT);
  return value !== false && value !== 'false';
}

/** The app's cdk8s objects the analyzer reads that cdk-netpol did not emit: workloads, namespaces, services, hand-written policies. */
function otherObjects(all: readonly IConstruct[], intents: readonly AppIntent[]): ApiObject[] {
  const emitted = new Set<IConstruct>(intents.map(i => i.emitted));
  return all.filter((c): c is ApiObject => ApiObject.isApiObject(c) && !emitted.has(c) && isRead(c));
}

function isRead(object: ApiObject): boolean {
  try {
    return kindInfo({ kind: object.kind, apiVersion: object.apiVersion }, { file: object.node.path }) !== undefined;
  } catch {
    // A kind of a group the analyzer reads, at a version it does not: the loader reports it when it reads the object.
    return true;
  }
}

function sourced(intents: readonly AppIntent[], others: readonly ApiObject[], declared: readonly unknown[]): SourcedObject[] {
  const objects: SourcedObject[] = [];
  const push = (object: SourcedObject) => objects.push(object);
  // The rendered manifests as emitted: synthesizing them again would double the cost of synthesis.
  intents.forEach(i => flattenObjects(i.manifest, { file: i.emitted.node.path }, object => push({ ...object, rendered: true })));
  others.forEach(o => flattenObjects(o.toJson(), { file: o.node.path }, push));
  declared.forEach((doc, i) => flattenObjects(doc, { file: 'declareWorkloads', document: i + 1 }, push));
  return objects;
}

function skipped(root: IConstruct, error: unknown): AppFinding {
  const scope = root.node.findAll().find(c => Chart.isChart(c)) ?? root;
  return {
    scope,
    problem: appCheckSkipped('', error instanceof Error ? error.message : String(error), WHOLE_APP_CHECK_CONTEXT),
  };
}
