// Request latency histograms: fixed buckets so counts from many isolates simply add up.

/** Upper bounds (ms) of buckets h0..h11; the last is open-ended. */
export const LATENCY_BOUNDS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, Infinity] as const;

export const bucketOf = (ms: number) => LATENCY_BOUNDS_MS.findIndex((b) => ms <= b);

/**
 * The q-quantile (0 < q < 1) of a histogram, in ms, interpolated linearly inside the bucket that
 * holds it (the open last bucket reports its lower bound). Null for an empty histogram.
 */
export function histogramQuantile(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const target = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue;
    if (seen + counts[i] >= target) {
      const lo = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1];
      const hi = LATENCY_BOUNDS_MS[i];
      if (!Number.isFinite(hi)) return lo;
      return Math.round((lo + ((target - seen) / counts[i]) * (hi - lo)) * 10) / 10;
    }
    seen += counts[i];
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 2];
}
