/** Timings of one variant across the measured runs, in milliseconds. */
export interface Samples {
  readonly total: number[];
  readonly construct: number[];
  readonly synth: number[];
}

/** Median of a non-empty sample: robust to the odd GC pause or scheduler hiccup. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nanoseconds from `process.hrtime.bigint()` to milliseconds. */
export function toMs(ns: bigint): number {
  return Number(ns) / 1e6;
}

/** Renders rows as a fixed-width table; the first column is left-aligned, the rest right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map(w => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * The median of A/B over runs made side by side (the same round): drift in machine load hits both runs of a pair,
 * so this ratio holds better than a ratio of medians on a noisy machine.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) throw new Error(`paired samples must have one length, got ${a.length} and ${b.length}`);
  return median(a.map((x, i) => x / b[i]));
}
