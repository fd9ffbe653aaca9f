import { Engine } from '../../../lib/engines/engine';
import { Policy, PolicyProps, Selector } from '../../../lib/model';
import { hasSchema, schemaDir, validateManifest } from '../../support/kube-validator';

/** The subject most tests use. */
export const WEB = Selector.labels({ app: 'web' });

/** A namespaced policy in `prod` selecting `app=web`, with the given rules. */
export function webPolicy(props: Omit<PolicyProps, 'name' | 'namespaceName' | 'subject'> & { name?: string }): Policy {
  return new Policy({ name: props.name ?? 'web', namespaceName: 'prod', subject: WEB, ...props });
}

/**
 * Renders through the engine (problems checked first, as the constructs do) and validates the manifest
 * against the Calico CRD schema whenever test/support/kube-validator knows the kind.
 */
export function render(policy: Policy, engine: Engine = Engine.CALICO): any {
  const manifest = engine.render(policy);
  expectValidCalico(manifest);
  return manifest;
}

/** Expects no schema violations once the shared validator covers the manifest's kind (it fails closed on unknown kinds). */
export function expectValidCalico(manifest: any): void {
  if (schemaDir() !== undefined && hasSchema(manifest)) expect(validateManifest(manifest)).toEqual([]);
}

/** The `spec` of a rendered namespaced policy. */
export function specOf(policy: Policy, engine: Engine = Engine.CALICO): any {
  return render(policy, engine).spec;
}
