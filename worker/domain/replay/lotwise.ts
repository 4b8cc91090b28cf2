import { classifyAbcXyz, DEFAULT_CLASSIFICATION, weeklyCv } from '../abc-xyz';
import { fromDay } from '../dates';
import { makeCalendar } from '../forecast/calendar';
import { uncertaintyOf } from '../forecast/forecast';
import type { Uncertainty } from '../forecast/summary';
import { selectModel, type Selection } from '../forecast/select';
import type { HolidayWindow } from '../forecast/holiday-effect';
import type { PromotionWindow } from '../forecast/promotion-effect';
import { recommendReorder } from '../reorder';
import type { InboundShipment, Lot, Product } from '../types';
import type { Cell } from './simulate';
import type { PolicyView, ReplayPolicy } from './types';

/**
 * Lotwise as a planner who approves every recommendation would run it: at each review the
 * engine forecasts the SKU–warehouse's demand from what was known then (stock-out days are
 * censored, not zero), and the engine's own `recommendReorder` — called as it is — decides the
 * order. This file is the only adapter between the replay and the planning engine.
 *
 * Model choice (rolling-origin backtest) is redone every `reselectDays`; in between, the chosen
 * model is refitted on the latest history at every review. Service levels come from the
 * ABC/XYZ class of the SKU–warehouse on the history before the replay starts.
 */
export interface LotwiseOptions {
  reselectDays?: number;
  /** One service level for every SKU instead of the ABC/XYZ defaults (a tenant setting). */
  serviceLevel?: number;
  /** The tenant's holidays: the forecasts keep holiday factors where they backtest better (select.ts). */
  holidays?: readonly HolidayWindow[];
  /** Each SKU's promotions (known in advance, as imported): the forecasts keep them where they backtest better. */
  promotions?: ReadonlyMap<string, readonly PromotionWindow[]>;
}

const DEFAULT_RESELECT_DAYS = 28;
/** Three years are enough for the annual pattern and keep long replays fast. */
const MAX_HISTORY_DAYS = 3 * 365;

export function lotwisePolicy(cells: readonly Cell[], startDay: number, opts: LotwiseOptions = {}): ReplayPolicy {
  const reselect = opts.reselectDays ?? DEFAULT_RESELECT_DAYS;
  const serviceLevel = serviceLevels(cells, startDay);
  const chosen = new Map<string, { selection: Selection; day: number }>();
  return {
    name: 'lotwise',
    orderQuantity(view: PolicyView): number {
      const p = view.product;
      const key = cellKey(p.sku, view.warehouse);
      // The product forecasts from order lines as received (planning.repo.ts: loadDailyDemand),
      // shipped or not, so a stock-out does not hide demand from it, and a SKU's history starts
      // at its first order line (planning.map.ts: dailyDemandFrom): days before a listing are
      // not zero demand.
      const skip = Math.max(view.ordered.length - MAX_HISTORY_DAYS, firstOrderIndex(view.ordered));
      const y = view.ordered.subarray(skip);
      const R = view.reviewPeriodDays;
      const L = Math.max(0, p.leadTimeDays);
      const horizon = forecastHorizon(p, R);
      const cal = makeCalendar('day', view.historyStart + skip, y.length + horizon);
      let c = chosen.get(key);
      if (!c || view.today - c.day >= reselect) {
        c = {
          selection: selectModel(y, cal, { protectionDays: L + R, holidays: opts.holidays, promotions: opts.promotions?.get(p.sku) }),
          day: view.today,
        };
        chosen.set(key, c);
      }
      const mean = y.length > 0 ? c.selection.model.fit(y, cal).forecast(horizon) : new Float64Array(horizon);
      return engineOrder(
        view,
        mean,
        uncertaintyOf(c.selection, y),
        opts.serviceLevel ?? serviceLevel.get(key) ?? DEFAULT_CLASSIFICATION.serviceLevels.BY,
      );
    },
  };
}

/**
 * The engine's own order for one review: the view's lots and open orders as the product's
 * records, `recommendReorder` called as the refresh calls it. Returns units to order (0 for none
 * or do-not-order). Shared by Lotwise and the known-demand bound (oracle.ts).
 *
 * @param mean forecast units/day from today on
 */
export function engineOrder(view: PolicyView, mean: Float64Array, uncertainty: Uncertainty, serviceLevel: number): number {
  const p = view.product;
  const asOf = fromDay(view.today);
  const lots: Lot[] = view.lots.map((l, i) => ({
    lotId: `L${i}`,
    sku: p.sku,
    warehouse: view.warehouse,
    quantityOnHand: l.quantity,
    receivedDate: fromDay(l.receivedDay),
    expirationDate: fromDay(l.expiryDay),
    unitCost: p.unitCost,
    status: 'available',
  }));
  const inbound: InboundShipment[] = view.onOrder.map((o, i) => ({
    id: `PO${i}`,
    sku: p.sku,
    warehouse: view.warehouse,
    quantity: o.quantity,
    etaDate: fromDay(o.expectedDay),
    status: 'ordered',
  }));
  const rec = recommendReorder({
    product: p,
    lots,
    inbound,
    asOf,
    demandMean: mean,
    uncertainty,
    serviceLevel,
    reviewPeriodDays: view.reviewPeriodDays,
  });
  return rec.action === 'order' ? rec.quantity : 0;
}

/** Days a review forecasts: lead time + review period + shelf life and a week, 90 to 730. */
export function forecastHorizon(p: Pick<Product, 'leadTimeDays' | 'shelfLifeDays'>, reviewPeriodDays: number): number {
  return Math.min(730, Math.max(90, Math.ceil(Math.max(0, p.leadTimeDays) + reviewPeriodDays + p.shelfLifeDays + 7)));
}

/** Index of the first day with an order line (the length when there is none). */
function firstOrderIndex(ordered: ArrayLike<number>): number {
  for (let i = 0; i < ordered.length; i++) if (ordered[i] > 0) return i;
  return ordered.length;
}

export function cellKey(sku: string, warehouse: string): string {
  return `${sku}\u0000${warehouse}`;
}

/** ABC by yearly value and XYZ by weekly CV, on the year before the replay starts. */
export function serviceLevels(cells: readonly Cell[], startDay: number): Map<string, number> {
  const items = cells.map((c) => {
    const end = startDay - c.historyStart;
    const year = c.demand.subarray(Math.max(0, end - 365), Math.max(0, end));
    let units = 0;
    for (const v of year) units += v;
    return { sku: cellKey(c.product.sku, c.warehouse), annualValue: units * c.product.unitCost, cv: weeklyCv(year) };
  });
  const classes = classifyAbcXyz(items);
  const out = new Map<string, number>();
  for (const [k, v] of classes) out.set(k, DEFAULT_CLASSIFICATION.serviceLevels[v.class]);
  return out;
}
