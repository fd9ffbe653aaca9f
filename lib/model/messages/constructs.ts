import { ErrorCode } from '../errors';
import { Problem } from '../problem';
import { problem } from './problem';

// Constructs: namespaces, names, hosts, workloads and cluster denies, as construct props give them.

/** NAMESPACE_REQUIRED: no namespace for the policy of prop `prop` (`namespaceName`, or e.g. `subject.…`); `inStack` in a cdktf stack. */
export function namespaceRequired(field: string, prop: string, inStack: boolean): Problem {
  const fallback = inStack ? 'set namespaceName on the construct (a cdktf stack has no default namespace)' : 'set `namespace` on the enclosing Chart';
  const fix = prop === 'namespaceName'
    ? (inStack ? fallback : 'set namespaceName on the construct, or `namespace` on the enclosing Chart')
    : `give the ${prop.split('.')[0]} a namespace (e.g. Subject.pods(selector, "prod")), or ${fallback}`;
  return problem(ErrorCode.NAMESPACE_REQUIRED, field, '', 'a NetworkPolicy is namespaced, and no namespace was given', fix);
}

/** NAMESPACE_CONFLICT: the policy placed in `value`, its subject in `subjectNamespace`. */
export function namespaceConflict(field: string, value: string, subjectNamespace: string): Problem {
  return problem(ErrorCode.NAMESPACE_CONFLICT, field, value, `the subject lives in namespace "${subjectNamespace}" but the policy is placed in "${value}"`,
    `drop namespaceName (the subject's namespace "${subjectNamespace}" is used), or pick a subject of namespace "${value}"`);
}

/** NAMESPACE_DUPLICATE: namespace `value`, first listed at `namespaces[first]`. */
export function namespaceDuplicate(field: string, value: string, first: number): Problem {
  return problem(ErrorCode.NAMESPACE_DUPLICATE, field, value, `namespace "${value}" is already listed at namespaces[${first}]`, `list "${value}" once`);
}

/** NAMESPACES_REQUIRED: a cluster deny on `engine`, which has no cluster-wide policy, without namespaces. */
export function namespacesRequired(field: string, engine: string): Problem {
  return problem(ErrorCode.NAMESPACES_REQUIRED, field, '[]', `engine ${engine} has no cluster-wide policy, so the namespaces to isolate must be listed`,
    'list them in `namespaces`, or use an engine with cluster-scoped policy (calico, calico-crd, cilium)');
}

/** NAMESPACES_REQUIRED: an AKS baseline with Azure Network Policy Manager and default deny, without namespaces. */
export function azureNamespacesRequired(field: string): Problem {
  return problem(ErrorCode.NAMESPACES_REQUIRED, field, '[]', 'Azure Network Policy Manager has no cluster-wide policy, so the namespaces to isolate must be listed',
    'list them in `namespaces` (one default deny and one DNS policy each), or run AKS with network policy calico or cilium');
}

/** NAMESPACES_IGNORED: namespaces (`value`) given to a cluster deny on `engine`, which isolates every namespace not exempt. */
export function namespacesIgnored(field: string, value: string, engine: string): Problem {
  return problem(ErrorCode.NAMESPACES_IGNORED, field, value, `engine ${engine} isolates every namespace that is not exempt; a namespace list would be ignored`,
    'drop `namespaces` and use `exemptNamespaces` for the ones to leave alone');
}

/** NAMESPACES_IGNORED: namespaces (`value`) given to an AKS baseline on network policy `engine` (calico or cilium). */
export function aksNamespacesIgnored(field: string, value: string, engine: string): Problem {
  return problem(ErrorCode.NAMESPACES_IGNORED, field, value,
    `engine ${engine} isolates every namespace that is not exempt, so a list of namespaces to isolate would be ignored`,
    'drop `namespaces`; list the namespaces to leave alone in `exemptNamespaces`');
}

/** NAMESPACE_ISOLATED_AND_EXEMPT: namespace `value` both listed to isolate and exempt. */
export function namespaceIsolatedAndExempt(field: string, value: string): Problem {
  return problem(ErrorCode.NAMESPACE_ISOLATED_AND_EXEMPT, field, value, `namespace "${value}" is listed to isolate and also exempt`,
    `drop "${value}" from \`namespaces\`, or from \`exemptNamespaces\` to isolate it on purpose`);
}

/** KUBE_SYSTEM_NOT_EXEMPT: a DNS peer (`value`) whose pods' namespace is not named. */
export function dnsNamespaceUnnamed(field: string, value: string): Problem {
  return problem(ErrorCode.KUBE_SYSTEM_NOT_EXEMPT, field, value,
    'the DNS pods\' namespace is not named, so the deny cannot keep it exempt, and isolating it would break DNS for every pod',
    'name its namespace with Peer.podsInNamespace(namespace, selector), and keep that namespace exempt');
}

function dnsIsolated(namespace: string, dns: string): string {
  return `${namespace} would be isolated, and with it ${dns}: pods could not query it, nor could it reach its upstream resolvers and the API server`;
}

/** KUBE_SYSTEM_NOT_EXEMPT: the namespace (`value`) of `dns` (the DNS pods) listed to isolate. */
export function dnsNamespaceListed(field: string, value: string, dns: string): Problem {
  return problem(ErrorCode.KUBE_SYSTEM_NOT_EXEMPT, field, value, dnsIsolated(value, dns),
    `drop "${value}" from \`namespaces\`: the namespace of the DNS pods must stay open`);
}

/** KUBE_SYSTEM_NOT_EXEMPT: `namespace`, of `dns` (the DNS pods), missing from the exempt list (`value`); `defaultExempt` names the default list. */
export function kubeSystemNotExempt(field: string, value: string, namespace: string, dns: string, defaultExempt: string): Problem {
  return problem(ErrorCode.KUBE_SYSTEM_NOT_EXEMPT, field, value, dnsIsolated(namespace, dns),
    namespace === 'kube-system'
      ? `keep kube-system in \`exemptNamespaces\`: extend ${defaultExempt} rather than replace it`
      : `add "${namespace}" to \`exemptNamespaces\`, e.g. [...${defaultExempt}, '${namespace}']`);
}

/** NETWORK_POLICY_AMBIGUOUS: both `networkPolicy` and `engine` given (`networkPolicy` defined), or neither; `choices` are the AksNetworkPolicy members. */
export function networkPolicyAmbiguous(
  field: string, networkPolicy: string | undefined, engine: string | undefined, choices: readonly string[],
): Problem {
  const both = networkPolicy !== undefined;
  return problem(ErrorCode.NETWORK_POLICY_AMBIGUOUS, field, both ? `networkPolicy: ${networkPolicy}, engine: ${engine}` : 'undefined',
    both ? 'both `networkPolicy` and its deprecated name `engine` are given' : 'the cluster\'s network policy engine is not given',
    both ? 'drop `engine`: `networkPolicy` is its new name' : `give \`networkPolicy\`, one of ${choices.join(', ')}`);
}

/** POLICY_NAME_COLLISION: a `kind` named `name` (in `namespace`), at `value`, already rendered by the construct at `owner`. */
export function policyNameCollision(field: string, value: string, kind: string, name: string, namespace: string | undefined, owner: string): Problem {
  return problem(ErrorCode.POLICY_NAME_COLLISION, field, value,
    `a ${kind} named "${name}"${namespace !== undefined ? ` in namespace "${namespace}"` : ''} is already rendered by ${owner}`,
    'give one of them an explicit `name`, or merge their rules into one construct');
}

/** TERRAFORM_NAME_COLLISION: resource address `value`, already emitted by the construct at `owner`. */
export function terraformNameCollision(field: string, value: string, owner: string): Problem {
  return problem(ErrorCode.TERRAFORM_NAME_COLLISION, field, value, `the Terraform resource ${value} is already emitted by ${owner} in this stack`,
    'give one of them an explicit `name`, or put them in different stacks');
}

const HOST_MISMATCH = {
  apiObject: ['it sits in a cdktf TerraformStack and emitted a Terraform resource', 'read `terraformResource` instead'],
  terraformResource: ['it sits in a cdk8s Chart and emitted an ApiObject', 'read `apiObject` instead'],
} as const;

/** HOST_MISMATCH: `property` read on a construct of the other host. */
export function hostMismatch(field: string, property: keyof typeof HOST_MISMATCH): Problem {
  const [message, fix] = HOST_MISMATCH[property];
  return problem(ErrorCode.HOST_MISMATCH, field, property, message, fix);
}

/** HOST_DEPENDENCY_MISSING: `value` is the first line of the module loader's error. */
export function hostDependencyMissing(field: string, value: string): Problem {
  return problem(ErrorCode.HOST_DEPENDENCY_MISSING, field, value, 'this construct sits in a cdktf TerraformStack, and cdktf hosts need the kubernetes provider bindings',
    'npm install cdktf@^0.21.0 @cdktf/provider-kubernetes@^12.1.1');
}

/** WORKLOAD_WITHOUT_SELECTOR: the construct at `value`, and `why` no selector can be read from it. */
export function workloadWithoutSelector(field: string, value: string, why: string): Problem {
  return problem(ErrorCode.WORKLOAD_WITHOUT_SELECTOR, field, value, `no pod selector can be read from this construct: ${why}`,
    'pass a cdk8s-plus workload or pod, an ApiObject with spec.selector or pod labels, or use Subject.pods(Selector.labels({...}))');
}
