/**
 * Deterministic stock projection: expected (mean) demand consumed FEFO from lots on hand and
 * inbound arrivals, day by day. Tells how much of today's stock will sell before it expires,
 * when stock runs out, and how much a new lot could sell before its own sell-by date.
 * Days are offsets from "today" (day 0).
 */
export interface ProjectedLot {
  id: string;
  quantity: number;
  /** First day the lot can no longer be sold (expiry minus the customers' minimum life). */
  unsellableFrom: number;
  /** Day the lot becomes available (0 for stock on hand, ETA for inbound). */
  availableFrom: number;
}

export interface LotOutcome {
  id: string;
  sold: number;
  expired: number;
  /** Still on hand and sellable when the projection ends. */
  remaining: number;
}

export interface Projection {
  lots: LotOutcome[];
  /** First day with demand that stock could not meet, or null within the horizon. */
  stockoutDay: number | null;
  unmetDemand: number;
}

const EPS = 1e-9;

export function projectStock(lots: readonly ProjectedLot[], meanDemand: ArrayLike<number>, horizon = meanDemand.length): Projection {
  // FEFO order: earliest sell-by first, then earliest arrival.
  const order = lots
    .map((l, i) => ({ l, i }))
    .sort((a, b) => a.l.unsellableFrom - b.l.unsellableFrom || a.l.availableFrom - b.l.availableFrom || a.i - b.i);
  const rem = order.map((o) => Math.max(0, o.l.quantity));
  const sold = order.map(() => 0);
  const expired = order.map(() => 0);
  let stockoutDay: number | null = null;
  let unmet = 0;
  for (let t = 0; t < horizon; t++) {
    let d = t < meanDemand.length ? Math.max(0, meanDemand[t]) : 0;
    for (let k = 0; k < order.length; k++) {
      const lot = order[k].l;
      if (rem[k] <= EPS) continue;
      if (lot.unsellableFrom <= t) {
        expired[k] += rem[k];
        rem[k] = 0;
        continue;
      }
      if (lot.availableFrom > t || d <= EPS) continue;
      const take = Math.min(d, rem[k]);
      rem[k] -= take;
      sold[k] += take;
      d -= take;
    }
    if (d > EPS) {
      unmet += d;
      if (stockoutDay === null) stockoutDay = t;
    }
  }
  const out: LotOutcome[] = new Array<LotOutcome>(order.length);
  order.forEach((o, k) => {
    // A lot whose sell-by falls exactly at the horizon end expires then.
    const exp = o.l.unsellableFrom <= horizon ? expired[k] + rem[k] : expired[k];
    const left = o.l.unsellableFrom <= horizon ? 0 : rem[k];
    out[o.i] = { id: o.l.id, sold: sold[k], expired: exp, remaining: left };
  });
  return { lots: out, stockoutDay, unmetDemand: unmet };
}

/** Mean demand for `length` days; beyond the forecast, the mean of its last four weeks. */
export function extendMean(mean: ArrayLike<number>, length: number): Float64Array {
  const out = new Float64Array(length);
  const n = Math.min(mean.length, length);
  for (let i = 0; i < n; i++) out[i] = Math.max(0, mean[i]);
  if (length > mean.length) {
    const k = Math.min(28, mean.length);
    let s = 0;
    for (let i = mean.length - k; i < mean.length; i++) s += Math.max(0, mean[i]);
    out.fill(k > 0 ? s / k : 0, n);
  }
  return out;
}
