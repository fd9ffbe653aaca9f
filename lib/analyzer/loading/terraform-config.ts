import { ManifestError } from './manifest-error';
import { Origin, originMessage } from './origin';
import { KUBERNETES_RESOURCE_TYPES, terraformResourceObjects } from '../from-terraform';

// The top-level keys of a Terraform JSON configuration (developer.hashicorp.com/terraform/language/syntax/json).
const TERRAFORM_KEYS = new Set(['//', 'terraform', 'provider', 'resource', 'data', 'locals', 'variable', 'output', 'module', 'moved', 'import', 'check', 'removed']);

/** Whether a parsed JSON document is a Terraform configuration (a cdktf stack's `cdk.tf.json`), not a Kubernetes object. */
export function isTerraformConfig(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && !keys.includes('kind') && !keys.includes('apiVersion') && keys.every(k => TERRAFORM_KEYS.has(k)) && 'resource' in value;
}

/**
 * The Kubernetes objects a Terraform configuration asks the kubernetes provider to create
 * (`kubernetes_network_policy_v1`, `kubernetes_manifest`), each with its resource address as its origin. Refused,
 * naming the address: a resource repeated by `count` or `for_each`, and a value Terraform computes at apply time
 * (`${...}`): the objects must be read as written, never guessed.
 */
export function terraformObjects(config: any, origin: Origin): { doc: any; origin: Origin }[] {
  const fail = (problem: string) => {
    throw new ManifestError(origin.file, originMessage(origin, problem));
  };
  const resources = config.resource;
  if (typeof resources !== 'object' || resources === null || Array.isArray(resources)) fail(`resource must be a mapping of resource types, got ${JSON.stringify(resources)}`);
  for (const type of KUBERNETES_RESOURCE_TYPES) {
    const ofType = resources[type];
    if (ofType !== undefined && (typeof ofType !== 'object' || ofType === null || Array.isArray(ofType))) {
      fail(`resource.${type} must be a mapping of resource names, got ${JSON.stringify(ofType)}`);
    }
  }
  let found: ReturnType<typeof terraformResourceObjects> = [];
  try {
    found = terraformResourceObjects(config);
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}. Fix: write the resource as the kubernetes provider's schema has it`);
  }
  return found.map(({ address, resource, object }) => {
    for (const meta of ['count', 'for_each']) {
      if (resource?.[meta] !== undefined) {
        fail(`${address}: ${meta} makes Terraform create the object several times with values known only at plan time. Fix: write one resource per object`);
      }
    }
    const computed = firstInterpolation(object, '');
    if (computed !== undefined) {
      fail(`${address}: ${computed.path || 'the object'} is computed by Terraform at apply time (${JSON.stringify(computed.text)}). Fix: write the value itself, or analyze the manifests the apply produced`);
    }
    return { doc: object, origin: { ...origin, item: address } };
  });
}

/** The first string holding a Terraform interpolation (`${...}`), with its path. */
function firstInterpolation(value: unknown, path: string): { path: string; text: string } | undefined {
  if (typeof value === 'string') return value.includes('${') ? { path, text: value } : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstInterpolation(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      const found = firstInterpolation(v, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}
