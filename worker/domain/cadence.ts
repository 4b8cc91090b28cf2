import { fromDay, toDay } from './dates';
import { mad, median } from './stats';
import type { IsoDate, OrderLine } from './types';

/**
 * Who buys a SKU and how regularly: per customer the median days between orders, when the
 * next order is due, and whether it is overdue (later than the median plus a robust
 * tolerance of 1.4826·MAD, at least two days) — a prompt for sales to call.
 */
export interface CustomerCadence {
  customerId: string;
  orders: number;
  units: number;
  /** Share of the SKU's units bought by this customer. */
  share: number;
  lastOrderDate: IsoDate;
  medianIntervalDays: number | null;
  nextExpectedDate: IsoDate | null;
  overdueDays: number;
  overdue: boolean;
  /** No order for four typical intervals: probably lost, not late. */
  lapsed: boolean;
}

export interface CadenceOptions {
  /** Orders needed before an interval is trusted (default 3, i.e. two intervals). */
  minOrders?: number;
}

export function buyingCadence(orders: readonly OrderLine[], asOf: IsoDate, opts: CadenceOptions = {}): Map<string, CustomerCadence[]> {
  const today = toDay(asOf);
  const minOrders = Math.max(2, opts.minOrders ?? 3);
  // sku → customer → distinct order days and units (several lines on one day are one order).
  const bySku = new Map<string, Map<string, { days: Set<number>; units: number }>>();
  for (const o of orders) {
    const day = toDay(o.orderDate);
    if (day > today || !(o.quantity > 0)) continue;
    const customers = bySku.get(o.sku) ?? new Map<string, { days: Set<number>; units: number }>();
    bySku.set(o.sku, customers);
    const c = customers.get(o.customerId) ?? { days: new Set<number>(), units: 0 };
    customers.set(o.customerId, c);
    c.days.add(day);
    c.units += o.quantity;
  }
  const out = new Map<string, CustomerCadence[]>();
  for (const [sku, customers] of bySku) {
    const total = [...customers.values()].reduce((s, c) => s + c.units, 0);
    const rows = [...customers.entries()].map(([customerId, c]) =>
      cadenceOf(
        customerId,
        [...c.days].sort((a, b) => a - b),
        c.units,
        total,
        today,
        minOrders,
      ),
    );
    rows.sort((a, b) => b.units - a.units || (a.customerId < b.customerId ? -1 : 1));
    out.set(sku, rows);
  }
  return out;
}

function cadenceOf(customerId: string, days: number[], units: number, total: number, today: number, minOrders: number): CustomerCadence {
  const last = days[days.length - 1];
  const base = { customerId, orders: days.length, units, share: total > 0 ? units / total : 0, lastOrderDate: fromDay(last) };
  if (days.length < minOrders)
    return { ...base, medianIntervalDays: null, nextExpectedDate: null, overdueDays: 0, overdue: false, lapsed: false };
  const gaps = days.slice(1).map((d, i) => d - days[i]);
  const typical = median(gaps);
  const tolerance = Math.max(2, Math.ceil(1.4826 * mad(gaps)));
  const next = last + Math.round(typical);
  const late = today - next;
  return {
    ...base,
    medianIntervalDays: typical,
    nextExpectedDate: fromDay(next),
    overdueDays: Math.max(0, late),
    overdue: late > tolerance,
    lapsed: today - last > 4 * typical,
  };
}

/** A customer overdue on at least one SKU, with every overdue SKU (most overdue first). */
export interface OverdueCustomer {
  customerId: string;
  /** The largest overdue days among its SKUs. */
  maxOverdueDays: number;
  skus: {
    sku: string;
    lastOrderDate: IsoDate;
    nextExpectedDate: IsoDate;
    overdueDays: number;
    medianIntervalDays: number;
    units: number;
  }[];
}

/**
 * The tenant-wide call list: customers overdue on their cadence for any SKU (not lapsed — those
 * are probably lost, not late), most overdue first, then by customer id.
 */
export function overdueCustomers(cadence: ReadonlyMap<string, readonly CustomerCadence[]>): OverdueCustomer[] {
  const by = new Map<string, OverdueCustomer>();
  for (const [sku, rows] of cadence) {
    for (const r of rows) {
      if (!r.overdue || r.lapsed || r.nextExpectedDate === null || r.medianIntervalDays === null) continue;
      const c = by.get(r.customerId) ?? { customerId: r.customerId, maxOverdueDays: 0, skus: [] };
      by.set(r.customerId, c);
      c.skus.push({
        sku,
        lastOrderDate: r.lastOrderDate,
        nextExpectedDate: r.nextExpectedDate,
        overdueDays: r.overdueDays,
        medianIntervalDays: r.medianIntervalDays,
        units: r.units,
      });
      c.maxOverdueDays = Math.max(c.maxOverdueDays, r.overdueDays);
    }
  }
  const out = [...by.values()];
  for (const c of out) c.skus.sort((a, b) => b.overdueDays - a.overdueDays || (a.sku < b.sku ? -1 : 1));
  return out.sort((a, b) => b.maxOverdueDays - a.maxOverdueDays || (a.customerId < b.customerId ? -1 : 1));
}
