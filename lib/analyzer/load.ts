import * as fs from 'fs';
import * as path from 'path';
import { Finding } from './lints/finding';
import { lintFindingOf } from './loading/api-findings';
import { ApiCheckOptions } from './loading/api-screen';
import { buildClusterFrom } from './loading/build-cluster';
import { checkSize, isFolder, manifestFilesUnder, readFileText, readStdinText, STDIN_SOURCE } from './loading/files';
import { LoadLimits, resolveLimits } from './loading/limits';
import { ManifestError } from './loading/manifest-error';
import { flattenObjects, SourcedObject } from './loading/objects';
import { Origin, originOf, withOrigin } from './loading/origin';
import { checkParsedJson, looksLikeJson, parseJson } from './loading/parse-json';
import { YamlDocument, yamlDocuments } from './loading/parse-yaml';
import { isTerraformConfig, terraformObjects } from './loading/terraform-config';
import { Cluster } from './types';

export { ManifestError } from './loading/manifest-error';
export { ApiError } from './loading/api-error';
export { ApiCode, API_CODE_INFO } from './loading/api-codes';
export { sourceLabel } from './loading/source-label';
export type { LoadLimits } from './loading/limits';
export type { ApiCheckMode, ApiCheckOptions, LoaderWarning } from './loading/api-screen';
export type { ApiProblem, FieldPath } from './loading/api-problem';

/**
 * The Kubernetes objects in a YAML stream (`---`-separated documents) or a JSON document. `List`s
 * (`kind: List`, `PodList`...) are replaced by their items, recursively; empty documents are skipped. A Terraform
 * JSON configuration (a cdktf stack's `cdk.tf.json`) gives the objects of its `kubernetes_network_policy_v1` and
 * `kubernetes_manifest` resources, as the kubernetes provider creates them.
 * Each object remembers where it was read (`file#document`), for `buildCluster`'s messages.
 *
 * @param source the file name, for messages (`.json` files are read as JSON only)
 * @throws ManifestError when the text is too large, is not YAML/JSON, uses too many YAML aliases,
 *   or holds something that is not a Kubernetes object
 */
export function parseManifests(text: string, source: string, limits?: LoadLimits): any[] {
  const l = resolveLimits(limits);
  checkSize(source, Buffer.byteLength(text, 'utf8'), l.maxBytes);
  const objects: any[] = [];
  for (const { index, value } of documentsOf(text, source, l)) {
    if (value === null || value === undefined) continue;
    const at: Origin = { file: source, document: index };
    // A cdktf stack's `cdk.tf.json`: the objects its kubernetes resources create, each read as a document is.
    const read = isTerraformConfig(value) ? terraformObjects(value, at) : [{ doc: value, origin: at }];
    for (const { doc: object, origin: where } of read) {
      flattenObjects(object, where, ({ doc, origin }) => {
        if (objects.length === l.maxDocuments) throw new ManifestError(source, `${source}: more than ${l.maxDocuments} documents`);
        objects.push(withOrigin(doc, origin));
      });
    }
  }
  return objects;
}

/**
 * The Kubernetes objects of files and folders, in the order given. A folder is read recursively
 * (`*.yaml`, `*.yml`, `*.json`, sorted by name, hidden entries skipped); `-` is standard input.
 * A file named twice is read once.
 *
 * @throws ManifestError naming the path that cannot be read, or the document that is wrong
 */
export function readManifests(paths: readonly string[], limits?: LoadLimits): any[] {
  const l = resolveLimits(limits);
  const objects: any[] = [];
  const read = new Set<string>();
  for (const given of paths) {
    const files = given === '-' ? ['-'] : isFolder(given) ? manifestFilesUnder(given) : [given];
    for (const file of files) {
      const key = file === '-' ? file : realPath(file);
      if (read.has(key)) continue;
      read.add(key);
      const source = file === '-' ? STDIN_SOURCE : file;
      const text = file === '-' ? readStdinText(l.maxBytes) : readFileText(file, l.maxBytes);
      const docs = parseManifests(text, source, l);
      if (objects.length + docs.length > l.maxDocuments) {
        throw new ManifestError(source, `${source}: more than ${l.maxDocuments} documents in all the manifests read`);
      }
      for (const doc of docs) objects.push(doc);
    }
  }
  return objects;
}

/**
 * The text of one file (`-`: standard input), read in chunks and refused past the byte limit, whatever it
 * is: a regular file, a pipe, a device. For inputs other than manifests (the CLI's FLOWS.json).
 *
 * @throws ManifestError naming the file when it cannot be read or is too large
 */
export function readTextInput(file: string, limits?: LoadLimits): string {
  const { maxBytes } = resolveLimits(limits);
  return file === '-' ? readStdinText(maxBytes) : readFileText(file, maxBytes);
}

/**
 * The cluster the objects describe: namespaces, endpoints (Pods and the pod templates of
 * workloads), Services and policies. Other kinds are ignored.
 *
 * Each object is first checked as the API server would check it (its kind, its official schema with strict
 * field validation, its kind's validation rules); `options.mode` says what happens to one it would refuse
 * (default `strict`: an ApiError).
 *
 * @throws ManifestError for a malformed object of a kind the analyzer reads, or an object defined twice;
 *   ApiError (a ManifestError) for an object the API server would refuse
 */
export function buildCluster(docs: readonly any[], options: ApiCheckOptions = {}): Cluster {
  return buildClusterFrom(sourcedObjects(docs), options);
}

/**
 * The cluster of the objects the API server would accept, and a lint finding (`API_*`, level error) for
 * each problem of the others, plus an `API_KIND_SKIPPED` info finding for each object of a group or kind
 * the analyzer does not read: what `cdk-netpol lint` reports besides its rules.
 *
 * @throws ManifestError for input that is not a set of Kubernetes objects, or malformed beyond the API checks
 */
export function buildClusterWithApiFindings(docs: readonly any[]): { cluster: Cluster; findings: Finding[] } {
  const findings: Finding[] = [];
  const cluster = buildClusterFrom(sourcedObjects(docs), { mode: 'report', onFinding: f => findings.push(lintFindingOf(f)) });
  return { cluster, findings };
}

function sourcedObjects(docs: readonly any[]): SourcedObject[] {
  const objects: SourcedObject[] = [];
  docs.forEach((doc, i) => flattenObjects(doc, originOf(doc) ?? { file: '<input>', document: i + 1 }, o => objects.push(o)));
  return objects;
}

function documentsOf(text: string, source: string, limits: Required<LoadLimits>): readonly YamlDocument[] {
  const extension = path.extname(source).toLowerCase();
  if (extension === '.json') return [{ index: 1, value: parseJson(text, source) }];
  if (!looksLikeJson(text)) return yamlDocuments(text, source, limits);
  // JSON first: it is ten times faster than YAML for the large JSON that `kubectl get -o json` writes.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (extension === '.yaml' || extension === '.yml') return yamlDocuments(text, source, limits);
    // Neither a YAML file nor valid JSON: flow-style YAML, or JSON with a mistake to point at.
    try {
      return yamlDocuments(text, source, limits);
    } catch {
      return [{ index: 1, value: parseJson(text, source) }];
    }
  }
  return [{ index: 1, value: checkParsedJson(value, text, source) }];
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}
