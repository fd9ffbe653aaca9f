/** Bounds on hostile or accidental input, checked before the expensive work they protect. */
export interface LoadLimits {
  /**
   * Largest file (or text) read, in bytes; checked before parsing. A single YAML document costs
   * about 80 times its size in memory while parsed, so this keeps one file well inside Node's heap.
   * @default 16 MiB
   */
  readonly maxBytes?: number;
  /**
   * Most Kubernetes objects (after `List`s are flattened) one call returns.
   * @default 100000
   */
  readonly maxDocuments?: number;
  /**
   * Most YAML aliases (`*name`) one document may use; refuses "billion laughs" alias bombs.
   * @default 100
   */
  readonly maxAliasCount?: number;
}

/** The defaults of `LoadLimits`. */
export const DEFAULT_LIMITS: Required<LoadLimits> = {
  maxBytes: 16 * 1024 * 1024,
  maxDocuments: 100_000,
  maxAliasCount: 100,
};

/** The limits with defaults filled in. */
export function resolveLimits(limits: LoadLimits = {}): Required<LoadLimits> {
  return {
    maxBytes: limits.maxBytes ?? DEFAULT_LIMITS.maxBytes,
    maxDocuments: limits.maxDocuments ?? DEFAULT_LIMITS.maxDocuments,
    maxAliasCount: limits.maxAliasCount ?? DEFAULT_LIMITS.maxAliasCount,
  };
}

/** `512 bytes`, `1.5 KiB`, `32 MiB`: sizes for messages. */
export function formatBytes(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB'];
  if (bytes < 1024) return `${bytes} bytes`;
  let value = bytes;
  let unit = 'bytes';
  for (const next of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}
