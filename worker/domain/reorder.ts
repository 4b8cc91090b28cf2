import type { Confidence } from './confidence';
import { fromDay, toDay } from './dates';
import { rankFefo } from './fefo';
import { cumulativeVariance, dailyVariance, type Uncertainty } from './forecast/summary';
import { gammaQuantiles } from './forecast/quantiles';
import { extendMean, projectStock, unsellableFrom, type LotOutcome, type ProjectedLot } from './projection';
import { roundOrder, type ReorderAction, type ReorderFlag } from './order-rounding';
import { explainReorder } from './reorder-explain';
import { stockoutRiskBefore } from './stockout-risk';
import { normalQuantile } from './stats';
import type { InboundShipment, IsoDate, Lot, Product } from './types';
import { wholeDayProduct } from './day-counts';
import { inboundTiming, type InboundTiming } from './inbound';
import { daysNeeded, loosestRule, productSegment, type ShelfLifeSegment } from './shelf-life';

/**
 * Reorder recommendation for one SKU (in one warehouse) under a periodic review (R, S) policy.
 * The protection interval is P = L + R (lead time + review period): reorder point = order-up-to
 * level S = expected demand over P + safety stock, safety stock = z·√(P·σd² + d̄²·σL²), and an
 * order is proposed whenever the inventory position is at or below the reorder point. The
 * position counts only stock expected to sell before it expires (under the buying customers'
 * shelf-life rules) and inbound from when it can arrive (inbound.ts). The order is capped by what a new lot can sell before its own
 * sell-by date, rounded up to whole cases and at least the MOQ — never above the cap.
 */
export type { ReorderAction, ReorderFlag } from './order-rounding';

export interface ReorderInput {
  product: Product;
  lots: readonly Lot[];
  inbound: readonly InboundShipment[];
  asOf: IsoDate;
  /** Mean daily demand from asOf on (extended with its last four weeks' mean if short). */
  demandMean: ArrayLike<number>;
  uncertainty: Uncertainty;
  serviceLevel: number;
  reviewPeriodDays?: number;
  /** Demand split by the buying customers' shelf-life rules; default: the product's rule. */
  segments?: readonly ShelfLifeSegment[];
  /** Days a late shipment is expected to take from today (see inbound.ts). */
  lateDelayDays?: number;
  /** The warehouse planned (absent: the lots and inbound given, wherever they are). */
  warehouse?: string;
  /** Shown in the explanation, e.g. "AX". */
  classLabel?: string;
  confidence?: Confidence;
}

export interface ReorderRecommendation {
  sku: string;
  /** The warehouse this recommendation is for (absent on network roll-ups of one warehouse). */
  warehouse?: string;
  action: ReorderAction;
  quantity: number;
  cases: number;
  /** Units wanted before case rounding, MOQ and the expiry cap. */
  rawQuantity: number;
  /** Units a lot ordered today can sell before its sell-by date (after older stock). */
  expiryCap: number;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  serviceLevel: number;
  z: number;
  /** Whole days (see day-counts.ts). */
  leadTimeDays: number;
  reviewPeriodDays: number;
  /** Lead time + review period: what reorder point, safety stock and order-up-to level cover. */
  protectionIntervalDays: number;
  meanDailyDemand: number;
  sdDailyDemand: number;
  usableOnHand: number;
  /** On-hand units expected to expire before they can be sold. */
  expiringUnsold: number;
  inboundUnits: number;
  /** Open units of shipments past their ETA (counted only from today + the late delay). */
  lateInboundUnits: number;
  /** Usable on hand + inbound + transfer in − transfer out (the allocation's planned transfers, allocation.ts). */
  inventoryPosition: number;
  /** Units the plan's transfers bring here, counted in the position (absent: none). */
  transferInUnits?: number;
  /** Units the plan's transfers take from here that the position counted (beyond those expected to expire unsold; absent: none). */
  transferOutUnits?: number;
  arrivalDate: IsoDate;
  nextArrivalDate: IsoDate;
  /** P(demand before the next arrival exceeds the stock that can serve it). */
  stockoutProbability: number;
  /** Projected first day of unmet demand without a new order (null: not within the horizon). */
  projectedStockoutDate: IsoDate | null;
  flags: ReorderFlag[];
  explanation: string;
  /** The same account in Korean (the web app's Korean pages). */
  explanationKo?: string;
  confidence?: Confidence;
}

export function recommendReorder(input: ReorderInput): ReorderRecommendation {
  const p = wholeDayProduct(input.product);
  const asOf = input.asOf;
  const today = toDay(asOf);
  const L = p.leadTimeDays;
  const R = Math.max(1, Math.ceil((input.reviewPeriodDays ?? 7) - 1e-9));
  const P = L + R;
  const segments = input.segments ?? productSegment(p.minRemainingShelfLifeDays);
  const loosest = loosestRule(segments);
  const flags: ReorderFlag[] = [];
  const { ranked } = rankFefo(input.lots, asOf, { sku: p.sku, minRemainingDays: loosest });
  const onHand: ProjectedLot[] = ranked.map((r) => ({
    id: r.lot.lotId,
    quantity: r.lot.quantityOnHand,
    availableFrom: 0,
    expiresOn: r.daysToExpiry,
  }));
  const timings = input.inbound
    .filter((s) => s.sku === p.sku)
    .map((s) => inboundTiming(s, today, input.lateDelayDays))
    .filter((x): x is InboundTiming => x !== null);
  if (timings.some((x) => x.late)) flags.push('late-inbound');
  const inbound: ProjectedLot[] = timings.map((x, i) => ({
    id: `inbound:${x.shipment.id ?? i}`,
    quantity: x.quantity,
    availableFrom: x.availableFrom,
    expiresOn: x.availableFrom + p.shelfLifeDays,
  }));
  const sellWindow = Math.max(0, p.shelfLifeDays - daysNeeded(loosest) + 1);
  const horizon = Math.max(90, P, L + sellWindow, ...onHand.map((l) => l.expiresOn), ...inbound.map((l) => l.expiresOn));
  const mean = extendMean(input.demandMean, Math.min(horizon, 3650));
  const base = projectStock([...onHand, ...inbound], mean, mean.length, segments);
  const own = totals(onHand.length, base.lots, 0);
  const inc = totals(inbound.length, base.lots, onHand.length);

  // Periodic review: the protection interval is lead time + review period (Silver, Pyke &
  // Thomas, "Inventory and Production Management", 4th ed., §7.3.3, (R, S) system).
  let leadDemand = 0;
  for (let t = 0; t < L; t++) leadDemand += mean[t];
  let protectionDemand = leadDemand;
  for (let t = L; t < P; t++) protectionDemand += mean[t];
  const dbar = protectionDemand / P;
  if (dbar <= 0) flags.push('no-demand');
  const sd = Math.sqrt(dailyVariance(dbar, input.uncertainty));
  const z = normalQuantile(Math.min(0.9999, Math.max(0.5, input.serviceLevel)));
  let safetyStock = z * Math.sqrt(P * sd * sd + dbar * dbar * p.leadTimeSdDays ** 2);
  if (p.safetyStock !== undefined && p.safetyStock !== null) {
    safetyStock = p.safetyStock;
    flags.push('safety-stock-override');
  }
  let reorderPoint = protectionDemand + safetyStock;
  if (p.reorderPoint !== undefined && p.reorderPoint !== null) {
    reorderPoint = p.reorderPoint;
    flags.push('reorder-point-override');
  }
  const orderUpTo = Math.max(reorderPoint, protectionDemand + safetyStock);
  const position = own.usable + inc.usable;
  const rawQuantity = position <= reorderPoint && dbar > 0 ? Math.max(0, orderUpTo - position) : 0;

  // What a fresh lot arriving after the lead time could sell before its last selling day: under
  // the mean forecast, lowered to the newsvendor quantile when the product has a margin (below).
  const probe: ProjectedLot = { id: 'probe', quantity: Number.MAX_SAFE_INTEGER, availableFrom: L, expiresOn: L + p.shelfLifeDays };
  const capDays = Math.min(mean.length, L + sellWindow);
  const capRun = projectStock([...onHand, ...inbound, probe], sellThroughPath(mean, capDays, input.uncertainty, p), capDays, segments);
  const expiryCap = Math.floor(capRun.lots[capRun.lots.length - 1].sold + 1e-9);

  const { action, quantity } = roundOrder(rawQuantity, expiryCap, p, flags);
  // The next possible arrival: an order placed today (at the earliest tomorrow: today's demand
  // ships from stock on hand) or the first inbound that can arrive.
  const orderArrival = Math.max(1, L);
  const nextEta = inbound.map((l) => l.availableFrom).filter((d) => d > 0);
  const arrival = Math.min(orderArrival, ...nextEta);
  const stockoutProbability = stockoutRiskBefore(
    arrival,
    arrival === orderArrival && !nextEta.includes(orderArrival),
    mean,
    input.uncertainty,
    dbar,
    p.leadTimeSdDays,
    [...onHand, ...inbound].map((l) => ({ ...l, unsellableFrom: unsellableFrom(l.expiresOn, segments) })),
    base.lots,
  );
  const rec: ReorderRecommendation = {
    sku: p.sku,
    ...(input.warehouse !== undefined ? { warehouse: input.warehouse } : {}),
    action,
    quantity,
    cases: quantity / Math.max(1, p.caseSize),
    rawQuantity,
    expiryCap,
    safetyStock,
    reorderPoint,
    orderUpTo,
    serviceLevel: input.serviceLevel,
    z,
    leadTimeDays: L,
    reviewPeriodDays: R,
    protectionIntervalDays: P,
    meanDailyDemand: dbar,
    sdDailyDemand: sd,
    usableOnHand: own.usable,
    expiringUnsold: own.expired,
    inboundUnits: inc.usable,
    lateInboundUnits: timings.filter((x) => x.late).reduce((a, x) => a + x.quantity, 0),
    inventoryPosition: position,
    arrivalDate: fromDay(today + L),
    nextArrivalDate: fromDay(today + arrival),
    stockoutProbability,
    projectedStockoutDate: base.stockoutDay === null ? null : fromDay(today + base.stockoutDay),
    flags,
    explanation: '',
    confidence: input.confidence,
  };
  rec.explanation = explainReorder(rec, p, input.classLabel, input.product.leadTimeDays);
  rec.explanationKo = explainReorder(rec, p, input.classLabel, input.product.leadTimeDays, 'ko');
  return rec;
}

/**
 * Newsvendor cap for perishables (Arrow, Harris & Marschak 1951; Nahmias, "Perishable
 * Inventory Systems", 2011, ch. 2): the last unit of an order is worth buying only if it sells
 * before its sell-by date with probability ≥ unit cost / unit price (a unit sold earns the
 * price, a unit that expires loses its cost). So the expiry cap is computed on the mean path
 * scaled to the (1 − cost/price) quantile of demand over the cap window (lead time + sell
 * window; gamma with the forecast's cumulative variance, summary.ts) instead of on the mean.
 * Without a margin (price ≤ cost or unknown) the mean path is used, as before.
 * Returns the demand path over `days` days (units/day).
 */
export function sellThroughPath(
  mean: Float64Array,
  days: number,
  u: Uncertainty,
  p: Pick<Product, 'unitCost' | 'unitPrice'>,
): Float64Array {
  if (!(p.unitPrice > p.unitCost && p.unitCost > 0)) return mean;
  let total = 0;
  for (let t = 0; t < days; t++) total += mean[t];
  if (!(total > 0)) return mean;
  const level = Math.min(0.95, Math.max(0.05, 1 - p.unitCost / p.unitPrice));
  const [q] = gammaQuantiles(total, cumulativeVariance(total, u), [level]);
  const f = Math.max(0, Math.min(1, q / total));
  return f === 1 ? mean : Float64Array.from(mean, (x) => x * f);
}

/** Units expected to sell (or still sellable at the end) and to expire, for lots [from, from+count). */
function totals(count: number, lots: readonly LotOutcome[], from: number): { usable: number; expired: number } {
  let usable = 0;
  let expired = 0;
  for (let i = from; i < from + count; i++) {
    usable += lots[i].sold + lots[i].remaining;
    expired += lots[i].expired;
  }
  return { usable, expired };
}
