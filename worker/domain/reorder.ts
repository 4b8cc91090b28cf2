import type { Confidence } from './confidence';
import { fromDay, toDay } from './dates';
import { rankFefo } from './fefo';
import { dailyVariance, type Uncertainty } from './forecast/summary';
import { extendMean, projectStock, type LotOutcome, type ProjectedLot } from './projection';
import { roundOrder, type ReorderAction, type ReorderFlag } from './order-rounding';
import { explainReorder } from './reorder-explain';
import { stockoutRiskBefore } from './stockout-risk';
import { normalQuantile } from './stats';
import { isOpenInbound, type InboundShipment, type IsoDate, type Lot, type Product } from './types';

/**
 * Reorder recommendation for one SKU under a periodic review (R, S) policy:
 * order up to expected demand over lead time + review period plus safety stock, where
 * safety stock = z·√(L·σd² + d̄²·σL²) and the inventory position counts only stock expected to
 * sell before it expires. The order is capped by what a new lot can sell before its own
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
  /** Shown in the explanation, e.g. "AX". */
  classLabel?: string;
  confidence?: Confidence;
}

export interface ReorderRecommendation {
  sku: string;
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
  meanDailyDemand: number;
  sdDailyDemand: number;
  usableOnHand: number;
  /** On-hand units expected to expire before they can be sold. */
  expiringUnsold: number;
  inboundUnits: number;
  inventoryPosition: number;
  arrivalDate: IsoDate;
  nextArrivalDate: IsoDate;
  /** P(demand before the next arrival exceeds the stock that can serve it). */
  stockoutProbability: number;
  /** Projected first day of unmet demand without a new order (null: not within the horizon). */
  projectedStockoutDate: IsoDate | null;
  flags: ReorderFlag[];
  explanation: string;
  confidence?: Confidence;
}

export function recommendReorder(input: ReorderInput): ReorderRecommendation {
  const { product: p, asOf } = input;
  const today = toDay(asOf);
  const L = Math.max(0, p.leadTimeDays);
  const R = Math.max(1, input.reviewPeriodDays ?? 7);
  const minLeft = Math.max(1, p.minRemainingShelfLifeDays);
  const sellWindow = Math.max(0, p.shelfLifeDays - minLeft + 1);
  const flags: ReorderFlag[] = [];
  const { ranked } = rankFefo(input.lots, asOf, { sku: p.sku, minRemainingDays: p.minRemainingShelfLifeDays });
  const onHand: ProjectedLot[] = ranked.map((r) => ({
    id: r.lot.lotId,
    quantity: r.lot.quantityOnHand,
    availableFrom: 0,
    unsellableFrom: r.daysToExpiry - minLeft + 1,
  }));
  const open = input.inbound.filter((s) => s.sku === p.sku && isOpenInbound(s) && s.quantity > 0);
  if (open.some((s) => toDay(s.etaDate) < today)) flags.push('late-inbound');
  const inbound: ProjectedLot[] = open.map((s, i) => {
    const eta = Math.max(0, toDay(s.etaDate) - today);
    return { id: `inbound:${s.id ?? i}`, quantity: s.quantity, availableFrom: eta, unsellableFrom: eta + sellWindow };
  });
  const horizon = Math.max(90, L + R, L + sellWindow, ...onHand.map((l) => l.unsellableFrom), ...inbound.map((l) => l.unsellableFrom));
  const mean = extendMean(input.demandMean, Math.min(horizon, 3650));
  const base = projectStock([...onHand, ...inbound], mean);
  const own = totals(onHand.length, base.lots, 0);
  const inc = totals(inbound.length, base.lots, onHand.length);

  let leadDemand = 0;
  for (let t = 0; t < L; t++) leadDemand += mean[t];
  let cycleDemand = leadDemand;
  for (let t = L; t < L + R; t++) cycleDemand += mean[t];
  const dbar = L + R > 0 ? cycleDemand / (L + R) : 0;
  if (dbar <= 0) flags.push('no-demand');
  const sd = Math.sqrt(dailyVariance(dbar, input.uncertainty));
  const z = normalQuantile(Math.min(0.9999, Math.max(0.5, input.serviceLevel)));
  let safetyStock = z * Math.sqrt(L * sd * sd + dbar * dbar * p.leadTimeSdDays ** 2);
  if (p.safetyStock !== undefined && p.safetyStock !== null) {
    safetyStock = p.safetyStock;
    flags.push('safety-stock-override');
  }
  let reorderPoint = leadDemand + safetyStock;
  if (p.reorderPoint !== undefined && p.reorderPoint !== null) {
    reorderPoint = p.reorderPoint;
    flags.push('reorder-point-override');
  }
  const orderUpTo = Math.max(reorderPoint, cycleDemand + safetyStock);
  const position = own.usable + inc.usable;
  const rawQuantity = position <= reorderPoint && dbar > 0 ? Math.max(0, orderUpTo - position) : 0;

  // What a fresh lot arriving after the lead time could sell before its sell-by date.
  const probe: ProjectedLot = { id: 'probe', quantity: Number.MAX_SAFE_INTEGER, availableFrom: L, unsellableFrom: L + sellWindow };
  const capRun = projectStock([...onHand, ...inbound, probe], mean, L + sellWindow);
  const expiryCap = Math.floor(capRun.lots[capRun.lots.length - 1].sold + 1e-9);

  const { action, quantity } = roundOrder(rawQuantity, expiryCap, p, flags);
  const nextEta = inbound.map((l) => l.availableFrom).filter((d) => d > 0);
  const arrival = Math.min(L, ...nextEta);
  const stockoutProbability = stockoutRiskBefore(
    arrival,
    arrival === L && !nextEta.includes(L),
    mean,
    input.uncertainty,
    dbar,
    p.leadTimeSdDays,
    [...onHand, ...inbound],
    base.lots,
  );
  const rec: ReorderRecommendation = {
    sku: p.sku,
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
    meanDailyDemand: dbar,
    sdDailyDemand: sd,
    usableOnHand: own.usable,
    expiringUnsold: own.expired,
    inboundUnits: inc.usable,
    inventoryPosition: position,
    arrivalDate: fromDay(today + L),
    nextArrivalDate: fromDay(today + arrival),
    stockoutProbability,
    projectedStockoutDate: base.stockoutDay === null ? null : fromDay(today + base.stockoutDay),
    flags,
    explanation: '',
    confidence: input.confidence,
  };
  rec.explanation = explainReorder(rec, p, input.classLabel);
  return rec;
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
