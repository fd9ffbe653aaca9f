// Small readers shared by the policy readers of this folder.

import { ParsedCidr, parseCidr } from '../ip-match';
import { Direction } from './form';

/** A list field: the list, or empty when absent or not a list. */
export function listOf(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/** A written scalar as a list join prints it (`null` and `undefined` print as nothing), for texts. */
export function written(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** Every CIDR of a list parsed, or undefined when one cannot be read. */
export function parsedCidrs(cidrs: readonly unknown[]): ParsedCidr[] | undefined {
  const parsed = cidrs.map(c => parseCidr(String(c)));
  return parsed.every((c): c is ParsedCidr => c !== undefined) ? parsed : undefined;
}

/** The CIDRs of a list that cannot be parsed. */
export function unreadableCidrs(cidrs: readonly unknown[]): unknown[] {
  return cidrs.filter(c => parseCidr(String(c)) === undefined);
}

/** `keys` in the order the object writes them (those it lacks last), for parts listed in written order. */
export function inWrittenOrder<K extends string>(object: unknown, keys: readonly K[]): K[] {
  const present = object !== null && typeof object === 'object' ? Object.keys(object) : [];
  const rank = (k: K) => {
    const i = present.indexOf(k);
    return i < 0 ? present.length + keys.indexOf(k) : i;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

/** Both directions, ingress first. */
export const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

/** The field of a NetworkPolicy or admin rule that lists its peers: `from` for ingress, `to` for egress. */
export const PEERS_FIELD: Readonly<Record<Direction, 'from' | 'to'>> = { ingress: 'from', egress: 'to' };
