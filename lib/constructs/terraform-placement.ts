import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { TerraformResource } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { ConstructPlace, placeOf, placePath } from './construct-place';
import { isNetworkPolicyV1, networkPolicyV1Config, terraformName } from './terraform-network-policy';
import { NetpolErrors } from '../model';
import { terraformNameCollision } from '../model/messages';

// Terraform addresses claimed per stack: "<resource type>.<name>" -> where the first intent sat.
const addressesByStack = new WeakMap<IConstruct, Map<string, ConstructPlace>>();

/**
 * Adds a rendered manifest to a cdktf stack: a native NetworkPolicy as `kubernetes_network_policy_v1`,
 * any other kind (Calico, Cilium, ClusterNetworkPolicy) as `kubernetes_manifest`. Like the cdk8s host,
 * the resource takes the intent construct's place and id in the tree. Its Terraform name derives from
 * the intent (kind, namespace, name), not from the construct path, so moving a construct does not
 * destroy and recreate the policy.
 */
export function placeInStack(intent: Construct, stack: IConstruct, manifest: any): TerraformResource {
  const native = isNetworkPolicyV1(manifest);
  const name = terraformName(native ? [] : [manifest.kind.toLowerCase()], manifest.metadata);
  claimAddress(intent, stack, `${native ? NetworkPolicyV1.tfResourceType : Manifest.tfResourceType}.${name}`);
  const parent = intent.node.scope!;
  const id = intent.node.id;
  parent.node.tryRemoveChild(id);
  intent.node.lock();
  const resource = native
    ? new NetworkPolicyV1(parent, id, networkPolicyV1Config(manifest))
    : new Manifest(parent, id, { manifest });
  resource.overrideLogicalId(name);
  return resource;
}

function claimAddress(intent: Construct, stack: IConstruct, address: string): void {
  let claimed = addressesByStack.get(stack);
  if (claimed === undefined) {
    claimed = new Map<string, ConstructPlace>();
    addressesByStack.set(stack, claimed);
  }
  const owner = claimed.get(address);
  if (owner !== undefined) {
    throw NetpolErrors._fromProblem(intent.node.path, 'name', terraformNameCollision('', address, placePath(owner)));
  }
  claimed.set(address, placeOf(intent));
}
