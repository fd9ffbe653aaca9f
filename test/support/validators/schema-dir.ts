/**
 * Where the official schemas live, and what happens when they are absent.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Where the official schemas live, relative to this folder: /work/main/test/support/validators -> /work/shared/schemas. */
export const DEFAULT_SCHEMA_DIR = path.resolve(__dirname, '../../../../shared/schemas');

/**
 * The folder holding the official schemas, or undefined when it is absent outside CI
 * (callers then skip with a visible reason). In CI (`CI=true`) an absent folder is an error.
 */
export function schemaDir(): string | undefined {
  return findSchemaDir(DEFAULT_SCHEMA_DIR, process.env.CI === 'true');
}

/** `schemaDir()` for a given folder and CI flag. */
export function findSchemaDir(dir: string, ci: boolean): string | undefined {
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) return dir;
  if (ci) {
    throw new Error(`the schema folder ${dir} is required in CI (CI=true): manifests cannot be validated against the official Kubernetes schemas without it`);
  }
  return undefined;
}

/** The schema folder; throws when it is absent (validation never passes silently without it). */
export function requireSchemaDir(): string {
  const dir = schemaDir();
  if (dir === undefined) {
    throw new Error(`kube-validator: the schema folder ${DEFAULT_SCHEMA_DIR} is absent; guard the caller with schemaDir() or registerIfSchemas()`);
  }
  return dir;
}
