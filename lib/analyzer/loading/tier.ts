import { Tier } from '../types';
import { checkTierSpec } from './calico-spec';
import { failFor, readMapping, readName } from './fields';
import { KindInfo } from './kinds';
import { Origin, originText } from './origin';

/** A Calico Tier: its order (unset: last) and what happens when none of its policies decides (`Deny` unless `Pass`). */
export function tierOf(doc: Record<string, any>, info: KindInfo, origin: Origin): Tier {
  const name = readName(doc, failFor(origin, info.label));
  const fail = failFor(origin, `${info.label} ${name}`);
  const spec = readMapping(doc.spec, 'spec', fail) ?? {};
  checkTierSpec(spec, fail);
  return {
    name,
    ...(typeof spec.order === 'number' ? { order: spec.order } : {}),
    ...(spec.defaultAction === 'Pass' || spec.defaultAction === 'Deny' ? { defaultAction: spec.defaultAction } : {}),
    source: originText(origin),
  };
}
