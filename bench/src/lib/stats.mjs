// Order statistics for timing samples. Percentiles use linear interpolation between closest ranks.

/** The q-quantile (0…1) of an ascending array. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

export function median(values) {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/**
 * Median, spread (p25/p75, median absolute deviation) and tail of a sample. `mad` is the raw
 * median of |x − median|, not scaled to a normal σ.
 */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = quantile(sorted, 0.5);
  const deviations = sorted.map((value) => Math.abs(value - mid)).sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0],
    p25: quantile(sorted, 0.25),
    median: mid,
    p75: quantile(sorted, 0.75),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1],
    mad: quantile(deviations, 0.5),
  };
}

/** Rounds every number in a (nested) object to `digits` decimals, for compact JSON. */
export function rounded(value, digits = 3) {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return value;
    const scale = 10 ** digits;
    return Math.round(value * scale) / scale;
  }
  if (Array.isArray(value)) return value.map((item) => rounded(item, digits));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rounded(item, digits)]));
  }
  return value;
}

/** Rotates `items` by `round` places, so every item takes every position across rounds. */
export function rotated(items, round) {
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
