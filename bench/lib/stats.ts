/**
 * The few statistics every figure of the benchmark rests on. Kept dependency-free and unit
 * tested (bench/test/unit/stats.test.ts), because a wrong median would make every ratio wrong.
 */

/** The middle value; for an even count, the mean of the two middle values. */
export const median = (values: readonly number[]): number => {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * The nearest-rank percentile (`p` in 0..100): the smallest value such that at least p% of
 * the values are at or below it. No interpolation, so it is always a value that was observed.
 */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) throw new Error('percentile of no values');
  if (p < 0 || p > 100) throw new Error(`percentile out of range: ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
};

/** How many times the baseline a figure is; a zero baseline has no meaningful ratio. */
export const ratio = (value: number, baseline: number): number => {
  if (!(baseline > 0)) throw new Error(`ratio against a non-positive baseline: ${baseline}`);
  return value / baseline;
};

export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
}

export const summarize = (values: readonly number[]): Summary => ({
  n: values.length,
  median: median(values),
  p99: percentile(values, 99),
  min: Math.min(...values),
  max: Math.max(...values),
});

/** Rounds for display and for results.json, so that noise digits are not mistaken for signal. */
export const round = (value: number, digits = 2): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};
