import { checkCiliumPolicySpec } from '../cilium/check-spec';
import { PolicyDocument, PolicyKind } from '../types';
import { checkCalicoPolicySpec } from './calico-spec';
import { describeValue, isMapping } from './describe';
import { Fail, failFor, readName, readNamespace } from './fields';
import { KindInfo } from './kinds';
import { Origin, originText } from './origin';
import { checkClusterScopedPolicySpec, checkNetworkPolicySpec } from './policy-spec';

/**
 * A policy manifest, its spec kept as written: the evaluators compile it. The spec's own checks are not run again on a
 * policy cdk-netpol `rendered` (its model was checked before rendering).
 */
export function policyOf(doc: Record<string, any>, info: KindInfo, origin: Origin, rendered = false): PolicyDocument {
  const name = readName(doc, failFor(origin, info.label));
  const namespace = info.namespaced ? readNamespace(doc, failFor(origin, `${info.label} ${name}`)) : undefined;
  const fail = failFor(origin, `${info.label} ${namespace === undefined ? '' : `${namespace}/`}${name}`);
  const common = { apiVersion: doc.apiVersion, kind: info.kind as PolicyKind, name, ...(namespace === undefined ? {} : { namespace }) };
  if (info.family === 'cilium') {
    // `spec` (one rule), `specs` (a list) or both: with `specs`, the evaluator gets both under one wrapper.
    if (!rendered) checkCiliumPolicySpec(info.kind, doc, fail);
    const spec = doc.specs === undefined || doc.specs === null ? doc.spec : { spec: doc.spec ?? undefined, specs: doc.specs };
    return { ...common, spec, source: originText(origin) };
  }
  if (!rendered) checkSpec(doc.spec, info, fail);
  return { ...common, spec: doc.spec, source: originText(origin) };
}

function checkSpec(spec: unknown, info: KindInfo, fail: Fail): void {
  if (!isMapping(spec)) fail('spec', spec === undefined || spec === null ? 'is missing' : `must be a mapping, got ${describeValue(spec)}`);
  switch (info.family) {
    case 'kubernetes': return checkNetworkPolicySpec(spec, fail);
    case 'calico': return checkCalicoPolicySpec(info.kind, spec, fail);
    default: return checkClusterScopedPolicySpec(info.kind, spec, fail);
  }
}
