import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { DefaultEngine } from './default-engine';
import { Diagnostics } from './diagnostics';
import { Engine } from '../engines/engine';
import { ErrorCode, NetpolErrors, Policy, Problem } from '../model';

// Rendered names per App: "apiVersion/kind/namespace/name" -> construct path of the first policy that took it.
const namesByRoot = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Validates a policy intent against the construct tree, renders it natively and adds it to the
 * enclosing Chart as an ApiObject. Errors name the construct path.
 *
 * The ApiObject takes the intent construct's place and id in the tree, so a policy costs one
 * node, as hand-written YAML does: cdk8s walks the whole app once per Chart when it synthesizes,
 * and a wrapper node per policy would double synthesis time for apps with many Charts.
 */
export function emitPolicy(intent: Construct, policy: Policy, engine?: Engine): ApiObject {
  const path = intent.node.path;
  const target = engine ?? DefaultEngine.of(intent);
  NetpolErrors._throwIfAny(path, '', target.problems(policy));
  const manifest = target._renderChecked(policy);
  claimName(intent, manifest, path);
  const parent = intent.node.scope!;
  const id = intent.node.id;
  parent.node.tryRemoveChild(id);
  // Children added to the detached intent would never be synthesized: refuse them loudly.
  intent.node.lock();
  const apiObject = new ApiObject(parent, id, manifest);
  // cdk8s gives every object the Chart's namespace; a cluster-scoped kind must have none.
  if (manifest.metadata.namespace === undefined && apiObject.metadata.namespace !== undefined) {
    apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
  Diagnostics._warn(apiObject, target._warningsChecked(policy), intent);
  return apiObject;
}

function claimName(scope: Construct, manifest: any, path: string): void {
  const root = scope.node.root;
  let names = namesByRoot.get(root);
  if (!names) {
    names = new Map();
    namesByRoot.set(root, names);
  }
  const { name, namespace } = manifest.metadata;
  const where = namespace !== undefined ? `${namespace}/${name}` : name;
  const key = `${manifest.apiVersion}/${manifest.kind}/${where}`;
  const owner = names.get(key);
  if (owner !== undefined) {
    throw NetpolErrors._fromProblem(path, 'name', {
      code: ErrorCode.POLICY_NAME_COLLISION,
      field: '',
      value: where,
      message: `a ${manifest.kind} named "${name}"${namespace !== undefined ? ` in namespace "${namespace}"` : ''} is already rendered by ${owner}`,
      fix: 'give one of them an explicit `name`, or merge their rules into one construct',
    });
  }
  names.set(key, path);
}

/** Throws the first problem of a prop value, naming the construct path and the prop. */
export function checkProp(scope: Construct, field: string, problems: readonly Problem[]): void {
  NetpolErrors._throwIfAny(scope.node.path, field, problems);
}

/**
 * The namespace a policy lives in: the construct's `namespaceName` prop, else the subject's
 * namespace, else the enclosing Chart's namespace. Disagreement or absence is an error naming `field`.
 */
export function resolveNamespace(scope: Construct, explicit?: string, fromSubject?: string, field: string = 'namespaceName'): string {
  if (explicit !== undefined && fromSubject !== undefined && explicit !== fromSubject) {
    throw NetpolErrors._fromProblem(scope.node.path, field, {
      code: ErrorCode.NAMESPACE_CONFLICT,
      field: '',
      value: explicit,
      message: `the subject lives in namespace "${fromSubject}" but the policy is placed in "${explicit}"`,
      fix: `drop namespaceName (the subject's namespace "${fromSubject}" is used), or pick a subject of namespace "${explicit}"`,
    });
  }
  const namespaceName = explicit ?? fromSubject ?? chartNamespace(scope);
  if (namespaceName === undefined) {
    const fix = field === 'namespaceName'
      ? 'set namespaceName on the construct, or `namespace` on the enclosing Chart'
      : `give the ${field.split('.')[0]} a namespace (e.g. Subject.pods(selector, "prod")), or set \`namespace\` on the enclosing Chart`;
    throw NetpolErrors._fromProblem(scope.node.path, field, {
      code: ErrorCode.NAMESPACE_REQUIRED,
      field: '',
      value: '',
      message: 'a NetworkPolicy is namespaced, and no namespace was given',
      fix,
    });
  }
  return namespaceName;
}

function chartNamespace(scope: Construct): string | undefined {
  try {
    return Chart.of(scope).namespace;
  } catch {
    return undefined;
  }
}
