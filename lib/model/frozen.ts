/**
 * `value`, frozen (shallowly), typed as it was: the lists and maps a model value hands out cannot be changed by the
 * caller, so a value shared between constructs (a Selector, a Peer, a static default list) means the same everywhere.
 */
export function frozen<T extends object>(value: T): T {
  return Object.freeze(value);
}
