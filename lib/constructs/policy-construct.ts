import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { apiObjectOf, terraformResourceOf } from './policy-sink';

/**
 * A construct that renders one policy into whichever host it sits in: a cdk8s Chart (an ApiObject)
 * or a cdktf TerraformStack (a Terraform resource). The rendered object stands in the construct tree
 * in this construct's place, under the same id; add dependencies, patches and children to it, not to this construct.
 */
export abstract class PolicyConstruct extends Construct {
  /**
   * The rendered object, in a cdk8s Chart.
   * Reading it in a cdktf stack throws `HOST_MISMATCH`: read `terraformResource` there.
   */
  public get apiObject(): ApiObject {
    return apiObjectOf(this);
  }

  /**
   * The rendered Terraform resource, in a cdktf TerraformStack: a `NetworkPolicyV1` (`kubernetes_network_policy_v1`)
   * for native policies, a `Manifest` (`kubernetes_manifest`) for every other kind, both from
   * `@cdktf/provider-kubernetes`. Typed as Construct so that cdktf stays an optional dependency.
   * Reading it in a cdk8s Chart throws `HOST_MISMATCH`: read `apiObject` there.
   */
  public get terraformResource(): Construct {
    return terraformResourceOf(this);
  }
}
