// The demand model per SKU (base rate, trend, launch ramp, seasons and promotions as a daily
// multiplier over the history) and the recent demand per warehouse read back from the orders.
import { clamp, holidaysFor, isoOfDay, round2, seasonalMultiplier } from './calendar';
import type { OrderLineRow } from './rows';
import type { Cust, GenContext, RecentDemand, Sku } from './work';

/** Sets each SKU's base, trend, launch, promotions and daily multiplier (draws from the 'demand' stream). */
export function shapeDemand(ctx: GenContext, skus: Sku[]): void {
  const { spec, H, start, anchor } = ctx;
  const rngD = ctx.rngFor('demand');
  const hol = holidaysFor(start, anchor);
  for (const s of skus) {
    const vel = s.item.vel ?? 1;
    s.base = s.slow ? rngD.uniform(0.25, 1.1) : s.cat.baseDaily * vel * rngD.lognormal(0, 0.3);
    switch (s.pattern) {
      case 'growing':
        s.trend = rngD.uniform(0.35, 0.9);
        break;
      case 'declining':
        s.trend = rngD.uniform(-0.45, -0.25);
        break;
      case 'new_launch':
        s.trend = rngD.uniform(0.1, 0.3);
        s.launchIdx = Math.max(0, H - rngD.int(spec.launchDaysAgo[0], spec.launchDaysAgo[1]));
        break;
      case 'slow_mover':
        s.trend = clamp(rngD.normal(0, 0.05), -0.1, 0.1);
        break;
      default:
        s.trend = clamp(rngD.normal(0.02, 0.05), -0.1, 0.15);
    }
    s.trend = Math.round(s.trend * 1000) / 1000;
    if (!s.slow && !s.item.fs) {
      const n = Math.min(5, rngD.poisson((spec.promosPerYear * H) / 365));
      for (let i = 0, tries = 0; i < n && tries < 30; tries++) {
        const startIdx = rngD.int(0, Math.max(0, H - 8));
        const end = Math.min(H - 1, startIdx + rngD.int(7, 14) - 1);
        const clash = s.promos.some((p) => startIdx <= p.end + 10 && end + 10 >= p.start);
        if (clash) continue;
        s.promos.push({ start: startIdx, end, lift: round2(rngD.uniform(1.6, 2.8)) });
        i++;
      }
      s.promos.sort((a, b) => a.start - b.start);
    }
    const g = Math.log(1 + s.trend);
    for (let t = 0; t < H; t++) {
      const day = start + t;
      let m = Math.exp((g * (t - (H - 1))) / 365) * seasonalMultiplier(day, s.season, hol);
      if (s.launchIdx !== null) {
        if (t < s.launchIdx) m = 0;
        else if (t < s.launchIdx + 45) m *= (t - s.launchIdx + 1) / 45;
      }
      for (const p of s.promos) {
        if (t >= p.start && t <= p.end) m *= p.lift;
        else if (t > p.end && t <= p.end + 7) m *= 0.8;
      }
      s.mult[t] = m;
    }
  }
}

/** Units a day over the last 91 days (or the history, if shorter) per SKU and the warehouse serving each customer's region. */
export function recentDemand(ctx: GenContext, skus: Sku[], customers: Cust[], orderRows: OrderLineRow[]): RecentDemand {
  const { spec, H, anchor } = ctx;
  const RECENT = Math.min(91, H);
  const recentFrom = isoOfDay(anchor - RECENT);
  const whIndex = new Map(spec.warehouses.map((w, i) => [w.region, i]));
  const custRegion = new Map(customers.map((c) => [c.row.customer_id, whIndex.get(c.row.region) ?? 0]));
  const skuBySku = new Map(skus.map((s) => [s.row.sku, s]));
  const recent = skus.map(() => new Float64Array(spec.warehouses.length));
  for (const r of orderRows) {
    if (r.order_date < recentFrom) continue;
    const s = skuBySku.get(r.sku);
    if (s) recent[s.idx][custRegion.get(r.customer_id) ?? 0] += r.quantity / RECENT;
  }
  const dailyTotal = (s: Sku): number => recent[s.idx].reduce((a, b) => a + b, 0);
  return { recent, dailyTotal };
}
