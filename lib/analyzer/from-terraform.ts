import { IConstruct } from 'constructs';

/**
 * The Kubernetes objects a synthesized cdktf stack asks the kubernetes provider to create, read the way
 * the provider reads its arguments, so tests compare what reaches the API server, not our own conversion.
 *
 * `kubernetes_network_policy_v1` follows hashicorp/terraform-provider-kubernetes
 * kubernetes/structure_network_policy.go (expandNetworkPolicySpec and friends) and
 * structures/structure_label_selector.go (ExpandLabelSelector):
 * - a nested block is an object or a list of objects in Terraform JSON; an empty block is a zero value
 *   (an empty rule matches everything, an empty selector selects everything);
 * - empty maps and lists are dropped (`len(v) > 0`);
 * - `port` is a string, parsed back to a number when it is the decimal form of one (intstr);
 * - `values` of a match expression is a set, so its order is the provider's, not ours: sorted here;
 * - `end_port` became an argument with hashicorp/terraform-provider-kubernetes#2455.
 * `kubernetes_manifest` sends its `manifest` argument as written.
 */
export function objectsOfTerraform(synthesized: string | object): any[] {
  const config = typeof synthesized === 'string' ? JSON.parse(synthesized) : synthesized;
  return terraformResourceObjects(config).map(r => r.object);
}

/** The resource types whose Kubernetes objects the analyzer reads, as the kubernetes provider creates them. */
export const KUBERNETES_RESOURCE_TYPES = ['kubernetes_network_policy_v1', 'kubernetes_manifest'] as const;

/**
 * Each `kubernetes_network_policy_v1` and `kubernetes_manifest` resource of a Terraform JSON configuration, with its
 * address (`kubernetes_manifest.x`) and the object the provider sends, native policies first.
 *
 * @throws Error naming the address when a resource's blocks are not as the provider's schema has them
 */
export function terraformResourceObjects(config: any): { address: string; resource: any; object: any }[] {
  const resources = config?.resource ?? {};
  const out: { address: string; resource: any; object: any }[] = [];
  for (const type of KUBERNETES_RESOURCE_TYPES) {
    for (const [name, resource] of Object.entries<any>(resources[type] ?? {})) {
      const address = `${type}.${name}`;
      try {
        out.push({ address, resource, object: type === 'kubernetes_manifest' ? resource?.manifest : networkPolicyOf(resource) });
      } catch (error) {
        throw new Error(`${address}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return out;
}

// cdktf marks its stacks with this symbol (TerraformStack.isStack); reading it needs no cdktf install.
const TERRAFORM_STACK = Symbol.for('cdktf/TerraformStack');

/** The cdktf TerraformStacks at or under `scope`. */
export function terraformStacksIn(scope: IConstruct): IConstruct[] {
  return scope.node.findAll().filter(c => TERRAFORM_STACK in c);
}

/** What a cdktf stack asks the kubernetes provider to create (other resource types are not Kubernetes objects). */
export function objectsOfStack(stack: IConstruct): any[] {
  return objectsOfTerraform((stack as any).toTerraform());
}

function networkPolicyOf(resource: any): any {
  const metadata = single(resource?.metadata) ?? {};
  const spec = single(resource?.spec) ?? {};
  const out: any = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: omitEmpty({ name: metadata.name, namespace: metadata.namespace, labels: map(metadata.labels), annotations: map(metadata.annotations) }),
    spec: { podSelector: labelSelector(single(spec.pod_selector)), policyTypes: policyTypesOf(spec.policy_types) },
  };
  const rule = (peersKey: 'from' | 'to') => (block: any) => omitEmpty({
    [peersKey]: list(blocks(block?.[peersKey]).map(peer)),
    ports: list(blocks(block?.ports).map(port)),
  });
  const ingress = blocks(spec.ingress).map(rule('from'));
  const egress = blocks(spec.egress).map(rule('to'));
  if (ingress.length > 0) out.spec.ingress = ingress;
  if (egress.length > 0) out.spec.egress = egress;
  return out;
}

/** `policy_types` is required by the provider's schema: Terraform refuses a resource without it. */
function policyTypesOf(value: any): string[] {
  if (!Array.isArray(value)) throw new Error(`spec.policy_types is required (a list of "Ingress" and "Egress"), got ${JSON.stringify(value) ?? 'nothing'}`);
  return [...value];
}

function peer(block: any): any {
  if (!block) return {};
  const ipBlock = block.ip_block !== undefined ? single(block.ip_block) : undefined;
  return omitEmpty({
    ipBlock: ipBlock !== undefined ? omitEmpty({ cidr: ipBlock.cidr || undefined, except: list(ipBlock.except ?? []) }) : undefined,
    namespaceSelector: blocks(block.namespace_selector).length > 0 ? labelSelector(single(block.namespace_selector)) : undefined,
    podSelector: blocks(block.pod_selector).length > 0 ? labelSelector(single(block.pod_selector)) : undefined,
  });
}

function port(block: any): any {
  if (!block) return {};
  const text: string | undefined = block.port || undefined;
  const numeric = text !== undefined && String(parseInt(text, 10)) === text;
  return omitEmpty({ port: numeric ? parseInt(text, 10) : text, endPort: block.end_port, protocol: block.protocol || undefined });
}

function labelSelector(block: any): any {
  if (!block) return {};
  return omitEmpty({
    matchLabels: map(block.match_labels),
    matchExpressions: list(blocks(block.match_expressions).map((e: any) => omitEmpty({
      key: e.key,
      operator: e.operator,
      values: list([...(e.values ?? [])].sort()),
    }))),
  });
}

function blocks(value: any): any[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

function single(value: any): any {
  const all = blocks(value);
  if (all.length > 1) throw new Error(`expected at most one block, got ${all.length}`);
  return all[0];
}

function list(items: any[]): any[] | undefined {
  return items.length > 0 ? items : undefined;
}

function map(value: any): any {
  return value && Object.keys(value).length > 0 ? { ...value } : undefined;
}

function omitEmpty(obj: any): any {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}
