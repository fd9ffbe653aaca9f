import { IConstruct } from 'constructs';

// cdktf marks its stacks with this symbol (TerraformStack.isStack); reading it needs no cdktf install.
const TERRAFORM_STACK = Symbol.for('cdktf/TerraformStack');

/** The TerraformStack enclosing `scope`, if any: its constructs emit Terraform resources, not cdk8s ApiObjects. */
export function terraformStackOf(scope: IConstruct): IConstruct | undefined {
  for (let s: IConstruct | undefined = scope; s !== undefined; s = s.node.scope) {
    if (typeof s === 'object' && TERRAFORM_STACK in s) return s;
  }
  return undefined;
}
