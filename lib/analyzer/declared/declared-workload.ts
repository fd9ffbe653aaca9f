import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { WorkloadSpec, workloadManifest } from './workload-spec';

/** A manifest as plain JSON (a Namespace with labels, a Pod read from a file...). */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly [key: string]: unknown;
}

/**
 * Something to judge policies against: a spec, a plain manifest, or a construct from another app
 * (a cdk8s-plus-27 Deployment, an ApiObject): the construct's objects are read, not moved.
 */
export type DeclaredWorkload = WorkloadSpec | ManifestObject | IConstruct;

/** Checks a declaration now, so a mistake is reported where it was made. */
export function checkDeclaredWorkload(workload: DeclaredWorkload): void {
  if (!isConstruct(workload) && !isManifest(workload)) workloadManifest(workload);
}

/** The manifests a declaration stands for; constructs are read when asked, so later changes to them count. */
export function declaredManifests(workloads: readonly DeclaredWorkload[]): any[] {
  return workloads.flatMap(w => {
    if (isConstruct(w)) return w.node.findAll().filter(ApiObject.isApiObject).map(o => o.toJson());
    if (isManifest(w)) return [w];
    return [workloadManifest(w)];
  });
}

function isConstruct(w: DeclaredWorkload): w is IConstruct {
  return typeof (w as any).node?.findAll === 'function';
}

function isManifest(w: DeclaredWorkload): w is ManifestObject {
  return typeof (w as any).apiVersion === 'string' && typeof (w as any).kind === 'string';
}
