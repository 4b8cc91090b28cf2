import { pct, reasonOf } from './text';

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
  /** The same reason in Korean (the web app's Korean pages); absent in plans stored before it was written. */
  reasonKo?: string;
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
  const p = pct(x.stockoutProbability);
  const is = (status: StockStatus, en: string, ko: string): StatusResult => ({ status, ...reasonOf({ en, ko }) });
  if (!(x.meanDailyDemand > 0)) return is('healthy', 'no demand expected', '예상 수요 없음');
  if (x.usableOnHand <= 0)
    return is(
      'critical',
      'no usable stock while demand is expected: out of stock today',
      '수요가 예상되지만 사용 가능 재고 없음: 오늘 품절',
    );
  if (x.stockoutProbability >= 0.5)
    return is('critical', `${p.en} risk of running out before the next possible arrival`, `다음 입고 가능일 전 품절 위험 ${p.ko}`);
  const cover = x.usableOnHand / x.meanDailyDemand;
  if (cover < x.daysToNextArrival) {
    return is(
      'critical',
      `stock covers ${cover.toFixed(1)} days, the next possible arrival is in ${x.daysToNextArrival} days`,
      `재고로 ${cover.toFixed(1)}일분만 충당 가능, 다음 입고 가능일은 ${x.daysToNextArrival}일 후`,
    );
  }
  const allowed = 1 - x.serviceLevel;
  if (x.stockoutProbability > allowed) {
    const limit = Math.round(allowed * 1000) / 10;
    return is(
      'warning',
      `${p.en} risk of running out before the next arrival, above the ${limit} % the service level allows`,
      `다음 입고 전 품절 위험 ${p.ko}, 서비스 수준이 허용하는 ${limit}% 초과`,
    );
  }
  if (x.usableOnHand <= x.safetyStock)
    return is('warning', `usable stock ${s} is at or below the safety stock ${ss}`, `사용 가능 재고 ${s}개가 안전재고 ${ss}개 이하`);
  return is(
    'healthy',
    `usable stock ${s} is above the safety stock ${ss}; risk ${p.en} before the next arrival`,
    `사용 가능 재고 ${s}개가 안전재고 ${ss}개 초과; 다음 입고 전 품절 위험 ${p.ko}`,
  );
}
