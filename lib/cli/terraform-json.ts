// Kubernetes objects in Terraform's JSON syntax, without cdktf: what `cdk-netpol aks --format terraform` writes.
import { networkPolicyV1Config } from '../constructs/terraform-network-policy';

/** The kubernetes provider's resource for a native NetworkPolicy, and for every other kind (CRDs: Calico, Cilium). */
export const NETWORK_POLICY_V1 = 'kubernetes_network_policy_v1';
export const MANIFEST = 'kubernetes_manifest';

/**
 * The arguments of a `kubernetes_network_policy_v1` resource for a NetworkPolicy, as Terraform JSON: the same blocks
 * as the cdktf placement (`networkPolicyV1Config`), with the provider's snake_case names. Map arguments (labels,
 * annotations, match_labels) keep their keys as they are.
 */
export function networkPolicyV1Arguments(manifest: any): any {
  return snakeCase(networkPolicyV1Config(manifest));
}

const MAP_ARGUMENTS = new Set(['labels', 'annotations', 'matchLabels']);

function snakeCase(value: any): any {
  if (Array.isArray(value)) return value.map(snakeCase);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [
    key.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`),
    MAP_ARGUMENTS.has(key) ? { ...v as object } : snakeCase(v),
  ]));
}

/**
 * `text` as a Terraform JSON string that means `text` itself: every JSON string Terraform evaluates is a template,
 * so the sequences that open an interpolation (`${`) or a directive (`%{`) are escaped (`$${`, `%%{`).
 */
export function literal(text: string): string {
  return text.replace(/([$%])\{/g, '$1$1{');
}

/** A file's JSON, byte-identical for the same value: two-space indentation and a final newline. */
export function jsonFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
