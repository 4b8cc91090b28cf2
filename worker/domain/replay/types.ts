import type { EpochDay } from '../dates';
import type { Product } from '../types';

/**
 * Inputs and results of a replay: a day-by-day simulation of a tenant's history in which a
 * reorder policy places purchase orders and the real order lines are served from the stock
 * those orders built. Days are epoch days; quantities are units; values are in the tenant's
 * currency at unit cost.
 */

/** One order line of real demand, already assigned to the warehouse that ships it. */
export interface ReplayLine {
  day: EpochDay;
  sku: string;
  warehouse: string;
  quantity: number;
  /** Days of shelf life the customer requires left at delivery (customer rule, else the product's). */
  minRemainingDays: number;
}

export interface ReplayInput {
  products: readonly Product[];
  lines: readonly ReplayLine[];
  /** First day simulated; everything before it is history the policies may read. */
  startDay: EpochDay;
  /** Last day simulated (inclusive). */
  endDay: EpochDay;
  /** Days between reviews (default 7); every policy reviews on the same days. */
  reviewPeriodDays?: number;
  /** Seed of the lead-time draws (same draws for every policy: common random numbers). */
  seed?: number;
}

/** What a policy may see of one SKU in one warehouse on a review day. */
export interface PolicyView {
  product: Product;
  warehouse: string;
  today: EpochDay;
  /** First day of `sales`. */
  historyStart: EpochDay;
  /** Units shipped per day before today (lost demand is not recorded). */
  sales: Float64Array;
  /**
   * Units ordered per day before today: the order lines as received, whether or not they could
   * be shipped (same length as sales). What the product forecasts from (order_lines.quantity).
   */
  ordered: Float64Array;
  /** 1 when the SKU had no sellable stock at the start of that day (same length as sales). */
  stockedOut: Uint8Array;
  /** Lots on hand at the start of today, not yet expired. */
  lots: ReadonlyArray<{ quantity: number; expiryDay: EpochDay; receivedDay: EpochDay }>;
  /** Open purchase orders: quantity and expected arrival (order day + mean lead time). */
  onOrder: ReadonlyArray<{ quantity: number; expectedDay: EpochDay }>;
  reviewPeriodDays: number;
}

/** A reorder policy: how many units to order today (0 for none). Must be deterministic. */
export interface ReplayPolicy {
  readonly name: string;
  /** Called once per SKU–warehouse before the first review (e.g. to fix a service class). */
  prepare?(view: PolicyView): void;
  orderQuantity(view: PolicyView): number;
}

export interface PolicyMetrics {
  /** 100 · units shipped / units demanded. */
  fillRate: number;
  /** 100 · order lines shipped in full / order lines. */
  lineFillRate: number;
  /** SKU–warehouse days on which some demand went unserved. */
  stockoutDays: number;
  expiredUnits: number;
  expiredValue: number;
  /** Mean over simulated days of Σ on-hand units × unit cost (end of day). */
  averageInventoryValue: number;
  /** Purchase orders placed. */
  orders: number;
  demandUnits: number;
  shippedUnits: number;
  lines: number;
  /** Bookkeeping: initial + received = shipped + expired + on hand at the end. */
  initialUnits: number;
  receivedUnits: number;
  endOnHandUnits: number;
  /** Ordered but not arrived by the end. */
  onOrderUnits: number;
  /**
   * Unserved units by what the day looked like: `late` — an order was past its expected arrival
   * (lead-time miss); `shortDated` — stock on hand, but too close to expiry for the customer;
   * `shortOrdered` — nothing on hand and nothing overdue (ordered too late or too little).
   */
  lostUnits: { late: number; shortDated: number; shortOrdered: number };
}
