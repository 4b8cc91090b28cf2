import { daysNeeded, type ShelfLifeSegment } from './shelf-life';

/**
 * Deterministic stock projection: expected (mean) demand consumed FEFO from lots on hand and
 * inbound arrivals, day by day. Tells how much of today's stock will sell before it expires,
 * when stock runs out, and how much a new lot could sell before its own sell-by date.
 * Days are offsets from "today" (day 0).
 *
 * Demand is split into shelf-life segments (customers' minimum remaining shelf life, see
 * shelf-life.ts): each day each segment takes its share of demand FEFO from the lots that still
 * meet its rule. A lot expires unsold once it meets no segment's rule.
 */
export interface ProjectedLot {
  id: string;
  quantity: number;
  /** Day offset of the lot's expiration date (it cannot be sold on or after that day). */
  expiresOn: number;
  /** Day the lot becomes available (0 for stock on hand, the arrival day for inbound). */
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

/** First day a lot can no longer be sold to anyone: expiry minus the loosest rule's days, plus one. */
export function unsellableFrom(expiresOn: number, segments: readonly ShelfLifeSegment[]): number {
  const loosest = segments.length ? Math.min(...segments.map((s) => daysNeeded(s.minRemainingDays))) : 1;
  return expiresOn - loosest + 1;
}

export function projectStock(
  lots: readonly ProjectedLot[],
  meanDemand: ArrayLike<number>,
  horizon = meanDemand.length,
  segments: readonly ShelfLifeSegment[] = [{ minRemainingDays: 0, share: 1, customers: [] }],
): Projection {
  // FEFO order: earliest expiry first, then earliest arrival.
  const order = lots
    .map((l, i) => ({ l, i, dead: unsellableFrom(l.expiresOn, segments) }))
    .sort((a, b) => a.l.expiresOn - b.l.expiresOn || a.l.availableFrom - b.l.availableFrom || a.i - b.i);
  const rem = order.map((o) => Math.max(0, o.l.quantity));
  const sold = order.map(() => 0);
  const expired = order.map(() => 0);
  const need = segments.map((s) => daysNeeded(s.minRemainingDays));
  let stockoutDay: number | null = null;
  let unmet = 0;
  for (let t = 0; t < horizon; t++) {
    const total = t < meanDemand.length ? Math.max(0, meanDemand[t]) : 0;
    for (let k = 0; k < order.length; k++) {
      if (rem[k] > EPS && order[k].dead <= t) {
        expired[k] += rem[k];
        rem[k] = 0;
      }
    }
    let short = 0;
    for (let g = 0; g < segments.length; g++) {
      let d = total * segments[g].share;
      for (let k = 0; k < order.length && d > EPS; k++) {
        const lot = order[k].l;
        if (rem[k] <= EPS || lot.availableFrom > t || lot.expiresOn - t < need[g]) continue;
        const take = Math.min(d, rem[k]);
        rem[k] -= take;
        sold[k] += take;
        d -= take;
      }
      if (d > EPS) short += d;
    }
    if (short > EPS * Math.max(1, total)) {
      unmet += short;
      if (stockoutDay === null) stockoutDay = t;
    }
  }
  const out: LotOutcome[] = new Array<LotOutcome>(order.length);
  order.forEach((o, k) => {
    // A lot whose last selling day falls exactly at the horizon end expires then.
    const exp = o.dead <= horizon ? expired[k] + rem[k] : expired[k];
    const left = o.dead <= horizon ? 0 : rem[k];
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
