/** A median with the range it came from, over the rounds of one benchmark. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** Returns the median and range of `values`; throws on an empty list. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('spread() needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted.at(-1) as number, runs: values.length };
}

/**
 * Divides each value by the baseline of the same round, so a ratio never mixes rounds taken
 * under different machine load.
 */
export function pairedRatios(values: readonly number[], baselines: readonly number[]): number[] {
  if (values.length !== baselines.length) {
    throw new Error(`pairedRatios: ${values.length} values but ${baselines.length} baselines`);
  }
  return values.map((value, index) => value / (baselines[index] as number));
}

/** Formats a spread as `median (min–max)` with `digits` decimals. */
export function formatSpread(value: Spread, digits = 2): string {
  const fixed = (number: number) => number.toFixed(digits);
  if (value.runs === 1) return fixed(value.median);
  return `${fixed(value.median)} (${fixed(value.min)}–${fixed(value.max)})`;
}

/** Formats nanoseconds as ns, µs or ms. */
export function formatNs(ns: number): string {
  if (ns < 1_000) return `${ns.toFixed(0)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(2)} µs`;
  return `${(ns / 1_000_000).toFixed(2)} ms`;
}

/** Formats a byte count as B, KiB or MiB. */
export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) < 1024) return `${bytes.toFixed(0)} B`;
  if (Math.abs(bytes) < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
