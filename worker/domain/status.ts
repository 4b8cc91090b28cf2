/**
 * Traffic-light stock status, one rule from the risk the plan itself computes (docs/planning.md):
 * - healthy when no demand is expected;
 * - **critical** when there is no usable stock (out of stock today), when P(stock-out before the
 *   next possible arrival) ≥ 50 %, or when days of cover are shorter than the days to that arrival;
 * - **warning** when that probability is above what the service level allows (1 − service level),
 *   or usable stock is at or below the safety stock;
 * - healthy otherwise.
 * Usable stock is stock on hand that is sellable and expected to sell before it expires.
 */
export type StockStatus = 'critical' | 'warning' | 'healthy';

export interface StatusResult {
  status: StockStatus;
  reason: string;
}

export interface StatusInput {
  usableOnHand: number;
  safetyStock: number;
  meanDailyDemand: number;
  /** P(stock-out before the next possible arrival), 0-1. */
  stockoutProbability: number;
  serviceLevel: number;
  /** Days from today to the next possible arrival (an order's lead time or an inbound's). */
  daysToNextArrival: number;
}

export function stockStatus(x: StatusInput): StatusResult {
  const s = Math.round(x.usableOnHand);
  const ss = Math.round(x.safetyStock);
  const pct = `${Math.round(x.stockoutProbability * 100)} %`;
  if (!(x.meanDailyDemand > 0)) return { status: 'healthy', reason: 'no demand expected' };
  if (x.usableOnHand <= 0) return { status: 'critical', reason: 'no usable stock while demand is expected: out of stock today' };
  if (x.stockoutProbability >= 0.5) return { status: 'critical', reason: `${pct} risk of running out before the next possible arrival` };
  const cover = x.usableOnHand / x.meanDailyDemand;
  if (cover < x.daysToNextArrival) {
    return {
      status: 'critical',
      reason: `stock covers ${cover.toFixed(1)} days, the next possible arrival is in ${x.daysToNextArrival} days`,
    };
  }
  const allowed = 1 - x.serviceLevel;
  if (x.stockoutProbability > allowed) {
    return {
      status: 'warning',
      reason: `${pct} risk of running out before the next arrival, above the ${Math.round(allowed * 1000) / 10} % the service level allows`,
    };
  }
  if (x.usableOnHand <= x.safetyStock) return { status: 'warning', reason: `usable stock ${s} is at or below the safety stock ${ss}` };
  return { status: 'healthy', reason: `usable stock ${s} is above the safety stock ${ss}; risk ${pct} before the next arrival` };
}
