import { IConstruct } from 'constructs';

/**
 * Where a construct sat: its scope and id. Kept instead of an intent construct that claimed a name, so the claim does not
 * keep the intent (and its policy model) alive once rendered; the object rendered for it sits in the same place.
 */
export interface ConstructPlace {
  readonly scope: IConstruct;
  readonly id: string;
}

/** The place of `construct`, which has a scope. */
export function placeOf(construct: IConstruct): ConstructPlace {
  return { scope: construct.node.scope!, id: construct.node.id };
}

/** The construct path of a place, as `node.path` spells it (no leading slash under the root). */
export function placePath(place: ConstructPlace): string {
  const parent = place.scope.node.path;
  return parent === '' ? place.id : `${parent}/${place.id}`;
}
