/**
 * Helpers for the Cilium renderer tests: render, and hold every rendered manifest to the Cilium CRD schema and
 * the Cilium agent's checks (test/support/kube-validator.ts).
 */
import { Policy } from '../../../lib';
import { renderCiliumPolicy } from '../../../lib/engines/cilium/render';
import { hasSchema, schemaDir, validateManifest } from '../../support/kube-validator';

/**
 * The one check of the shared validator that is stricter than Cilium and that the renderer does not meet on
 * purpose: port "0" for "every port of a protocol". The schema accepts it, and it is Cilium's own form (its
 * translation of a Kubernetes NetworkPolicyPort without a port writes "0"; the datapath wildcards a zero port
 * and keeps the protocol). The validator's alternative, 1-65535 with `endPort`, is ignored by Cilium before
 * 1.16 (cilium/cilium#28684), which would narrow allows to port 1 and open deny rules.
 */
const PORT_ZERO = /\.port: Invalid value: "0": .*Cilium reads "0" as every port/;

/** Renders `policy` and expects the manifest to be valid. */
export function render(policy: Policy): any {
  const manifest = renderCiliumPolicy(policy);
  expect(violations(manifest)).toEqual([]);
  return manifest;
}

/** The violations of a rendered Cilium manifest, but for port "0"; empty when valid. Skipped (empty) without the schema folder outside CI. */
export function violations(manifest: any): string[] {
  expect(hasSchema(manifest)).toBe(true);
  if (schemaDir() === undefined) return [];
  return validateManifest(manifest).filter(v => !PORT_ZERO.test(v));
}

/** True when every object of `value` has its keys in code-unit order. */
export function keysSorted(value: any): boolean {
  if (Array.isArray(value)) return value.every(keysSorted);
  if (value === null || typeof value !== 'object') return true;
  const keys = Object.keys(value);
  return keys.every((k, i) => i === 0 || keys[i - 1] < k) && keys.every(k => keysSorted(value[k]));
}
