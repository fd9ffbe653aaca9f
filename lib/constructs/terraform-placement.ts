import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { TerraformResource } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { Claims } from './claims';
import { isNetworkPolicyV1, networkPolicyV1Config, terraformName } from './terraform-network-policy';
import { NetpolErrors } from '../model';
import { terraformNameCollision } from '../model/messages';

// Terraform addresses claimed per stack, grouped by resource type.
const addresses = new Claims();

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
  const type = native ? NetworkPolicyV1.tfResourceType : Manifest.tfResourceType;
  const owner = addresses.ownerPath(stack, type, name);
  if (owner !== undefined) throw NetpolErrors._fromProblem(intent.node.path, 'name', terraformNameCollision('', `${type}.${name}`, owner));
  const parent = intent.node.scope!;
  const id = intent.node.id;
  parent.node.tryRemoveChild(id);
  intent.node.lock();
  const resource = native
    ? new NetworkPolicyV1(parent, id, networkPolicyV1Config(manifest))
    : new Manifest(parent, id, { manifest });
  resource.overrideLogicalId(name);
  addresses.record(stack, type, name, resource);
  return resource;
}
