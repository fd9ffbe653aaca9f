import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';

/**
 * Adds a rendered manifest to the enclosing Chart as an ApiObject that takes the intent construct's
 * place and id in the tree, so a policy costs one node, as hand-written YAML does: cdk8s walks the
 * whole app once per Chart when it synthesizes, and a wrapper node per policy would double synthesis
 * time for apps with many Charts.
 */
export function placeInChart(intent: Construct, manifest: any): ApiObject {
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
  return apiObject;
}
