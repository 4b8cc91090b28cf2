import { minimumOrder } from '../order-rounding';
import type { Product } from '../types';
import type { PolicyView, ReplayPolicy } from './types';

/**
 * The two rules planners use today, as baselines for the replay. Both estimate demand from
 * the last 90 days of recorded shipments (mean d̄ and standard deviation σ of daily units)
 * and count every unit on hand, whatever its expiry.
 */
export const RULE_WINDOW_DAYS = 90;

/** Mean and standard deviation of daily shipments over the last `window` days. */
export function recentDemand(sales: ArrayLike<number>, window = RULE_WINDOW_DAYS): { mean: number; sd: number } {
  const n = Math.min(window, sales.length);
  if (n === 0) return { mean: 0, sd: 0 };
  let s = 0;
  let ss = 0;
  for (let i = sales.length - n; i < sales.length; i++) {
    s += sales[i];
    ss += sales[i] * sales[i];
  }
  const mean = s / n;
  const sd = n > 1 ? Math.sqrt(Math.max(0, (ss - n * mean * mean) / (n - 1))) : 0;
  return { mean, sd };
}

/** On hand (all lots, expiry ignored) + on order. */
export function position(view: PolicyView): number {
  let x = 0;
  for (const l of view.lots) x += l.quantity;
  for (const o of view.onOrder) x += o.quantity;
  return x;
}

/** Up to whole cases and at least the MOQ; no shelf-life cap. */
export function roundUpToCases(raw: number, p: Pick<Product, 'caseSize' | 'moq'>): number {
  if (!(raw > 0)) return 0;
  const pack = p.caseSize > 0 ? p.caseSize : 1;
  return Math.max(minimumOrder(p), Math.ceil(raw / pack - 1e-9) * pack);
}

/**
 * Odoo-style min/max reordering rule (stock.warehouse.orderpoint): when the forecast quantity
 * (on hand + incoming) falls to min or below, order up to max, in whole cases and at least the
 * MOQ. min = d̄·L + k·σ·√L (k = 1.65: the safety buffer for σ of daily demand over L days),
 * max = min + d̄·R.
 */
export function minMaxPolicy(k = 1.65): ReplayPolicy {
  return {
    name: 'minMax',
    orderQuantity(view) {
      const p = view.product;
      const { mean, sd } = recentDemand(view.sales);
      if (mean <= 0) return 0;
      const L = Math.max(0, p.leadTimeDays);
      const min = mean * L + k * sd * Math.sqrt(L);
      const max = min + mean * view.reviewPeriodDays;
      const pos = position(view);
      return pos <= min ? roundUpToCases(max - pos, p) : 0;
    },
  };
}

/**
 * The reorder formula of simple planners: safety stock SS = z·σ·√L (z = 1.65, 95 %), order up
 * to d̄·(L+R) + SS at every review, stock counted regardless of expiry.
 */
export function naivePolicy(z = 1.65): ReplayPolicy {
  return {
    name: 'naive',
    orderQuantity(view) {
      const p = view.product;
      const { mean, sd } = recentDemand(view.sales);
      if (mean <= 0) return 0;
      const L = Math.max(0, p.leadTimeDays);
      const target = mean * (L + view.reviewPeriodDays) + z * sd * Math.sqrt(L);
      const pos = position(view);
      return pos < target ? roundUpToCases(target - pos, p) : 0;
    },
  };
}
