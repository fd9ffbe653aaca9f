import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { recordAppIntent } from './app-intents';
import { placeInChart } from './cdk8s-placement';
import { Claims } from './claims';
import { DefaultEngine } from './default-engine';
import { Diagnostics } from './diagnostics';
import { terraformStackOf } from './host';
import { takePolicyProblems } from './prop-checks';
import { recordStandIn, standInOf } from './stand-ins';
import type * as TerraformPlacement from './terraform-placement';
import { registerWholeAppCheck, wholeAppCheckIsOn } from './whole-app-check';
import { Engine } from '../engines/engine';
import { NetpolErrors, Policy } from '../model';
import { hostDependencyMissing, hostMismatch, policyNameCollision } from '../model/messages';

// Rendered names per cdk8s App or cdktf stack, grouped by apiVersion, kind and namespace.
const names = new Claims();

/**
 * Validates a policy intent against the construct tree, renders it for its engine and adds the
 * result to the host the intent sits in: an ApiObject in a cdk8s Chart, a Terraform resource in a
 * cdktf TerraformStack. Errors name the construct path. Returns the emitted construct.
 */
export function emitPolicy(intent: Construct, policy: Policy, engine?: Engine): IConstruct {
  const target = engine ?? DefaultEngine.of(intent);
  // The policy's own problems were computed by the construct's checks (once); then what the engine cannot express.
  const own = takePolicyProblems(policy);
  const problems = own.length > 0 ? own : target._problemsBeyondPolicy(policy);
  if (problems.length > 0) NetpolErrors._throwIfAny(intent.node.path, '', problems);
  const manifest = target._renderChecked(policy);
  const stack = terraformStackOf(intent);
  const root = intent.node.root;
  // A cdk8s App is applied as one; cdktf stacks may each target another cluster.
  const nameRoot = stack ?? root;
  const nameGroup = `${manifest.apiVersion}/${manifest.kind}/${manifest.metadata.namespace ?? ''}`;
  refuseTakenName(intent, manifest, nameRoot, nameGroup);
  const emitted = stack !== undefined ? terraformPlacement(intent).placeInStack(intent, stack, manifest) : placeInChart(intent, manifest);
  names.record(nameRoot, nameGroup, manifest.metadata.name, emitted);
  recordStandIn(intent, emitted);
  Diagnostics._warn(emitted, target._warningsChecked(policy));
  // With the check off nothing keeps the intent and its model alive once rendered, as with hand-written objects.
  if (wholeAppCheckIsOn(root)) {
    recordAppIntent({ emitted, policy, engine: target, manifest }, root);
    registerWholeAppCheck(intent, stack ?? root, root);
  }
  return emitted;
}

/** What `intent` emitted, as the ApiObject it is in a cdk8s Chart; a coded error in a cdktf stack. */
export function apiObjectOf(intent: IConstruct): ApiObject {
  const emitted = standInOf(intent)!;
  if (ApiObject.isApiObject(emitted)) return emitted;
  throw NetpolErrors._fromProblem(intent.node.path, 'apiObject', hostMismatch('', 'apiObject'));
}

/** What `intent` emitted, as the Terraform resource it is in a cdktf stack; a coded error in a cdk8s Chart. */
export function terraformResourceOf(intent: IConstruct): Construct {
  const emitted = standInOf(intent)!;
  if (!ApiObject.isApiObject(emitted)) return emitted as Construct;
  throw NetpolErrors._fromProblem(intent.node.path, 'terraformResource', hostMismatch('', 'terraformResource'));
}

// Loaded once, on the first construct in a cdktf stack.
let terraformPlacementModule: typeof TerraformPlacement | undefined;

function terraformPlacement(intent: IConstruct): typeof TerraformPlacement {
  if (terraformPlacementModule !== undefined) return terraformPlacementModule;
  try {
    // Loaded only for cdktf hosts: cdktf and @cdktf/provider-kubernetes are optional peers.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    terraformPlacementModule = require('./terraform-placement') as typeof TerraformPlacement;
    return terraformPlacementModule;
  } catch (error) {
    if ((error as any)?.code !== 'MODULE_NOT_FOUND') throw error;
    throw NetpolErrors._fromProblem(intent.node.path, '', hostDependencyMissing('', String((error as Error).message).split('\n')[0]));
  }
}

/** Throws if another intent under `root` rendered an object of this kind and namespace (`group`) and this name. */
function refuseTakenName(intent: Construct, manifest: any, root: IConstruct, group: string): void {
  const { name, namespace } = manifest.metadata;
  const owner = names.ownerPath(root, group, name);
  if (owner !== undefined) {
    const where = namespace !== undefined ? `${namespace}/${name}` : name;
    throw NetpolErrors._fromProblem(intent.node.path, 'name', policyNameCollision('', where, manifest.kind, name, namespace, owner));
  }
}
