import type { Product } from './types';

/**
 * Day counts as the engine plans with them. Lead times, shelf lives and minimum remaining
 * shelf lives may arrive as decimals (2.5 days); the engine plans in whole days, rounding each
 * towards the cautious side so no figure is ever optimistic:
 * - lead time: rounded **up** (an order with lead time 2.5 days is usable from day 3);
 * - shelf life: rounded **down** (10.5 days of life sell for 10 whole days);
 * - minimum remaining shelf life: rounded **up** (a customer needing 4.2 days needs 5);
 * - lead-time deviation stays fractional (it only enters a variance).
 * A count that is not a finite non-negative number is refused with a RangeError naming the
 * field, so no NaN ever reaches a plan figure or a date.
 */
export function wholeDayProduct(p: Product): Product {
  const lead = checked(p.sku, 'leadTimeDays', p.leadTimeDays);
  const sd = checked(p.sku, 'leadTimeSdDays', p.leadTimeSdDays ?? 0);
  const life = checked(p.sku, 'shelfLifeDays', p.shelfLifeDays);
  const minLeft = checked(p.sku, 'minRemainingShelfLifeDays', p.minRemainingShelfLifeDays ?? 0);
  return {
    ...p,
    leadTimeDays: Math.ceil(lead - 1e-9),
    leadTimeSdDays: sd,
    shelfLifeDays: Math.floor(life + 1e-9),
    minRemainingShelfLifeDays: Math.ceil(minLeft - 1e-9),
  };
}

/** Whole days for a customer's minimum remaining shelf life (rounded up, as above). */
export function wholeDaysUp(days: number): number {
  return Math.ceil(Math.max(0, days) - 1e-9);
}

function checked(sku: string, field: string, v: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new RangeError(`${sku}: ${field} must be a finite number of days ≥ 0, got ${String(v)}`);
  }
  return v;
}
