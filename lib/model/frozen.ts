/**
 * `value`, frozen (shallowly), typed as it was: the lists and maps a model value hands out cannot be changed by the
 * caller, so a value shared between constructs (a Selector, a Peer, a static default list) means the same everywhere.
 */
export function frozen<T extends object>(value: T): T {
  return Object.freeze(value);
}

const EMPTY: never[] = frozen([]);

/**
 * `list`, frozen; one shared frozen array when it is empty. Model values keep many empty lists (no http matches, no
 * except CIDRs, no expressions), and the whole-app check keeps every value until synthesis: one array for all of them.
 */
export function frozenList<T>(list: T[]): T[] {
  return list.length === 0 ? EMPTY : frozen(list);
}
