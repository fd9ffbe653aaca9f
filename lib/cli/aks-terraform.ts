// `cdk-netpol aks --format terraform`: the baseline as a Terraform module in JSON syntax, created only when the variable
// enable_default_deny is true, with the exempt namespaces (and, for azure, the namespaces to isolate) as variables.
import { AksSummary, MARKER, ModuleResource, OutputFile } from './aks-output';
import { terraformReadme } from './aks-terraform-readme';
import { compareStrings } from './refs';
import { MANIFEST, NETWORK_POLICY_V1, jsonFile, literal, networkPolicyV1Arguments } from './terraform-json';
import { isNetworkPolicyV1, terraformName } from '../constructs/terraform-network-policy';

/** Each gated resource is created once when the flag is on; azure's, once per namespace to isolate. */
const COUNT = '${var.enable_default_deny ? 1 : 0}';
const FOR_EACH = '${toset(local.isolated_namespaces)}';
const EACH_NAMESPACE = '${each.key}';
/** The exempt list where a manifest lists it, and inside a Calico selector (`... not in {'a', 'b'}`). */
const EXEMPT_LIST = '${local.exempt_namespaces}';
const EXEMPT_CALICO = '${local.exempt_namespaces_calico}';

/** A namespace name as the API server takes it (a DNS-1123 label), for every name in the list variable `v`. */
const namesValid = (v: string) => `\${alltrue([for ns in var.${v} : length(ns) <= 63 && can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", ns))])}`;
const NAME_RULE = 'a DNS-1123 label: at most 63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit';

/**
 * The module for the baseline's objects, rendered with default deny on for the default variables (`summary`): main.tf.json
 * (the provider requirement, the locals and the resources), variables.tf.json, outputs.tf.json and README.md.
 *
 * The exempt list and the namespaces are found in the rendered objects and replaced by the variables' expressions; the
 * module keeps the renderer's canonical order (sorted, duplicates dropped). A list that cannot be found is a bug, not
 * a list to leave fixed without a word.
 */
export function terraformModuleFiles(objects: readonly any[], summary: AksSummary): OutputFile[] {
  const perNamespace = summary.engine === 'azure';
  const found: ExemptFound = { exempt: [...new Set(summary.exempt)].sort(compareStrings), lists: 0, selectors: 0 };
  const resources = (perNamespace ? namespacedResources(objects, summary.namespaces) : objects.map(o => clusterResource(o, found)))
    .sort((a, b) => compareStrings(`${a.type}.${a.name}`, `${b.type}.${b.name}`));
  const main = {
    '//': `${MARKER}: re-run the command in README.md to change it.`,
    'terraform': {
      // Variable validations that read another variable (namespaces against exempt_namespaces) need Terraform 1.9.
      required_version: perNamespace ? '>= 1.9.0' : '>= 1.0.0',
      // kubernetes_network_policy_v1 came with 2.7.0; kubernetes_manifest is GA since 2.6.0.
      required_providers: { kubernetes: { source: 'hashicorp/kubernetes', version: '>= 2.7.0' } },
    },
    'locals': {
      exempt_namespaces: '${sort(distinct(var.exempt_namespaces))}',
      ...found.selectors > 0 ? { exempt_namespaces_calico: '${join(", ", formatlist("\'%s\'", local.exempt_namespaces))}' } : {},
      ...perNamespace ? { isolated_namespaces: '${var.enable_default_deny ? sort(distinct(var.namespaces)) : []}' } : {},
    },
    'resource': group(resources.map(r => [r.type, r.name, r.body])),
  };
  const moduleResources = resources.map(({ type, name, object }) => ({ type, name, object }));
  return [
    { name: 'main.tf.json', content: jsonFile(main) },
    { name: 'variables.tf.json', content: jsonFile({ variable: variables(summary, perNamespace) }) },
    { name: 'outputs.tf.json', content: jsonFile({ output: outputs(moduleResources, perNamespace) }) },
    { name: 'README.md', content: terraformReadme(summary, moduleResources) },
  ];
}

interface GatedResource extends ModuleResource {
  readonly body: any;
}

/** The sorted exempt list to find in the rendered objects, and how often it was found: as a list, and in a Calico selector. */
interface ExemptFound {
  readonly exempt: readonly string[];
  lists: number;
  selectors: number;
}

/** Calico and Cilium: one cluster-wide object, whose exempt list becomes the variable's. */
function clusterResource(object: any, found: ExemptFound): GatedResource {
  const before = found.lists + found.selectors;
  const body = template(resourceArguments(object), found);
  if (found.lists + found.selectors === before) {
    throw new Error(`the exempt namespaces ${found.exempt.join(', ')} are not in ${object.kind} ${object.metadata.name}: the module cannot make them a variable`);
  }
  return { ...resourceOf(object, object.metadata), object: `${object.kind}/${object.metadata.name}`, body: { count: COUNT, ...body } };
}

/**
 * Azure NPM: the same policies in each listed namespace, one resource per policy with an instance per namespace. Each
 * policy must be rendered for exactly the listed namespaces, the same in each but for its namespace.
 */
function namespacedResources(objects: readonly any[], namespaces: readonly string[]): GatedResource[] {
  const byName = new Map<string, any[]>();
  for (const o of objects) byName.set(`${o.kind}/${o.metadata.name}`, [...byName.get(`${o.kind}/${o.metadata.name}`) ?? [], o]);
  return [...byName.values()].map(([first, ...rest]) => {
    const same = (o: any) => JSON.stringify({ ...o, metadata: { ...o.metadata, namespace: '' } });
    const listed = [first, ...rest].map(o => o.metadata.namespace).sort(compareStrings);
    if (rest.some(o => same(o) !== same(first)) || listed.join() !== [...namespaces].sort(compareStrings).join()) {
      throw new Error(`${first.kind} ${first.metadata.name} is not the same policy in each of the namespaces ${namespaces.join(', ')}: the module cannot create it per namespace`);
    }
    // The exempt list is in no policy: it only guards the namespaces variable.
    const body = template(resourceArguments(first));
    (isNetworkPolicyV1(first) ? body.metadata : body.manifest.metadata).namespace = EACH_NAMESPACE;
    return { ...resourceOf(first, { name: first.metadata.name }), object: `${first.kind}/%s/${first.metadata.name}`, body: { for_each: FOR_EACH, ...body } };
  });
}

/** The resource type and name for `object`, named after `metadata` (its own, or only its name for a resource per namespace). */
function resourceOf(object: any, metadata: { name: string; namespace?: string }): { type: string; name: string } {
  return isNetworkPolicyV1(object)
    ? { type: NETWORK_POLICY_V1, name: terraformName([], metadata) }
    : { type: MANIFEST, name: terraformName([object.kind.toLowerCase()], metadata) };
}

function resourceArguments(object: any): any {
  return isNetworkPolicyV1(object) ? networkPolicyV1Arguments(object) : { manifest: object };
}

/**
 * `value` as Terraform JSON: every string a literal, except, when `found` is given, its exempt list, which becomes the
 * local's expression where it stands (as a list, or inside a Calico selector), counted in `found`.
 */
function template(value: any, found?: ExemptFound): any {
  if (Array.isArray(value)) {
    if (found !== undefined && value.length === found.exempt.length && value.every((v, i) => v === found.exempt[i])) {
      found.lists++;
      return EXEMPT_LIST;
    }
    return value.map(v => template(v, found));
  }
  if (typeof value === 'string') {
    if (found === undefined) return literal(value);
    // Namespace names need no escaping, so the list is found as well in the escaped text.
    const parts = literal(value).split(`{${found.exempt.map(ns => `'${ns}'`).join(', ')}}`);
    found.selectors += parts.length - 1;
    return parts.join(`{${EXEMPT_CALICO}}`);
  }
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => {
    // Object keys of an expression are not templates in every Terraform version: they must need no escaping.
    if (literal(key) !== key) throw new Error(`the key ${JSON.stringify(key)} cannot be written literally in Terraform JSON`);
    return [key, template(v, found)];
  }));
}

/** `{ type: { name: body } }` from `[type, name, body]`, in the given order. */
function group(entries: ReadonlyArray<[string, string, any]>): Record<string, Record<string, any>> {
  const out: Record<string, Record<string, any>> = {};
  for (const [type, name, body] of entries) out[type] = { ...out[type], [name]: body };
  return out;
}

function variables(s: AksSummary, perNamespace: boolean): any {
  const exemptRules = [{
    condition: namesValid('exempt_namespaces'),
    error_message: `Every namespace in exempt_namespaces must be ${NAME_RULE} (NAMESPACE_NAME_INVALID).`,
  }];
  if (!perNamespace) {
    exemptRules.push({
      condition: '${contains(var.exempt_namespaces, "kube-system")}',
      error_message: 'The exempt namespaces must keep kube-system: CoreDNS runs there, and isolating it would break DNS for every pod (KUBE_SYSTEM_NOT_EXEMPT).',
    });
  }
  return {
    enable_default_deny: {
      description: 'Create the baseline: isolate every pod of the namespaces it covers, ingress and egress, except DNS. Off by default: the module then creates nothing.',
      type: 'bool',
      default: false,
    },
    exempt_namespaces: {
      description: perNamespace
        ? 'Namespaces never isolated: a namespace both in namespaces and here is refused.'
        : 'Namespaces never isolated; every other namespace, present or future, is. Must keep kube-system.',
      type: 'list(string)',
      default: [...s.exempt],
      validation: exemptRules,
    },
    ...perNamespace ? {
      namespaces: {
        description: 'The namespaces to isolate, each with a default-deny-all and an allow-dns NetworkPolicy (Azure NPM has no cluster-wide policy).',
        type: 'list(string)',
        default: [...s.namespaces],
        validation: [
          { condition: namesValid('namespaces'), error_message: `Every namespace in namespaces must be ${NAME_RULE} (NAMESPACE_NAME_INVALID).` },
          {
            condition: '${!contains(var.namespaces, "kube-system")}',
            error_message: 'The namespaces to isolate must not include kube-system: CoreDNS runs there, and isolating it would break DNS for every pod (KUBE_SYSTEM_NOT_EXEMPT).',
          },
          {
            condition: '${length(setintersection(var.namespaces, var.exempt_namespaces)) == 0}',
            error_message: 'A namespace is both listed to isolate in namespaces and exempt in exempt_namespaces: drop it from one of them (NAMESPACE_ISOLATED_AND_EXEMPT).',
          },
          {
            condition: '${!var.enable_default_deny || length(var.namespaces) > 0}',
            error_message: 'Azure Network Policy Manager has no cluster-wide policy: with enable_default_deny, list the namespaces to isolate in namespaces (NAMESPACES_REQUIRED).',
          },
        ],
      },
    } : {},
  };
}

function outputs(resources: readonly ModuleResource[], perNamespace: boolean): any {
  const policies = perNamespace
    ? `\${sort(concat(${resources.map(r => `formatlist(${JSON.stringify(r.object)}, local.isolated_namespaces)`).join(', ')}))}`
    : `\${var.enable_default_deny ? [${resources.map(r => JSON.stringify(r.object)).sort(compareStrings).join(', ')}] : []}`;
  return {
    policies: {
      description: 'The policies the module created, as kind/name or kind/namespace/name, sorted; empty while enable_default_deny is false.',
      value: policies,
    },
    exempt_namespaces: {
      description: 'The exempt namespaces, sorted, duplicates dropped.',
      value: EXEMPT_LIST,
    },
  };
}
