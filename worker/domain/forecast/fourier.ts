/**
 * Smooths per-slot seasonal ratios with a few annual harmonics, weighting each slot by how
 * much expected demand it carries. Harmonics are cached per (period, order).
 */
const basisCache = new Map<string, Float64Array[]>();

function basis(period: number, order: number): Float64Array[] {
  const key = `${period}:${order}`;
  const hit = basisCache.get(key);
  if (hit) return hit;
  const rows: Float64Array[] = [];
  for (let k = 1; k <= order; k++) {
    const c = new Float64Array(period);
    const s = new Float64Array(period);
    for (let j = 0; j < period; j++) {
      c[j] = Math.cos((2 * Math.PI * k * j) / period);
      s[j] = Math.sin((2 * Math.PI * k * j) / period);
    }
    rows.push(c, s);
  }
  basisCache.set(key, rows);
  return rows;
}

/**
 * Weighted projection of ratios r (per slot, weight w) onto 1 + harmonics. Treats the basis as
 * orthogonal under the weights, which holds closely when every slot is observed about equally
 * often (a full year or more of history), and keeps the cost at O(period × order).
 */
export function smoothAnnual(ratio: Float64Array, weight: Float64Array, order: number, out: Float64Array): void {
  const period = ratio.length;
  const rows = basis(period, order);
  let sw = 0;
  let swr = 0;
  for (let j = 0; j < period; j++) {
    sw += weight[j];
    swr += weight[j] * ratio[j];
  }
  const m = sw > 0 ? swr / sw : 1;
  out.fill(m);
  if (sw <= 0) return;
  for (const row of rows) {
    let num = 0;
    let den = 0;
    for (let j = 0; j < period; j++) {
      num += weight[j] * (ratio[j] - m) * row[j];
      den += weight[j] * row[j] * row[j];
    }
    const coef = den > 0 ? num / den : 0;
    for (let j = 0; j < period; j++) out[j] += coef * row[j];
  }
  // A multiplicative factor cannot go negative; a floor keeps deep troughs sane.
  for (let j = 0; j < period; j++) if (out[j] < 0.05 * m) out[j] = 0.05 * m;
}
