import type { EpochDay } from '../dates';
import { normalQuantile } from '../stats';
import { createRng, seedFrom } from '../random';
import type { Product } from '../types';
import type { PolicyMetrics, PolicyView, ReplayInput, ReplayLine, ReplayPolicy } from './types';

/**
 * The replay's bookkeeping. Each SKU–warehouse ("cell") is independent (no transfers), so a
 * cell is simulated from the start day to the end for one policy at a time:
 *
 * 1. purchase orders whose drawn lead time has passed arrive as new lots, expiry = arrival +
 *    shelf life;
 * 2. lots on or past their expiry day are written off (expired units and value);
 * 3. on review days the policy sees the history up to yesterday and the stock now, and may
 *    order; the lead time of the cell's k-th order is the k-th draw of a normal
 *    (mean, sd from the product, rounded, at least one day) seeded by the cell, so every
 *    policy meets the same lead times (common random numbers);
 * 4. the day's real order lines are served FEFO (earliest expiry, then earliest receipt) from
 *    lots with at least the customer's minimum remaining shelf life; what cannot be served is
 *    lost.
 *
 * Before the start day a cell holds one fresh lot of d̄·min(L+R, sell window) units (d̄: the
 * last 90 days' mean demand) — the same for every policy.
 *
 * A supplier's MOQ binds the purchase order, which one shipment splits over the warehouses:
 * each warehouse's minimum is the MOQ × its share of the SKU's demand in the year before the
 * start (at least one case), for every policy alike.
 */
export interface Cell {
  product: Product;
  warehouse: string;
  historyStart: EpochDay;
  /** Real demand per day from historyStart to the end day (units). */
  demand: Float64Array;
  /** Order lines from the start day on, sorted by day. */
  lines: ReplayLine[];
}

/** Raw counters of one cell; sums of these make the policy's metrics. */
export interface CellTotals {
  demandUnits: number;
  shippedUnits: number;
  lines: number;
  fullLines: number;
  stockoutDays: number;
  expiredUnits: number;
  expiredValue: number;
  /** Σ over days of end-of-day inventory value. */
  inventoryValueDays: number;
  orders: number;
  initialUnits: number;
  receivedUnits: number;
  endOnHandUnits: number;
  onOrderUnits: number;
  /** Unserved units while an order was past its expected arrival (a lead-time miss). */
  lostLateUnits: number;
  /** Unserved units while stock was on hand but too short-dated for the customer. */
  lostShortDatedUnits: number;
  /** Every other unserved unit: nothing on hand and nothing overdue (the order came too late or too small). */
  lostShortOrderedUnits: number;
}

interface LotState {
  quantity: number;
  expiryDay: EpochDay;
  receivedDay: EpochDay;
}

interface OpenOrder {
  quantity: number;
  arrivalDay: EpochDay;
  expectedDay: EpochDay;
}

const INITIAL_DEMAND_DAYS = 90;

/** Groups demand into cells: one per SKU and warehouse that has any order line. */
export function buildCells(input: ReplayInput): Cell[] {
  const bySku = new Map(input.products.map((p) => [p.sku, p]));
  let historyStart = Infinity;
  for (const l of input.lines) if (l.day < historyStart) historyStart = l.day;
  if (!Number.isFinite(historyStart)) return [];
  const length = input.endDay - historyStart + 1;
  const cells = new Map<string, Cell>();
  for (const l of input.lines) {
    if (l.day > input.endDay || !(l.quantity > 0)) continue;
    const product = bySku.get(l.sku);
    if (!product) continue;
    const key = `${l.sku}\u0000${l.warehouse}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { product, warehouse: l.warehouse, historyStart, demand: new Float64Array(length), lines: [] }));
    c.demand[l.day - historyStart] += l.quantity;
    if (l.day >= input.startDay) c.lines.push(l);
  }
  const out = [...cells.values()];
  for (const c of out) c.lines.sort((a, b) => a.day - b.day);
  shareMoq(out, input.startDay);
  return out.sort((a, b) => (a.product.sku < b.product.sku ? -1 : a.product.sku > b.product.sku ? 1 : a.warehouse < b.warehouse ? -1 : 1));
}

function shareMoq(cells: Cell[], startDay: EpochDay): void {
  const yearOf = (c: Cell) => {
    let s = 0;
    for (let d = Math.max(c.historyStart, startDay - 365); d < startDay; d++) s += c.demand[d - c.historyStart];
    return s;
  };
  const units = cells.map(yearOf);
  const bySku = new Map<string, number>();
  cells.forEach((c, i) => bySku.set(c.product.sku, (bySku.get(c.product.sku) ?? 0) + units[i]));
  cells.forEach((c, i) => {
    const total = bySku.get(c.product.sku) ?? 0;
    const share = total > 0 ? units[i] / total : 1;
    if (share < 1) c.product = { ...c.product, moq: Math.max(0, c.product.moq) * share };
  });
}

export function emptyTotals(): CellTotals {
  return {
    demandUnits: 0,
    shippedUnits: 0,
    lines: 0,
    fullLines: 0,
    stockoutDays: 0,
    expiredUnits: 0,
    expiredValue: 0,
    inventoryValueDays: 0,
    orders: 0,
    initialUnits: 0,
    receivedUnits: 0,
    endOnHandUnits: 0,
    onOrderUnits: 0,
    lostLateUnits: 0,
    lostShortDatedUnits: 0,
    lostShortOrderedUnits: 0,
  };
}

/** Sell window of a fresh lot: days from receipt until it is too short-dated to ship. */
export function sellWindow(p: Product): number {
  return Math.max(1, p.shelfLifeDays - Math.max(0, p.minRemainingShelfLifeDays));
}

export function simulateCell(cell: Cell, policy: ReplayPolicy, input: ReplayInput): CellTotals {
  const p = cell.product;
  const R = Math.max(1, input.reviewPeriodDays ?? 7);
  const start = input.startDay;
  const hs = cell.historyStart;
  const t: CellTotals = emptyTotals();
  const sales = new Float64Array(cell.demand.length);
  sales.set(cell.demand.subarray(0, Math.max(0, start - hs)));
  const stockedOut = new Uint8Array(cell.demand.length);
  const rng = createRng(seedFrom(`${p.sku}\u0000${cell.warehouse}`, input.seed ?? 1));
  const lots: LotState[] = [];
  const pipeline: OpenOrder[] = [];

  let recent = 0;
  for (let d = Math.max(hs, start - INITIAL_DEMAND_DAYS); d < start; d++) recent += cell.demand[d - hs];
  const dbar = recent / INITIAL_DEMAND_DAYS;
  const initial = Math.round(dbar * Math.min(Math.max(0, p.leadTimeDays) + R, sellWindow(p)));
  if (initial > 0) lots.push({ quantity: initial, expiryDay: start + p.shelfLifeDays, receivedDay: start });
  t.initialUnits = initial;

  const view: PolicyView = {
    product: p,
    warehouse: cell.warehouse,
    today: start,
    historyStart: hs,
    sales: sales.subarray(0, start - hs),
    ordered: cell.demand.subarray(0, start - hs),
    stockedOut: stockedOut.subarray(0, start - hs),
    lots,
    onOrder: [],
    reviewPeriodDays: R,
  };
  policy.prepare?.(view);

  let next = 0;
  const minShip = Math.max(0, p.minRemainingShelfLifeDays);
  for (let day = start; day <= input.endDay; day++) {
    receive(day, pipeline, lots, p, t);
    writeOff(day, lots, p, t);
    let sellable = 0;
    for (const l of lots) if (l.expiryDay - day >= minShip) sellable += l.quantity;
    if (sellable <= 0) stockedOut[day - hs] = 1;

    if ((day - start) % R === 0) {
      view.today = day;
      view.sales = sales.subarray(0, day - hs);
      view.ordered = cell.demand.subarray(0, day - hs);
      view.stockedOut = stockedOut.subarray(0, day - hs);
      view.onOrder = pipeline.map((o) => ({ quantity: o.quantity, expectedDay: o.expectedDay }));
      const q = Math.floor(policy.orderQuantity(view));
      if (q > 0) {
        const L = Math.max(1, Math.round(p.leadTimeDays + Math.max(0, p.leadTimeSdDays) * normalQuantile(rng.next())));
        pipeline.push({ quantity: q, arrivalDay: day + L, expectedDay: day + Math.max(0, Math.round(p.leadTimeDays)) });
        t.orders++;
      }
    }

    let shipped = 0;
    let unserved = 0;
    while (next < cell.lines.length && cell.lines[next].day === day) {
      const line = cell.lines[next++];
      const got = ship(lots, day, line.quantity, line.minRemainingDays);
      shipped += got;
      unserved += line.quantity - got;
      t.lines++;
      if (got >= line.quantity) t.fullLines++;
      t.demandUnits += line.quantity;
    }
    if (unserved > 0) {
      let left = 0;
      for (const l of lots) left += l.quantity;
      if (pipeline.some((o) => o.expectedDay <= day)) t.lostLateUnits += unserved;
      else if (left > 0) t.lostShortDatedUnits += unserved;
      else t.lostShortOrderedUnits += unserved;
    }
    sales[day - hs] = shipped;
    t.shippedUnits += shipped;
    if (unserved > 0) t.stockoutDays++;
    let onHand = 0;
    for (const l of lots) onHand += l.quantity;
    t.inventoryValueDays += onHand * p.unitCost;
  }
  for (const l of lots) t.endOnHandUnits += l.quantity;
  for (const o of pipeline) t.onOrderUnits += o.quantity;
  return t;
}

function receive(day: EpochDay, pipeline: OpenOrder[], lots: LotState[], p: Product, t: CellTotals): void {
  for (let i = pipeline.length - 1; i >= 0; i--) {
    const o = pipeline[i];
    if (o.arrivalDay > day) continue;
    pipeline.splice(i, 1);
    lots.push({ quantity: o.quantity, expiryDay: day + p.shelfLifeDays, receivedDay: day });
    t.receivedUnits += o.quantity;
  }
  lots.sort((a, b) => a.expiryDay - b.expiryDay || a.receivedDay - b.receivedDay);
}

function writeOff(day: EpochDay, lots: LotState[], p: Product, t: CellTotals): void {
  for (let i = lots.length - 1; i >= 0; i--) {
    const l = lots[i];
    if (l.quantity <= 0) lots.splice(i, 1);
    else if (l.expiryDay <= day) {
      t.expiredUnits += l.quantity;
      t.expiredValue += l.quantity * p.unitCost;
      lots.splice(i, 1);
    }
  }
}

/** FEFO over lots with enough shelf life left for this customer; returns the units shipped. */
function ship(lots: LotState[], day: EpochDay, quantity: number, minRemaining: number): number {
  let left = quantity;
  for (const l of lots) {
    if (left <= 0) break;
    if (l.quantity <= 0 || l.expiryDay - day < minRemaining) continue;
    const take = Math.min(left, l.quantity);
    l.quantity -= take;
    left -= take;
  }
  return quantity - left;
}

/** Adds cell counters into a running total. */
export function addTotals(into: CellTotals, x: CellTotals): void {
  for (const k of Object.keys(into) as (keyof CellTotals)[]) into[k] += x[k];
}

/** Policy metrics from summed counters over `days` simulated days. */
export function metricsOf(t: CellTotals, days: number): PolicyMetrics {
  const pct = (a: number, b: number) => (b > 0 ? (100 * a) / b : 100);
  return {
    fillRate: pct(t.shippedUnits, t.demandUnits),
    lineFillRate: pct(t.fullLines, t.lines),
    stockoutDays: t.stockoutDays,
    expiredUnits: t.expiredUnits,
    expiredValue: t.expiredValue,
    averageInventoryValue: days > 0 ? t.inventoryValueDays / days : 0,
    orders: t.orders,
    demandUnits: t.demandUnits,
    shippedUnits: t.shippedUnits,
    lines: t.lines,
    initialUnits: t.initialUnits,
    receivedUnits: t.receivedUnits,
    endOnHandUnits: t.endOnHandUnits,
    onOrderUnits: t.onOrderUnits,
    lostUnits: { late: t.lostLateUnits, shortDated: t.lostShortDatedUnits, shortOrdered: t.lostShortOrderedUnits },
  };
}
