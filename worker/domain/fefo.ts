import { toDay } from './dates';
import type { IsoDate, Lot } from './types';

/**
 * First-expired-first-out: which lots ship first, and why. A lot is sellable when it is
 * available, has stock, has not reached its expiration date (a lot is expired on that date)
 * and keeps at least the customer's minimum remaining shelf life.
 */
export interface FefoOptions {
  /** Only lots of this SKU (required when `lots` mixes SKUs in allocateFefo). */
  sku?: string;
  /** Only lots in this warehouse. */
  warehouse?: string;
  /** Days of shelf life the customer needs left; default 0. */
  minRemainingDays?: number;
}

export interface RankedLot {
  /** 1 = ships first from its warehouse. */
  rank: number;
  lot: Lot;
  daysToExpiry: number;
  reason: string;
}

export type SkipCode = 'expired' | 'quarantine' | 'not-available' | 'short-life' | 'empty';

export interface SkippedLot {
  lot: Lot;
  code: SkipCode;
  reason: string;
}

export interface FefoRanking {
  asOf: IsoDate;
  ranked: RankedLot[];
  skipped: SkippedLot[];
}

export function rankFefo(lots: readonly Lot[], asOf: IsoDate, opts: FefoOptions = {}): FefoRanking {
  const today = toDay(asOf);
  const minLife = Math.max(0, opts.minRemainingDays ?? 0);
  const sellable: { lot: Lot; exp: number; rec: number }[] = [];
  const skipped: SkippedLot[] = [];
  for (const lot of lots) {
    if (opts.sku !== undefined && lot.sku !== opts.sku) continue;
    if (opts.warehouse !== undefined && lot.warehouse !== opts.warehouse) continue;
    const exp = toDay(lot.expirationDate);
    const left = exp - today;
    const skip = skipReason(lot, left, minLife);
    if (skip) skipped.push({ lot, ...skip });
    else sellable.push({ lot, exp, rec: toDay(lot.receivedDate) });
  }
  sellable.sort((a, b) => a.exp - b.exp || a.rec - b.rec || (a.lot.lotId < b.lot.lotId ? -1 : a.lot.lotId > b.lot.lotId ? 1 : 0));
  // Stock ships from the warehouse that holds it: rank and reason compare a lot with the lots of
  // its own warehouse (the list stays in FEFO order across warehouses).
  const byWarehouse = new Map<string, typeof sellable>();
  for (const s of sellable) {
    const w = byWarehouse.get(s.lot.warehouse);
    if (w) w.push(s);
    else byWarehouse.set(s.lot.warehouse, [s]);
  }
  const at = new Map<string, number>();
  const ranked = sellable.map((s): RankedLot => {
    const same = byWarehouse.get(s.lot.warehouse)!;
    const i = at.get(s.lot.warehouse) ?? 0;
    at.set(s.lot.warehouse, i + 1);
    return { rank: i + 1, lot: s.lot, daysToExpiry: s.exp - today, reason: rankReason(s, same[i + 1], same.length) };
  });
  return { asOf, ranked, skipped };
}

function skipReason(lot: Lot, left: number, minLife: number): { code: SkipCode; reason: string } | undefined {
  if (lot.status === 'quarantine') return { code: 'quarantine', reason: 'quarantined: not sellable until released' };
  if (lot.status !== 'available') return { code: 'not-available', reason: `status is ${lot.status}: not sellable` };
  if (left <= 0) {
    return {
      code: 'expired',
      reason: left === 0 ? `expires today (${lot.expirationDate})` : `expired on ${lot.expirationDate}, ${-left} day${plural(-left)} ago`,
    };
  }
  if (left < minLife) {
    return { code: 'short-life', reason: `only ${left} day${plural(left)} of shelf life left; customer requires ${minLife}` };
  }
  if (!(lot.quantityOnHand > 0)) return { code: 'empty', reason: 'no stock on hand' };
  return undefined;
}

function rankReason(
  s: { lot: Lot; exp: number; rec: number },
  next: { lot: Lot; exp: number; rec: number } | undefined,
  count: number,
): string {
  if (!next) return count === 1 ? 'only sellable lot' : 'ships last: latest expiry';
  const id = next.lot.lotId;
  if (next.exp > s.exp) return `ships before ${id}: expires ${next.exp - s.exp} day${plural(next.exp - s.exp)} earlier`;
  if (next.rec > s.rec) return `ships before ${id}: same expiry, received ${next.rec - s.rec} day${plural(next.rec - s.rec)} earlier`;
  return `ships before ${id}: same expiry and receipt date, lot id sorts first`;
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

export interface LotPick {
  lotId: string;
  warehouse: string;
  quantity: number;
  expirationDate: IsoDate;
}

export interface FefoAllocation {
  requested: number;
  allocated: number;
  /** Units that could not be covered by sellable stock (0 when complete). */
  shortage: number;
  complete: boolean;
  picks: LotPick[];
  skipped: SkippedLot[];
}

/** Splits an outgoing quantity over lots in FEFO order (used by stock OUT movements). */
export function allocateFefo(lots: readonly Lot[], quantity: number, asOf: IsoDate, opts: FefoOptions = {}): FefoAllocation {
  if (!Number.isFinite(quantity) || quantity < 0) throw new RangeError('quantity must be a non-negative number');
  if (opts.sku === undefined && new Set(lots.map((l) => l.sku)).size > 1) throw new RangeError('lots span several SKUs: pass opts.sku');
  const { ranked, skipped } = rankFefo(lots, asOf, opts);
  const picks: LotPick[] = [];
  let left = quantity;
  for (const r of ranked) {
    if (left <= 0) break;
    const take = Math.min(left, r.lot.quantityOnHand);
    picks.push({ lotId: r.lot.lotId, warehouse: r.lot.warehouse, quantity: take, expirationDate: r.lot.expirationDate });
    left -= take;
  }
  // Fractional units (kg, litres) leave float dust; it is not a shortage.
  if (left < 1e-9 * Math.max(1, quantity)) left = 0;
  const allocated = quantity - left;
  return { requested: quantity, allocated, shortage: left, complete: left === 0, picks, skipped };
}
