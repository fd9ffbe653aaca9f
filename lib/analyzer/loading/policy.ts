import { PolicyDocument, PolicyKind } from '../types';
import { describeValue, isMapping } from './describe';
import { failFor, readName, readNamespace } from './fields';
import { KindInfo } from './kinds';
import { Origin, originText } from './origin';
import { checkClusterScopedPolicySpec, checkNetworkPolicySpec } from './policy-spec';

/** A policy manifest, its spec kept as written: the evaluators compile it. */
export function policyOf(doc: Record<string, any>, info: KindInfo, origin: Origin): PolicyDocument {
  const name = readName(doc, failFor(origin, info.kind));
  const namespace = info.namespaced ? readNamespace(doc, failFor(origin, `${info.kind} ${name}`)) : undefined;
  const fail = failFor(origin, `${info.kind} ${namespace === undefined ? '' : `${namespace}/`}${name}`);
  if (!isMapping(doc.spec)) fail('spec', doc.spec === undefined || doc.spec === null ? 'is missing' : `must be a mapping, got ${describeValue(doc.spec)}`);
  if (info.kind === 'NetworkPolicy') checkNetworkPolicySpec(doc.spec, fail);
  else checkClusterScopedPolicySpec(info.kind, doc.spec, fail);
  const common = { apiVersion: doc.apiVersion, kind: info.kind as PolicyKind, name };
  return namespace === undefined
    ? { ...common, spec: doc.spec, source: originText(origin) }
    : { ...common, namespace, spec: doc.spec, source: originText(origin) };
}
