// Cilium's DNS name matching for `toFQDNs` (pkg/fqdn/matchpattern): names and patterns are lower-cased and read as
// fully qualified; `matchName` is one name, `matchPattern`'s `*` stands for any DNS characters within one label, and
// a pattern of `*` alone matches every name.

/** A `toFQDNs` entry: `matchName` or `matchPattern`. */
export interface FqdnSelector {
  readonly matchName?: string;
  readonly matchPattern?: string;
}

// Cilium's allowedDNSCharsREGroup.
const DNS_CHARS = '[-a-z0-9_]';
const PATTERNS = new Map<string, RegExp>();

/** `api.stripe.com` and `API.stripe.com.` are one name. */
export function fullyQualified(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/** Whether the DNS name `name` is matched by `selector`. */
export function fqdnMatches(selector: FqdnSelector, name: string): boolean {
  const fqdn = fullyQualified(name);
  if (selector.matchName !== undefined) return fullyQualified(selector.matchName) === fqdn;
  if (selector.matchPattern === undefined) return false;
  return patternOf(selector.matchPattern).test(fqdn);
}

function patternOf(pattern: string): RegExp {
  let re = PATTERNS.get(pattern);
  if (re === undefined) {
    const trimmed = pattern.trim().toLowerCase();
    re = trimmed === '*'
      ? new RegExp(`^(${DNS_CHARS}+[.])+$`)
      : new RegExp(`^${fullyQualified(trimmed).replace(/\./g, '[.]').replace(/\*/g, `${DNS_CHARS}*`)}$`);
    PATTERNS.set(pattern, re);
  }
  return re;
}

/**
 * A name `selector` matches, to stand for it as a peer: its `matchName`, or its `matchPattern` with each `*` read as
 * `x` (`*` alone: `any.example`).
 */
export function representativeName(selector: FqdnSelector): string | undefined {
  if (selector.matchName !== undefined) return fullyQualified(selector.matchName).slice(0, -1);
  if (selector.matchPattern === undefined) return undefined;
  const trimmed = selector.matchPattern.trim().toLowerCase().replace(/\.$/, '');
  return trimmed === '*' ? 'any.example' : trimmed.replace(/\*/g, 'x');
}
